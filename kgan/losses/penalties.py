"""Penalties on the discriminator: pure functions of input gradients or logits.

Compute the gradients with `kgan.engine.input_gradient`.
"""
from keras import ops


def _per_sample_squared_norm(gradients):
    gradients = ops.cast(gradients, "float32")
    axes = list(range(1, len(gradients.shape)))
    return ops.sum(ops.square(gradients), axis=axes)


def gradient_penalty(gradients):
    """WGAN-GP (Gulrajani et al. 2017): mean of (||grad||_2 - 1)^2 at interpolated samples."""
    norms = ops.sqrt(_per_sample_squared_norm(gradients) + 1e-12)
    return ops.mean(ops.square(norms - 1.0))


def r1_penalty(gradients):
    """R1 (Mescheder et al. 2018): mean of ||grad||^2 at real samples; scale by gamma / 2."""
    return ops.mean(_per_sample_squared_norm(gradients))


def drift_penalty(real_logits):
    """ProGAN's drift term (Karras et al. 2018): mean of D(x)^2, keeps critic outputs near 0."""
    return ops.mean(ops.square(ops.cast(real_logits, "float32")))


def interpolate(real, fake, alpha):
    """Points on straight lines between real and fake samples; `alpha` has shape [N, 1, ..., 1]."""
    return real + ops.cast(alpha, real.dtype) * (fake - real)
