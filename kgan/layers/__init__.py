"""Layers, one class per file."""
from kgan.layers.fade_in import FadeIn
from kgan.layers.maxout import Maxout
from kgan.layers.sampling_dropout import SamplingDropout

__all__ = ["FadeIn", "Maxout", "SamplingDropout"]
