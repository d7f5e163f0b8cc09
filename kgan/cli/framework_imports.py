"""Imports TensorFlow, JAX and Keras with their C++ start-up lines kept off stderr.

TensorFlow 2.21 prints "All log messages before absl::InitializeLog() is called are
written to STDERR", its oneDNN notice and CPU/CUDA feature lines from C++ while it
imports, before `TF_CPP_MIN_LOG_LEVEL` or absl's verbosity apply. Only pointing file
descriptor 2 elsewhere during the import keeps them off; `kgan --tf-logs` shows them.
"""
import contextlib
import importlib
import importlib.util
import logging
import os
import sys
import tempfile


@contextlib.contextmanager
def _descriptor_2_captured():
    # A file rather than /dev/null: if the import fails, what it printed explains why.
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as capture:
        os.dup2(capture.fileno(), 2)
        failed = False
        try:
            yield
        except Exception:  # not Ctrl-C: an interrupted import explains nothing, and one line says so
            failed = True
            raise
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            if failed:
                capture.seek(0)
                sys.stderr.write(capture.read().decode(errors="replace"))
                sys.stderr.flush()


def _installed(name):
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _quiet_python_loggers():
    logging.getLogger("tensorflow").setLevel(logging.ERROR)
    if "absl.logging" in sys.modules:
        absl_logging = sys.modules["absl.logging"]
        absl_logging.set_verbosity(absl_logging.ERROR)


def import_frameworks(names, show_logs=False):
    """Imports the modules `names` (those installed), in order, keeping their start-up lines off stderr.

    Without `show_logs` it also sets `TF_CPP_MIN_LOG_LEVEL=3` (for what TensorFlow
    logs later) and quiets TensorFlow's and absl's Python loggers. An import that
    fails writes what it printed to stderr before its exception propagates.

    Args:
        names: module names, e.g. `["tensorflow", "keras"]`; Keras imports its backend.
        show_logs: import plainly, logs and all (`kgan --tf-logs`).

    Example:
    ```python
    import_frameworks(["tensorflow", "keras"])  # then `import keras` is silent and free
    ```
    """
    if not show_logs:
        os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
    missing = [name for name in names if name not in sys.modules and _installed(name)]
    if missing and not show_logs:
        with _descriptor_2_captured():
            for name in missing:
                importlib.import_module(name)
    else:
        for name in missing:
            importlib.import_module(name)
    if not show_logs:
        _quiet_python_loggers()
