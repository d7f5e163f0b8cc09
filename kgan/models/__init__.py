"""GAN families, one folder each."""
from kgan.models.gan import GAN

FAMILIES = {"gan": GAN}

__all__ = ["GAN", "FAMILIES"]
