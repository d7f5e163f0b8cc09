"""A growing run: the run layer grows the model between stages, and a resume in the middle of a fade is exact."""
import json

import keras
import numpy as np
import pytest

import kgan.models
from kgan.callbacks import CheckpointStore
from kgan.runs import RunConfig, RunError, resume, train
from kgan.runs.fit_plan import StageSpan, stage_spans
from kgan.engine.stage import Stage
from tests.engine.growing_toy import GrowingToy
from tests.runs.tiny_runs import quiet, state

# The toy's plan: 4 steps at 4x4 (batch 16), then 12 at 8x8 (batch 8) whose first 6 fade the new layers in.
WHOLE, MID_FADE = 16, 7


@pytest.fixture(scope="module", autouse=True)
def _toy_family():
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(kgan.models.FAMILIES, "growing_toy", GrowingToy)
        yield


@pytest.fixture(scope="module")
def whole(tmp_path_factory):
    """The uninterrupted run: its directory, and its final state (model and optimizer variables)."""
    run_dir = tmp_path_factory.mktemp("whole") / "run"
    result = train(toy_config(), run_dir, verbose=0, log=quiet)
    return run_dir, result, state(result.model)


def toy_config(steps=None, **kwargs):
    return RunConfig("growing_toy", "digits", preset="toy", steps=steps, checkpoint_every=3, keep_checkpoints=10,
                     deterministic=True, **kwargs)


def test_stage_spans_split_a_run_at_stage_bounds():
    plan = [Stage(4, steps=10), Stage(8, steps=20)]
    assert stage_spans(plan, 0, 30) == [StageSpan(0, 0, 10, 0), StageSpan(1, 10, 30, 10)]
    assert stage_spans(plan, 4, 40) == [StageSpan(0, 4, 10, 0), StageSpan(1, 10, 40, 10)]
    assert stage_spans(plan, 12, 30) == [StageSpan(1, 12, 30, 10)]
    assert stage_spans(plan, 0, 6) == [StageSpan(0, 0, 6, 0)]
    assert stage_spans(plan, 10, 10) == []


def test_a_run_grows_through_its_plan_and_checkpoints_name_the_stage(whole):
    run_dir, result, _ = whole
    model = result.model
    assert (result.step, model.stage, float(model.progress)) == (WHOLE, 1, 1.0)
    assert model.sample(2).shape == (2, 8, 8, 1)
    store = CheckpointStore(run_dir / "checkpoints", keep=10)
    assert store.steps() == [3, 4, 6, 9, 12, 15, 16]
    stage_of = lambda step: store.read(step)["stage"]  # noqa: E731
    assert stage_of(3) == {"index": 0, "resolution": 4, "start_step": 0, "fade_steps": 0, "progress": 1.0,
                           "first_epoch": 0, "steps_per_epoch": 112}
    # At 9: 5 steps into the stage, 5 of its 6 fade steps done; a new stage's epochs count on from the last one.
    assert stage_of(9) == {"index": 1, "resolution": 8, "start_step": 4, "fade_steps": 6,
                           "progress": pytest.approx(5 / 6), "first_epoch": 1, "steps_per_epoch": 224}
    assert store.read(9)["epoch"] == 1
    assert store.load(store.read(4)).stage == 0 and store.load(store.read(6)).stage == 1
    config = json.loads((run_dir / "config.json").read_text())
    assert config["stages"] == [stage.to_dict() for stage in model.stage_plan()]
    assert (config["steps"], config["epochs"]) == (WHOLE, None)


@pytest.mark.parametrize("split", [MID_FADE, 2])  # inside the fade; before the growth
def test_resume_in_the_middle_of_a_fade_is_bit_identical(tmp_path, whole, split):
    train(toy_config(steps=split), tmp_path / "split", verbose=0, log=quiet)
    latest = CheckpointStore(tmp_path / "split" / "checkpoints").latest()
    assert latest["step"] == split and latest["stage"]["index"] == (1 if split > 4 else 0)
    resumed = resume(tmp_path / "split", steps=WHOLE, verbose=0, log=quiet)
    assert (resumed.start_step, resumed.step, resumed.model.stage) == (split, WHOLE, 1)
    assert int(keras.ops.convert_to_numpy(resumed.model.global_step)) == WHOLE
    expected, found = whole[2], state(resumed.model)
    assert len(expected) == len(found)
    for index, (a, b) in enumerate(zip(expected, found)):
        np.testing.assert_array_equal(a, b, err_msg=f"variable {index}")


def test_a_growing_run_is_measured_in_steps(tmp_path):
    with pytest.raises(RunError, match="grows in stages, whose epochs differ; give --steps"):
        train(toy_config(epochs=2), tmp_path / "run", verbose=0, log=quiet)
    with pytest.raises(RunError, match="--set stage=... is not allowed"):
        train(toy_config(overrides={"stage": 1}), tmp_path / "run", verbose=0, log=quiet)
