"""`--set key=value` overrides of a family's constructor arguments."""
import ast
import difflib
import inspect

from kgan.runs.run_error import RunError

#: set through their own options, not `--set`.
RESERVED = {"seed": "--seed", "name": None, "dtype": "--precision", "stage": None}  # stage: the plan's


def parse_value(text):
    """A Python literal (`16`, `0.5`, `(32, 32, 1)`, `16,16,1`, `None`, `True`) or else the plain string."""
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


def parse_overrides(items):
    """`["image_size=16", "generator_loss=minimax"]` -> `{"image_size": 16, "generator_loss": "minimax"}`."""
    overrides = {}
    for item in items or ():
        key, equals, text = item.partition("=")
        key = key.strip()
        if not equals or not key.isidentifier():
            raise RunError(f"--set needs key=value, got {item!r}")
        overrides[key] = parse_value(text.strip())
    return overrides


def check_overrides(family, cls, overrides):
    """The overrides checked by the family's rules and in its arguments' types (`1` for a float argument is `1.0`).

    A one-line RunError for a key the family does not take, one with its own option,
    or a value the argument refuses.
    """
    allowed = [name for name in cls.constructor_parameter_names() if name not in RESERVED]
    for key in overrides:
        if key in RESERVED:
            option = RESERVED[key]
            raise RunError(f"--set {key}=... is not allowed" + (f"; use {option}" if option else ""))
        if key not in allowed:
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise RunError(f"{family} has no argument {key!r} for --set{hint}; it takes: {', '.join(allowed)}")
    defaults = _defaults(cls)
    checked = {}
    for key, value in overrides.items():
        try:
            checked[key] = _as_default_type(cls.checked_arguments({key: value})[key], defaults.get(key))
        except ValueError as error:
            default = defaults.get(key)
            hint = ""
            if isinstance(default, (list, tuple)) and not isinstance(value, (list, tuple)):
                hint = f"; write a list with commas, e.g. {key}={','.join(map(str, default))}"
            raise RunError(f"--set {key}: {error}{hint}") from None
    return checked


def _defaults(cls):
    """Name -> default of the constructor parameters of `cls` and of its bases."""
    defaults = {}
    for klass in cls.__mro__:
        init = vars(klass).get("__init__")
        if init is None or klass is object:
            continue
        try:
            parameters = inspect.signature(init).parameters.values()
        except (TypeError, ValueError):
            continue
        for parameter in parameters:
            if parameter.default is not parameter.empty:
                defaults.setdefault(parameter.name, parameter.default)
    return defaults


def _as_default_type(value, default):
    """An int where the argument's default is a float becomes a float; everything else is left to the checks."""
    if isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value
