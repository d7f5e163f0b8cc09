"""The U-Net generator of Isola et al. 2017, as junyanz/pytorch-CycleGAN-and-pix2pix builds `unet_256` and `unet_128`.

The discriminator is the shared PatchGAN (`kgan.models.patch_discriminator`).
"""
import keras
from keras import layers

from kgan.checks import check_power_of_two
from kgan.layers.sampling_dropout import SamplingDropout
from kgan.models.patch_discriminator import conv_init, patch_normalization

#: the reference's first decoder level with dropout: its `num_downs - 5` blocks just outside the innermost.
FIRST_DROPOUT_LEVEL = 4


def unet_levels(image_size):
    """Stride-2 downsamplings from `image_size` to the 1x1 bottleneck: 8 for 256, 7 for 128."""
    check_power_of_two("image_size", image_size, minimum=8)
    return image_size.bit_length() - 1


def dropout_levels(image_size):
    """The decoder levels (0 = outermost) whose output goes through dropout: 4, 5, 6 for 256; 4, 5 for 128."""
    return tuple(range(FIRST_DROPOUT_LEVEL, unet_levels(image_size) - 1))


def level_widths(levels, filters):
    """Maps after each downsampling: `filters`, doubling per level up to 8 x `filters`."""
    return [filters * min(2 ** level, 8) for level in range(levels)]


def down_conv(width, name):
    # PyTorch's Conv2d(k=4, s=2, p=1) on even sizes is "same" padding; BatchNorm's offset replaces the bias.
    return layers.Conv2D(width, 4, strides=2, padding="same", use_bias=False, kernel_initializer=conv_init(),
                         name=name)


def up_conv(width, name, use_bias=False):
    return layers.Conv2DTranspose(width, 4, strides=2, padding="same", use_bias=use_bias,
                                  kernel_initializer=conv_init(), name=name)


def build_unet_generator(image_size, source_channels, target_channels, filters=64, dropout=0.5,
                         inference_dropout=False, name="generator"):
    """Source images `[N, H, W, source_channels]` -> target images `[N, H, W, target_channels]` in [-1, 1].

    The network is fully convolutional: built for `image_size` S, it takes any H and
    W that are multiples of S (the weights do not depend on the size). `log2(S)`
    stride-2 4x4 convs take an S x S source down to 1x1, an H x W one to H/S x W/S
    (LeakyReLU 0.2 before each but the first, BatchNorm after each but the first
    and the innermost); 4x4
    stride-2 transposed convs take it back up (ReLU before each, BatchNorm after
    each but the last), each decoder output concatenated with the encoder features
    of its size. Only the last transposed conv has a bias; a tanh ends it.
    Dropout (`SamplingDropout`) follows the BatchNorm of the decoder levels of
    `dropout_levels`. As in the reference, whose in-place LeakyReLU also changes the
    tensor it then concatenates, each skip carries the LeakyReLU'd features.

    Example:
    ```python
    g = build_unet_generator(256, 3, 3)  # unet_256: 54,413,955 parameters
    ```
    """
    levels = unet_levels(image_size)
    widths = level_widths(levels, filters)
    source = keras.Input((None, None, source_channels), name="source")  # any multiple of image_size
    x, skips = source, []
    for level, width in enumerate(widths):
        if level > 0:
            x = layers.LeakyReLU(0.2, name=f"down_{level}_relu")(x)
        skips.append(x)  # [N, H / 2**level, W / 2**level, C]
        x = down_conv(width, f"down_{level}")(x)
        if 0 < level < levels - 1:
            x = patch_normalization("batch", f"down_{level}_bn")(x)
    # x: [N, H / S, W / S, widths[-1]]: 1x1 at the training size
    for level in reversed(range(1, levels)):
        x = layers.ReLU(name=f"up_{level}_relu")(x)
        x = up_conv(widths[level - 1], f"up_{level}")(x)  # [N, H / 2**level, W / 2**level, widths[level - 1]]
        x = patch_normalization("batch", f"up_{level}_bn")(x)
        if level in dropout_levels(image_size):
            x = SamplingDropout(dropout, at_inference=inference_dropout, name=f"up_{level}_dropout")(x)
        x = layers.Concatenate(name=f"skip_{level}")([skips[level], x])  # reference order: [skip, decoded]
    x = layers.ReLU(name="up_0_relu")(x)
    x = up_conv(target_channels, "up_0", use_bias=True)(x)  # [N, H, W, target_channels]
    fake = layers.Activation("tanh", dtype="float32", name="tanh")(x)
    return keras.Model(source, fake, name=name)
