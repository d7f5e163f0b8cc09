from kgan.models.pix2pix.pix2pix import Pix2Pix
from kgan.models.pix2pix.presets import PRESETS

__all__ = ["Pix2Pix", "PRESETS"]
