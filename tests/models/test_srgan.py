"""SRResNet / SRGAN: the paper's layouts and counts, both stages' losses on fixed inputs, the frozen VGG54, training."""
import os

import keras
import numpy as np
import pytest

from kgan.models.srgan import SRGAN
from kgan.models.srgan import vgg_features
from kgan.models.srgan.networks import build_srgan_discriminator, build_srresnet
from tests.helpers import assert_round_trip, fit_two_steps, random_images, trainable_params

TINY = dict(scale=2, channels=3, patch_size=16, generator_filters=4, residual_blocks=1, discriminator_filters=2,
            vgg_weights=None)
TINY_SRRESNET = {**TINY, "content_loss": "mse", "adversarial_weight": 0.0}


def numpy(x):
    return np.asarray(keras.ops.convert_to_numpy(x), "float64")


def pairs(model, count=8, seed=0):
    low = model.patch_size // model.scale
    return (random_images((low, low, model.channels), count, seed),
            random_images((model.patch_size, model.patch_size, model.channels), count, seed + 1))


@pytest.mark.backend_independent
@pytest.mark.parametrize("scale, prelu, expected", [(4, "shared", 1_549_462), (4, "per_channel", 1_550_659),
                                                    (2, "shared", 1_401_749)])
def test_srresnet_has_the_papers_parameter_counts(scale, prelu, expected):
    generator = build_srresnet(scale, prelu_kind=prelu)
    assert trainable_params(generator) == expected
    # The paper's layout: 9x9 in and out, 16 residual blocks of two 3x3 convs, one 3x3 trunk conv, log2(scale)
    # upsampling convs to 256 maps; a PReLU after the first conv, inside every block and after every shuffle.
    convs = [layer for layer in generator.layers if isinstance(layer, keras.layers.Conv2D)]
    assert [c.kernel_size for c in convs] == [(9, 9)] + [(3, 3)] * (32 + 1 + int(np.log2(scale))) + [(9, 9)]
    assert [c.filters for c in convs if c.name.startswith("up")] == [256] * int(np.log2(scale))
    prelus = [layer for layer in generator.layers if isinstance(layer, keras.layers.PReLU)]
    assert len(prelus) == 1 + 16 + int(np.log2(scale))
    assert {tuple(p.alpha.shape) for p in prelus} == ({(1, 1, 1)} if prelu == "shared" else {(1, 1, 64)})
    assert {float(numpy(p.alpha).max()) for p in prelus} == {0.25}  # PyTorch's initial slope


@pytest.mark.backend_independent
def test_the_discriminator_has_the_papers_parameter_count_at_96():
    discriminator = build_srgan_discriminator(96)
    assert trainable_params(discriminator) == 23_565_505
    convs = [layer for layer in discriminator.layers if isinstance(layer, keras.layers.Conv2D)]
    assert [(c.filters, c.strides[0]) for c in convs] == [(64, 1), (64, 2), (128, 1), (128, 2), (256, 1), (256, 2),
                                                          (512, 1), (512, 2)]
    assert tuple(discriminator.get_layer("flatten").output.shape) == (None, 6 * 6 * 512)
    del discriminator
    keras.backend.clear_session()


def test_the_generator_upscales_any_size():
    model = SRGAN(**TINY_SRRESNET, seed=0)
    out = numpy(model.upscale(random_images((7, 9, 3), 2)))
    assert out.shape == (2, 14, 18, 3) and np.abs(out).max() <= 1.0
    assert model.task.names == ("low_res", "high_res") and model.task.conditioning == ("low_res",)
    assert model.task.batch["low_res"].shape == (8, 8, 3) and model.task.batch["high_res"].shape == (16, 16, 3)
    with pytest.raises(ValueError, match=r"^upscale needs images of shape \[N, h, w, 3\], got \[2, 8, 8, 1\]$"):
        model.upscale(random_images((8, 8, 1), 2))


