"""The trained models shipped in the repository's `savedmodels/` folder, by name (`kgan translate --model NAME`)."""
import os

#: overrides where the shipped models are looked for.
ENVIRONMENT_VARIABLE = "KGAN_SAVEDMODELS"


def saved_models_folder():
    """`$KGAN_SAVEDMODELS`, else `savedmodels/` beside the kgan package: the repository root for an editable install."""
    folder = os.environ.get(ENVIRONMENT_VARIABLE)
    if folder:
        return folder
    package_parent = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return os.path.join(package_parent, "savedmodels")


def saved_model_names(folder=None):
    """The names of the `NAME.keras` files in `folder` (default: `saved_models_folder()`), sorted."""
    folder = saved_models_folder() if folder is None else folder
    if not os.path.isdir(folder):
        return []
    return sorted(name[:-len(".keras")] for name in os.listdir(folder)
                  if name.endswith(".keras") and os.path.isfile(os.path.join(folder, name)))


def saved_model_path(name):
    """The path of the shipped model `name`; a ValueError listing the names there when there is none."""
    folder = saved_models_folder()
    names = saved_model_names(folder)
    if name not in names:  # also refuses paths: a name never holds a separator
        found = ", ".join(names) if names else "none"
        raise ValueError(f"no saved model {name!r} in {folder} (${ENVIRONMENT_VARIABLE} sets the folder); "
                         f"the models there: {found}")
    return os.path.join(folder, f"{name}.keras")
