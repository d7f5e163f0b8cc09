"""Exact resume: N steps, resume, N more steps == 2N steps in one go, bit for bit (deterministic CPU)."""
import glob
import os

import keras
import pytest

from kgan.callbacks import CheckpointStore
from kgan.runs import resume, train
from tests.runs.tiny_runs import assert_same_state, quiet, tiny_config

# digits at batch 64: 28 steps per epoch, so a resume at step 20 is mid-epoch and 40 ends mid-epoch 1.
BATCH, HALF, WHOLE = 64, 20, 40


def config(family, steps, critic_steps=None):
    config = tiny_config(family, steps=steps, batch_size=BATCH)
    if critic_steps:
        config.overrides["critic_steps"] = critic_steps
    return config


# WGAN-GP's critic takes a batch per step: with 3 critic steps, step 20 is inside a generator iteration.
@pytest.mark.parametrize("family, critic_steps", [("dcgan", None), ("wgan_gp", 2), ("wgan_gp", 3)])
def test_resume_is_bit_identical_to_one_run(tmp_path, family, critic_steps):
    whole = train(config(family, WHOLE, critic_steps), tmp_path / "whole", verbose=0, log=quiet)
    train(config(family, HALF, critic_steps), tmp_path / "split", verbose=0, log=quiet)
    resumed = resume(tmp_path / "split", steps=WHOLE, verbose=0, log=quiet)
    assert (resumed.start_step, resumed.step, resumed.steps_per_epoch) == (HALF, WHOLE, 28)
    assert int(keras.ops.convert_to_numpy(resumed.model.optimizer.iterations)) == WHOLE
    assert_same_state(whole.model, resumed.model)
    on_disk = CheckpointStore(tmp_path / "split" / "checkpoints").load()
    assert_same_state(whole.model, on_disk)


def test_resume_from_a_checkpoint_taken_inside_an_epoch(tmp_path):
    """The JAX trainer holds the state outside the variables mid-epoch: step checkpoints must still be current."""
    whole = train(tiny_config(steps=WHOLE, batch_size=BATCH), tmp_path / "whole", verbose=0, log=quiet)
    split = tmp_path / "split"
    train(tiny_config(steps=HALF, batch_size=BATCH, checkpoint_every=7), split, verbose=0, log=quiet)
    assert CheckpointStore(split / "checkpoints").steps() == [7, 14, 20]
    for path in glob.glob(str(split / "checkpoints" / "ckpt-000000020.*")):
        os.remove(path)  # as if killed between step 14's checkpoint and step 20's
    resumed = resume(split, steps=WHOLE, verbose=0, log=quiet)
    assert resumed.start_step == 14
    assert_same_state(whole.model, resumed.model)
