"""Files written atomically: to a temporary name in the same folder, synced, then renamed.

A reader (or a run killed at any moment) sees either the old file or the new one,
never a partial one. Temporary names start with `.tmp-`, so a folder can be
swept of leftovers with `remove_temporary_files`.
"""
import glob
import json
import os

TEMPORARY_PREFIX = ".tmp-"


def temporary_path(path):
    """A temporary name beside `path` that keeps its extension (Keras checks `.keras`)."""
    path = os.fspath(path)
    directory, name = os.path.split(os.path.abspath(path))
    return os.path.join(directory, f"{TEMPORARY_PREFIX}{os.getpid()}-{name}")


def fsync_directory(directory):
    """Makes a rename in `directory` durable (a no-op where directories cannot be opened)."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def commit(temporary, path):
    """Syncs the finished `temporary` file to disk and renames it over `path`."""
    with open(temporary, "rb") as file:
        os.fsync(file.fileno())
    os.replace(temporary, path)
    fsync_directory(os.path.dirname(os.path.abspath(path)))
    return os.fspath(path)


def _write_with(write, path):
    temporary = temporary_path(path)
    try:
        write(temporary)
        return commit(temporary, path)
    except OSError as error:
        _remove(temporary)
        raise naming(error, temporary, path) from None
    except BaseException:
        _remove(temporary)
        raise


def naming(error, temporary, path):
    """`error` (an OSError) with `path` in place of the `temporary` name it mentions: the user named `path`."""
    if temporary not in (error.filename, error.filename2):
        return error
    return type(error)(error.errno, error.strerror, os.fspath(path))


def _remove(temporary):
    if os.path.exists(temporary):
        os.remove(temporary)


def write_bytes(data, path):
    def write(temporary):
        with open(temporary, "wb") as file:
            file.write(data)
    return _write_with(write, path)


def write_json(value, path):
    return write_bytes((json.dumps(value, indent=2, sort_keys=True) + "\n").encode(), path)


def save_model(model, path):
    """`model.save(path)` (a `.keras` file), atomically."""
    return _write_with(model.save, path)


def remove_temporary_files(directory):
    """Deletes leftovers of writes that were killed before their rename."""
    for leftover in glob.glob(os.path.join(glob.escape(os.fspath(directory)), TEMPORARY_PREFIX + "*")):
        try:
            os.remove(leftover)
        except OSError:
            pass
