"""A new run directory, created and locked before anything is built, and removed if training never starts."""
import os
import shutil

from kgan import files
from kgan.environment_fault import EnvironmentFault
from kgan.runs.run_lock import RunLock


class RunClaim:
    """Creates `RUN_DIR` (and missing parents), locks it and checks it holds no run; undoes it all
    unless `started()` was called.

    Two `kgan train` processes on one `--out` race for the lock: the second gets
    `RUN_DIR is in use by process PID`. A run that fails (or is interrupted)
    before it starts training leaves no run directory behind: the directory is
    removed if this claim made it, else only the run's entries are.

    Args:
        directory: the `RunDirectory` of the new run.

    Example:
    ```python
    with RunClaim(directory) as claim:
        ...  # build the model, load the data, write config.json
        claim.started()
        ...  # train: from here on the directory stays, whatever happens
    ```
    """

    def __init__(self, directory):
        self.directory = directory
        self.created = []  # the folders this claim made, outermost first
        self.lock = RunLock(directory.path)
        self.kept = False

    def __enter__(self):
        self._make_folders()
        try:
            self.lock.acquire()
        except BaseException:
            self._remove_folders()
            raise
        try:
            # Again, under the lock: a run that started and finished meanwhile is not ours to remove.
            self.directory.check_new()
        except BaseException:
            self.lock.release()
            self._remove_folders()
            raise
        return self

    def started(self):
        self.kept = True

    def __exit__(self, *exc_info):
        try:
            if not self.kept:
                self._remove_entries()
        finally:
            self.lock.release()
            if not self.kept:
                self._remove_folders()

    def _make_folders(self):
        missing, path = [], os.path.abspath(self.directory.path)
        while not os.path.exists(path):
            missing.append(path)
            path = os.path.dirname(path)
        for folder in reversed(missing):
            try:
                os.mkdir(folder)
            except FileExistsError:
                continue  # made meanwhile by another process, which then holds (or races for) the lock
            except OSError as error:
                self._remove_folders()
                raise EnvironmentFault(f"cannot create {folder}", error) from None
            self.created.append(folder)

    def _remove_entries(self):
        files.remove_temporary_files(self.directory.path)
        for entry in self.directory.entries():
            if os.path.isdir(entry):
                shutil.rmtree(entry, ignore_errors=True)
            elif os.path.exists(entry):
                os.remove(entry)

    def _remove_folders(self):
        for folder in reversed(self.created):
            try:
                os.rmdir(folder)
            except OSError:
                pass  # not empty: someone else's files, which stay
        self.created = []
