import keras
import numpy as np
import pytest
from keras import ops

from kgan.models.wgan_gp import WGANGP
from tests.helpers import assert_round_trip, assert_trainable_params, fit_two_steps, random_images

TINY = {"architecture": "dcgan", "image_size": 16, "channels": 1, "latent_dim": 8, "generator_filters": 4,
        "critic_filters": 4, "critic_normalization": "layer"}


def tiny(**overrides):
    return WGANGP(**{**TINY, **overrides}, seed=1)


def layers_of(network, kind):
    return [layer for layer in network.layers if isinstance(layer, kind)]


def test_the_default_wgan_gp_digits_keeps_the_penalty_five_critic_steps_and_adam_at_4e_4():
    assert next(iter(WGANGP.presets)) == "wgan_gp_digits"
    model = WGANGP.from_preset("wgan_gp_digits")
    assert model.generator.output_shape == (None, 32, 32, 1)
    assert not layers_of(model.critic, keras.layers.BatchNormalization)
    assert (model.gp_weight, model.critic_steps) == (10.0, 5)
    model.compile()
    for player in ("critic", "generator"):
        optimizer = model.player_optimizer(player)
        assert isinstance(optimizer, keras.optimizers.Adam)
        assert float(optimizer.learning_rate) == pytest.approx(4e-4)  # the reference's 1e-4 is too slow here
        assert (optimizer.beta_1, optimizer.beta_2) == (0.5, 0.9)


def test_wgan_gp_64_has_no_critic_batch_norm():
    model = WGANGP.from_preset("wgan_gp_64")
    assert model.generator.output_shape == (None, 64, 64, 3)
    assert model.critic.output_shape == (None, 1)
    assert not layers_of(model.critic, keras.layers.BatchNormalization)
    norms = layers_of(model.critic, keras.layers.GroupNormalization)
    assert [(n.name, n.groups) for n in norms] == [("down1_norm", 1), ("down2_norm", 1), ("down3_norm", 1)]
    assert len(layers_of(model.generator, keras.layers.BatchNormalization)) == 4
    model.compile()
    for player in ("critic", "generator"):
        optimizer = model.player_optimizer(player)
        assert isinstance(optimizer, keras.optimizers.Adam)
        assert float(optimizer.learning_rate) == pytest.approx(1e-4)
        assert (optimizer.beta_1, optimizer.beta_2) == (0.0, 0.9)
    # Each of the 5 critic steps takes its own real batch, as Algorithm 1 samples one per iteration.
    assert [(s.name, s.repeat, s.fresh_data) for s in model.schedule.steps] == [("critic", 5, True),
                                                                               ("generator", 1, False)]


def test_wgan_gp_32_matches_gan_cifar():
    model = WGANGP.from_preset("wgan_gp_32")
    assert model.generator.get_layer("stem").output.shape == (None, 4 * 4 * 512)
    assert model.critic.get_layer("down2").output.shape == (None, 4, 4, 512)
    assert model.generator.output_shape == (None, 32, 32, 3)
    assert model.critic.output_shape == (None, 1)
    model.compile()
    assert (model.player_optimizer("critic").beta_1, model.player_optimizer("critic").beta_2) == (0.5, 0.9)
    # gan_cifar.py in wgan-gp mode: no normalization at all in the critic.
    assert not layers_of(model.critic, (keras.layers.BatchNormalization, keras.layers.GroupNormalization,
                                        keras.layers.LayerNormalization))


def test_fit_two_steps_and_round_trip(tmp_path):
    model = tiny(critic_steps=2)
    # 2 batches: one critic step on each, and the generator step that ends the 2-step cycle.
    history = fit_two_steps(model, random_images((16, 16, 1)), expected_advance={"critic": 2, "generator": 1})
    assert set(history.history) == {"d_loss", "g_loss", "gp", "wasserstein_distance"}
    assert min(history.history["gp"]) > 0.0
    z = keras.random.normal((3, 8), seed=5)
    loaded = assert_round_trip(model, tmp_path, z)
    assert tuple(loaded.sample(3, seed=0).shape) == (3, 16, 16, 1)


def test_fit_cifar_architecture():
    model = tiny(architecture="cifar", critic_normalization=None, critic_steps=1, shared_critic_batch=True)
    # G: 8 -> 2*2*16 Dense + BN, 5x5 up to 8 then 4 maps (+ BN), 5x5 to 1; critic 4, 8, 16 maps + Dense.
    assert_trainable_params(model, {"generator": 576 + 128 + 3208 + 16 + 804 + 8 + 101,
                                    "critic": 104 + 808 + 3216 + 65})
    fit_two_steps(model, random_images((16, 16, 1)))
    assert int(model.player_optimizer("critic").iterations) == 2


def linear_critic(w, bias):
    critic = keras.Sequential([keras.Input((16, 16, 1)), keras.layers.Flatten(), keras.layers.Dense(1)])
    critic.set_weights([w.reshape(-1, 1), np.array([bias], "float32")])
    return critic


@pytest.mark.parametrize("norm", [2.5, 0.25])
def test_gradient_penalty_of_a_linear_critic(norm):
    # critic(x) = w . x + b has input gradient w everywhere, so gp = (||w|| - 1)^2 whatever alpha is.
    w = np.random.default_rng(3).normal(size=256).astype("float32")
    w *= norm / np.linalg.norm(w)
    model = tiny()
    model.critic = linear_critic(w, 0.5)
    real, fake = random_images((16, 16, 1), count=4, seed=1), random_images((16, 16, 1), count=4, seed=2)
    expected_gp = (norm - 1.0) ** 2
    gp = model.gradient_penalty(ops.convert_to_tensor(real), ops.convert_to_tensor(fake))
    np.testing.assert_allclose(float(gp), expected_gp, rtol=1e-5)

    distance = (real.reshape(4, -1) @ w).mean() - (fake.reshape(4, -1) @ w).mean()
    d_loss, logs = model.critic_loss({"images": ops.convert_to_tensor(real)}, ops.convert_to_tensor(fake))
    np.testing.assert_allclose(float(d_loss), -distance + 10.0 * expected_gp, rtol=1e-5)
    np.testing.assert_allclose(float(logs["gp"]), expected_gp, rtol=1e-5)
    np.testing.assert_allclose(float(logs["wasserstein_distance"]), distance, rtol=1e-4)
    assert float(logs["d_loss"]) == float(d_loss)


def test_critic_batch_norm_is_refused():
    with pytest.raises(ValueError, match="critic_normalization"):
        tiny(critic_normalization="batch")
    with pytest.raises(ValueError, match="architecture"):
        tiny(architecture="resnet")
    with pytest.raises(ValueError, match="multiple of 8"):
        tiny(architecture="cifar", image_size=20)
