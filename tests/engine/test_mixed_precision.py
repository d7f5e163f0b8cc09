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


@pytest.fixture
def devices(monkeypatch):
    """Sets the devices Keras reports, and forgets an earlier warning of this process."""
    from kgan.engine import float16_emulation

    monkeypatch.setattr(float16_emulation, "warned", False)
    return lambda names: monkeypatch.setattr(keras.distribution, "list_devices", lambda *a, **k: list(names))


def test_float16_on_a_cpu_warns_once(devices):
    devices(["cpu:0"])
    keras.config.set_dtype_policy("mixed_float16")
    with pytest.warns(UserWarning, match=r"^float16 is emulated on this device \(cpu:0\)") as caught:
        tiny_gan()
        tiny_gan()
    assert len([w for w in caught if "float16 is emulated" in str(w.message)]) == 1


@pytest.mark.parametrize("policy, names", [("mixed_float16", ["gpu:0"]), ("mixed_bfloat16", ["cpu:0"]),
                                           ("float32", ["cpu:0"])])
def test_no_warning_where_float16_is_native_or_unused(devices, policy, names, recwarn):
    devices(names)
    keras.config.set_dtype_policy(policy)
    tiny_gan()
    assert not [w for w in recwarn if "emulated" in str(w.message)]


def test_a_float16_run_on_a_cpu_says_so_once_in_one_line(devices, capsys, recwarn):
    from kgan.runs import RunConfig
    from kgan.runs.runtime import prepare_runtime

    devices(["cpu:0"])
    config = RunConfig("gan", "digits", precision="mixed_float16")
    prepare_runtime(config)
    prepare_runtime(config)
    tiny_gan()  # the run's model: no second notice
    err = capsys.readouterr().err
    assert err.startswith("kgan: warning: float16 is emulated on this device (cpu:0)") and err.count("\n") == 1
    assert not [w for w in recwarn if "emulated" in str(w.message)]
