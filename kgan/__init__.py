"""kgan: generative adversarial networks for Keras 3, on TensorFlow and JAX."""
__version__ = "0.1.0"

from kgan import engine, layers, losses, models  # noqa: E402,F401
