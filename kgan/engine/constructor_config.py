"""A `get_config` derived from the constructor's arguments, so that no argument can be left out of it."""
import contextlib
import functools
import inspect
import numbers


def _saveable(value):
    """Tuples as lists (a `.keras` file's JSON has no tuples), numpy scalars as Python numbers."""
    if isinstance(value, (list, tuple)):
        return [_saveable(item) for item in value]
    if isinstance(value, dict):
        return {key: _saveable(item) for key, item in value.items()}
    if isinstance(value, numbers.Number) and hasattr(value, "item"):
        return value.item()
    return value


def _bind(signature, instance, args, kwargs):
    """The `BoundArguments`, defaults applied; None if the call does not fit (it then raises that TypeError)."""
    try:
        bound = signature.bind(instance, *args, **kwargs)
    except TypeError:
        return None
    bound.apply_defaults()
    return bound


def _bound_arguments(signature, bound):
    """Name -> value of every named parameter, defaults included; a `**kwargs` parameter is spread out."""
    if bound is None:
        return None
    arguments = {}
    for position, (name, parameter) in enumerate(signature.parameters.items()):
        if position == 0 or parameter.kind == parameter.VAR_POSITIONAL:
            continue
        if parameter.kind == parameter.VAR_KEYWORD:
            arguments.update(bound.arguments[name])
        else:
            arguments[name] = bound.arguments[name]
    return arguments


def _replaced(signature, bound, checked):
    """`(args, kwargs)` of `bound` with the `checked` values in place of the given ones."""
    for name, parameter in signature.parameters.items():
        if parameter.kind == parameter.VAR_KEYWORD:
            bound.arguments[name] = {key: checked.get(key, value) for key, value in bound.arguments[name].items()}
        elif name in checked:
            bound.arguments[name] = checked[name]
    return bound.args, bound.kwargs


def _recording(init):
    """`init`, recording its arguments when it is the outermost constructor of the instance."""
    signature = inspect.signature(init)
    defaults = {name: p.default for name, p in signature.parameters.items() if p.default is not p.empty}

    @functools.wraps(init)
    def __init__(self, *args, **kwargs):
        bound = _bind(signature, self, args, kwargs)
        arguments = _bound_arguments(signature, bound)
        recorded = self.__dict__.get("_constructor_arguments")
        if recorded is None:  # the class being built: its arguments are the config
            if arguments is not None:  # checked before anything is built; the config holds the checked values
                arguments = type(self).checked_arguments(arguments)
                (_, *args), kwargs = _replaced(signature, bound, arguments)
            # object.__setattr__: Keras would track the dict, and its tracker is not set up yet.
            object.__setattr__(self, "_constructor_arguments", {})
            self._constructor_arguments.update({k: _saveable(v) for k, v in (arguments or {}).items()})
            with self.construction_scope(dict(self._constructor_arguments)):
                init(self, *args, **kwargs)
            return
        # A base class's constructor, reached through `super().__init__(**kwargs)`: record the
        # defaults it fills in (`seed=None`), not values a subclass computes and passes itself.
        for name, value in (arguments or {}).items():
            if name not in recorded and name in defaults and value is defaults[name]:
                recorded[name] = _saveable(value)
        init(self, *args, **kwargs)

    __init__.__signature__ = signature  # for `inspect.getfullargspec`, which Keras uses
    return __init__


class ConstructorConfig:
    """Records the arguments an instance was built with; `get_config` returns them.

    Every subclass that defines `__init__` gets it wrapped. The outermost
    constructor's bound arguments (defaults included, a `**kwargs` parameter
    spread out) become the config, plus the defaults that the base classes'
    constructors fill in for parameters the caller left out, so that
    `cls(**model.get_config())` rebuilds the same model. Tuples are recorded
    as lists, as they come back from a saved file. The outermost constructor
    runs inside `construction_scope(arguments)`, a hook for the host class,
    after `checked_arguments(arguments)`, another, has checked them.

    List it before `keras.Model` among the bases.

    Example:
    ```python
    class MyGAN(AdversarialModel):  # AdversarialModel is a ConstructorConfig
        def __init__(self, latent_dim=100, **kwargs):
            super().__init__(**kwargs)
            ...
    MyGAN(latent_dim=8, seed=1).get_config()  # {..., "latent_dim": 8, "seed": 1, "ema_decay": None, ...}
    ```
    """

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "__init__" in cls.__dict__:
            cls.__init__ = _recording(cls.__init__)

    def construction_scope(self, arguments):
        """A context manager around the outermost constructor; `arguments` are the recorded ones."""
        return contextlib.nullcontext()

    @classmethod
    def checked_arguments(cls, arguments):
        """A hook run on the outermost constructor's arguments before it runs: returns the values to build
        with (and record), or raises. The default returns them unchanged."""
        return dict(arguments)

    @classmethod
    def constructor_parameter_names(cls):
        """Names the constructor takes: the class's own, then its recording bases' (`seed`, `ema_decay`, ...)."""
        names = []
        for klass in cls.__mro__:
            if klass is ConstructorConfig or not issubclass(klass, ConstructorConfig) or "__init__" not in vars(klass):
                continue
            for parameter in inspect.signature(vars(klass)["__init__"]).parameters.values():
                if parameter.kind in (parameter.POSITIONAL_OR_KEYWORD, parameter.KEYWORD_ONLY) \
                        and parameter.name != "self" and parameter.name not in names:
                    names.append(parameter.name)
        return names

    def constructor_arguments(self):
        """The recorded constructor arguments, a copy."""
        return dict(self.__dict__.get("_constructor_arguments") or {})
