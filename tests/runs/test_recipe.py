"""A preset's recipe (data, batch size, length) is what a run uses when no --epochs/--steps/--batch-size is given."""
import json

import pytest

from kgan.cli.main import main
from kgan.data.photo_tasks import TASKS
from kgan.models import FAMILIES, CGAN
from kgan.runs import RunConfig, RunError
from tests.runs.tiny_runs import tiny_cli_options

pytestmark = pytest.mark.backend_independent  # runs once, in the TensorFlow pass

EMBEDDED = ("digits", "photos", "photos:train") + tuple(f"photos:{task}" for task in TASKS)
PRESETS = [(family, preset) for family, cls in FAMILIES.items() for preset in cls.presets]


@pytest.mark.parametrize("family,preset", PRESETS)
def test_every_preset_has_a_recipe_of_data_batch_size_and_one_length(family, preset):
    recipe = FAMILIES[family].presets[preset]["recipe"]
    assert set(recipe) in ({"data", "batch_size", "epochs"}, {"data", "batch_size", "steps"})
    assert recipe["data"] in EMBEDDED  # a first run needs no download
    assert all(isinstance(recipe[k], int) and recipe[k] > 0 for k in recipe if k != "data")


def test_the_default_preset_and_its_recipe_fill_in_what_is_not_given():
    config = RunConfig("cgan", "digits").validate()
    assert (config.preset, config.batch_size, config.epochs, config.steps) == ("cgan_32", 64, 40, None)
    assert config.total_steps(28) == 1120
    assert RunConfig.from_dict({**config.to_dict(), "total_steps": 1120}) == config
    config = RunConfig("cgan", "digits", preset="cgan_mnist").validate()
    assert (config.batch_size, config.epochs, config.steps) == (100, 250, None)


@pytest.mark.parametrize("given,expected", [
    ({"epochs": 3}, (64, 3, None)),
    ({"steps": 7}, (64, None, 7)),  # steps replace the recipe's epochs rather than clashing with them
    ({"batch_size": 8}, (8, 40, None)),
])
def test_given_settings_win_over_the_recipe(given, expected):
    config = RunConfig("cgan", "digits", preset="cgan_32", **given).validate()
    assert (config.batch_size, config.epochs, config.steps) == expected


def test_a_preset_without_a_recipe_needs_the_settings_given(monkeypatch):
    monkeypatch.delitem(CGAN.presets["cgan_32"], "recipe")
    with pytest.raises(RunError, match="preset 'cgan_32' has no recipe length; give --epochs or --steps"):
        RunConfig("cgan", "digits").validate()
    with pytest.raises(RunError, match="preset 'cgan_32' has no recipe batch size; give --batch-size"):
        RunConfig("cgan", "digits", steps=5).validate()
    assert RunConfig("cgan", "digits", steps=5, batch_size=8).validate().batch_size == 8


def test_kgan_train_without_length_or_batch_options_records_the_recipe(tmp_path, capsys, monkeypatch):
    # A short recipe, so the test trains 3 steps of a tiny model.
    monkeypatch.setitem(CGAN.presets["cgan_32"], "recipe", {"data": "digits", "batch_size": 600, "steps": 3})
    out_dir = tmp_path / "run"
    code = main(["train", "cgan", *tiny_cli_options("cgan"), "--data", "digits", "--out", str(out_dir),
                 "--verbose", "0"])
    assert code == 0, capsys.readouterr().err
    config = json.loads((out_dir / "config.json").read_text())
    assert {k: config[k] for k in ("preset", "batch_size", "epochs", "steps", "total_steps", "steps_per_epoch")} == {
        "preset": "cgan_32", "batch_size": 600, "epochs": None, "steps": 3, "total_steps": 3, "steps_per_epoch": 2}
