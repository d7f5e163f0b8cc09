import keras
import numpy as np
import pytest

from tests.engine.linear_gan import LinearGAN
from tests.engine.reference_step import reference_step

RNG = np.random.default_rng(0)
Z = RNG.normal(size=(8, 3)).astype("float32")
REAL = RNG.normal(size=(8, 2)).astype("float32")


def weights(model):
    (wg, bg), (wd, bd) = model.generator.get_weights(), model.discriminator.get_weights()
    return wg, bg, wd, bd


@pytest.mark.parametrize("critic_steps, direct_weight", [(1, 0.0), (3, 0.0), (1, 0.7)])
def test_one_step_matches_hand_computed_gradients(critic_steps, direct_weight):
    model = LinearGAN(critic_steps=critic_steps, direct_weight=direct_weight)
    expected = reference_step(*weights(model), Z.astype("float64"), REAL.astype("float64"), lr=0.1,
                              critic_steps=critic_steps, direct_weight=direct_weight)
    model.compile()
    model.fit(Z, REAL, batch_size=8, epochs=1, shuffle=False, verbose=0)
    for got, want in zip(weights(model), expected):
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    assert int(model.player_optimizer("discriminator").iterations) == critic_steps
    assert int(model.player_optimizer("generator").iterations) == 1


def test_logs_are_means_over_the_epoch():
    model = LinearGAN()
    model.compile()
    history = model.fit(Z, REAL, batch_size=4, epochs=2, shuffle=False, verbose=0)
    assert sorted(history.history) == ["d_loss", "g_loss"]
    assert all(len(v) == 2 and np.all(np.isfinite(v)) for v in history.history.values())


def test_optimizer_iterations_count_train_steps():
    model = LinearGAN(critic_steps=2)
    model.compile()
    model.fit(Z, REAL, batch_size=2, epochs=1, verbose=0)
    assert int(model.optimizer.iterations) == 4  # the generator's: one per batch
    assert int(model.player_optimizer("discriminator").iterations) == 8


def test_compile_rejects_an_unknown_player():
    model = LinearGAN()
    with pytest.raises(ValueError, match="'critic'.*discriminator"):
        model.compile(critic=keras.optimizers.Adam())


def test_compile_takes_one_optimizer_per_player():
    model = LinearGAN()
    d_opt, g_opt = keras.optimizers.Adam(1e-3), keras.optimizers.RMSprop(1e-4)
    model.compile(discriminator=d_opt, generator=g_opt)
    assert model.player_optimizer("discriminator") is d_opt
    assert model.player_optimizer("generator") is g_opt
    # Each optimizer was built on exactly its player's variables.
    assert len(d_opt.variables) > 0 and len(g_opt.variables) > 0
    assert model.optimizer.variables == d_opt.variables + g_opt.variables


def test_compile_takes_optimizer_names_and_configs_as_keras_does():
    model = LinearGAN()
    model.compile(generator="adam", discriminator={"class_name": "SGD", "config": {"learning_rate": 0.05}})
    g_opt, d_opt = model.player_optimizer("generator"), model.player_optimizer("discriminator")
    assert type(g_opt) is keras.optimizers.Adam and float(g_opt.learning_rate) == pytest.approx(1e-3)
    assert type(d_opt) is keras.optimizers.SGD and float(d_opt.learning_rate) == pytest.approx(0.05)
    assert model.optimizer.variables == d_opt.variables + g_opt.variables
    model.fit(Z, REAL, batch_size=8, epochs=1, verbose=0)
    assert int(g_opt.iterations) == 1 and int(d_opt.iterations) == 1


@pytest.mark.parametrize("value", ["adamm", 3])
def test_compile_names_the_player_of_an_optimizer_it_cannot_interpret(value):
    with pytest.raises(ValueError, match=f"^compile\\(generator=...\\): could not interpret {value!r} as an "
                                         "optimizer"):
        LinearGAN().compile(generator=value)


def test_undeclared_log_key_is_reported():
    class Chatty(LinearGAN):
        def generator_loss(self, batch, fake):
            g_loss, _ = super().generator_loss(batch, fake)
            return g_loss, {"g_loss": g_loss, "extra": g_loss}

    model = Chatty()
    model.compile()
    with pytest.raises(KeyError, match="'extra'"):
        model.fit(Z, REAL, batch_size=8, verbose=0)


