"""`seed=` fixes a model's initial weights, and construction leaves Python's random state as it found it."""
import random

import keras
import numpy as np
import pytest

from kgan.models import FAMILIES
from tests.models.tiny_families import tiny


def weights(model):
    return [np.asarray(w) for w in model.get_weights()]


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_same_seed_same_weights_other_seed_other_weights(family):
    first = weights(tiny(family, seed=1))
    random.random()  # whatever the global state, the seed decides
    keras.utils.set_random_seed(123)
    again = weights(tiny(family, seed=1))
    other = weights(tiny(family, seed=2))
    assert len(first) == len(again) == len(other)
    for a, b in zip(first, again):
        np.testing.assert_array_equal(a, b)
    # Every weight drawn at random (not a constant such as a zero bias) changes with the seed.
    drawn = [(a, c) for a, c in zip(first, other) if np.ptp(a) > 0]
    assert drawn
    for a, c in drawn:
        assert not np.array_equal(a, c), a.shape


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_construction_restores_python_random_state(family):
    state = random.getstate()
    tiny(family, seed=1)
    assert random.getstate() == state


def test_construction_restores_python_random_state_when_it_raises():
    state = random.getstate()
    with pytest.raises(ValueError, match="image_size must be a power of 2 and at least 8, got 12"):
        FAMILIES["dcgan"](image_size=12, seed=1)  # raises after the networks' scope opened
    with pytest.raises(ValueError, match="The convolutional CGAN needs square images"):
        FAMILIES["cgan"](image_shape=(12, 12, 1), seed=1)  # raises while building a network
    assert random.getstate() == state


def test_no_seed_follows_the_global_seed_as_before():
    keras.utils.set_random_seed(7)
    a = weights(tiny("dcgan"))
    keras.utils.set_random_seed(7)
    b = weights(tiny("dcgan"))
    c = weights(tiny("dcgan"))  # the global state moved on
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x, y)
    assert any(not np.array_equal(x, z) for x, z in zip(b, c) if np.ptp(x) > 0)
