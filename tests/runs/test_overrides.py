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

