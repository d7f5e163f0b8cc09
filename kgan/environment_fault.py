"""The error for an operating-system refusal: disk full, file-size limit, permission, a locked run directory."""
import os


class EnvironmentFault(Exception):
    """The machine, not the input, stopped the command: one line naming the path and the OS error.

    The command line prints it as `kgan: error: ...` and exits with code 3
    (`kgan.exit_codes.ENVIRONMENT`). Work already written stays as it was.

    Args:
        message: one line naming what was being done and the path.
        error: the `OSError`, if there is one; its `strerror` is appended.

    Example:
    ```python
    try:
        files.write_json(record, path)
    except OSError as error:
        raise EnvironmentFault(f"cannot write {path}", error) from None
    ```
    """

    def __init__(self, message, error=None):
        reason = ""
        if error is not None:
            reason = f": {error.strerror or error}" if isinstance(error, OSError) else f": {error}"
        super().__init__(" ".join(f"{message}{reason}".split()))

    @classmethod
    def writing(cls, path, error):
        """`cannot write PATH: No space left on device` (and the like) for an `OSError` while writing `path`."""
        return cls(f"cannot write {os.fspath(path)}", error)
