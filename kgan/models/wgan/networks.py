"""The DCGAN generator and critic of the WGAN reference code (martinarjovsky/WassersteinGAN).

They are `kgan.models.dcgan`'s networks (DCGAN_G and DCGAN_D there); here the
critic has a normalization of choice and the reference's layer names.
"""
from kgan.models.dcgan import networks as dcgan


def build_generator(image_size, channels, latent_dim, filters):
    """DCGAN_G: `z` [N, latent_dim] -> images [N, S, S, C] in [-1, 1], from a 4x4 `"stem"`."""
    return dcgan.build_generator(image_size, channels, latent_dim, filters, stem_name="stem")


def build_critic(image_size, channels, filters, normalization="batch"):
    """DCGAN_D without the sigmoid: images [N, S, S, C] -> scores [N, 1].

    `normalization` (`"batch"`, `"layer"` or None) follows every conv but the
    first, in layers named `down{stage}_norm`.
    """
    return dcgan.build_discriminator(image_size, channels, filters, normalization, name="critic",
                                     norm_suffix="norm")
