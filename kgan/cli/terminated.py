"""SIGTERM as an exception, so a scheduler's stop ends a run the way Ctrl-C does."""
import contextlib
import signal
import threading


class Terminated(KeyboardInterrupt):
    """Raised in the main thread when the process receives SIGTERM.

    It is a `KeyboardInterrupt`, so everything that cleans up after Ctrl-C
    (atomic writes removing their temporaries, a run directory that never
    started being removed) does the same here; the command exits with 143
    (`kgan.exit_codes.TERMINATED`) instead of 130.

    Example:
    ```python
    with sigterm_raises():
        train(...)  # `kill PID` raises Terminated here
    ```
    """


def _raise_terminated(signum, frame):
    raise Terminated("SIGTERM")


@contextlib.contextmanager
def sigterm_raises():
    """While inside, SIGTERM raises `Terminated` (in the main thread; elsewhere nothing changes)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
