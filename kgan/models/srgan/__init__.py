"""SRResNet and SRGAN (Ledig et al. 2017): x2 and x4 super-resolution."""
from kgan.models.srgan.srgan import SRGAN

__all__ = ["SRGAN"]
