"""A `fit` that fails on bad input leaves the model as it was, so the next `fit` trains normally."""
import numpy as np
import pytest

from kgan.models import DCGAN


def tiny():
    return DCGAN(image_size=8, channels=1, latent_dim=4, generator_filters=4, discriminator_filters=4, seed=1)


def test_fit_after_a_failed_fit_trains_as_if_it_had_not_failed():
    # Found: on JAX the second fit raised "TypeError: 'NoneType' object is not callable" from Keras variables.
    images = np.random.default_rng(0).uniform(-1, 1, (16, 8, 8, 1)).astype("float32")
    model, twin = tiny(), tiny()
    twin.set_weights(model.get_weights())
    model.compile()
    twin.compile()
    with pytest.raises(ValueError, match="axis -1"):
        model.fit(np.zeros((16, 8, 8, 3), "float32"), batch_size=8, verbose=0)  # 3 channels, not 1
    model.fit(images, batch_size=8, shuffle=False, verbose=0)
    twin.fit(images, batch_size=8, shuffle=False, verbose=0)
    for a, b in zip(model.get_weights(), twin.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
    assert int(model.global_step) == 2
