"""Layers, one class per file."""
from kgan.layers.fade_in import FadeIn
from kgan.layers.maxout import Maxout
from kgan.layers.pixel_shuffle import PixelShuffle
from kgan.layers.reflection_padding import ReflectionPadding2D
from kgan.layers.sampling_dropout import SamplingDropout
from kgan.layers.upsampled_skip import UpsampledSkip

__all__ = ["FadeIn", "Maxout", "PixelShuffle", "ReflectionPadding2D", "SamplingDropout", "UpsampledSkip"]
