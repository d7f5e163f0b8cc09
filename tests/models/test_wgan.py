import keras
import numpy as np
import pytest
from keras import ops

from kgan.models.wgan import WGAN
from tests.helpers import assert_round_trip, assert_trainable_params, fit_two_steps, random_images

TINY = {"image_size": 16, "channels": 1, "latent_dim": 8, "generator_filters": 4, "critic_filters": 4,
        "critic_steps": 2, "warmup_critic_steps": 3, "warmup_generator_steps": 1, "long_critic_every": 0}
CLIP = np.float32(0.01)


def tiny(**overrides):
    return WGAN(**{**TINY, **overrides}, seed=1)


def critic_weights(model):
    return np.concatenate([np.ravel(ops.convert_to_numpy(v)) for v in model.critic.trainable_variables])


class WeightWatchingWGAN(WGAN):
    """Logs the largest |critic weight| seen by the loss of the last critic step of each train step."""

    log_names = WGAN.log_names + ("max_abs_weight",)

    def critic_loss(self, batch, fake_images):
        d_loss, logs = super().critic_loss(batch, fake_images)
        largest = ops.max(ops.stack([ops.max(ops.abs(v)) for v in self.critic.trainable_variables]))
        return d_loss, {**logs, "max_abs_weight": largest}


def test_wgan_64_matches_reference():
    model = WGAN.from_preset("wgan_64")
    assert model.generator.output_shape == (None, 64, 64, 3)
    assert model.critic.output_shape == (None, 1)
    assert model.generator.get_layer("stem").output.shape == (None, 4, 4, 512)
    assert model.critic.get_layer("down3").output.shape == (None, 4, 4, 512)
    # The reference DCGAN critic: BatchNorm after every conv but the first and the last, no biases.
    norms = [layer for layer in model.critic.layers if isinstance(layer, keras.layers.BatchNormalization)]
    assert [layer.name for layer in norms] == ["down1_norm", "down2_norm", "down3_norm"]
    paths = [v.path for v in model.generator.trainable_variables + model.critic.trainable_variables]
    assert not [p for p in paths if p.endswith("bias")]
    # The critic starts inside the clipping box (BatchNorm gammas ~ N(1, 0.02) included).
    weights = critic_weights(model)
    assert np.abs(weights).max() == CLIP
    np.testing.assert_array_equal(ops.convert_to_numpy(model.critic.get_layer("down1_norm").gamma), CLIP)
    model.compile()
    for player in ("critic", "generator"):
        optimizer = model.player_optimizer(player)
        assert isinstance(optimizer, keras.optimizers.RMSprop)
        assert float(optimizer.learning_rate) == pytest.approx(5e-5)
        assert optimizer.rho == pytest.approx(0.99)


def test_the_default_wgan_digits_keeps_clipping_rmsprop_and_the_critic_schedule():
    assert next(iter(WGAN.presets)) == "wgan_digits"
    model = WGAN.from_preset("wgan_digits")
    assert model.generator.output_shape == (None, 32, 32, 1)
    assert np.abs(critic_weights(model)).max() == CLIP
    assert (model.critic_steps, model.warmup_critic_steps, model.warmup_generator_steps,
            model.long_critic_every) == (5, 100, 5, 500)
    model.compile()
    for player in ("critic", "generator"):
        optimizer = model.player_optimizer(player)
        assert isinstance(optimizer, keras.optimizers.RMSprop)
        assert float(optimizer.learning_rate) == pytest.approx(5e-4)  # the reference's 5e-5 is too slow here


def test_wgan_32_shapes():
    model = WGAN.from_preset("wgan_32")
    assert model.generator.get_layer("stem").output.shape == (None, 4, 4, 256)
    assert model.generator.output_shape == (None, 32, 32, 3)
    assert model.critic.output_shape == (None, 1)


def test_tiny_layout():
    model = tiny()
    # G: 8x16x8 stem + BN, 8->4 up1 + BN, 4->1 to_image; critic: 1->4, 4->8 + BN, 8->1 score.
    assert_trainable_params(model, {"generator": 1024 + 16 + 512 + 8 + 64, "critic": 64 + 512 + 16 + 128})


def test_fit_two_steps_and_round_trip(tmp_path):
    model = tiny(shared_critic_batch=True)
    # 3 critic steps before generator step 0 (warm-up), then 2.
    fit_two_steps(model, random_images((16, 16, 1)), expected_advance={"critic": 5, "generator": 2})
    z = keras.random.normal((3, 8), seed=5)
    loaded = assert_round_trip(model, tmp_path, z)
    assert tuple(loaded.sample(3, seed=0).shape) == (3, 16, 16, 1)
    assert all(v.constraint is not None for v in loaded.critic.trainable_variables)
    assert int(loaded.scheduled_critic_steps()) == 2


SCHEDULE = {"critic_steps": 2, "warmup_critic_steps": 4, "warmup_generator_steps": 1, "long_critic_every": 3}


def test_critic_schedule_counts_exactly_on_a_shared_batch():
    model = tiny(**SCHEDULE, shared_critic_batch=True)
    model.compile()
    images = random_images((16, 16, 1), count=16)
    # Before generator step g: 4 critic steps if g < 1 or g % 3 == 0, else 2.  g = 0, 1, 2, 3 -> 4, 2, 2, 4.
    for batches, critic_total, generator_total in ((2, 6, 2), (1, 8, 3), (1, 12, 4)):
        model.fit(images[: 8 * batches], batch_size=8, shuffle=False, verbose=0)
        assert int(model.player_optimizer("critic").iterations) == critic_total
        assert int(model.player_optimizer("generator").iterations) == generator_total
    assert int(model.scheduled_critic_steps()) == 2  # g = 4


