"""A run gives a family whose schedule is in epochs (CycleGAN's learning-rate decay) the data's epoch length."""
import json
from types import SimpleNamespace

import keras
import pytest

from kgan.runs import RunConfig, resume, train
from kgan.runs.training import _with_epoch_length
from tests.data.files import write_png
from tests.helpers import random_images
from tests.runs.tiny_runs import quiet

pytestmark = pytest.mark.tensorflow_only  # the run layer's bookkeeping; the schedule itself is tested on both

TINY_CYCLEGAN = {"image_size": 16, "generator_filters": 2, "residual_blocks": 0, "discriminator_filters": 2,
                 "discriminator_layers": 1, "pool_size": 2, "constant_epochs": 1, "decay_epochs": 1}


def learning_rate(model):
    optimizer = model.player_optimizer("generators")
    return float(keras.ops.convert_to_numpy(optimizer.learning_rate))


def cyclegan_folder(root, per_domain=8):
    """A CycleGAN layout (trainA/, trainB/) of `per_domain` 16x16 PNGs per domain."""
    for domain, seed in (("trainA", 1), ("trainB", 2)):
        (root / domain).mkdir(parents=True)
        pixels = random_images((16, 16, 3), count=per_domain, seed=seed)
        for index, image in enumerate(pixels):
            write_png(root / domain / f"{index}.png", ((image + 1) * 127.5).round().astype("uint8"))
    return root


def test_a_cyclegan_run_decays_its_learning_rate_by_the_datas_epochs_and_resumes_with_them(tmp_path):
    data = cyclegan_folder(tmp_path / "data")
    config = RunConfig("cyclegan", str(data), overrides=dict(TINY_CYCLEGAN), steps=3, batch_size=4)
    result = train(config, tmp_path / "run", verbose=0, log=quiet)
    steps_per_epoch = result.model.steps_per_epoch
    saved = json.loads((tmp_path / "run" / "config.json").read_text())
    assert saved["overrides"]["steps_per_epoch"] == steps_per_epoch == 2  # 8 images per domain, batch 4
    assert learning_rate(result.model) == pytest.approx(2e-4 * 0.5)  # epoch 1: the first of 1 decay epoch
    resumed = resume(tmp_path / "run", steps=4, verbose=0, log=quiet)
    assert resumed.model.steps_per_epoch == 2
    assert learning_rate(resumed.model) == 0.0  # epoch 2: past the decay


def test_a_run_that_sets_steps_per_epoch_keeps_it():
    config = RunConfig("cyclegan", "photos:unpaired", overrides={**TINY_CYCLEGAN, "steps_per_epoch": 1}, steps=1)
    model = config.validate().build_model()
    assert _with_epoch_length(config, model, SimpleNamespace(steps_per_epoch=2)) is model
    assert model.steps_per_epoch == 1 and config.overrides["steps_per_epoch"] == 1


def test_a_family_without_an_epoch_schedule_is_left_alone():
    config = RunConfig("dcgan", "digits", overrides={"image_size": 8, "generator_filters": 2,
                                                      "discriminator_filters": 2}, steps=1)
    model = config.validate().build_model()
    assert _with_epoch_length(config, model, SimpleNamespace(steps_per_epoch=2)) is model
    assert "steps_per_epoch" not in config.overrides
