"""Exact resume at the reference sizes: each family's reference preset, N steps + resume + N steps == 2N steps.

The tiny configurations of `test_resume.py` hid a rewrite by TensorFlow's graph optimizer that
made `wgan_gp_32` and `wgan_gp_64` differ from run to run on the CPU at batch 64, from the first
step (issue 7, item 0). Small batches keep the other presets cheap; the networks are the
presets', layer for layer. TensorFlow only: on JAX's CPU backend `wgan_gp_32` alone takes about
5 minutes here (its penalty's second-order convolutions); the JAX pass runs `test_resume.py`.
"""
import keras
import pytest

from kgan.runs import RunConfig, resume, train
from tests.runs.tiny_runs import assert_same_state, quiet

pytestmark = pytest.mark.tensorflow_only

# Step 3 is inside WGAN's and WGAN-GP's first generator iteration (5 critic batches); 7 is past its generator step.
HALF, WHOLE = 3, 7
# (family, preset, batch size): the WGAN-GP presets at their reference batch, where the defect showed.
REFERENCE_PRESETS = [("gan", "gan_mnist", 8), ("dcgan", "dcgan_64", 8), ("cgan", "cgan_mnist", 8),
                     ("wgan", "wgan_32", 8), ("wgan_gp", "wgan_gp_32", 64), ("wgan_gp", "wgan_gp_64", 64),
                     ("infogan", "infogan_mnist", 8)]


def config(family, preset, batch_size, steps):
    # checkpoint_every is past the end: the only checkpoint is the one at the run's last step.
    return RunConfig(family, "digits", preset=preset, steps=steps, batch_size=batch_size, checkpoint_every=1000,
                     deterministic=True)


@pytest.mark.parametrize("family, preset, batch_size", REFERENCE_PRESETS)
def test_reference_preset_resumes_bit_identically(tmp_path, family, preset, batch_size):
    whole = train(config(family, preset, batch_size, WHOLE), tmp_path / "whole", verbose=0, log=quiet)
    train(config(family, preset, batch_size, HALF), tmp_path / "split", verbose=0, log=quiet)
    resumed = resume(tmp_path / "split", steps=WHOLE, verbose=0, log=quiet)
    assert (resumed.start_step, resumed.step) == (HALF, WHOLE)
    assert int(keras.ops.convert_to_numpy(resumed.model.global_step)) == WHOLE
    assert_same_state(whole.model, resumed.model)
