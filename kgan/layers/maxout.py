"""Maxout units (Goodfellow et al. 2013)."""
import keras
from keras import ops


@keras.saving.register_keras_serializable(package="kgan")
class Maxout(keras.layers.Layer):
    """A dense layer of `units` maxout units, each the max over `pieces` linear pieces.

    Args:
        units: number of output units.
        pieces: linear pieces per unit.
        kernel_initializer: initializer of the `[in, units * pieces]` kernel.

    Example:
    ```python
    y = Maxout(240, pieces=5)(x)  # [N, 784] -> [N, 240]
    ```

    Reference: Goodfellow et al., "Maxout Networks", ICML 2013.
    """

    def __init__(self, units, pieces, kernel_initializer="glorot_uniform", **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.pieces = pieces
        self.kernel_initializer = keras.initializers.get(kernel_initializer)

    def build(self, input_shape):
        self.dense = keras.layers.Dense(
            self.units * self.pieces, kernel_initializer=self.kernel_initializer,
            dtype=self.dtype_policy, name="linear")
        self.dense.build(input_shape)

    def call(self, inputs):
        z = self.dense(inputs)  # [N, units * pieces]
        z = ops.reshape(z, (-1, self.units, self.pieces))
        return ops.max(z, axis=-1)  # [N, units]

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.units)

    def get_config(self):
        config = super().get_config()
        config.update(
            units=self.units, pieces=self.pieces,
            kernel_initializer=keras.initializers.serialize(self.kernel_initializer))
        return config
