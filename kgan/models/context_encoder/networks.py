"""The generator and discriminator of Pathak et al. 2016 (Context Encoders), as in pathak22/context-encoder.

Both are built from 4x4 convolutions with stride 2 (padding 1, Keras `"same"` for
even sizes). The maps at resolution r are `filters * max(1, 32 // r)`: 8 x filters
at 4x4, halving at each doubling of the resolution, never below `filters`.
At 128x128 with 64 filters this is the reference's 64, 64, 128, 256, 512.
"""
import keras
from keras import layers

from kgan.models.context_encoder.zero_bias import ZeroBias
from kgan.models.dcgan.networks import batch_norm, conv_init


def width(filters, resolution):
    """Maps of a layer whose output is `resolution` pixels wide."""
    return filters * max(1, 32 // resolution)


def conv(maps, name, strides=2, padding="same", transpose=False, dtype=None):
    """A 4x4 (transposed) conv with a bias held at zero, as the reference's (see `ZeroBias`)."""
    kind = layers.Conv2DTranspose if transpose else layers.Conv2D
    return kind(maps, 4, strides=strides, padding=padding, kernel_initializer=conv_init(),
                bias_initializer="zeros", bias_constraint=ZeroBias(), dtype=dtype, name=name)


def downsample(x, size, filters, name):
    """Stride-2 convs from `size` down to 4x4; BatchNorm on all but the first; LeakyReLU(0.2)."""
    stage, resolution = 0, size // 2
    while resolution >= 4:
        x = conv(width(filters, resolution), f"{name}{stage}")(x)  # [N, r, r, width(r)]
        if stage > 0:
            x = batch_norm(f"{name}{stage}_bn")(x)
        x = layers.LeakyReLU(0.2)(x)
        stage, resolution = stage + 1, resolution // 2
    return x


def build_generator(image_size, channels, output_size, bottleneck, encoder_filters, generator_filters):
    """Masked images `[N, S, S, C]` -> the predicted region `[N, output_size, output_size, C]` in [-1, 1].

    Encoder: `downsample` to 4x4, a 4x4 valid conv to a `bottleneck`-d code, then
    BatchNorm + LeakyReLU(0.2). Decoder: a 4x4 valid transposed conv to 4x4, then
    stride-2 transposed convs up to `output_size` (BatchNorm + ReLU between), tanh.
    `output_size` is S/2 for the centre hole (the reference's `train.lua`) and S for
    random masks (`train_random.lua`, one more decoder stage).
    """
    images = keras.Input((image_size, image_size, channels), name="masked_images")
    x = downsample(images, image_size, encoder_filters, "encode")  # [N, 4, 4, 8 * encoder_filters]
    x = conv(bottleneck, "bottleneck", strides=1, padding="valid")(x)  # [N, 1, 1, bottleneck]
    x = layers.LeakyReLU(0.2)(batch_norm("bottleneck_bn")(x))
    x = conv(width(generator_filters, 4), "decode0", strides=1, padding="valid", transpose=True)(x)  # [N, 4, 4, .]
    x = layers.ReLU()(batch_norm("decode0_bn")(x))
    stage, resolution = 1, 8
    while resolution < output_size:
        x = conv(width(generator_filters, resolution), f"decode{stage}", transpose=True)(x)  # [N, r, r, width(r)]
        x = layers.ReLU()(batch_norm(f"decode{stage}_bn")(x))
        stage, resolution = stage + 1, resolution * 2
    x = conv(channels, "to_rgb", transpose=True)(x)  # [N, output_size, output_size, C]
    region = layers.Activation("tanh", dtype="float32", name="tanh")(x)
    return keras.Model(images, region, name="generator")


def build_discriminator(input_size, channels, filters):
    """The predicted region (or the real one) `[N, s, s, C]` -> logits `[N, 1]`: `downsample`, a 4x4 valid conv."""
    images = keras.Input((input_size, input_size, channels), name="region")
    x = downsample(images, input_size, filters, "down")  # [N, 4, 4, 8 * filters]
    x = conv(1, "logit", strides=1, padding="valid", dtype="float32")(x)  # [N, 1, 1, 1]
    logits = layers.Reshape((1,), dtype="float32")(x)
    return keras.Model(images, logits, name="discriminator")
