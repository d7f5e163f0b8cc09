import keras
import numpy as np
import pytest

from kgan.models import GAN
from tests.helpers import assert_round_trip, fit_two_steps, random_images


def tiny(**overrides):
    return GAN(**{"image_shape": (6, 6, 1), "latent_dim": 4, "generator_units": (16,),
                  "discriminator_units": (8,), "maxout_pieces": 3, "seed": 1, **overrides})


def test_preset_matches_the_reference():
    model = GAN.from_preset("gan_mnist")
    assert tuple(model.generator.output.shape) == (None, 28, 28, 1)
    assert tuple(model.discriminator.output.shape) == (None, 1)


@pytest.mark.parametrize("generator_loss", ["non_saturating", "minimax"])
def test_fit_two_steps(generator_loss):
    fit_two_steps(tiny(generator_loss=generator_loss), random_images((6, 6, 1)))


def test_minimax_generator_loss_is_logged_negative():
    # log(1 - D(G(z))) is below 0 whatever D says; the non-saturating form is above 0.
    history = fit_two_steps(tiny(generator_loss="minimax"), random_images((6, 6, 1)))
    assert history.history["g_loss"][0] < 0


def test_round_trip(tmp_path):
    model = tiny(ema_decay=0.9)
    fit_two_steps(model, random_images((6, 6, 1)))
    assert_round_trip(model, tmp_path, np.ones((2, 4), "float32"))


def test_sample_is_in_range_and_seeded():
    model = tiny()
    a = keras.ops.convert_to_numpy(model.sample(5, seed=7))
    b = keras.ops.convert_to_numpy(model.sample(5, seed=7))
    assert a.shape == (5, 6, 6, 1)
    assert np.all(np.abs(a) <= 1.0)
    np.testing.assert_array_equal(a, b)


def test_unknown_generator_loss_is_named():
    with pytest.raises(ValueError, match="'wasserstein'.*minimax"):
        tiny(generator_loss="wasserstein")


def test_unknown_preset_is_named():
    with pytest.raises(ValueError, match="'gan_cifar'.*gan_mnist"):
        GAN.from_preset("gan_cifar")
