"""Every loss against a value worked out by hand on fixed logits.

real_logits = [2, -1], fake_logits = [0.5, -3]; softplus(x) = log(1 + e^x).
"""
import numpy as np
import pytest
from keras import ops

from kgan import losses

REAL = np.array([[2.0], [-1.0]], "float32")
FAKE = np.array([[0.5], [-3.0]], "float32")


def value(x):
    return float(ops.convert_to_numpy(x))


@pytest.mark.parametrize("loss, args, expected", [
    # mean(softplus(-2), softplus(1)) + mean(softplus(0.5), softplus(-3))
    (losses.minimax_discriminator_loss, (REAL, FAKE), 1.2314270171575221),
    (losses.minimax_generator_loss, (FAKE,), -0.5113321678769244),
    (losses.non_saturating_discriminator_loss, (REAL, FAKE), 1.2314270171575221),
    (losses.non_saturating_generator_loss, (FAKE,), 1.7613321678769243),
    # mean(fake) - mean(real) = -1.25 - 0.5
    (losses.wasserstein_discriminator_loss, (REAL, FAKE), -1.75),
    (losses.wasserstein_generator_loss, (FAKE,), 1.25),
    # mean(relu(1 - 2), relu(1 + 1)) + mean(relu(1.5), relu(-2)) = 1 + 0.75
    (losses.hinge_discriminator_loss, (REAL, FAKE), 1.75),
    (losses.hinge_generator_loss, (FAKE,), 1.25),
    # 0.5 * mean(1, 4) + 0.5 * mean(0.25, 9)
    (losses.least_squares_discriminator_loss, (REAL, FAKE), 3.5625),
    # 0.5 * mean(0.25, 16)
    (losses.least_squares_generator_loss, (FAKE,), 4.0625),
    # real - mean(fake) = [3.25, 0.25]; fake - mean(real) = [0, -3.5]
    (losses.relativistic_average_discriminator_loss, (REAL, FAKE), 0.6684391951995963),
    (losses.relativistic_average_generator_loss, (REAL, FAKE), 4.168439195199596),
])
def test_loss_on_fixed_logits(loss, args, expected):
    assert value(loss(*args)) == pytest.approx(expected, rel=1e-6)


def test_minimax_generator_saturates_where_non_saturating_does_not():
    # A confident discriminator (fake logit -10): the minimax loss is flat, the other is steep.
    confident = np.array([[-10.0]], "float32")
    step = np.array([[-9.9]], "float32")
    flat = value(losses.minimax_generator_loss(step)) - value(losses.minimax_generator_loss(confident))
    steep = value(losses.non_saturating_generator_loss(step)) - value(losses.non_saturating_generator_loss(confident))
    assert abs(flat) < 1e-5 and steep < -0.09


def test_float16_logits_give_float32_losses():
    loss = losses.hinge_discriminator_loss(REAL.astype("float16"), FAKE.astype("float16"))
    assert "float32" in str(loss.dtype)
    assert value(loss) == pytest.approx(1.75)


def test_get_pair_names_the_choices():
    assert losses.get_pair("hinge") == (losses.hinge_discriminator_loss, losses.hinge_generator_loss)
    with pytest.raises(ValueError, match="'hing'.*hinge"):
        losses.get_pair("hing")
