"""A folder of numbered, atomically written checkpoints, each with the checksum of its model file."""
import glob
import hashlib
import json
import os
import re

import keras

from kgan import files
from kgan.environment_fault import EnvironmentFault

NAME = re.compile(r"^ckpt-(\d+)\.json$")
#: the prefix of a damaged checkpoint's files once `--resume` has passed it over.
DAMAGED_PREFIX = "damaged-"


class CheckpointStore:
    """Checkpoints `ckpt-<step>.keras`, each made complete by its `ckpt-<step>.json`.

    `save` writes the model (weights, every optimizer's state, EMA) to a temporary
    file, syncs it and renames it into place; only then does it write the JSON
    (step, epoch, the `.keras` file's `sha256`) the same way. A checkpoint without
    its JSON does not exist to `latest()`, so a run killed at any moment leaves the
    last complete checkpoint loadable. `latest_usable()` also survives a damaged
    disk: it checks each checkpoint's checksum (or, for checkpoints written before
    checksums, that it loads) and falls back to the newest good one. Older
    checkpoints beyond `keep` are removed, JSON first. An `OSError` while writing
    (full disk, file-size limit, permission) becomes an `EnvironmentFault` naming
    the checkpoint; the previous checkpoints stay as they were.

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
        path = self.model_path(step)
        try:
            os.makedirs(self.directory, exist_ok=True)
            files.save_model(model, path)
            record = {"step": int(step), "model": os.path.basename(path), "sha256": sha256_of(path), **info}
            path = self.info_path(step)
            files.write_json(record, path)
        except OSError as error:
            raise EnvironmentFault.writing(path, error) from None
        try:
            self.prune()
        except OSError as error:
            raise EnvironmentFault(f"cannot remove an old checkpoint in {self.directory}", error) from None
        return self.model_path(step)

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
        """The newest complete checkpoint's record (`step`, `path`, ...) whose JSON reads, or None."""
        for step in reversed(self.steps()):
            try:
                return self.read(step)
            except (OSError, ValueError):
                continue
        return None

    def latest_usable(self, compile=True):
        """`(record, model, damaged)`: the newest checkpoint that is whole, loaded, and `(path, reason)` for
        each newer one that is not. `(None, None, damaged)` when none is usable.

        A checkpoint is whole when its JSON reads and its `.keras` file matches the
        JSON's `sha256`; one without a `sha256` (written by an older kgan) when it loads.
        """
        damaged = []
        for step in reversed(self.steps()):
            record, reason = self._check(step)
            if reason is None:
                try:
                    return record, self.load(record, compile=compile), damaged
                except Exception as error:  # noqa: BLE001  (any failure to load makes it unusable)
                    reason = f"does not load ({' '.join(str(error).split())[:200]})"
            damaged.append((self.info_path(step) if record is None else self.model_path(step), reason))
        return None, None, damaged

    def _check(self, step):
        """`(record, None)` if the checkpoint at `step` looks whole, else `(record or None, reason)`."""
        try:
            record = self.read(step)
        except ValueError:
            return None, "is not valid JSON"
        except OSError as error:
            return None, f"cannot be read ({error.strerror or error})"
        expected = record.get("sha256")
        if expected is None:
            return record, None
        try:
            found = sha256_of(record["path"])
        except OSError as error:
            return record, f"cannot be read ({error.strerror or error})"
        if found != expected:
            return record, f"does not match the checksum in {os.path.basename(self.info_path(step))} " \
                           "(damaged or cut short)"
        return record, None

    def load(self, record=None, compile=True):
        """Loads a checkpoint (default: the latest); returns the model."""
        import kgan.models  # noqa: F401  (registers the families for deserialization)

        record = record or self.latest()
        if record is None:
            raise FileNotFoundError(f"No complete checkpoint in {self.directory}.")
        return keras.models.load_model(record["path"], compile=compile)

    def set_aside(self, path):
        """Renames the checkpoint that `path` (its `.keras` or `.json`) belongs to `damaged-ckpt-...`, so
        `steps()` no longer sees it; returns the new names."""
        stem = os.path.splitext(os.path.basename(path))[0]
        renamed = []
        for ext in (".json", ".keras"):  # the JSON first: without it the checkpoint is no longer complete
            source = os.path.join(self.directory, stem + ext)
            if os.path.exists(source):
                os.replace(source, os.path.join(self.directory, DAMAGED_PREFIX + stem + ext))
                renamed.append(DAMAGED_PREFIX + stem + ext)
        return renamed

    def prune(self):
        for step in self.steps()[: -self.keep]:
            os.remove(self.info_path(step))
            os.remove(self.model_path(step))

    def remove_temporary_files(self):
        if os.path.isdir(self.directory):
            files.remove_temporary_files(self.directory)


def sha256_of(path, chunk=1 << 20):
    """The hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(chunk), b""):
            digest.update(block)
    return digest.hexdigest()
