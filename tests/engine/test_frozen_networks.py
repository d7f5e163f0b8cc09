"""A frozen network used by a loss: not trained, not model state, not saved, rebuilt at load."""
import os

import keras
import numpy as np
from keras import ops

from tests.engine.linear_gan import LinearGAN
from tests.engine.test_adversarial_model import REAL, Z

JUDGE_UNITS = 256  # about 270 kB of float32 weights: large against the rest of the model


@keras.saving.register_keras_serializable(package="kgan_tests")
class JudgedLinearGAN(LinearGAN):
    """LinearGAN whose generator also matches a fixed random judge's features of real data."""

    def __init__(self, judge_weight=1.0, **kwargs):
        super().__init__(**kwargs)
        self.judge_weight = judge_weight
        init = keras.initializers.RandomNormal(stddev=0.3, seed=7)
        judge = keras.Sequential([keras.Input((self.data_dim,)), keras.layers.Dense(JUDGE_UNITS, activation="tanh",
                                                                                   kernel_initializer=init),
                                  keras.layers.Dense(JUDGE_UNITS, kernel_initializer=init)], name="judge")
        self.frozen_networks.add("judge", judge)

    def generator_loss(self, batch, fake):
        g_loss, logs = super().generator_loss(batch, fake)
        judge = self.frozen_networks["judge"]
        matching = ops.mean(ops.square(ops.mean(judge(fake), 0) - ops.mean(judge(batch["images"]), 0)))
        return g_loss + self.judge_weight * matching, logs


def trained(model):
    model.compile()
    model.fit(Z, REAL, batch_size=4, shuffle=False, verbose=0)
    return model


def test_a_frozen_network_is_used_but_not_trained_nor_state():
    model = JudgedLinearGAN()
    judge = model.frozen_networks["judge"]
    judge_before = judge.get_weights()
    plain = LinearGAN()
    assert len(model.variables) == len(plain.variables)  # the judge's 4 variables are not model state
    assert not {id(v) for v in judge.weights} & {id(v) for v in model.weights}
    trained(model)
    trained(plain)
    for a, b in zip(judge_before, judge.get_weights()):
        np.testing.assert_array_equal(a, b)
    # The judge shaped the generator's gradient: the runs differ.
    assert not np.allclose(model.generator.get_weights()[0], plain.generator.get_weights()[0])


def test_a_frozen_network_is_not_saved_and_is_rebuilt_at_load(tmp_path):
    model, plain = trained(JudgedLinearGAN()), trained(LinearGAN())
    model.save(tmp_path / "judged.keras")
    plain.save(tmp_path / "plain.keras")
    judge_bytes = sum(w.nbytes for w in model.frozen_networks["judge"].get_weights())
    grown = os.path.getsize(tmp_path / "judged.keras") - os.path.getsize(tmp_path / "plain.keras")
    assert judge_bytes > 250_000 and grown < 0.02 * judge_bytes
    loaded = keras.models.load_model(tmp_path / "judged.keras")
    for a, b in zip(model.frozen_networks["judge"].get_weights(), loaded.frozen_networks["judge"].get_weights()):
        np.testing.assert_array_equal(a, b)
    model.fit(Z, REAL, batch_size=4, shuffle=False, verbose=0)
    loaded.fit(Z, REAL, batch_size=4, shuffle=False, verbose=0)
    for a, b in zip(model.get_weights(), loaded.get_weights(), strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-6)
