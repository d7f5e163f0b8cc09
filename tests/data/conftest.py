"""Data tests build no Keras models, so they skip the suite-wide `clear_session()`.

With TensorFlow and TFDS imported, `clear_session()` runs a full garbage collection that costs
about a third of a second, which dominated the time of these short tests.
"""
import keras
import pytest


@pytest.fixture(autouse=True)
def _fresh_keras_state():
    """Overrides tests/conftest.py's fixture of the same name: same policy and seed, no clear_session."""
    keras.config.set_dtype_policy("float32")
    keras.utils.set_random_seed(0)
    yield