def test_the_bilinear_output_skip_adds_no_parameters_and_starts_near_bilinear():
    plain = build_srresnet(4, filters=8, blocks=1)
    skipped = build_srresnet(4, filters=8, blocks=1, output_skip="bilinear")
    assert trainable_params(skipped) == trainable_params(plain)
    assert skipped.layers[-1].name == "bilinear_skip" and plain.layers[-1].name == "tanh"
    model = SRGAN(**{**TINY_SRRESNET, "output_skip": "bilinear"}, seed=0)
    # A zero last conv leaves exactly the bilinear enlargement.
    head = model.generator.get_layer("head_conv")
    head.set_weights([np.zeros_like(w) for w in head.get_weights()])
    low = random_images((5, 6, 3), 2)
    expected = keras.ops.image.resize(low, (10, 12), interpolation="bilinear")
    np.testing.assert_allclose(numpy(model.upscale(low)), numpy(expected), atol=1e-5)
    with pytest.raises(ValueError, match=r"^Unknown output_skip 'bicubic'; choose one of \[.none., .bilinear.\]$"):
        SRGAN(**{**TINY_SRRESNET, "output_skip": "bicubic"})


def test_srresnet_has_no_discriminator_and_one_mse_step():
    model = SRGAN(**TINY_SRRESNET, seed=0)
    assert model.discriminator is None and list(model.networks()) == ["generator"]
    assert "content" not in model.frozen_networks
    low, high = pairs(model, 8)
    before = model.generator.get_weights()
    fit_two_steps(model, low, high, batch_size=4)
    assert set(model.schedule.players) == {"generator"}
    assert model.log_names == ("g_loss", "content_loss")
    assert any(np.abs(a - b).max() > 0 for a, b in zip(before, model.generator.get_weights()))


def test_the_srresnet_loss_is_pixel_mse():
    model = SRGAN(**TINY_SRRESNET, seed=0)
    low, high = pairs(model, 4, seed=3)
    fake = model.generator(low, training=True)
    loss, logs = model.generator_loss({"low_res": low, "high_res": high}, fake)
    np.testing.assert_allclose(numpy(loss), np.mean((numpy(fake) - high) ** 2), rtol=1e-6)
    assert set(logs) == {"g_loss", "content_loss"}


@pytest.fixture(scope="module")
def srgan():
    return SRGAN(**TINY, seed=0)


def test_caffe_input_is_keras_vgg19_preprocessing():
    images = random_images((5, 6, 3), 2, seed=4)
    expected = keras.applications.vgg19.preprocess_input((images + 1.0) * 127.5)
    np.testing.assert_allclose(numpy(vgg_features.caffe_input(images)), expected, atol=1e-4)


@pytest.mark.backend_independent  # keras.ops on fixed inputs; the JAX step runs in the training test
def test_the_srgan_loss_is_vgg54_content_plus_a_thousandth_of_the_adversarial_loss(srgan):
    model = srgan
    vgg = model.frozen_networks["content"]
    assert vgg.layers[-1].name == "block5_conv4" and vgg.layers[-1].activation.__name__ == "relu"
    assert trainable_params(vgg) == 0 and len(vgg.weights) == 32  # the 16 convs of VGG19, frozen
    # Random VGG weights make tiny features: scale the first conv so the content term is O(1).
    vgg.layers[1].kernel.assign(vgg.layers[1].kernel * 1e4)
    low, high = pairs(model, 4, seed=5)
    fake = model.generator(low, training=True)
    loss, logs = model.generator_loss({"low_res": low, "high_res": high}, fake)

    def features(images):
        return numpy(vgg(keras.applications.vgg19.preprocess_input((numpy(images) + 1.0) * 127.5))) / 12.75

    content = np.mean((features(fake) - features(high)) ** 2)
    adversarial = np.mean(np.logaddexp(0.0, -numpy(model.discriminator(fake, training=True))))
    assert content > 1e-3
    np.testing.assert_allclose(numpy(logs["content_loss"]), content, rtol=1e-4)
    np.testing.assert_allclose(numpy(logs["g_adversarial"]), adversarial, rtol=1e-5)
    np.testing.assert_allclose(numpy(loss), content + 1e-3 * adversarial, rtol=1e-4)


