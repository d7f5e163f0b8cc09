"""Options of a run's data rather than of its model (`--set direction=BtoA`)."""
from kgan.runs.run_error import RunError

#: name -> the values it takes; each is a `kgan.data.load_task` keyword.
DATA_OPTIONS = {"direction": ("AtoB", "BtoA")}


def split_data_options(cls, overrides):
    """(model overrides, data options): `--set` keys that name a data option the family does not take itself."""
    taken = set(cls.constructor_parameter_names())
    model = {key: value for key, value in overrides.items() if key in taken or key not in DATA_OPTIONS}
    data = {key: value for key, value in overrides.items() if key not in model}
    return model, data


def check_data_options(options):
    """The options, checked: a one-line RunError for an unknown name or value."""
    for key, value in options.items():
        if key not in DATA_OPTIONS:
            raise RunError(f"unknown data option {key!r}; choose one of: {', '.join(DATA_OPTIONS)}")
        if value not in DATA_OPTIONS[key]:
            raise RunError(f"--set {key} must be one of {', '.join(DATA_OPTIONS[key])}, got {value!r}")
    return dict(options)
