"""Layers, one class per file."""
from kgan.layers.fade_in import FadeIn
from kgan.layers.maxout import Maxout

__all__ = ["FadeIn", "Maxout"]
