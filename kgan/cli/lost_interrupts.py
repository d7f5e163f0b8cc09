"""Ctrl-C and SIGTERM that Python dropped, delivered again."""
import _thread
import os
import signal
import sys
import time

from kgan.cli.terminated import Terminated


#: long enough for the main thread to leave the hook (a signal handled inside it would be dropped again).
RESEND_DELAY_S = 0.05


def _resend(signum):
    time.sleep(RESEND_DELAY_S)
    os.kill(os.getpid(), signum)


def _unraisable(info, fallback):
    if not isinstance(info.exc_value, KeyboardInterrupt):
        return fallback(info)
    # From another thread, a moment later, so that its handler runs in the main thread's own code. A
    # low-level thread: `threading.Thread.start` waits for the thread, and the signal would land in that wait.
    signum = signal.SIGTERM if isinstance(info.exc_value, Terminated) else signal.SIGINT
    _thread.start_new_thread(_resend, (signum,))
    return None


def recover_lost_interrupts():
    """Re-sends a SIGINT or SIGTERM whose exception Python had to drop.

    JAX (which importing TensorFlow also imports) runs a garbage-collector callback very often. A signal
    that arrives while it runs raises its KeyboardInterrupt there, and Python can only report such an
    exception ("Exception ignored in gc callback"), as it does in `__del__` and weakref callbacks, so a
    plain Ctrl-C was sometimes lost and the run went on. Python hands these exceptions to
    `sys.unraisablehook`; this hook sends the same signal again, to be raised where it can be caught.
    Calling it twice installs it once.
    """
    if getattr(sys.unraisablehook, "recovers_interrupts", False):
        return
    fallback = sys.unraisablehook

    def hook(info):
        return _unraisable(info, fallback)

    hook.recovers_interrupts = True
    sys.unraisablehook = hook
