from kgan.models.infogan.infogan import InfoGAN, mutual_information_loss
from kgan.models.infogan.presets import PRESETS

__all__ = ["InfoGAN", "PRESETS", "mutual_information_loss"]
