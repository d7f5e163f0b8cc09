from kgan.models.cgan.cgan import CGAN
from kgan.models.cgan.presets import PRESETS

__all__ = ["CGAN", "PRESETS"]
