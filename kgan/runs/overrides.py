"""`--set key=value` overrides of a family's constructor arguments."""
import ast

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
    """A RunError for a key the family does not take, or one with its own option."""
    allowed = [name for name in cls.constructor_parameter_names() if name not in RESERVED]
    for key in overrides:
        if key in RESERVED:
            option = RESERVED[key]
            raise RunError(f"--set {key}=... is not allowed" + (f"; use {option}" if option else ""))
        if key not in allowed:
            raise RunError(f"{family} has no argument {key!r} for --set; it takes: {', '.join(allowed)}")
