"""Loading a trained kgan model from a run directory or a `.keras` file."""
import os
import zipfile

from kgan.runs.run_directory import RunDirectory
from kgan.runs.run_error import RunError


def _one_line(error):
    return " ".join(str(error).split())[:300] or type(error).__name__


def load_for_sampling(path):
    """The kgan model in `path`: a run directory (its `model.keras`, else its latest checkpoint) or a `.keras` file.

    Raises a RunError naming the problem: a missing path, a run with no model
    yet, a file that is not a kgan model (e.g. a bare `generator.keras`).
    """
    import keras

    import kgan.models  # noqa: F401  (registers the families for deserialization)
    from kgan.callbacks import CheckpointStore
    from kgan.engine import AdversarialModel

    path = os.fspath(path)
    if os.path.isdir(path):
        directory = RunDirectory(path)
        directory.check_existing()
        if os.path.exists(directory.model):
            path = directory.model
        else:
            latest = CheckpointStore(directory.checkpoints).latest()
            if latest is None:
                raise RunError(f"{path} has no model.keras and no checkpoint yet")
            path = latest["path"]
    elif not os.path.exists(path):
        raise RunError(f"no such run directory or model file: {path}")
    elif not path.endswith(".keras"):
        raise RunError(f"{path} is not a .keras model file or a run directory")
    if not zipfile.is_zipfile(path):  # Keras would say "File not found"
        raise RunError(f"cannot load {path}: it is not a .keras zip archive")
    try:
        model = keras.models.load_model(path, compile=False)
    except Exception as error:  # noqa: BLE001  (zip, HDF5 and deserialization errors alike)
        raise RunError(f"cannot load {path}: {_one_line(error)}") from None
    if not isinstance(model, AdversarialModel):
        raise RunError(f"{path} is not a kgan model (a bare generator?); pass the run directory or its model.keras")
    return model
