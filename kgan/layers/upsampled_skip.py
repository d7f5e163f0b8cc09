"""A global skip for upscalers: the output is the input enlarged by bilinear interpolation plus a learnt residual."""
import keras
from keras import ops

from kgan.checks import check_int


def bilinear_enlarge(images, scale):
    """`[N, h, w, C]` -> `[N, scale * h, scale * w, C]` (half-pixel centres), h and w possibly unknown."""
    if keras.backend.backend() == "tensorflow":
        # `ops.image.resize` wants a Python size; a traced dynamic shape (an export with free h, w) is a tensor.
        import tensorflow as tf

        shape = tf.shape(images)
        return tf.image.resize(images, shape[1:3] * scale, method="bilinear")
    shape = ops.shape(images)  # static under JAX tracing and in eager PyTorch
    return ops.image.resize(images, (shape[1] * scale, shape[2] * scale), interpolation="bilinear")


@keras.saving.register_keras_serializable(package="kgan")
class UpsampledSkip(keras.layers.Layer):
    """`[low_res [N, h, w, C], residual [N, r*h, r*w, C]] -> clip(bilinear_r(low_res) + residual, -1, 1)`, float32.

    With it the network starts at plain bilinear upscaling and learns only the
    detail that interpolation misses (VDSR's residual learning, Kim et al. 2016),
    which trains far sooner than SRResNet's tanh output. Bilinear rather than
    bicubic because TFLite has a builtin bilinear resize and no bicubic one, so an
    exported upscaler stays on builtin ops. Height and width may be unknown.

    Args:
        scale: the upscaling factor `r`, an integer >= 2.
    """

    def __init__(self, scale=4, **kwargs):
        kwargs.setdefault("dtype", "float32")
        super().__init__(**kwargs)
        check_int("scale", scale, 2)
        self.scale = scale

    def call(self, inputs):
        low_res, residual = inputs
        low_res = ops.cast(low_res, "float32")
        enlarged = bilinear_enlarge(low_res, self.scale)
        return ops.clip(enlarged + ops.cast(residual, "float32"), -1.0, 1.0)

    def compute_output_shape(self, input_shapes):
        return input_shapes[1]

    def get_config(self):
        return {**super().get_config(), "scale": self.scale}
