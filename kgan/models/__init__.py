"""GAN families, one folder each. `FAMILIES` maps each `kgan` command-line name to its class."""
from kgan.models.cgan import CGAN
from kgan.models.dcgan import DCGAN
from kgan.models.gan import GAN
from kgan.models.infogan import InfoGAN
from kgan.models.wgan import WGAN
from kgan.models.wgan_gp import WGANGP

FAMILIES = {
    "gan": GAN,
    "dcgan": DCGAN,
    "cgan": CGAN,
    "wgan": WGAN,
    "wgan_gp": WGANGP,
    "infogan": InfoGAN,
}

__all__ = ["CGAN", "DCGAN", "FAMILIES", "GAN", "InfoGAN", "WGAN", "WGANGP"]
