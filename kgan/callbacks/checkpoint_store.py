"""A folder of numbered, atomically written checkpoints."""
import glob
import json
import os
import re

import keras

from kgan import files

NAME = re.compile(r"^ckpt-(\d+)\.json$")


class CheckpointStore:
    """Checkpoints `ckpt-<step>.keras`, each made complete by its `ckpt-<step>.json`.

    `save` writes the model (weights, every optimizer's state, EMA) to a temporary
    file, syncs it and renames it into place; only then does it write the JSON
    (step, epoch, seed-generator states) the same way. A checkpoint without its
    JSON does not exist to `latest()`, so a run killed at any moment leaves the
    last complete checkpoint loadable. Older checkpoints beyond `keep` are removed,
    JSON first.

    Args:
        directory: the folder; created if missing.
        keep: how many of the newest checkpoints to keep.
    """

    def __init__(self, directory, keep=3):
        if keep < 1:
            raise ValueError(f"keep must be at least 1, got {keep}.")
        self.directory = os.fspath(directory)
        self.keep = keep

    def model_path(self, step):
        return os.path.join(self.directory, f"ckpt-{step:09d}.keras")

    def info_path(self, step):
        return os.path.join(self.directory, f"ckpt-{step:09d}.json")

    def save(self, model, step, **info):
        """Writes a checkpoint of `model` at global `step`; `info` goes into its JSON."""
        os.makedirs(self.directory, exist_ok=True)
        path = files.save_model(model, self.model_path(step))
        record = {"step": int(step), "model": os.path.basename(path), **info}
        files.write_json(record, self.info_path(step))
        self.prune()
        return path

    def steps(self):
        """Steps of the complete checkpoints, oldest first."""
        found = []
        for path in glob.glob(os.path.join(glob.escape(self.directory), "ckpt-*.json")):
            match = NAME.match(os.path.basename(path))
            if match and os.path.exists(self.model_path(int(match.group(1)))):
                found.append(int(match.group(1)))
        return sorted(found)

    def read(self, step):
        with open(self.info_path(step)) as file:
            record = json.load(file)
        record["path"] = self.model_path(step)
        return record

    def latest(self):
        """The newest complete checkpoint's record (`step`, `path`, ...), or None."""
        steps = self.steps()
        return self.read(steps[-1]) if steps else None

    def load(self, record=None, compile=True):
        """Loads a checkpoint (default: the latest); returns the model."""
        import kgan.models  # noqa: F401  (registers the families for deserialization)

        record = record or self.latest()
        if record is None:
            raise FileNotFoundError(f"No complete checkpoint in {self.directory}.")
        return keras.models.load_model(record["path"], compile=compile)

    def prune(self):
        for step in self.steps()[: -self.keep]:
            os.remove(self.info_path(step))
            os.remove(self.model_path(step))

    def remove_temporary_files(self):
        if os.path.isdir(self.directory):
            files.remove_temporary_files(self.directory)
