"""Write wrappers that make this process's file writes fail as a full or read-only disk would.

They patch `builtins.open`, `io.open`, `os.open` and `os.mkdir` for the paths a test names,
so they work where the real faults cannot be made: a full disk where no small tmpfs can be
mounted, and a read-only folder for root, whom `chmod` does not stop. Writes made by C++
(TensorFlow's event files) do not go through them.
"""
import builtins
import errno
import io
import os


class _FillingFile:
    """A real file whose writes stop, as on a disk that just filled up, after `room` more bytes."""

    def __init__(self, file, path, room):
        self._file, self._path, self._room = file, path, room

    def write(self, data):
        if len(data) > self._room:
            self._file.write(data[: self._room])
            self._room = 0
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), self._path)
        self._room -= len(data)
        return self._file.write(data)

    def __getattr__(self, name):
        return getattr(self._file, name)

    def __iter__(self):
        return iter(self._file)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self._file.close()


def _writing(mode):
    return any(flag in mode for flag in "wax+")


def _path(file):
    return os.path.abspath(os.fspath(file)) if isinstance(file, (str, bytes, os.PathLike)) else None


def full_disk(monkeypatch, matches, room=1000):
    """Files opened for writing whose absolute path `matches(path)` take `room` bytes, then raise ENOSPC."""
    real_open = builtins.open

    def open_(file, mode="r", *args, **kwargs):
        opened = real_open(file, mode, *args, **kwargs)
        path = _path(file)
        if path is not None and _writing(mode) and matches(path):
            return _FillingFile(opened, os.fspath(file), room)
        return opened

    monkeypatch.setattr(builtins, "open", open_)
    monkeypatch.setattr(io, "open", open_)


def refuse_writes(monkeypatch, folder, error_number=errno.EACCES):
    """Creating or opening for writing anything in `folder` (and `folder` itself) raises `error_number`."""
    folder = os.path.abspath(folder)
    real_open, real_os_open, real_mkdir = builtins.open, os.open, os.mkdir

    def inside(file):
        path = _path(file)
        return path is not None and (path == folder or path.startswith(folder + os.sep))

    def refuse(file):
        raise OSError(error_number, os.strerror(error_number), os.fspath(file))

    def open_(file, mode="r", *args, **kwargs):
        if _writing(mode) and inside(file):
            refuse(file)
        return real_open(file, mode, *args, **kwargs)

    def os_open(path, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT) and inside(path):
            refuse(path)
        return real_os_open(path, flags, *args, **kwargs)

    def mkdir(path, *args, **kwargs):
        if inside(path) or inside(os.path.dirname(os.path.abspath(os.fspath(path)))):
            refuse(path)
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", open_)
    monkeypatch.setattr(io, "open", open_)
    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(os, "mkdir", mkdir)


def read_only(monkeypatch, folder):
    """Makes `folder` read-only for this process: `chmod a-w` for a normal user; for root, whom file modes
    do not stop, `refuse_writes` (EACCES). Returns how it did it, "chmod" or "wrapper"."""
    if os.geteuid() != 0:
        for root, dirs, _ in os.walk(folder):
            for name in dirs:
                os.chmod(os.path.join(root, name), 0o555)
        os.chmod(folder, 0o555)
        return "chmod"
    refuse_writes(monkeypatch, folder)
    return "wrapper"


def make_writable(folder):
    """Undoes `read_only`'s chmod, so pytest can remove the folder."""
    os.chmod(folder, 0o755)
    for root, dirs, _ in os.walk(folder):
        for name in dirs:
            os.chmod(os.path.join(root, name), 0o755)
