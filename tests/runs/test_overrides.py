import pytest

from kgan.models import CGAN, DCGAN
from kgan.runs import RunError, parse_overrides
from kgan.runs.overrides import check_overrides


def test_values_are_python_literals_or_strings():
    assert parse_overrides(["image_size=16", "learning_rate=1e-4", "image_shape=16,16,1", "ema_decay=None",
                            "generator_loss=minimax", "architecture='conv'", "flag=True"]) == {
        "image_size": 16, "learning_rate": 1e-4, "image_shape": (16, 16, 1), "ema_decay": None,
        "generator_loss": "minimax", "architecture": "conv", "flag": True}


@pytest.mark.parametrize("item", ["image_size", "=3", "two words=1"])
def test_malformed_items_are_rejected(item):
    with pytest.raises(RunError, match="--set needs key=value"):
        parse_overrides([item])


def test_keys_are_checked_against_the_family_and_engine_arguments():
    check_overrides("cgan", CGAN, {"num_classes": 3, "ema_decay": 0.99})
    with pytest.raises(RunError, match="dcgan has no argument 'num_classes' for --set; it takes: image_size, "):
        check_overrides("dcgan", DCGAN, {"num_classes": 3})
    with pytest.raises(RunError, match=r"--set seed=\.\.\. is not allowed; use --seed"):
        check_overrides("dcgan", DCGAN, {"seed": 3})



def test_values_take_the_arguments_type():
    from kgan.models import WGAN

    converted = check_overrides("cgan", CGAN, {"learning_rate": 1, "ema_decay": 0, "num_classes": 3})
    assert converted == {"learning_rate": 1.0, "ema_decay": 0.0, "num_classes": 3}
    assert [type(v) for v in converted.values()] == [float, float, int]
    clip = check_overrides("wgan", WGAN, {"clip_value": 1})["clip_value"]  # a float default: taken as a float
    assert clip == 1.0 and isinstance(clip, float)


@pytest.mark.parametrize("overrides, message", [
    ({"ema_decay": "abc"}, "--set ema_decay: ema_decay must be a number in [0, 1) or None, got 'abc'"),
    ({"ema_decay": 2}, "--set ema_decay: ema_decay must be a number in [0, 1) or None, got 2"),
    ({"ema_decay": -1}, "--set ema_decay: ema_decay must be a number in [0, 1) or None, got -1"),
    ({"learning_rate": -1}, "--set learning_rate: learning_rate must be a number > 0, got -1"),
    ({"image_shape": 32}, "--set image_shape: image_shape must be a list of 3 integers >= 1, got 32; "
                          "write a list with commas, e.g. image_shape=32,32,1"),
])
def test_bad_values_are_one_line_errors_naming_the_argument(overrides, message):
    with pytest.raises(RunError) as error:
        check_overrides("cgan", CGAN, overrides)
    assert str(error.value) == message


def test_a_near_miss_name_is_pointed_to_the_familys_own():
    with pytest.raises(RunError, match=r"^cgan has no argument 'image_size' for --set \(did you mean image_shape\?\); "
                                       r"it takes: image_shape, num_classes, "):
        check_overrides("cgan", CGAN, {"image_size": 64})