def test_generator_ema_averages_weights():
    model = LinearGAN(ema_decay=0.25, ema_warmup=False)
    before = model.generator.get_weights()
    np.testing.assert_array_equal(model.ema_generator.get_weights()[0], before[0])
    model.compile()
    model.fit(Z, REAL, batch_size=8, epochs=1, verbose=0)
    after = model.generator.get_weights()
    for ema, old, new in zip(model.ema_generator.get_weights(), before, after):
        np.testing.assert_allclose(ema, 0.25 * old + 0.75 * new, rtol=1e-6, atol=1e-7)
    assert model.sampling_generator is model.ema_generator
    assert not model.ema_generator.trainable_variables


def test_save_and_load_keep_optimizer_state(tmp_path):
    model = LinearGAN(ema_decay=0.5, critic_steps=2)
    model.compile(discriminator=keras.optimizers.Adam(1e-3), generator=keras.optimizers.Adam(2e-3))
    model.fit(Z, REAL, batch_size=4, epochs=1, verbose=0)
    model.save(tmp_path / "m.keras")
    loaded = keras.models.load_model(tmp_path / "m.keras")
    assert isinstance(loaded.player_optimizer("generator"), keras.optimizers.Adam)
    assert float(loaded.player_optimizer("generator").learning_rate) == pytest.approx(2e-3)
    for a, b in zip(model.optimizer.variables, loaded.optimizer.variables, strict=True):
        np.testing.assert_array_equal(keras.ops.convert_to_numpy(a), keras.ops.convert_to_numpy(b))
    for a, b in zip(model.get_weights(), loaded.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
    # Training on from the loaded model equals training on from the original.
    model.fit(Z, REAL, batch_size=4, epochs=1, shuffle=False, verbose=0)
    loaded.fit(Z, REAL, batch_size=4, epochs=1, shuffle=False, verbose=0)
    for a, b in zip(model.get_weights(), loaded.get_weights()):
        np.testing.assert_allclose(a, b, rtol=1e-6)


def test_tf_data_input_trains_like_numpy():
    import tensorflow as tf

    from_numpy, from_dataset = LinearGAN(), LinearGAN()
    from_numpy.compile()
    from_dataset.compile()
    from_numpy.fit(Z, REAL, batch_size=4, shuffle=False, verbose=0)
    from_dataset.fit(tf.data.Dataset.from_tensor_slices((Z, REAL)).batch(4), verbose=0)
    for a, b in zip(from_numpy.get_weights(), from_dataset.get_weights()):
        np.testing.assert_allclose(a, b, rtol=1e-6)


def test_save_keeps_every_seed_generator_state(tmp_path):
    from kgan.models import GAN

    model = GAN(image_shape=(4, 4, 1), latent_dim=4, generator_units=(8,), discriminator_units=(8,),
                maxout_pieces=2, dropout=0.5, seed=1)
    model.compile()
    model.fit(np.zeros((16, 4, 4, 1), "float32"), batch_size=8, verbose=0)
    model.save(tmp_path / "m.keras")
    loaded = keras.models.load_model(tmp_path / "m.keras")
    states = [keras.ops.convert_to_numpy(v).tolist() for v in model._seed_states()]
    assert len(states) == 3  # the model's noise and D's two Dropout layers
    assert states[0] == [1, 2]  # seed 1, advanced once per train step
    assert [keras.ops.convert_to_numpy(v).tolist() for v in loaded._seed_states()] == states


@pytest.mark.parametrize("steps, decay", [(1, 2 / 11), (3, 0.3)])
def test_generator_ema_warms_up(steps, decay):
    # The decay is min(0.3, (1 + t) / (10 + t)) at generator step t: 2/11 at t = 1; 0.3 from t = 3 on.
    model = LinearGAN(ema_decay=0.3)
    model.compile()
    if steps > 1:  # the steps before the one checked
        model.fit(Z[: 2 * (steps - 1)], REAL[: 2 * (steps - 1)], batch_size=2, verbose=0)
    before_ema, before = model.ema_generator.get_weights(), model.generator.get_weights()
    model.fit(Z[:2], REAL[:2], batch_size=2, verbose=0)
    assert int(model.player_optimizer("generator").iterations) == steps
    for ema, old_ema, new in zip(model.ema_generator.get_weights(), before_ema, model.generator.get_weights()):
        np.testing.assert_allclose(ema, decay * old_ema + (1 - decay) * new, rtol=1e-5, atol=1e-7)
    assert any(not np.allclose(a, b) for a, b in zip(before, model.generator.get_weights()))
