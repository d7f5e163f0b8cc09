"""Every constructor argument of every family is checked before any network is built, in one line naming it.

No model is built here: a bad value must be refused before the first `keras.Input`,
which the fixture turns into a failure, so these cases cost milliseconds.
"""
import keras
import pytest

from kgan.models import CGAN, FAMILIES
from tests.models.tiny_families import BAD_CASES, BAD_VALUES, TINY, tiny

pytestmark = pytest.mark.backend_independent  # runs once, in the TensorFlow pass


@pytest.fixture
def no_networks(monkeypatch):
    """Fails the test if a network starts to be built (every family's networks begin with `keras.Input`)."""
    def refuse(*args, **kwargs):
        raise AssertionError("a network was built before the arguments were checked")

    monkeypatch.setattr(keras, "Input", refuse)


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_every_parameter_has_bad_values(family):
    assert set(BAD_VALUES[family]) == set(FAMILIES[family].constructor_parameter_names())


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_the_fixture_catches_building(family, no_networks):
    with pytest.raises(AssertionError, match="a network was built"):
        tiny(family)


@pytest.mark.parametrize("family, name, value", BAD_CASES,
                         ids=[f"{family}-{name}={value!r}" for family, name, value in BAD_CASES])
def test_a_bad_value_is_refused_in_one_line_naming_it_before_building(family, name, value, no_networks):
    with pytest.raises(ValueError) as error:
        FAMILIES[family](**{**TINY[family], name: value})
    message = str(error.value)
    assert name in message and repr(value) in message, message
    assert "\n" not in message


def test_a_preset_override_is_checked(no_networks):
    with pytest.raises(ValueError, match=r"^ema_decay must be a number in \[0, 1\) or None, got 5$"):
        CGAN.from_preset("cgan_32", ema_decay=5)


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_an_integer_learning_rate_is_a_float(family):
    names = [name for name in FAMILIES[family].constructor_parameter_names() if name.endswith("learning_rate")]
    model = tiny(family, **{name: 1 for name in names})
    model.compile()
    for name in names:
        value = model.get_config()[name]
        assert value == 1.0 and isinstance(value, float), (name, value)
    rates = {float(keras.ops.convert_to_numpy(opt.learning_rate)) for opt in model.optimizer.optimizers.values()}
    assert rates == {1.0}
