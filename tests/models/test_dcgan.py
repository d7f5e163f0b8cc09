import keras
import numpy as np
import pytest

from kgan.models.dcgan import DCGAN
from tests.helpers import assert_round_trip, assert_trainable_params, fit_two_steps, random_images

TINY = {"image_size": 16, "channels": 3, "latent_dim": 8, "generator_filters": 4, "discriminator_filters": 4}


def tiny(**overrides):
    return DCGAN(**{**TINY, **overrides}, seed=1)


def test_dcgan_64_matches_pytorch_examples():
    model = DCGAN.from_preset("dcgan_64")
    assert model.generator.output_shape == (None, 64, 64, 3)
    assert model.discriminator.output_shape == (None, 1)
    fake = model.sample(2, seed=0)
    assert tuple(fake.shape) == (2, 64, 64, 3)
    assert tuple(model.discriminator(fake, training=False).shape) == (2, 1)
    # No conv biases; weights N(0, 0.02); BatchNorm gamma N(1, 0.02), beta 0.
    names = [v.path for v in model.generator.trainable_variables + model.discriminator.trainable_variables]
    assert not [n for n in names if n.endswith("bias")]
    kernel = keras.ops.convert_to_numpy(model.generator.get_layer("up1").kernel)
    assert kernel.shape == (4, 4, 256, 512)
    assert abs(kernel.mean()) < 1e-3 and abs(kernel.std() - 0.02) < 1e-3
    bn = model.discriminator.get_layer("down3_bn")
    gamma = keras.ops.convert_to_numpy(bn.gamma)
    assert abs(gamma.mean() - 1.0) < 0.01 and 0.01 < gamma.std() < 0.03
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(bn.beta), 0.0)
    model.compile()
    for player in ("generator", "discriminator"):
        optimizer = model.player_optimizer(player)
        assert isinstance(optimizer, keras.optimizers.Adam)
        assert float(optimizer.learning_rate) == pytest.approx(2e-4)
        assert optimizer.beta_1 == 0.5


def test_dcgan_32_shapes():
    model = DCGAN.from_preset("dcgan_32")
    assert model.generator.output_shape == (None, 32, 32, 3)
    assert model.discriminator.output_shape == (None, 1)
    assert model.generator.get_layer("project").output.shape == (None, 4, 4, 256)


def test_tiny_layout_fits_two_steps():
    model = tiny()
    # 16x16: 4x4 -> 8x8 -> 16x16 in G; 16 -> 8 -> 4 -> logit in D.
    assert_trainable_params(model, {"generator": 1024 + 16 + 512 + 8 + 192, "discriminator": 192 + 512 + 16 + 128})
    assert model.generator.get_layer("project").output.shape == (None, 4, 4, 8)
    assert model.discriminator.get_layer("down1").output.shape == (None, 4, 4, 8)
    images = random_images((16, 16, 3), count=16)
    before = [keras.ops.convert_to_numpy(v) for v in model.generator.trainable_variables]
    fit_two_steps(model, images)
    after = [keras.ops.convert_to_numpy(v) for v in model.generator.trainable_variables]
    assert all(not np.array_equal(a, b) for a, b in zip(before, after))


def test_fit_mixed_bfloat16_keeps_float32_outputs():
    keras.config.set_dtype_policy("mixed_bfloat16")
    model = tiny()
    fit_two_steps(model, random_images((16, 16, 3), count=16))
    fake = model.sample(2, seed=0)
    assert keras.backend.standardize_dtype(fake.dtype) == "float32"
    logits = model.discriminator(fake)
    assert keras.backend.standardize_dtype(logits.dtype) == "float32"


def test_sample_is_seeded_and_bounded():
    model = tiny()
    a = keras.ops.convert_to_numpy(model.sample(3, seed=7))
    b = keras.ops.convert_to_numpy(model.sample(3, seed=7))
    assert a.shape == (3, 16, 16, 3)
    np.testing.assert_array_equal(a, b)
    assert np.abs(a).max() <= 1.0
    assert not np.array_equal(a[0], a[1])


def test_save_load_round_trip(tmp_path):
    model = tiny(generator_loss="minimax", ema_decay=0.9)
    fit_two_steps(model, random_images((16, 16, 3), count=16))
    z = np.random.default_rng(0).normal(size=(2, 8)).astype("float32")
    loaded = assert_round_trip(model, tmp_path, z)
    assert loaded.generator_loss_name == "minimax"
    assert loaded.image_size == 16


@pytest.mark.parametrize("bad", [48, 4, 12.0])
def test_bad_image_size_names_the_value(bad):
    with pytest.raises(ValueError, match=f"image_size .*{bad}"):
        DCGAN(image_size=bad)


def test_bad_arguments_name_the_problem():
    with pytest.raises(ValueError, match="generator_filters .* 0"):
        tiny(generator_filters=0)
    with pytest.raises(ValueError, match="'wasserstein'"):
        tiny(generator_loss="wasserstein")
