import math

import keras
import numpy as np
import pytest

from kgan.models.infogan import InfoGAN, mutual_information_loss
from tests.helpers import assert_round_trip, fit_two_steps, random_images

N = 30  # one batch size for every eager call, so JAX compiles each op once
TINY = dict(image_shape=(8, 8, 1), noise_dim=4, num_categories=3, num_continuous=2, generator_units=16,
            generator_filters=(8, 4), discriminator_filters=(4, 8), discriminator_units=16, q_units=8, seed=1)


def to_numpy(x):
    return keras.ops.convert_to_numpy(x)


def test_preset_shapes():
    model = InfoGAN.from_preset("infogan_mnist")
    assert tuple(model.networks()) == ("generator", "discriminator", "q_head")
    assert model.latent_dim == 74

    # Symbolic shapes: running the reference-sized networks is left to the tiny model.
    assert tuple(model.generator.output.shape) == (None, 28, 28, 1)
    assert [tuple(t.shape) for t in model.discriminator.outputs] == [(None, 1), (None, 1024)]
    assert tuple(model.q_head.output.shape) == (None, 12)


def test_mutual_information_loss_on_fixed_inputs():
    logits = np.array([[2.0, 0.0, 0.0], [0.0, 1.0, 0.0]], "float32")
    means = np.array([[0.5, 0.0], [1.0, -1.0]], "float32")
    one_hot = np.array([[1, 0, 0], [0, 0, 1]], "float32")
    codes = np.array([[-0.5, 0.0], [1.0, 0.0]], "float32")
    # Cross-entropies log(1 + 2e^-2) and log(2 + e); squared errors 1 and 1 (over 2 codes each).
    cross_entropy = (math.log(1 + 2 * math.exp(-2)) + math.log(2 + math.e)) / 2
    gaussian = 0.5 * 1.0 + 2 * 0.5 * math.log(2 * math.pi)
    loss = mutual_information_loss(logits, means, one_hot, codes)
    np.testing.assert_allclose(float(loss), cross_entropy + gaussian, rtol=1e-6)
    # A confident, correct Q: only the Gaussian constant remains.
    perfect = mutual_information_loss(one_hot * 50.0, codes, one_hot, codes)
    np.testing.assert_allclose(float(perfect), math.log(2 * math.pi), rtol=1e-5)


def test_generate_samples_codes_from_their_priors():
    model = InfoGAN(**TINY)
    fake = model.generator_forward({"images": np.zeros((N, 8, 8, 1), "float32")})
    categorical, continuous = to_numpy(fake["categorical"]), to_numpy(fake["continuous"])
    assert fake["images"].shape == (N, 8, 8, 1)
    np.testing.assert_array_equal(categorical.sum(axis=1), np.ones(N))
    assert set(np.unique(categorical)) == {0.0, 1.0}
    assert len(set(categorical.argmax(axis=1))) == 3
    assert continuous.shape == (N, 2) and np.all(np.abs(continuous) <= 1.0)
    assert continuous.std() > 0.3  # U(-1, 1) has std 0.58


def test_fit_trains_q_with_the_discriminator_and_round_trips(tmp_path):
    model = InfoGAN(**TINY)
    steps = {s.name: s for s in model.training_schedule()}
    assert len(steps["discriminator"].player.trainable_variables) == (
        len(model.discriminator.trainable_variables) + len(model.q_head.trainable_variables))
    assert steps["generator"].through_fake and not steps["discriminator"].through_fake
    q_before = [w.copy() for w in model.q_head.get_weights()]
    history = fit_two_steps(model, random_images((8, 8, 1)))
    assert set(history.history) == {"d_loss", "g_loss", "mi_loss"}
    assert any(not np.allclose(a, b) for a, b in zip(q_before, model.q_head.get_weights()))

    z = model.latent(N, noise=np.zeros(4), seed=0)
    loaded = assert_round_trip(model, tmp_path, z)
    labels = np.arange(N) % 3
    np.testing.assert_allclose(to_numpy(loaded.sample(categorical=labels, continuous=[0.5, -0.5], seed=3)),
                               to_numpy(model.sample(categorical=labels, continuous=[0.5, -0.5], seed=3)), atol=1e-6)


