"""A generator output whose forward pass was recorded for later backward passes."""
from keras import tree


def is_float(x):
    return "float" in str(getattr(x, "dtype", ""))


class RecordedFake:
    """The shared generator forward: its output plus what the backend needs to pull back through it.

    Only floating-point leaves carry gradients; integer leaves (sampled class ids,
    for example) ride along unchanged.

    Args:
        value: the structure that `generator_forward` returned.
        pullback: backend-specific: a `tf.GradientTape` (TensorFlow) or a
            `jax.vjp` pullback function (JAX) over the recorded variables.
        recorded: the variables the pullback differentiates against (JAX: their
            positions in the model's trainable variables, in pullback order).
    """

    def __init__(self, value, pullback, recorded=None):
        self.value = value
        self.pullback = pullback
        self.recorded = recorded

    @property
    def float_leaves(self):
        return [leaf for leaf in tree.flatten(self.value) if is_float(leaf)]

    def with_float_leaves(self, new_leaves):
        """The same structure with its float leaves replaced, in order."""
        new_leaves = iter(new_leaves)
        leaves = [next(new_leaves) if is_float(leaf) else leaf for leaf in tree.flatten(self.value)]
        return tree.pack_sequence_as(self.value, leaves)


def unwrap(fake):
    return fake.value if isinstance(fake, RecordedFake) else fake
