"""The DCGAN generator and critic of the WGAN reference code (martinarjovsky/WassersteinGAN).

Square images whose side is a power of 2, at least 8: the generator grows a 4x4
map by 4x4 transposed convolutions, the critic shrinks the image to 4x4 and
scores it with a 4x4 valid convolution and no sigmoid. No convolution has a
bias; weights start from N(0, 0.02), BatchNorm scales from N(1, 0.02).
"""
import keras
from keras import layers

NORMALIZATIONS = ("batch", "layer", None)


def _conv_init():
    return keras.initializers.RandomNormal(0.0, 0.02)


def _batch_norm(name):
    # PyTorch BatchNorm2d defaults: momentum 0.1 (0.9 in Keras's convention), eps 1e-5.
    return layers.BatchNormalization(
        momentum=0.9, epsilon=1e-5, gamma_initializer=keras.initializers.RandomNormal(1.0, 0.02), name=name)


def normalization_layer(kind, name):
    """A critic normalization layer: `"batch"` or `"layer"`.

    `"layer"` normalizes each sample over H, W and C with a per-channel scale
    and offset, like the WGAN-GP reference's `Layernorm` (a GroupNormalization
    with one group). It couples no two samples, so a per-sample gradient
    penalty stays meaningful; BatchNorm does not.
    """
    if kind == "batch":
        return _batch_norm(name)
    return layers.GroupNormalization(groups=1, epsilon=1e-5, name=name)


def check_image_size(image_size):
    if isinstance(image_size, bool) or not isinstance(image_size, int) or image_size < 8 \
            or image_size & (image_size - 1):
        raise ValueError(f"image_size must be a power of 2 and at least 8, got {image_size!r}.")


def build_generator(image_size, channels, latent_dim, filters):
    """DCGAN_G: `z` [N, latent_dim] -> images [N, S, S, C] in [-1, 1].

    The 4x4 stem has `filters * S / 8` maps; each stride-2 stage halves them, so
    the last hidden stage has `filters`. BatchNorm + ReLU between, tanh at the end.
    """
    check_image_size(image_size)
    z = keras.Input((latent_dim,), name="z")
    x = layers.Reshape((1, 1, latent_dim))(z)  # [N, 1, 1, Z]
    width = (filters // 2) * (image_size // 4)
    x = layers.Conv2DTranspose(width, 4, padding="valid", use_bias=False, kernel_initializer=_conv_init(),
                               name="stem")(x)  # [N, 4, 4, width]
    x = layers.ReLU()(_batch_norm("stem_bn")(x))
    size, stage = 4, 1
    while size < image_size // 2:
        width //= 2
        x = layers.Conv2DTranspose(width, 4, strides=2, padding="same", use_bias=False,
                                   kernel_initializer=_conv_init(), name=f"up{stage}")(x)  # [N, 2s, 2s, width]
        x = layers.ReLU()(_batch_norm(f"up{stage}_bn")(x))
        size, stage = size * 2, stage + 1
    x = layers.Conv2DTranspose(channels, 4, strides=2, padding="same", use_bias=False,
                               kernel_initializer=_conv_init(), name="to_image")(x)  # [N, S, S, C]
    fake_images = layers.Activation("tanh", dtype="float32", name="tanh")(x)
    return keras.Model(z, fake_images, name="generator")


def build_critic(image_size, channels, filters, normalization="batch"):
    """DCGAN_D without the sigmoid: images [N, S, S, C] -> scores [N, 1].

    4x4 stride-2 convolutions from `filters` maps, doubling them, down to 4x4;
    LeakyReLU(0.2) throughout, `normalization` (`"batch"`, `"layer"` or None)
    on all but the first.
    """
    check_image_size(image_size)
    if normalization not in NORMALIZATIONS:
        raise ValueError(f"Unknown critic normalization {normalization!r}; choose one of {list(NORMALIZATIONS)}.")
    images = keras.Input((image_size, image_size, channels), name="images")
    x = layers.Conv2D(filters, 4, strides=2, padding="same", use_bias=False, kernel_initializer=_conv_init(),
                      name="down0")(images)  # [N, S/2, S/2, filters]
    x = layers.LeakyReLU(0.2)(x)
    size, width, stage = image_size // 2, filters, 1
    while size > 4:
        width *= 2
        x = layers.Conv2D(width, 4, strides=2, padding="same", use_bias=False, kernel_initializer=_conv_init(),
                          name=f"down{stage}")(x)  # [N, s/2, s/2, width]
        if normalization is not None:
            x = normalization_layer(normalization, f"down{stage}_norm")(x)
        x = layers.LeakyReLU(0.2)(x)
        size, stage = size // 2, stage + 1
    x = layers.Conv2D(1, 4, padding="valid", use_bias=False, kernel_initializer=_conv_init(), dtype="float32",
                      name="score")(x)  # [N, 1, 1, 1]
    scores = layers.Reshape((1,), dtype="float32")(x)  # [N, 1]
    return keras.Model(images, scores, name="critic")
