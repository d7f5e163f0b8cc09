from kgan.models.wgan_gp.presets import PRESETS
from kgan.models.wgan_gp.wgan_gp import WGANGP

__all__ = ["WGANGP", "PRESETS"]
