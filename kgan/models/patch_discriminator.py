"""The PatchGAN discriminator of Isola et al. 2017, shared by Pix2Pix (BatchNorm) and CycleGAN (instance norm).

It scores overlapping patches rather than the whole image: with `n_layers=3` each
output logit sees a 70x70 receptive field, and a 256x256 input gives a 30x30 map.
"""
import keras
from keras import layers

from kgan.checks import check_choice, check_int

NORMALIZATIONS = ("batch", "instance")


def conv_init():
    return keras.initializers.RandomNormal(0.0, 0.02)


def patch_normalization(kind, name):
    """`"batch"`: BatchNorm with PyTorch's defaults and gamma ~ N(1, 0.02). `"instance"`: per-sample, per-channel
    normalization with no scale or offset, as PyTorch's `InstanceNorm2d(affine=False)` that the CycleGAN code uses."""
    if kind == "batch":
        return layers.BatchNormalization(momentum=0.9, epsilon=1e-5, name=name,
                                         gamma_initializer=keras.initializers.RandomNormal(1.0, 0.02))
    return layers.GroupNormalization(groups=-1, center=False, scale=False, epsilon=1e-5, name=name)


def check_depth_fits(image_size, n_layers, argument="n_layers"):
    """A one-line ValueError unless `image_size` leaves a 3x3 map after `n_layers` halvings (the last two 4x4
    convs need it); `argument` is the owning model's name for `n_layers`."""
    smallest = 3 * 2 ** n_layers
    if image_size < smallest:
        raise ValueError(f"image_size must be at least {smallest} for a PatchGAN of {argument}={n_layers}, "
                         f"got {image_size!r}")


def receptive_field(n_layers):
    """Pixels one output logit sees: 16, 34, 70, 142, 286 for `n_layers` 1..5 (4x4 kernels, strides 2 then 1, 1)."""
    field = 1
    for stride in reversed([2] * n_layers + [1, 1]):
        field = field * stride + (4 - stride)
    return field


def build_patch_discriminator(input_shape, filters=64, n_layers=3, normalization="batch",
                              name="discriminator"):
    """A PatchGAN: `n_layers` stride-2 4x4 convs, one stride-1 conv, and a 1-map stride-1 conv of logits.

    Maps double per layer up to 8 x `filters`. Every conv pads by 1 (zeros) and has
    a bias unless BatchNorm follows it; the first conv is not normalized; LeakyReLU
    slopes are 0.2. The output is `[N, H', W', 1]` raw logits (no sigmoid), so the
    loss chooses the game (binary cross-entropy for Pix2Pix, least squares for CycleGAN).

    Args:
        input_shape: `(H, W, C)` of what is scored: Pix2Pix scores the (source, target)
            pair concatenated on channels, CycleGAN one image.
        filters: maps of the first conv (`ndf`).
        n_layers: stride-2 convs, 1-5; 3 is the 70x70 PatchGAN.
        normalization: `"batch"` or `"instance"`.
        name: the Keras model's name.

    Example:
    ```python
    d = build_patch_discriminator((256, 256, 6))  # 2,768,705 parameters, output [N, 30, 30, 1]
    ```
    """
    check_int("n_layers", n_layers, 1, maximum=5)
    check_int("filters", filters, 1)
    check_choice("normalization", normalization, NORMALIZATIONS)
    use_bias = normalization != "batch"  # BatchNorm's offset makes a conv bias redundant
    inputs = keras.Input(input_shape, name="patches_in")
    x = layers.ZeroPadding2D(1)(inputs)
    x = layers.Conv2D(filters, 4, strides=2, kernel_initializer=conv_init(), name="conv_0")(x)
    x = layers.LeakyReLU(0.2)(x)
    for index in range(1, n_layers + 1):
        stride = 2 if index < n_layers else 1
        x = layers.ZeroPadding2D(1)(x)
        x = layers.Conv2D(filters * min(2 ** index, 8), 4, strides=stride, use_bias=use_bias,
                          kernel_initializer=conv_init(), name=f"conv_{index}")(x)
        x = patch_normalization(normalization, f"norm_{index}")(x)
        x = layers.LeakyReLU(0.2)(x)
    x = layers.ZeroPadding2D(1)(x)
    logits = layers.Conv2D(1, 4, kernel_initializer=conv_init(), name="logits", dtype="float32")(x)
    return keras.Model(inputs, logits, name=name)
