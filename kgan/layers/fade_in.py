"""ProGAN's fade-in: a blend of a grown network's old and new paths."""
import keras
from keras import ops


@keras.saving.register_keras_serializable(package="kgan")
class FadeIn(keras.layers.Layer):
    """`old + alpha * (new - old)`, with `alpha` a non-trainable weight of the layer.

    A growing model's engine sets every `FadeIn`'s `alpha` to its `progress`
    inside each train step (see `kgan.engine.StageState`), so the network that
    holds it (and its EMA copy, which copies non-trainable weights) is faded
    without any extra input, and samples as trained when saved alone.

    Args:
        alpha: the initial blend, 1 for the new path only.

    Example:
    ```python
    rgb = FadeIn(name="fade_8")([upsampled_rgb_4, rgb_8])  # [N, 8, 8, C]
    ```

    Reference: Karras et al., "Progressive Growing of GANs for Improved Quality,
    Stability, and Variation", ICLR 2018, section 3.
    """

    def __init__(self, alpha=0.0, **kwargs):
        super().__init__(**kwargs)
        self.initial_alpha = float(alpha)
        self.alpha = self.add_weight(shape=(), dtype="float32", trainable=False, name="alpha",
                                     initializer=keras.initializers.Constant(self.initial_alpha))

    def call(self, inputs):
        old, new = inputs
        alpha = ops.cast(self.alpha, new.dtype)
        return old + alpha * (new - old)

    def compute_output_shape(self, input_shape):
        return input_shape[1]

    def get_config(self):
        return {**super().get_config(), "alpha": self.initial_alpha}
