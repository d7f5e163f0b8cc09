"""Adversarial losses in discriminator/generator pairs: pure functions of logits.

Logits are raw (pre-sigmoid) discriminator outputs of any shape; each loss
averages over every element and is computed in float32 whatever the policy.
"""
from keras import ops


def _f32(*tensors):
    return [ops.cast(t, "float32") for t in tensors]


# Goodfellow et al. 2014: D maximizes log D(x) + log(1 - D(G(z))).
def minimax_discriminator_loss(real_logits, fake_logits):
    real_logits, fake_logits = _f32(real_logits, fake_logits)
    return ops.mean(ops.softplus(-real_logits)) + ops.mean(ops.softplus(fake_logits))


def minimax_generator_loss(fake_logits):
    """G minimizes log(1 - D(G(z))) = -softplus(fake_logits): saturates when D wins."""
    (fake_logits,) = _f32(fake_logits)
    return -ops.mean(ops.softplus(fake_logits))


# The same discriminator; G maximizes log D(G(z)) instead (Goodfellow et al. 2014, section 3).
non_saturating_discriminator_loss = minimax_discriminator_loss


def non_saturating_generator_loss(fake_logits):
    (fake_logits,) = _f32(fake_logits)
    return ops.mean(ops.softplus(-fake_logits))


# Arjovsky et al. 2017: the critic estimates the Wasserstein-1 distance.
def wasserstein_discriminator_loss(real_logits, fake_logits):
    real_logits, fake_logits = _f32(real_logits, fake_logits)
    return ops.mean(fake_logits) - ops.mean(real_logits)


def wasserstein_generator_loss(fake_logits):
    (fake_logits,) = _f32(fake_logits)
    return -ops.mean(fake_logits)


# Lim & Ye 2017, Miyato et al. 2018 (SNGAN), Brock et al. 2019 (BigGAN).
def hinge_discriminator_loss(real_logits, fake_logits):
    real_logits, fake_logits = _f32(real_logits, fake_logits)
    return ops.mean(ops.relu(1.0 - real_logits)) + ops.mean(ops.relu(1.0 + fake_logits))


hinge_generator_loss = wasserstein_generator_loss


# Mao et al. 2017 (LSGAN) with a = 0, b = c = 1, and the paper's factor 1/2.
def least_squares_discriminator_loss(real_logits, fake_logits):
    real_logits, fake_logits = _f32(real_logits, fake_logits)
    return 0.5 * ops.mean(ops.square(real_logits - 1.0)) + 0.5 * ops.mean(ops.square(fake_logits))


def least_squares_generator_loss(fake_logits):
    (fake_logits,) = _f32(fake_logits)
    return 0.5 * ops.mean(ops.square(fake_logits - 1.0))


# Jolicoeur-Martineau 2019 (RaSGAN): each side judges relative to the other side's mean.
def relativistic_average_discriminator_loss(real_logits, fake_logits):
    real_logits, fake_logits = _f32(real_logits, fake_logits)
    real_rel = real_logits - ops.mean(fake_logits)
    fake_rel = fake_logits - ops.mean(real_logits)
    return ops.mean(ops.softplus(-real_rel)) + ops.mean(ops.softplus(fake_rel))


def relativistic_average_generator_loss(real_logits, fake_logits):
    return relativistic_average_discriminator_loss(fake_logits, real_logits)


PAIRS = {
    "minimax": (minimax_discriminator_loss, minimax_generator_loss),
    "non_saturating": (non_saturating_discriminator_loss, non_saturating_generator_loss),
    "wasserstein": (wasserstein_discriminator_loss, wasserstein_generator_loss),
    "hinge": (hinge_discriminator_loss, hinge_generator_loss),
    "least_squares": (least_squares_discriminator_loss, least_squares_generator_loss),
    "relativistic_average": (relativistic_average_discriminator_loss, relativistic_average_generator_loss),
}


def get_pair(name):
    """`(discriminator_loss, generator_loss)` by name; the relativistic generator loss takes both logits."""
    if name not in PAIRS:
        raise ValueError(f"Unknown adversarial loss {name!r}; choose one of {sorted(PAIRS)}.")
    return PAIRS[name]
