"""Layers, one class per file."""
from kgan.layers.maxout import Maxout

__all__ = ["Maxout"]
