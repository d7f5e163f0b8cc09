"""The schedule as data: repeat counts (static, dynamic, zero), intervals, fresh data, validation."""
import numpy as np
import pytest
from keras import ops

from kgan.engine import Player, Schedule, Step
from tests.engine.linear_gan import LinearGAN
from tests.engine.reference_step import reference_step
from tests.engine.test_adversarial_model import REAL, Z, weights


class CountedLinearGAN(LinearGAN):
    """The discriminator's repeat count comes from a callable, as WGAN's does."""

    def training_schedule(self):
        critic, generator = super().training_schedule()
        return [Step(critic.player, critic.loss, repeat=lambda model: ops.convert_to_tensor(model.critic_steps)),
                generator]


@pytest.mark.parametrize("cls", [LinearGAN, CountedLinearGAN])
def test_a_step_repeated_zero_times_never_runs(cls):
    # Found: a player whose step count was 0 still stepped once.
    model = cls(critic_steps=0)
    before = model.discriminator.get_weights()
    model.compile()
    model.fit(Z, REAL, batch_size=4, shuffle=False, verbose=0)
    assert int(model.player_optimizer("discriminator").iterations) == 0
    assert int(model.player_optimizer("generator").iterations) == 2
    for a, b in zip(before, model.discriminator.get_weights()):
        np.testing.assert_array_equal(a, b)


def test_a_dynamic_repeat_count_matches_hand_computed_gradients():
    model = CountedLinearGAN(critic_steps=3)
    expected = reference_step(*weights(model), Z.astype("float64"), REAL.astype("float64"), lr=0.1, critic_steps=3)
    model.compile()
    model.fit(Z, REAL, batch_size=8, shuffle=False, verbose=0)
    for got, want in zip(weights(model), expected):
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    assert int(model.player_optimizer("discriminator").iterations) == 3


def test_the_global_step_is_a_model_variable():
    model = LinearGAN(critic_steps=2)
    model.compile()
    model.fit(Z, REAL, batch_size=2, verbose=0)
    assert int(model.global_step) == int(model.optimizer.iterations) == 4
    assert "schedule_state/step" in [v.path for v in model.non_trainable_variables]


def test_schedules_that_cannot_run_are_one_line_errors():
    model = LinearGAN()
    critic, generator = Player("discriminator", [model.discriminator]), Player("generator", [model.generator])
    loss = model.discriminator_loss
    cases = [
        ([Step(critic, loss)], "through_fake=True"),
        ([Step(critic, loss, fresh_data=True), Step(critic, loss, fresh_data=True),
          Step(generator, loss, through_fake=True)], "At most one step"),
        ([Step(critic, loss), Step(Player("discriminator", [model.generator]), loss, through_fake=True)],
         "Two different players"),
        ([], "non-empty"),
    ]
    for steps, message in cases:
        with pytest.raises(ValueError, match=message) as error:
            Schedule(steps)
        assert "\n" not in str(error.value)
    for kwargs, message in (({"repeat": -1}, "repeat"), ({"repeat": 1.5}, "repeat"), ({"every": 0}, "every"),
                            ({"through_fake": True, "uses_fake": False}, "uses the fake")):
        with pytest.raises(ValueError, match=message):
            Step(critic, loss, **kwargs)
    with pytest.raises(ValueError, match="identifier"):
        Player("my critic", [model.discriminator])


def test_the_ema_moves_once_per_cycle_of_fresh_batches():
    model = LinearGAN(ema_decay=0.5, ema_warmup=False, fresh_data=True, critic_steps=2)
    start = model.generator.get_weights()
    model.compile()
    model.fit(Z[:4], REAL[:4], batch_size=2, shuffle=False, verbose=0)  # one cycle: 2 critic batches, 1 G step
    after_cycle = model.generator.get_weights()
    for ema, old, new in zip(model.ema_generator.get_weights(), start, after_cycle):
        np.testing.assert_allclose(ema, 0.5 * old + 0.5 * new, rtol=1e-6)
    ema_before = model.ema_generator.get_weights()
    model.fit(Z[4:6], REAL[4:6], batch_size=2, shuffle=False, verbose=0)  # mid-cycle: no generator step
    for a, b in zip(ema_before, model.ema_generator.get_weights()):
        np.testing.assert_array_equal(a, b)
    assert int(model.player_optimizer("generator").iterations) == 1
