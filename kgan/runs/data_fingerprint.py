"""A cheap fingerprint of a run's data, recorded at the start and compared on `--resume`."""
import hashlib
import os

import numpy as np


def data_fingerprint(spec):
    """A dict that changes when the data named by `spec` (a `kgan.data.load` string) changes.

    - a folder: the names, sizes and modification times of the images it holds
      (reading every image would cost as much as loading the data);
    - a file (`.npz`): its size and the SHA-256 of its bytes;
    - `digits`, `photos`, `photos:TASK`: the SHA-256 of the arrays shipped in the installed wheels;
    - `tfds:NAME[:SPLIT]`: the dataset's name, split and version.
    """
    spec = os.fspath(spec)
    if spec in ("digits", "photos") or spec.startswith("photos:"):
        return {"kind": "embedded", "sha256": _arrays_digest(_embedded_arrays(spec))}
    if spec.startswith("tfds:"):
        return _tfds_fingerprint(spec)
    if os.path.isdir(spec):
        return _folder_fingerprint(spec)
    digest = hashlib.sha256()
    with open(spec, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return {"kind": "file", "bytes": os.path.getsize(spec), "sha256": digest.hexdigest()}


def describe_change(before, after):
    """The phrase that says how two fingerprints differ, for the one-line refusal."""
    def size(fingerprint):
        parts = []
        if "files" in fingerprint:
            parts.append(f"{fingerprint['files']:,} files")
        if "bytes" in fingerprint:
            parts.append(f"{fingerprint['bytes']:,} bytes")
        if "version" in fingerprint:
            parts.append(f"version {fingerprint['version']}")
        return ", ".join(parts)

    then, now = size(before), size(after)
    if then and now and then != now:
        return f"its content fingerprint differs: {then} then, {now} now"
    return "its content fingerprint differs" + (f", with the same {now}" if now else "")


def _folder_fingerprint(folder):
    from kgan.data.folder import walk_images

    digest, total, paths = hashlib.sha256(), 0, walk_images(folder)
    for path in paths:
        stat = os.stat(path)
        total += stat.st_size
        digest.update(f"{os.path.relpath(path, folder)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return {"kind": "folder", "files": len(paths), "bytes": total, "sha256": digest.hexdigest()}


def _embedded_arrays(spec):
    if spec == "digits":
        from sklearn.datasets import load_digits

        bunch = load_digits()
        return [bunch.images, bunch.target]
    from kgan.data.photos import read_photos

    return read_photos()


def _arrays_digest(arrays):
    digest = hashlib.sha256()
    for array in arrays:
        array = np.ascontiguousarray(array)
        digest.update(f"{array.dtype.str}{array.shape}".encode())
        digest.update(array.tobytes())
    return digest.hexdigest()


def _tfds_fingerprint(spec):
    from kgan.data.tfds_source import import_tfds, make_builder, parse_spec

    name, split = parse_spec(spec)
    fingerprint = {"kind": "tfds", "name": name, "split": split}
    try:
        fingerprint["version"] = str(make_builder(import_tfds(), name, None).version)
    except Exception:  # noqa: BLE001  (the loader itself reports a dataset it cannot open)
        pass
    return fingerprint
