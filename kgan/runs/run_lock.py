"""The lock that keeps two processes out of one run directory."""
import errno
import fcntl
import os

from kgan.environment_fault import EnvironmentFault

LOCK_NAME = ".lock"


class RunLock:
    """An exclusive `flock` on `RUN_DIR/.lock`, which holds the owner's PID.

    The kernel drops the lock when its process ends, however it ends (`kill -9`
    too), so a lock file left by a dead process never blocks a later run: only a
    live holder does. A second process gets an `EnvironmentFault`
    (`RUN_DIR is in use by process PID`, exit code 3). `release` removes the file.

    Args:
        directory: the run directory; it must exist.

    Example:
    ```python
    with RunLock("runs/digits"):
        ...  # nobody else trains into runs/digits meanwhile
    ```
    """

    def __init__(self, directory):
        self.directory = os.fspath(directory)
        self.path = os.path.join(self.directory, LOCK_NAME)
        self.descriptor = None

    def acquire(self):
        while True:
            try:
                descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as error:
                raise EnvironmentFault.writing(self.path, error) from None
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as error:
                holder = _read_pid(descriptor)
                os.close(descriptor)
                if error.errno in (errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES):
                    raise in_use(self.directory, holder or "") from None
                raise EnvironmentFault(f"cannot lock {self.path}", error) from None
            # The holder before us may have removed the file between our open and our flock: lock the new one.
            if _same_file(descriptor, self.path):
                break
            os.close(descriptor)
        try:
            os.ftruncate(descriptor, 0)
            os.write(descriptor, f"{os.getpid()}\n".encode())
        except OSError as error:
            os.close(descriptor)
            raise EnvironmentFault.writing(self.path, error) from None
        self.descriptor = descriptor
        return self

    def holder(self):
        """The PID (text) of a live process holding the lock, "" when it wrote none, None when nobody holds it.

        Only reads: it takes and drops a shared lock, so a read-only directory works too.
        """
        try:
            descriptor = os.open(self.path, os.O_RDONLY)
        except OSError:
            return None  # no lock file: nobody holds it
        try:
            fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError as error:
            held = error.errno in (errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES)
            return (_read_pid(descriptor) or "") if held else None
        else:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
            return None
        finally:
            os.close(descriptor)

    def release(self):
        if self.descriptor is None:
            return
        try:
            os.remove(self.path)  # while still held, so nobody locks the file that is going away
        except OSError:
            pass
        os.close(self.descriptor)
        self.descriptor = None

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc_info):
        self.release()


def in_use(directory, holder):
    """The fault a held run directory gives: `RUN_DIR is in use by process PID` (exit code 3)."""
    return EnvironmentFault(f"{directory} is in use by {f'process {holder}' if holder else 'another process'}")


def _read_pid(descriptor):
    try:
        text = os.pread(descriptor, 32, 0).decode(errors="replace").strip()
    except OSError:
        return None
    return text if text.isdigit() else None


def _same_file(descriptor, path):
    try:
        return os.path.samestat(os.fstat(descriptor), os.stat(path))
    except OSError:
        return False
