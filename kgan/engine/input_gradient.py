"""Gradients of a network's output with respect to its input, for gradient penalties and R1."""
import keras
from keras import ops


def input_gradient(fn, x):
    """Returns `(fn(x), d sum(fn(x)) / dx)`, differentiable again (for penalties).

    Works inside a kgan player loss on TensorFlow and on JAX. The network called
    by `fn` must not update state (no BatchNorm in training mode): WGAN-GP and R1
    critics have none.

    Example:
    ```python
    logits, grads = input_gradient(self.discriminator, real_images)
    r1 = ops.mean(ops.sum(ops.square(grads), axis=[1, 2, 3]))
    ```
    """
    backend = keras.backend.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        with tf.GradientTape() as tape:
            tape.watch(x)
            y = fn(x)
        return y, tape.gradient(y, x)
    if backend == "jax":
        import jax

        y, pullback = jax.vjp(fn, x)
        (grads,) = pullback(ops.ones_like(y))
        return y, grads
    raise NotImplementedError(f"input_gradient is not available on the {backend!r} backend.")
