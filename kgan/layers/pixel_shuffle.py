"""Sub-pixel upsampling (Shi et al. 2016), the "pixel shuffle" of SRGAN's upsampling blocks."""
import keras
from keras import ops

from kgan.checks import check_int


@keras.saving.register_keras_serializable(package="kgan")
class PixelShuffle(keras.layers.Layer):
    """Moves channels into space: `[N, H, W, C * r * r] -> [N, r * H, r * W, C]` (`keras.ops.depth_to_space`).

    Output pixel `(r * y + i, r * x + j)` of channel `c` is input channel
    `(i * r + j) * C + c` at `(y, x)`, TensorFlow's `depth_to_space` order.
    PyTorch's `PixelShuffle` reads channel `c * r * r + i * r + j` instead, so
    weights ported from PyTorch need the preceding conv's output channels permuted.
    Height and width may be unknown (`None`): the layer works at any input size.

    Args:
        scale: the upsampling factor `r`, an integer >= 2.

    Example:
    ```python
    y = PixelShuffle(2)(x)  # [N, 24, 24, 256] -> [N, 48, 48, 64]
    ```
    """

    def __init__(self, scale=2, **kwargs):
        super().__init__(**kwargs)
        check_int("scale", scale, 2)
        self.scale = scale

    def call(self, inputs):
        return ops.depth_to_space(inputs, self.scale)

    def compute_output_shape(self, input_shape):
        n, h, w, c = input_shape
        r = self.scale
        if c is not None and c % (r * r):
            raise ValueError(f"PixelShuffle({r}) needs channels divisible by {r * r}, got {c}")
        return (n, None if h is None else h * r, None if w is None else w * r, None if c is None else c // (r * r))

    def get_config(self):
        return {**super().get_config(), "scale": self.scale}
