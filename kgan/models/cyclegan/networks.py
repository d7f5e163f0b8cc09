"""The ResNet generator of Zhu et al. 2017 (CycleGAN), as the reference's `resnet_9blocks` / `resnet_6blocks`.

Its discriminator is the shared PatchGAN (`kgan.models.patch_discriminator`) with instance norm.
"""
import keras
from keras import layers

from kgan.checks import check_int
from kgan.layers import ReflectionPadding2D
from kgan.models.patch_discriminator import conv_init, patch_normalization


def instance_norm(name):
    # InstanceNorm2d(affine=False): per sample and channel, no scale or offset, eps 1e-5.
    return patch_normalization("instance", name)


def conv(filters, kernel, name, strides=1, dtype=None):
    # Every conv keeps its bias: instance norm without affine would otherwise leave no offset.
    return layers.Conv2D(filters, kernel, strides=strides, padding="valid", kernel_initializer=conv_init(),
                         bias_initializer="zeros", name=name, dtype=dtype)


def upsample(x, filters, name):
    """PyTorch's `ConvTranspose2d(k=3, stride=2, padding=1, output_padding=1)`: `[N, h, w, .] -> [N, 2h, 2w, filters]`.

    The full transposed conv has side `2h + 1`; PyTorch drops its first row and
    column (padding 1) and keeps the last (output padding 1). Keras's `"same"`
    keeps the first and drops the last instead, a one-pixel shift, so this crops explicitly.
    """
    x = layers.Conv2DTranspose(filters, 3, strides=2, padding="valid", kernel_initializer=conv_init(),
                               bias_initializer="zeros", name=name)(x)  # [N, 2h + 1, 2w + 1, filters]
    return layers.Cropping2D(((1, 0), (1, 0)), name=f"{name}_crop")(x)  # [N, 2h, 2w, filters]


def residual_block(x, filters, name):
    """`x + norm(conv3(pad(relu(norm(conv3(pad(x)))))))`, reflection padding 1, no activation after the sum."""
    y = ReflectionPadding2D(1, name=f"{name}_pad1")(x)
    y = layers.ReLU(name=f"{name}_relu")(instance_norm(f"{name}_norm1")(conv(filters, 3, f"{name}_conv1")(y)))
    y = ReflectionPadding2D(1, name=f"{name}_pad2")(y)
    y = instance_norm(f"{name}_norm2")(conv(filters, 3, f"{name}_conv2")(y))
    return layers.Add(name=f"{name}_add")([x, y])


def build_resnet_generator(in_channels, out_channels, filters=64, blocks=9, name="generator"):
    """Images `[N, H, W, in_channels]` -> `[N, H, W, out_channels]` in [-1, 1]; H and W multiples of 4.

    Reflection pad 3 and a 7x7 conv to `filters` maps; two 3x3 stride-2 convs
    (zero padding 1) to 4 x `filters` at a quarter of the size; `blocks`
    residual blocks; two transposed convs back up; reflection pad 3, a 7x7 conv
    and tanh. Instance norm and ReLU follow every conv but the last. Weights are
    N(0, 0.02), biases 0. The network is fully convolutional: it takes any H, W
    divisible by 4.

    Example:
    ```python
    g = build_resnet_generator(3, 3, blocks=9)  # 11,378,179 parameters (resnet_9blocks)
    ```
    """
    check_int("blocks", blocks, 0)
    check_int("filters", filters, 1)
    images = keras.Input((None, None, in_channels), name="images")
    x = ReflectionPadding2D(3, name="stem_pad")(images)
    x = layers.ReLU(name="stem_relu")(instance_norm("stem_norm")(conv(filters, 7, "stem_conv")(x)))  # [N, H, W, F]
    for index, width in enumerate((2 * filters, 4 * filters), start=1):
        x = layers.ZeroPadding2D(1, name=f"down{index}_pad")(x)
        x = conv(width, 3, f"down{index}_conv", strides=2)(x)  # [N, h/2, w/2, width]
        x = layers.ReLU(name=f"down{index}_relu")(instance_norm(f"down{index}_norm")(x))
    for index in range(blocks):
        x = residual_block(x, 4 * filters, f"block{index}")  # [N, H/4, W/4, 4F]
    for index, width in enumerate((2 * filters, filters), start=1):
        x = upsample(x, width, f"up{index}_conv")  # [N, 2h, 2w, width]
        x = layers.ReLU(name=f"up{index}_relu")(instance_norm(f"up{index}_norm")(x))
    x = ReflectionPadding2D(3, name="head_pad")(x)
    x = conv(out_channels, 7, "head_conv")(x)  # [N, H, W, out_channels]
    # The conv runs in the compute dtype; only the tanh output is float32.
    fake = layers.Activation("tanh", dtype="float32", name="tanh")(x)
    return keras.Model(images, fake, name=name)
