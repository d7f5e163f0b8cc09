from kgan.models.gan.gan import GAN
from kgan.models.gan.presets import PRESETS

__all__ = ["GAN", "PRESETS"]
