import keras
import numpy as np
import pytest

from kgan.models import GAN
from tests.helpers import fit_two_steps, random_images


def tiny_gan():
    return GAN(image_shape=(4, 4, 1), latent_dim=4, generator_units=(8,), discriminator_units=(8,),
               maxout_pieces=2, dropout=0.0, seed=3)


@pytest.mark.parametrize("policy", ["mixed_float16", "mixed_bfloat16"])
def test_mixed_precision_trains(policy):
    keras.config.set_dtype_policy(policy)
    model = tiny_gan()
    compute = "float16" if policy == "mixed_float16" else "bfloat16"
    assert model.generator.layers[1].compute_dtype == compute
    # Variables stay float32; the final activations and the losses are float32.
    assert all(v.dtype == "float32" for v in model.trainable_variables)
    assert model.generator.output.dtype == "float32"
    history = fit_two_steps(model, random_images((4, 4, 1), 16))
    assert all(isinstance(v[0], float) for v in history.history.values())
    wrapped = [isinstance(model.player_optimizer(n), keras.optimizers.LossScaleOptimizer)
               for n in ("discriminator", "generator")]
    assert wrapped == ([True, True] if policy == "mixed_float16" else [False, False])


def test_float16_gives_each_player_its_own_loss_scale():
    keras.config.set_dtype_policy("mixed_float16")
    model = tiny_gan()
    model.compile()
    d_opt, g_opt = model.player_optimizer("discriminator"), model.player_optimizer("generator")
    assert d_opt.dynamic_scale is not g_opt.dynamic_scale
    # The wrapper exposes both scales to the trainer (and to saving).
    ids = {id(v) for v in model.optimizer.variables}
    assert id(d_opt.dynamic_scale) in ids and id(g_opt.dynamic_scale) in ids
    model.fit(random_images((4, 4, 1), 8), batch_size=8, verbose=0)
    assert np.isfinite(float(keras.ops.convert_to_numpy(g_opt.dynamic_scale)))
    assert int(g_opt.iterations) == 1
