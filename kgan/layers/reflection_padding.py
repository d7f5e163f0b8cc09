"""Reflection padding of images, as PyTorch's `nn.ReflectionPad2d`."""
import keras
from keras import ops

from kgan.checks import check_int


@keras.saving.register_keras_serializable(package="kgan")
class ReflectionPadding2D(keras.layers.Layer):
    """Pads the height and width of `[N, H, W, C]` images by mirroring them about their edge pixels.

    The edge pixel is not repeated (numpy's `"reflect"` mode, PyTorch's
    `ReflectionPad2d`): `[a, b, c]` padded by 2 is `[c, b, a, b, c, b, a]`. The
    padding must be smaller than the padded side. Style-transfer and CycleGAN
    generators pad this way so that their borders show no zero frame.

    Args:
        padding: pixels added on each side: one integer for all four sides, or
            `(height_padding, width_padding)`.

    Example:
    ```python
    y = ReflectionPadding2D(3)(x)  # [N, 64, 64, C] -> [N, 70, 70, C]
    ```
    """

    def __init__(self, padding=1, **kwargs):
        super().__init__(**kwargs)
        pair = tuple(padding) if isinstance(padding, (list, tuple)) else (padding, padding)
        if len(pair) != 2:
            raise ValueError(f"padding must be an integer or a pair of integers, got {padding!r}")
        for value in pair:
            check_int("padding", value, 0)
        self.padding = pair

    def call(self, inputs):
        ph, pw = self.padding
        return ops.pad(inputs, [[0, 0], [ph, ph], [pw, pw], [0, 0]], mode="reflect")

    def compute_output_shape(self, input_shape):
        n, h, w, c = input_shape
        ph, pw = self.padding
        return (n, None if h is None else h + 2 * ph, None if w is None else w + 2 * pw, c)

    def get_config(self):
        return {**super().get_config(), "padding": list(self.padding)}
