"""WGAN-GP networks: the WGAN DCGAN pair, and the CIFAR-10 pair of igul222/improved_wgan_training.

The critics take no BatchNorm: the gradient penalty is per sample, and batch
statistics would make each sample's score depend on the others.
"""
import keras
from keras import layers

from kgan.models.dcgan.networks import normalization_layer
from kgan.checks import check_choice, check_int
from kgan.models.wgan.networks import build_critic as build_dcgan_critic
from kgan.models.wgan.networks import build_generator as build_dcgan_generator

ARCHITECTURES = ("dcgan", "cifar")


def _he_uniform():
    # The reference's He init: uniform with variance 4 / (fan_in + fan_out).
    return keras.initializers.VarianceScaling(2.0, mode="fan_avg", distribution="uniform")


def _batch_norm(name):
    return layers.BatchNormalization(momentum=0.9, epsilon=1e-5, name=name)


def check_cifar_image_size(image_size):
    check_int("image_size", image_size, minimum=8)
    if image_size % 8:
        raise ValueError(f"The cifar networks need an image_size that is a multiple of 8, got {image_size!r}.")


def build_cifar_generator(image_size, channels, latent_dim, filters):
    """gan_cifar.py's generator: `z` -> Dense to [S/8, S/8, 4F], then three 5x5 stride-2 transposed convs.

    BatchNorm + ReLU after the Dense (one scale and offset per feature, as the
    reference) and after the first two transposed convs; tanh at the end.
    """
    check_cifar_image_size(image_size)
    base = image_size // 8
    z = keras.Input((latent_dim,), name="z")
    x = layers.Dense(base * base * 4 * filters, name="stem")(z)  # [N, (S/8)^2 * 4F]
    x = layers.ReLU()(_batch_norm("stem_bn")(x))
    x = layers.Reshape((base, base, 4 * filters))(x)  # [N, S/8, S/8, 4F]
    for stage, width in ((1, 2 * filters), (2, filters)):
        x = layers.Conv2DTranspose(width, 5, strides=2, padding="same", kernel_initializer=_he_uniform(),
                                   name=f"up{stage}")(x)  # [N, 2s, 2s, width]
        x = layers.ReLU()(_batch_norm(f"up{stage}_bn")(x))
    x = layers.Conv2DTranspose(channels, 5, strides=2, padding="same", kernel_initializer=_he_uniform(),
                               name="to_image")(x)  # [N, S, S, C]
    fake_images = layers.Activation("tanh", dtype="float32", name="tanh")(x)
    return keras.Model(z, fake_images, name="generator")


def build_cifar_critic(image_size, channels, filters, normalization=None):
    """gan_cifar.py's critic: three 5x5 stride-2 convs (F, 2F, 4F maps), LeakyReLU(0.2), a Dense score.

    `normalization` (`None` in the reference's WGAN-GP mode, or `"layer"`)
    follows the second and third convs, where the reference's other modes put BatchNorm.
    """
    check_cifar_image_size(image_size)
    images = keras.Input((image_size, image_size, channels), name="images")
    x = images
    for stage, width in enumerate((filters, 2 * filters, 4 * filters)):
        x = layers.Conv2D(width, 5, strides=2, padding="same", kernel_initializer=_he_uniform(),
                          name=f"down{stage}")(x)  # [N, s/2, s/2, width]
        if stage > 0 and normalization is not None:
            x = normalization_layer(normalization, f"down{stage}_norm")(x)
        x = layers.LeakyReLU(0.2)(x)
    x = layers.Flatten()(x)  # [N, (S/8)^2 * 4F]
    scores = layers.Dense(1, dtype="float32", name="score")(x)  # [N, 1]
    return keras.Model(images, scores, name="critic")


def build_networks(architecture, image_size, channels, latent_dim, generator_filters, critic_filters,
                   critic_normalization):
    """`(generator, critic)` of one of `ARCHITECTURES`."""
    check_choice("critic_normalization", critic_normalization, (None, "layer"),
                 why="a WGAN-GP critic takes no BatchNorm")
    check_choice("architecture", architecture, ARCHITECTURES)
    if architecture == "dcgan":
        return (build_dcgan_generator(image_size, channels, latent_dim, generator_filters),
                build_dcgan_critic(image_size, channels, critic_filters, critic_normalization))
    return (build_cifar_generator(image_size, channels, latent_dim, generator_filters),
            build_cifar_critic(image_size, channels, critic_filters, critic_normalization))
