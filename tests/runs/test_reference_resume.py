"""Exact resume at the reference sizes: each family's reference preset, resumed from a checkpoint taken half-way
through a run (the later checkpoints lost, as after a crash), ends bit-identical to the run itself.

The tiny configurations of `test_resume.py` hid a rewrite by TensorFlow's graph optimizer that
made `wgan_gp_32` and `wgan_gp_64` differ from run to run on the CPU at batch 64, from the first
step (issue 7, item 0). Small batches keep the other presets cheap; the networks are the
presets', layer for layer. TensorFlow only: on JAX's CPU backend `wgan_gp_32` alone takes about
5 minutes here (its penalty's second-order convolutions); the JAX pass runs `test_resume.py`.
"""
import shutil

import keras
import pytest

from kgan.runs import RunConfig, resume, train
from tests.runs.tiny_runs import assert_same_state, quiet

pytestmark = pytest.mark.tensorflow_only

# Step 3 is inside WGAN's and WGAN-GP's first generator iteration (5 critic batches); 7 is past its generator step.
HALF, WHOLE = 3, 7
# The WGAN-GP defect showed in the weights after the first step, so 1 + 1 steps find it; at batch 32 each
# step of wgan_gp_64 costs seconds on 2 cores. The tiny runs of test_resume.py resume WGAN-GP inside an iteration.
FIRST_STEPS = 1, 2
# (family, preset, batch size, (half, whole)). wgan_gp_64 runs at batch 32, the smallest of 8, 16, 32 and 64
# at which Grappler's rewrite still broke it (as it did with only the dependency optimizer off);
# wgan_gp_32 showed it only at 64, and runs at 8 like the rest.
REFERENCE_PRESETS = [("gan", "gan_mnist", 8, (HALF, WHOLE)), ("dcgan", "dcgan_64", 8, (HALF, WHOLE)),
                     ("cgan", "cgan_mnist", 8, (HALF, WHOLE)), ("wgan", "wgan_32", 8, (HALF, WHOLE)),
                     ("wgan_gp", "wgan_gp_32", 8, (HALF, WHOLE)), ("wgan_gp", "wgan_gp_64", 32, FIRST_STEPS),
                     ("infogan", "infogan_mnist", 8, (HALF, WHOLE))]


def config(family, preset, batch_size, steps, checkpoint_every):
    return RunConfig(family, "digits", preset=preset, steps=steps, batch_size=batch_size,
                     checkpoint_every=checkpoint_every, deterministic=True)


def lose_checkpoints_after(run_dir, step):
    """What a crash after checkpoint `step` leaves: no later checkpoint."""
    for path in (run_dir / "checkpoints").glob("ckpt-*"):
        if int(path.stem.split("-")[1]) > step:
            path.unlink()


@pytest.mark.parametrize("family, preset, batch_size, steps", REFERENCE_PRESETS)
def test_reference_preset_resumes_bit_identically(tmp_path, family, preset, batch_size, steps):
    half, whole_steps = steps
    whole = train(config(family, preset, batch_size, whole_steps, checkpoint_every=half), tmp_path / "whole",
                  verbose=0, log=quiet)
    shutil.copytree(tmp_path / "whole", tmp_path / "crashed")
    lose_checkpoints_after(tmp_path / "crashed", half)
    resumed = resume(tmp_path / "crashed", verbose=0, log=quiet)
    assert (resumed.start_step, resumed.step) == (half, whole_steps)
    assert int(keras.ops.convert_to_numpy(resumed.model.global_step)) == whole_steps
    assert_same_state(whole.model, resumed.model)
