"""kgan: generative adversarial networks for Keras 3, on TensorFlow and JAX."""
import importlib

__version__ = "0.1.0"

_SUBPACKAGES = ("engine", "layers", "losses", "models", "data", "export", "metrics", "callbacks", "cli")


def __getattr__(name):
    # Subpackages load on first use, so `kgan` can set up logging before Keras starts.
    if name in _SUBPACKAGES:
        return importlib.import_module(f"kgan.{name}")
    raise AttributeError(f"module 'kgan' has no attribute {name!r}")
