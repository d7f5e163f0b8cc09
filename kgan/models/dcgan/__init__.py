from kgan.models.dcgan.dcgan import DCGAN
from kgan.models.dcgan.presets import PRESETS

__all__ = ["DCGAN", "PRESETS"]
