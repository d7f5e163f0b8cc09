"""Turning the operating system's refusals to write into one-line `EnvironmentFault`s."""
import contextlib
import os
import re

from kgan.environment_fault import EnvironmentFault
from kgan.files import TEMPORARY_PREFIX

_TEMPORARY = re.compile(rf"^{re.escape(TEMPORARY_PREFIX)}\d+-")


@contextlib.contextmanager
def writing(path):
    """Any `OSError` inside becomes `EnvironmentFault("cannot write PATH: <OS error>")`."""
    try:
        yield
    except OSError as error:
        raise EnvironmentFault.writing(path, error) from None


def user_path(filename):
    """The file a user asked for, for a name that may be one of `kgan.files`' temporaries."""
    if not filename:
        return filename
    directory, name = os.path.split(os.fspath(filename))
    return os.path.join(directory, _TEMPORARY.sub("", name))


def fault_from(error, default_path):
    """The `EnvironmentFault` for an `OSError` raised while training wrote into `default_path`."""
    path = user_path(error.filename) if getattr(error, "filename", None) else default_path
    return EnvironmentFault.writing(path, error)
