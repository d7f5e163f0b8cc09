"""Every constructor parameter of every family survives `model.save` and `keras.models.load_model`."""
import keras
import pytest

from kgan.models import FAMILIES
from tests.helpers import constructor_parameters
from tests.models.tiny_families import ALTERNATIVES, CASES, tiny


def as_saved(value):
    """Tuples come back from a `.keras` file as lists."""
    return [as_saved(v) for v in value] if isinstance(value, (list, tuple)) else value


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_every_parameter_has_a_non_default_alternative(family):
    parameters = constructor_parameters(FAMILIES[family])
    assert set(ALTERNATIVES[family]) == set(parameters) | {"name"}
    for name, default in parameters.items():
        assert as_saved(ALTERNATIVES[family][name]) != as_saved(default), (family, name)


@pytest.mark.parametrize("family, name", CASES)
def test_non_default_argument_survives_save_and_load(family, name, tmp_path):
    value = ALTERNATIVES[family][name]
    model = tiny(family, **{name: value})
    path = str(tmp_path / "model.keras")
    model.save(path)
    loaded = keras.models.load_model(path)
    assert type(loaded) is type(model)
    assert as_saved(loaded.get_config()[name]) == as_saved(value)
    # The attribute of that name, where there is one (`generator_loss` is a method), is the rebuilt value.
    attribute = getattr(loaded, name, None)
    if attribute is not None and not callable(attribute):
        assert as_saved(attribute) == as_saved(value)
