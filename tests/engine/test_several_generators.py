"""Several generators and critics in 2-4 players, G-then-D order, the seam, shared optimizers, intervals."""
import keras
import numpy as np
import pytest

from tests.engine.linear_cycle_gan import LinearCycleGAN
from tests.engine.numpy_reference import CycleReference

RNG = np.random.default_rng(0)
A = RNG.normal(size=(24, 2)).astype("float32")
B = (RNG.normal(size=(24, 2)) + 1.0).astype("float32")
NETWORKS = ("generator", "inverse", "critic_a", "critic_b")


def assert_matches(model, reference):
    for name in NETWORKS:
        kernel, bias = getattr(model, name).get_weights()
        np.testing.assert_allclose(kernel, reference.w[f"{name}/kernel"], rtol=1e-4, atol=1e-5, err_msg=name)
        np.testing.assert_allclose(bias, reference.w[f"{name}/bias"], rtol=1e-4, atol=1e-5, err_msg=name)


@pytest.mark.parametrize("layout", ["generators_first", "four_players", "shared_discriminator"])
def test_three_train_steps_match_numpy(layout):
    model = LinearCycleGAN(layout=layout)
    reference = CycleReference(model)
    model.compile()
    model.fit(A, B, batch_size=8, epochs=1, shuffle=False, verbose=0)
    for i in range(3):
        reference.step(layout, A[8 * i: 8 * i + 8], B[8 * i: 8 * i + 8])
    assert_matches(model, reference)
    assert int(model.global_step) == 3


def test_second_generator_player_trains():
    # Found: on JAX, F's pullback was taken against G's variables; F did not move, its optimizer counted a step.
    model = LinearCycleGAN(layout="four_players")
    before = model.inverse.get_weights()
    model.compile()
    model.fit(A[:8], B[:8], batch_size=8, verbose=0)
    reference = CycleReference(LinearCycleGAN(layout="four_players"))
    reference.step("four_players", A[:8], B[:8])
    moved = np.abs(model.inverse.get_weights()[0] - before[0]).max()
    expected = np.abs(reference.w["inverse/kernel"] - before[0]).max()
    assert moved == pytest.approx(expected, rel=1e-3) and expected > 1e-3
    assert int(model.player_optimizer("inverse").iterations) == 1


@pytest.mark.parametrize("layout", ["generators_first", "four_players"])
def test_one_generator_forward_per_train_step(layout):
    # Found: the order generator-then-discriminator ran the generator forward twice per step.
    model = LinearCycleGAN(layout=layout)
    model.compile(run_eagerly=True)
    model.fit(A, B, batch_size=8, epochs=1, shuffle=False, verbose=0)
    assert model.forward_calls == 3


def test_the_seam_is_model_state_and_resumes_exactly(tmp_path):
    model = LinearCycleGAN(view_mix=0.5)
    reference = CycleReference(model, view_mix=0.5)
    model.compile()
    model.fit(A[:16], B[:16], batch_size=8, shuffle=False, verbose=0)
    model.save(tmp_path / "m.keras")
    for i in range(2):
        reference.step("generators_first", A[8 * i: 8 * i + 8], B[8 * i: 8 * i + 8])
    loaded = keras.models.load_model(tmp_path / "m.keras")
    # The saved seam state is the second step's fake_a, made by F after one update.
    np.testing.assert_allclose(keras.ops.convert_to_numpy(loaded.previous_fake_a), reference.previous_fake_a,
                               rtol=1e-4, atol=1e-5)
    model.fit(A[16:], B[16:], batch_size=8, shuffle=False, verbose=0)
    reference.step("generators_first", A[16:], B[16:])
    assert_matches(model, reference)
    loaded.fit(A[16:], B[16:], batch_size=8, shuffle=False, verbose=0)
    for a, b in zip(loaded.get_weights(), model.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
    # The critic saw the previous step's fake: it differs from a run without the seam.
    plain = LinearCycleGAN()
    plain.compile()
    plain.fit(A, B, batch_size=8, shuffle=False, verbose=0)
    assert not np.allclose(plain.critic_a.get_weights()[0], model.critic_a.get_weights()[0], atol=1e-4)


def test_every_and_shared_optimizer_counts():
    model = LinearCycleGAN(layout="shared_discriminator")
    model.compile()
    model.fit(A[:16], B[:16], batch_size=4, shuffle=False, verbose=0)  # 4 cycles: the penalty on 0 and 2
    assert int(model.player_optimizer("critic_b").iterations) == 4 + 2
    assert int(model.player_optimizer("critic_a").iterations) == 4
    # One optimizer for both critic_b steps: its variables are listed once.
    assert len({id(v) for v in model.optimizer.variables}) == len(model.optimizer.variables)
    history = model.fit(A[:8], B[:8], batch_size=4, shuffle=False, verbose=0)
    # Cycles 4 (penalty) and 5 (none): the logged penalty is the mean over the steps that ran it.
    assert history.history["penalty"][0] > 0.0


def test_ema_of_two_generators():
    model = LinearCycleGAN(ema_decay=0.5, ema_warmup=False)
    before = {name: getattr(model, name).get_weights() for name in ("generator", "inverse")}
    model.compile()
    model.fit(A[:8], B[:8], batch_size=8, verbose=0)
    for name in ("generator", "inverse"):
        after = getattr(model, name).get_weights()
        for ema, old, new in zip(getattr(model, f"ema_{name}").get_weights(), before[name], after):
            np.testing.assert_allclose(ema, 0.5 * old + 0.5 * new, rtol=1e-6)
    assert model.sampling_generator is model.ema_generator