def test_critic_schedule_takes_a_batch_per_critic_step():
    model = tiny(**SCHEDULE)
    model.compile()
    images = random_images((16, 16, 1), count=48)
    # Cycles of 4, 2, 2, 4 batches: a critic step per batch, a generator step at each cycle's end.
    for batches, generator_total in ((3, 0), (1, 1), (2, 2), (1, 2), (1, 3), (4, 4)):
        model.fit(images[: 4 * batches], batch_size=4, shuffle=False, verbose=0)
        assert int(model.player_optimizer("generator").iterations) == generator_total
    assert int(model.player_optimizer("critic").iterations) == int(model.global_step) == 12
    assert int(model.scheduled_critic_steps()) == 2  # g = 4


class BatchSummingWGAN(WGAN):
    """Adds the sum of every real batch a critic step scores to a counter (model state)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.seen = self.add_weight(shape=(), initializer="zeros", trainable=False, name="seen")

    def critic_loss(self, batch, fake_images):
        self.seen.assign_add(ops.sum(batch["images"]))
        return super().critic_loss(batch, fake_images)


@pytest.mark.parametrize("shared", [False, True])
def test_each_critic_step_scores_its_own_real_batch(shared):
    images = np.arange(4 * 16 * 16, dtype="float32").reshape(4, 16, 16, 1) / 1e4 + 1.0
    batch_sums = images.reshape(4, -1).sum(1)
    model = BatchSummingWGAN(**{**TINY, "critic_steps": 2, "warmup_generator_steps": 0}, seed=1,
                             shared_critic_batch=shared)
    model.compile()
    model.fit(images, batch_size=1, shuffle=False, verbose=0)
    # Fresh: 4 critic steps on batches 0..3 (2 generator steps). Shared: 2 critic steps on each batch.
    expected = 2 * batch_sums.sum() if shared else batch_sums.sum()
    np.testing.assert_allclose(float(model.seen), expected, rtol=1e-6)
    assert int(model.player_optimizer("generator").iterations) == (4 if shared else 2)


def test_reference_schedule_numbers():
    model = tiny(critic_steps=5, warmup_critic_steps=100, warmup_generator_steps=25, long_critic_every=500)
    model.compile()
    iterations = model.schedule_state.cycle
    for done, expected in ((0, 100), (24, 100), (25, 5), (499, 5), (500, 100), (501, 5), (1000, 100)):
        iterations.assign(done)
        assert int(model.scheduled_critic_steps()) == expected, done


def test_clipping_holds_after_every_critic_step():
    settings = {**TINY, "critic_steps": 3, "warmup_generator_steps": 0, "shared_critic_batch": True}
    images = random_images((16, 16, 1), count=16)
    model = WeightWatchingWGAN(**settings, seed=1)
    before = critic_weights(model)
    # A large learning rate: one unclipped RMSprop step moves weights by about 0.5.
    model.compile(critic=keras.optimizers.RMSprop(0.05))
    history = model.fit(images, batch_size=8, shuffle=False, verbose=0)
    assert int(model.player_optimizer("critic").iterations) == 6
    # The third critic step's loss sees the weights after the second step: already clipped.
    assert max(history.history["max_abs_weight"]) <= CLIP
    after = critic_weights(model)
    assert np.abs(after).max() == CLIP
    assert np.sum(np.abs(after) == CLIP) > 0
    assert np.any(after != before)

    # The same run with the clipping removed leaves the box, so the check above is not vacuous.
    unclipped = WeightWatchingWGAN(**settings, seed=1)
    for variable in unclipped.critic.trainable_variables:
        variable.constraint = None
    unclipped.compile(critic=keras.optimizers.RMSprop(0.05))
    history = unclipped.fit(images, batch_size=8, shuffle=False, verbose=0)
    assert max(history.history["max_abs_weight"]) > 10 * CLIP


def test_losses_on_a_linear_critic():
    model = tiny()
    w = np.linspace(-1.0, 1.0, 256).astype("float32")
    critic = keras.Sequential([keras.Input((16, 16, 1)), keras.layers.Flatten(), keras.layers.Dense(1)])
    critic.set_weights([w.reshape(256, 1), np.array([0.5], "float32")])
    model.critic = critic
    real, fake = random_images((16, 16, 1), count=4, seed=1), random_images((16, 16, 1), count=4, seed=2)
    real_scores = real.reshape(4, -1) @ w + 0.5
    fake_scores = fake.reshape(4, -1) @ w + 0.5
    d_loss, logs = model.critic_loss({"images": ops.convert_to_tensor(real)}, ops.convert_to_tensor(fake))
    np.testing.assert_allclose(float(d_loss), fake_scores.mean() - real_scores.mean(), rtol=1e-5)
    assert set(logs) == {"d_loss"}
    g_loss, logs = model.generator_loss({"images": ops.convert_to_tensor(real)}, ops.convert_to_tensor(fake))
    np.testing.assert_allclose(float(g_loss), -fake_scores.mean(), rtol=1e-5)
    assert set(logs) == {"g_loss"}


def test_bad_arguments_get_one_line_errors():
    with pytest.raises(ValueError, match="power of 2"):
        tiny(image_size=24)
    with pytest.raises(ValueError, match="clip_value"):
        tiny(clip_value=0.0)
    with pytest.raises(ValueError, match="critic_steps"):
        tiny(critic_steps=0)
