"""Every constructor parameter of every family survives `model.save` and `keras.models.load_model`.

One model per family takes a non-default value for every parameter at once (the
alternatives are chosen to fit together), goes through a real `.keras` file, and
each value must come back, in the config and as the attribute, with the weights.
"""
import keras
import numpy as np
import pytest

from kgan.models import FAMILIES
from tests.helpers import constructor_parameters
from tests.models.tiny_families import ALTERNATIVES, tiny


def as_saved(value):
    """Tuples come back from a `.keras` file as lists."""
    return [as_saved(v) for v in value] if isinstance(value, (list, tuple)) else value


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_every_parameter_has_a_non_default_alternative(family):
    parameters = constructor_parameters(FAMILIES[family])
    assert set(ALTERNATIVES[family]) == set(parameters) | {"name"}
    for name, default in parameters.items():
        assert as_saved(ALTERNATIVES[family][name]) != as_saved(default), (family, name)


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_every_non_default_argument_survives_save_and_load(family, tmp_path):
    values = ALTERNATIVES[family]
    model = tiny(family, **values)
    for variable in model.weights:  # weights that no fresh build from the same seed would have
        variable.assign(variable + keras.ops.cast(1.5, variable.dtype))
    path = str(tmp_path / "model.keras")
    model.save(path)
    loaded = keras.models.load_model(path)
    assert type(loaded) is type(model)
    config = loaded.get_config()
    for name, value in values.items():
        assert as_saved(config[name]) == as_saved(value), name
        # The attribute of that name, where there is one (`generator_loss` is a method), is the rebuilt value.
        attribute = getattr(loaded, name, None)
        if attribute is not None and not callable(attribute):
            assert as_saved(attribute) == as_saved(value), name
    assert len(model.weights) == len(loaded.weights) > 0
    for saved, restored in zip(model.weights, loaded.weights):
        np.testing.assert_array_equal(keras.ops.convert_to_numpy(saved), keras.ops.convert_to_numpy(restored))