def test_latent_fixes_codes_and_validates():
    model = InfoGAN(**TINY)
    sweep = np.stack([np.linspace(-2, 2, 5), np.zeros(5)], axis=1)
    z = to_numpy(model.latent(categorical=2, continuous=sweep, noise=[0.1, 0.2, 0.3, 0.4], seed=0))
    assert z.shape == (5, 9)
    np.testing.assert_allclose(z[:, :4], np.tile([0.1, 0.2, 0.3, 0.4], (5, 1)), rtol=1e-6)
    np.testing.assert_array_equal(z[:, 4:7], np.tile([0.0, 0.0, 1.0], (5, 1)))
    np.testing.assert_allclose(z[:, 7:], sweep, rtol=1e-6)
    random_codes = to_numpy(model.latent(6, seed=0))
    np.testing.assert_array_equal(random_codes, to_numpy(model.latent(6, seed=0)))
    assert np.all(np.abs(random_codes[:, 7:]) <= 1.0)

    with pytest.raises(ValueError, match=r"categorical values must be in \[0, 3\)"):
        model.sample(2, categorical=3)
    with pytest.raises(ValueError, match="categorical must be an int"):
        model.sample(2, categorical=1.5)
    with pytest.raises(ValueError, match="continuous must have 2 values per image"):
        model.sample(2, continuous=[0.0, 0.0, 0.0])
    with pytest.raises(ValueError, match="Inconsistent numbers of images"):
        model.sample(3, categorical=[0, 1])
    with pytest.raises(ValueError, match="needs num_images"):
        model.sample(categorical=1)
    with pytest.raises(ValueError, match="num_images must be a positive int"):
        model.sample(0)
    with pytest.raises(ValueError, match="divisible by 4"):
        InfoGAN(**{**TINY, "image_shape": (10, 10, 1)})


def test_short_training_lets_q_recover_the_codes():
    model = InfoGAN(**TINY)
    model.compile(generator=keras.optimizers.Adam(1e-2, beta_1=0.5),
                  discriminator=keras.optimizers.Adam(1e-2, beta_1=0.5))
    history = model.fit(random_images((8, 8, 1), count=64), batch_size=16, epochs=20, verbose=0)
    mi_loss = history.history["mi_loss"]
    # Untrained: about log(3) + 2 * (1/6 + 0.92) = 3.27; the continuous floor is 2 * 0.92.
    assert mi_loss[0] > 3.0
    assert mi_loss[-1] < mi_loss[0] - 0.5, mi_loss

    labels = np.arange(N) % 3
    accuracy = [np.mean(to_numpy(model.predict_codes(model.sample(categorical=labels, seed=seed))["categorical"])
                        .argmax(axis=1) == labels) for seed in (3, 4)]
    assert np.mean(accuracy) > 0.6, accuracy  # chance is 1/3


@pytest.mark.parametrize("kwargs, message", [
    (dict(noise_dim=4.9), "noise_dim must be an integer >= 0, got 4.9"),
    (dict(num_categories=3.7), "num_categories must be an integer >= 1, got 3.7"),
    (dict(num_continuous=1.5), "num_continuous must be an integer >= 0, got 1.5"),
    (dict(image_shape=(8.0, 8, 1)), "image_shape must be a list of 3 integers >= 1, got (8.0, 8, 1)"),
    (dict(generator_filters=(8, 4.5)), "generator_filters must be a list of integers >= 1, got (8, 4.5)"),
])
def test_non_integer_arguments_are_not_rounded(kwargs, message):
    with pytest.raises(ValueError) as error:
        InfoGAN(**{**TINY, **kwargs})
    assert str(error.value) == message