def test_an_srgan_step_trains_d_then_g_and_never_the_vgg(srgan):
    model = srgan
    vgg = model.frozen_networks["content"]
    vgg_before = vgg.get_weights()
    assert not {id(v) for v in vgg.weights} & {id(v) for v in model.weights}
    low, high = pairs(model, 8, seed=6)
    before = {name: network.get_weights() for name, network in model.networks().items()}
    fit_two_steps(model, low, high, batch_size=4)
    assert [step.name for step in model.schedule.steps] == ["discriminator", "generator"]
    for name, network in model.networks().items():
        assert any(np.abs(a - b).max() > 0 for a, b in zip(before[name], network.get_weights())), name
    for a, b in zip(vgg_before, vgg.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.backend_independent  # what a .keras file holds is decided by Keras's tracking, alike on every backend
def test_the_saved_model_holds_no_vgg_weights_and_reloads(srgan, tmp_path):
    model = srgan
    loaded = assert_round_trip(model, tmp_path, pairs(model, 2)[0])
    assert "content" in loaded.frozen_networks  # rebuilt from vgg_weights=None
    plain = SRGAN(**{**TINY, "content_loss": "mse"}, seed=0)
    plain.save(tmp_path / "plain.keras")
    vgg_bytes = sum(w.nbytes for w in model.frozen_networks["content"].get_weights())
    grown = os.path.getsize(tmp_path / "model.keras") - os.path.getsize(tmp_path / "plain.keras")
    assert vgg_bytes > 70e6 and grown < 0.01 * vgg_bytes  # the 20M VGG19 weights are not in the file


def test_the_learning_rate_drops_to_a_tenth_at_the_drop_step():
    model = SRGAN(**TINY_SRRESNET, learning_rate_drop_step=3, seed=0)
    optimizer = model.default_optimizers()["generator"]
    optimizer.build(model.generator.trainable_variables)
    rates = []
    for step in (0, 3, 4, 10):  # the rate at the optimizer's own step count
        optimizer.iterations.assign(step)
        rates.append(float(numpy(optimizer.learning_rate)))
    assert rates == pytest.approx([1e-4, 1e-4, 1e-5, 1e-5])
    assert SRGAN.presets["srgan_x4"]["arguments"]["learning_rate_drop_step"] == 100_000


@pytest.mark.backend_independent  # the VGG's build and load are Keras's own on every backend
def test_vgg_weights_from_a_file_and_clear_errors(tmp_path, monkeypatch):
    network = vgg_features.build_vgg54(None)
    path = str(tmp_path / "vgg19.weights.h5")
    keras.applications.VGG19(include_top=False, weights=None, input_shape=(None, None, 3)).save_weights(path)
    again = vgg_features.build_vgg54(path)
    assert len(again.get_weights()) == len(network.get_weights()) == 32
    with pytest.raises(vgg_features.VGGWeightsError, match=r"^vgg_weights /no/such\.h5: no such file"):
        vgg_features.build_vgg54("/no/such.h5")
    # Offline with nothing cached: one line saying where the file goes.
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))

    def offline(*args, **kwargs):
        raise Exception("URL fetch failure on https://storage.googleapis.com/...: None -- [Errno -3] no network")

    monkeypatch.setattr(keras.src.applications.vgg19.file_utils, "get_file", offline)
    with pytest.raises(vgg_features.VGGWeightsError) as error:
        vgg_features.build_vgg54("imagenet")
    message = str(error.value)
    assert "\n" not in message and "not cached and could not be downloaded" in message
    assert os.path.join(str(tmp_path / "keras"), "models", vgg_features.WEIGHTS_FILE) in message
    assert "vgg_weights=PATH" in message


@pytest.mark.parametrize("arguments, message", [
    (dict(patch_size=18), r"^patch_size must be a multiple of scale \(4\), got 18$"),
    (dict(patch_size=36), r"^patch_size must be a multiple of 16 for the discriminator, got 36$"),
    (dict(channels=1, patch_size=16), r"^content_loss='vgg54' needs RGB images \(channels=3\), got channels=1$"),
    (dict(scale=3), r"scale"),
    (dict(content_loss="l1"), r"content_loss"),
    (dict(prelu="none"), r"prelu"),
])
def test_bad_arguments_are_one_line(arguments, message):
    with pytest.raises(ValueError, match=message):
        SRGAN(**{**dict(generator_filters=2, residual_blocks=0, discriminator_filters=1, vgg_weights=None),
                 **arguments})
