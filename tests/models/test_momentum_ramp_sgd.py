import keras
import numpy as np
import pytest

from kgan.models.momentum_ramp_sgd import MomentumRampSGD


def test_updates_follow_the_decayed_rate_and_the_ramped_momentum():
    optimizer = MomentumRampSGD(0.1, decay_factor=2.0, min_learning_rate=0.02, initial_momentum=0.5,
                                final_momentum=0.7, momentum_steps=2)
    weight = keras.Variable(np.array([1.0, -2.0], dtype="float32"))
    optimizer.build([weight])
    gradient = np.array([1.0, 0.5], dtype="float32")
    # step t: lr = max(0.1 / 2^t, 0.02) = 0.1, 0.05, 0.025, 0.02; momentum = 0.5, 0.6, 0.7, 0.7
    w, v = np.array([1.0, -2.0]), np.zeros(2)
    for rate, momentum in [(0.1, 0.5), (0.05, 0.6), (0.025, 0.7), (0.02, 0.7)]:
        values = [float(keras.ops.convert_to_numpy(x)) for x in optimizer.current_values()]
        assert values == pytest.approx([rate, momentum])
        optimizer.apply([keras.ops.convert_to_tensor(gradient)], [weight])
        v = momentum * v - rate * gradient
        w = w + v
        np.testing.assert_allclose(keras.ops.convert_to_numpy(weight), w, rtol=1e-6)


def test_config_round_trips():
    optimizer = MomentumRampSGD(0.1, decay_factor=1.00004, min_learning_rate=1e-6, initial_momentum=0.5,
                                final_momentum=0.7, momentum_steps=3400)
    config = optimizer.get_config()
    copy = keras.optimizers.deserialize(keras.optimizers.serialize(optimizer))
    assert type(copy) is MomentumRampSGD and copy.get_config() == config
    assert (copy.decay_factor, copy.min_learning_rate, copy.initial_momentum, copy.final_momentum,
            copy.momentum_steps) == (1.00004, 1e-6, 0.5, 0.7, 3400)


@pytest.mark.parametrize("bad", [{"decay_factor": 0.9}, {"min_learning_rate": -1.0}, {"momentum_steps": 0}])
def test_bad_settings_are_one_line_errors(bad):
    with pytest.raises(ValueError, match="MomentumRampSGD needs decay_factor >= 1"):
        MomentumRampSGD(**bad)
