import pytest

from kgan.runs import RunConfig, RunError


@pytest.mark.parametrize("settings, message", [
    (dict(epochs=2.5), "--epochs must be an integer >= 1 or None, got 2.5"),
    (dict(epochs=None, steps=0), "--steps must be an integer >= 1 or None, got 0"),
    (dict(batch_size=True), "--batch-size must be an integer >= 1, got True"),
    (dict(seed=-1), "--seed must be an integer in [0, 4294967295], got -1"),
    (dict(seed=2**32), "--seed must be an integer in [0, 4294967295], got 4294967296"),
])
def test_integer_settings_are_checked_without_rounding(settings, message):
    with pytest.raises(RunError) as error:
        RunConfig("dcgan", "digits", **settings).validate()
    assert str(error.value) == message


def test_overrides_are_checked_and_take_the_arguments_type():
    config = RunConfig("cgan", "digits", overrides={"learning_rate": 1}).validate()
    assert config.overrides == {"learning_rate": 1.0} and isinstance(config.overrides["learning_rate"], float)
    with pytest.raises(RunError, match=r"^--set ema_decay: ema_decay must be a number in \[0, 1\) or None, got 2$"):
        RunConfig("cgan", "digits", overrides={"ema_decay": 2}).validate()
