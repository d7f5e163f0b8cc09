"""GAN families, one folder each. `FAMILIES` maps each `kgan` command-line name to its class."""
from kgan import catalog
from kgan.models.cgan import CGAN
from kgan.models.context_encoder import ContextEncoder
from kgan.models.cyclegan import CycleGAN
from kgan.models.dcgan import DCGAN
from kgan.models.gan import GAN
from kgan.models.infogan import InfoGAN
from kgan.models.pix2pix import Pix2Pix
from kgan.models.srgan import SRGAN
from kgan.models.wgan import WGAN
from kgan.models.wgan_gp import WGANGP

# The names and their order live in the Keras-free catalog, which the command line reads before Keras loads.
FAMILIES = {name: globals()[class_name] for name, class_name in catalog.FAMILIES.items()}

__all__ = ["CGAN", "ContextEncoder", "CycleGAN", "DCGAN", "FAMILIES", "GAN", "InfoGAN", "Pix2Pix", "SRGAN", "WGAN", "WGANGP"]
