"""The all-convolutional generator and discriminator of Radford et al. 2016 (DCGAN).

WGAN and WGAN-GP build their DCGAN pair here too, with a critic normalization of their own.
"""
import keras
from keras import layers

from kgan.checks import check_choice, check_power_of_two

NORMALIZATIONS = ("batch", "layer", None)


def conv_init():
    return keras.initializers.RandomNormal(0.0, 0.02)


def batch_norm(name):
    # PyTorch BatchNorm2d defaults (momentum 0.1, eps 1e-5), DCGAN init: gamma ~ N(1, 0.02), beta = 0.
    return layers.BatchNormalization(
        momentum=0.9, epsilon=1e-5, gamma_initializer=keras.initializers.RandomNormal(1.0, 0.02),
        beta_initializer="zeros", name=name)


def normalization_layer(kind, name):
    """`"batch"`: `batch_norm`. `"layer"`: per-sample normalization over H, W and C.

    `"layer"` has a per-channel scale and offset, like the WGAN-GP reference's
    `Layernorm` (a GroupNormalization with one group). It couples no two
    samples, so a per-sample gradient penalty stays meaningful; BatchNorm does not.
    """
    if kind == "batch":
        return batch_norm(name)
    return layers.GroupNormalization(groups=1, epsilon=1e-5, name=name)


def num_stages(image_size):
    """Stride-2 stages between the 4x4 base and `image_size` (image_size = 4 * 2**stages)."""
    check_power_of_two("image_size", image_size, minimum=8)
    return image_size.bit_length() - 3


def build_generator(image_size, channels, latent_dim, filters, stem_name="project"):
    """`z` [N, latent_dim] -> images [N, S, S, C] in [-1, 1].

    A 4x4 transposed conv (the layer `stem_name`) lifts z to 4x4 with
    `filters * 2**(stages - 1)` maps; each following 4x4 stride-2 transposed conv
    doubles the size and halves the maps, the last one producing `channels`.
    BatchNorm + ReLU between, tanh at the end.
    """
    stages = num_stages(image_size)
    z = keras.Input((latent_dim,), name="z")
    x = layers.Reshape((1, 1, latent_dim))(z)  # [N, 1, 1, Z]
    width = filters * 2 ** (stages - 1)
    x = layers.Conv2DTranspose(width, 4, padding="valid", use_bias=False,
                               kernel_initializer=conv_init(), name=stem_name)(x)  # [N, 4, 4, F * 2**(stages-1)]
    x = layers.ReLU()(batch_norm(f"{stem_name}_bn")(x))
    for stage in range(1, stages):
        width //= 2
        x = layers.Conv2DTranspose(width, 4, strides=2, padding="same", use_bias=False,
                                   kernel_initializer=conv_init(), name=f"up{stage}")(x)  # [N, 2h, 2w, width]
        x = layers.ReLU()(batch_norm(f"up{stage}_bn")(x))
    x = layers.Conv2DTranspose(channels, 4, strides=2, padding="same", use_bias=False,
                               kernel_initializer=conv_init(), name="to_rgb")(x)  # [N, S, S, C]
    # The conv runs in the compute dtype; only the tanh output is float32.
    fake_images = layers.Activation("tanh", dtype="float32", name="tanh")(x)
    return keras.Model(z, fake_images, name="generator")


def build_discriminator(image_size, channels, filters, normalization="batch", name="discriminator",
                        norm_suffix="bn"):
    """Images [N, S, S, C] -> logits [N, 1] (no sigmoid: the losses take logits).

    4x4 stride-2 convs down to 4x4, doubling the maps from `filters`, LeakyReLU(0.2)
    throughout and `normalization` (one of `NORMALIZATIONS`; None for none) on all
    but the first, in layers named `down{stage}_{norm_suffix}`; then a 4x4 valid
    conv to one logit.
    """
    stages = num_stages(image_size)
    check_choice("normalization", normalization, NORMALIZATIONS)
    images = keras.Input((image_size, image_size, channels), name="images")
    x = images
    width = filters
    for stage in range(stages):
        x = layers.Conv2D(width, 4, strides=2, padding="same", use_bias=False,
                          kernel_initializer=conv_init(), name=f"down{stage}")(x)  # [N, h/2, w/2, width]
        if stage > 0 and normalization is not None:
            x = normalization_layer(normalization, f"down{stage}_{norm_suffix}")(x)
        x = layers.LeakyReLU(0.2)(x)
        width *= 2
    x = layers.Conv2D(1, 4, padding="valid", use_bias=False, kernel_initializer=conv_init(),
                      dtype="float32", name="logit")(x)  # [N, 1, 1, 1]
    logits = layers.Reshape((1,), dtype="float32")(x)  # [N, 1]
    return keras.Model(images, logits, name=name)
