"""`ZeroBias`: a constraint that keeps a bias at zero, as the Context Encoder reference's training loop does."""
import keras
from keras import ops


@keras.saving.register_keras_serializable(package="kgan")
class ZeroBias(keras.constraints.Constraint):
    """Projects a variable back to zeros after every optimizer update.

    The Context Encoder reference (pathak22/context-encoder `train.lua`) builds its
    convolutions with biases, so they count among its parameters, but zeroes every
    conv bias of G and D before each forward pass. A bias under this constraint
    starts at zero (`bias_initializer="zeros"`) and is zero after each step, so
    the networks compute what the reference's compute.

    Example:
    ```python
    keras.layers.Conv2D(64, 4, bias_initializer="zeros", bias_constraint=ZeroBias())
    ```
    """

    def __call__(self, w):
        return ops.zeros(w.shape, dtype=w.dtype)  # `w` may be a Variable: zeros_like cannot take one on JAX

    def get_config(self):
        return {}
