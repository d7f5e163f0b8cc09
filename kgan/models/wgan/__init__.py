from kgan.models.wgan.presets import PRESETS
from kgan.models.wgan.wgan import WGAN

__all__ = ["WGAN", "PRESETS"]
