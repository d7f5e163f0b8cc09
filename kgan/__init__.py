"""kgan: generative adversarial networks for Keras 3, on TensorFlow and JAX."""
import importlib

__version__ = "0.1.0"

_SUBPACKAGES = ("engine", "layers", "losses", "models", "data", "metrics", "callbacks", "cli", "tasks",
                "runs", "images", "sampling", "files")


def __getattr__(name):
    # Subpackages load on first use, so the command line can choose the backend before Keras starts.
    if name == "generate":
        from kgan.sampling import generate

        return generate
    if name in _SUBPACKAGES:
        return importlib.import_module(f"kgan.{name}")
    raise AttributeError(f"module 'kgan' has no attribute {name!r}")
