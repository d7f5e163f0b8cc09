from kgan.models.cyclegan.cyclegan import CycleGAN
from kgan.models.cyclegan.image_pool import ImagePool
from kgan.models.cyclegan.linear_decay import LinearDecay
from kgan.models.cyclegan.presets import PRESETS

__all__ = ["CycleGAN", "ImagePool", "LinearDecay", "PRESETS"]
