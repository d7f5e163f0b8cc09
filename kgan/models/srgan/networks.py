"""The SRResNet generator and the SRGAN discriminator of Ledig et al. 2017 (Figure 4 of the paper).

Both use 3x3 convolutions with biases, BatchNorm (momentum 0.9, eps 1e-5, as
PyTorch's defaults) and Keras's default initializers: the paper names none.
"""
import math

import keras
from keras import layers

from kgan.checks import check_choice, check_int
from kgan.layers import PixelShuffle, UpsampledSkip

#: `prelu` -> the axes a PReLU shares its slope over: "shared" is one slope per layer (PyTorch's
#: `nn.PReLU()`, 1,549,462 parameters at x4), "per_channel" one per channel (1,550,659).
PRELU_SHARED_AXES = {"shared": [1, 2, 3], "per_channel": [1, 2]}
#: `output_skip`: "none" is the paper's tanh output; "bilinear" adds the bilinearly enlarged input to the last conv's
#: output (`kgan.layers.UpsampledSkip`), no parameters, which trains much sooner on a small budget.
OUTPUT_SKIPS = ("none", "bilinear")


def conv(filters, kernel, name, strides=1, dtype=None):
    return layers.Conv2D(filters, kernel, strides=strides, padding="same", name=name, dtype=dtype)


def batch_norm(name):
    return layers.BatchNormalization(momentum=0.9, epsilon=1e-5, name=name)


def prelu(kind, name):
    # PyTorch's nn.PReLU starts its slope at 0.25; Keras's default would be 0.
    return layers.PReLU(alpha_initializer=keras.initializers.Constant(0.25), shared_axes=PRELU_SHARED_AXES[kind],
                        name=name)


def residual_block(x, filters, kind, name):
    """`x + BN(conv3(PReLU(BN(conv3(x)))))`: no activation after the sum, as in the paper."""
    y = prelu(kind, f"{name}_prelu")(batch_norm(f"{name}_norm1")(conv(filters, 3, f"{name}_conv1")(x)))
    y = batch_norm(f"{name}_norm2")(conv(filters, 3, f"{name}_conv2")(y))
    return layers.Add(name=f"{name}_add")([x, y])


def build_srresnet(scale=4, channels=3, filters=64, blocks=16, prelu_kind="shared", output_skip="none",
                   name="generator"):
    """Low-resolution images `[N, h, w, C]` in [-1, 1] -> `[N, scale * h, scale * w, C]` in [-1, 1].

    A 9x9 conv and PReLU; `blocks` residual blocks; a 3x3 conv and BatchNorm whose
    output is added to the first PReLU's (the long skip); log2(scale) upsampling
    blocks of a 3x3 conv to 4 x `filters` maps, `PixelShuffle(2)` and PReLU; a 9x9
    conv to `channels` and tanh (the paper's HR images are in [-1, 1]). With
    `output_skip="bilinear"` the last conv's output is instead added to the
    bilinearly enlarged input and clipped to [-1, 1]. Fully convolutional: any h and w.

    Example:
    ```python
    g = build_srresnet(scale=4)  # 1,549,462 parameters
    g(keras.ops.zeros((1, 24, 24, 3))).shape  # (1, 96, 96, 3)
    ```
    """
    check_int("scale", scale, 2)
    if scale & (scale - 1):
        raise ValueError(f"scale must be a power of 2 (2, 4, 8), got {scale!r}")
    check_int("blocks", blocks, 0)
    check_choice("prelu", prelu_kind, tuple(PRELU_SHARED_AXES))
    check_choice("output_skip", output_skip, OUTPUT_SKIPS)
    images = keras.Input((None, None, channels), name="low_res")
    x = prelu(prelu_kind, "stem_prelu")(conv(filters, 9, "stem_conv")(images))  # [N, h, w, F]
    skip = x
    for index in range(blocks):
        x = residual_block(x, filters, prelu_kind, f"block{index}")
    x = batch_norm("trunk_norm")(conv(filters, 3, "trunk_conv")(x))
    x = layers.Add(name="trunk_add")([skip, x])  # [N, h, w, F]
    for index in range(int(math.log2(scale))):
        x = conv(4 * filters, 3, f"up{index}_conv")(x)  # [N, H, W, 4F]
        x = prelu(prelu_kind, f"up{index}_prelu")(PixelShuffle(2, name=f"up{index}_shuffle")(x))  # [N, 2H, 2W, F]
    x = conv(channels, 9, "head_conv")(x)  # [N, scale * h, scale * w, C]
    if output_skip == "bilinear":
        high_res = UpsampledSkip(scale, name="bilinear_skip")([images, x])
    else:
        high_res = layers.Activation("tanh", dtype="float32", name="tanh")(x)
    return keras.Model(images, high_res, name=name)


#: (maps, stride) of the discriminator's convs after the first, in multiples of `filters`.
DISCRIMINATOR_CONVS = ((1, 2), (2, 1), (2, 2), (4, 1), (4, 2), (8, 1), (8, 2))


def build_srgan_discriminator(image_size=96, channels=3, filters=64, dense_units=1024, name="discriminator"):
    """HR images `[N, S, S, C]` -> logits `[N, 1]`; S a multiple of 16 (four stride-2 convs, then dense layers).

    A 3x3 conv to `filters` maps with LeakyReLU(0.2); seven 3x3 convs (64 s2, 128,
    128 s2, 256, 256 s2, 512, 512 s2 at `filters` 64), each with BatchNorm and
    LeakyReLU(0.2); dense `dense_units`, LeakyReLU(0.2), dense 1. The sigmoid is
    in the loss. 23,565,505 parameters at 96x96.
    """
    check_int("image_size", image_size, 16)
    if image_size % 16:
        raise ValueError(f"the SRGAN discriminator needs a side that is a multiple of 16, got {image_size!r}")
    images = keras.Input((image_size, image_size, channels), name="high_res")
    x = layers.LeakyReLU(0.2, name="conv0_lrelu")(conv(filters, 3, "conv0")(images))
    for index, (multiple, stride) in enumerate(DISCRIMINATOR_CONVS, start=1):
        x = conv(multiple * filters, 3, f"conv{index}", strides=stride)(x)
        x = layers.LeakyReLU(0.2, name=f"conv{index}_lrelu")(batch_norm(f"conv{index}_norm")(x))
    x = layers.Flatten(name="flatten")(x)  # [N, (S / 16)^2 * 8F]
    x = layers.LeakyReLU(0.2, name="dense_lrelu")(layers.Dense(dense_units, name="dense")(x))
    logits = layers.Dense(1, dtype="float32", name="logit")(x)  # [N, 1]
    return keras.Model(images, logits, name=name)
