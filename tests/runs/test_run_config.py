import pytest

from kgan.runs import RunConfig, RunError


@pytest.mark.parametrize("settings, message", [
    (dict(epochs=2.5), "--epochs must be an integer >= 1 or None, got 2.5"),
    (dict(epochs=None, steps=0), "--steps must be an integer >= 1 or None, got 0"),
    (dict(batch_size=True), "--batch-size must be an integer >= 1, got True"),
    (dict(seed=-1), "--seed must be an integer >= 0, got -1"),
])
def test_integer_settings_are_checked_without_rounding(settings, message):
    with pytest.raises(RunError) as error:
        RunConfig("dcgan", "digits", **settings).validate()
    assert str(error.value) == message
