"""kgan: generative adversarial networks for Keras 3, on TensorFlow and JAX."""
import importlib
import os
import sys

__version__ = "0.1.0"

_SUBPACKAGES = ("engine", "layers", "losses", "models", "data", "metrics", "callbacks", "cli", "tasks",
                "runs", "images", "sampling", "files", "catalog")


def __getattr__(name):
    if name == "generate":
        from kgan.sampling import generate

        return generate
    if name in _SUBPACKAGES:
        return importlib.import_module(f"kgan.{name}")
    raise AttributeError(f"module 'kgan' has no attribute {name!r}")


def _started_as_the_command_line():
    """True in the `kgan` console script and in `python -m kgan.cli.main` (or any `python -m kgan.<module>`).

    The console script's `sys.argv[0]` is its path, `.../bin/kgan` (pip strips `.exe`); while
    `python -m` imports the module's packages, `sys.argv[0]` is `"-m"` (documented in the
    Python command-line reference). A wrong guess only makes `import kgan` lazy, as it was.
    """
    argv = getattr(sys, "argv", None) or [""]
    return argv[0] == "-m" or os.path.basename(argv[0]) == "kgan" or _an_application(argv[0])


def _an_application(script):
    """True for `python apps/NAME.py` of this repository: its `--backend` is chosen before Keras loads."""
    apps = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "apps")
    return bool(script) and os.path.dirname(os.path.abspath(script)) == apps


# A user's `import kgan` registers the families and layers with Keras, so `keras.models.load_model` finds
# them. The command line instead stays lazy: it parses `--backend`, and answers `list`, `--help` and bad
# input, before Keras (and TensorFlow) load; its commands import what they need.
if not _started_as_the_command_line():
    from kgan import layers, models  # noqa: E402,F401
