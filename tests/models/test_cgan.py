import keras
import numpy as np
import pytest

from kgan.models.cgan import CGAN, PRESETS
from kgan.models.momentum_ramp_sgd import MomentumRampSGD
from tests.helpers import assert_round_trip, fit_two_steps, random_images

TINY = {
    "conv": dict(architecture="conv", image_shape=(8, 8, 1), num_classes=2, latent_dim=8,
                 generator_filters=8, discriminator_filters=8),
    "mlp": dict(architecture="mlp", image_shape=(8, 8, 1), num_classes=3, latent_dim=8,
                generator_units=(8, 8, 16), discriminator_units=(8, 4, 8), maxout_pieces=(2, 2, 2)),
}


def sampler_inputs(model, count=4):
    z = np.random.default_rng(1).normal(size=(count, model.latent_dim)).astype("float32")
    one_hot = np.eye(model.num_classes, dtype="float32")[np.arange(count) % model.num_classes]
    return [z, one_hot]


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_preset_shapes(name):
    model = CGAN.from_preset(name)
    image_shape = (28, 28, 1) if name == "cgan_mnist" else (32, 32, 1)
    assert model.image_shape == image_shape and model.num_classes == 10 and model.latent_dim == 100
    # Symbolic shapes: running the reference-sized networks would only slow the suite.
    assert [tuple(t.shape) for t in model.generator.inputs] == [(None, 100), (None, 10)]
    assert tuple(model.generator.output.shape) == (None, *image_shape)
    assert [tuple(t.shape) for t in model.discriminator.inputs] == [(None, *image_shape), (None, 10)]
    assert tuple(model.discriminator.output.shape) == (None, 1)
    assert model.generator.output.dtype == "float32" and model.discriminator.output.dtype == "float32"


@pytest.mark.parametrize("architecture", ["conv", "mlp"])
def test_fit_two_steps_and_round_trip(architecture, tmp_path):
    ema = 0.9 if architecture == "conv" else None  # the EMA copy is what sampling and saving use
    model = CGAN(**TINY[architecture], seed=3, ema_decay=ema)
    images = random_images(model.image_shape, count=16)
    labels = np.arange(16) % model.num_classes
    if architecture == "mlp":
        labels = labels[:, None]  # [N, 1] labels work too
    fit_two_steps(model, images, labels)
    loaded = assert_round_trip(model, tmp_path, sampler_inputs(model))
    assert loaded.num_classes == model.num_classes and loaded.architecture == architecture
    assert (model.sampling_generator is not model.generator) == (ema is not None)


def test_the_papers_sgd_is_an_option_and_round_trips(tmp_path):
    # The preset keeps Adam: the paper's SGD at lr 0.1 diverges on `digits` (benchmarks/results/quality_digits.md).
    assert type(CGAN.from_preset("cgan_mnist").default_optimizers()["generator"]) is keras.optimizers.Adam
    defaults = CGAN.from_preset("cgan_mnist", optimizer="sgd", learning_rate=0.1).default_optimizers()
    assert set(defaults) == {"discriminator", "generator"}
    for optimizer in defaults.values():
        assert type(optimizer) is MomentumRampSGD
        assert (float(optimizer.learning_rate), optimizer.decay_factor, optimizer.min_learning_rate,
                optimizer.initial_momentum, optimizer.final_momentum, optimizer.momentum_steps) == pytest.approx(
            (0.1, 1.00004, 1e-6, 0.5, 0.7, 4250))
    model = CGAN(**TINY["mlp"], optimizer="sgd", learning_rate=0.01, momentum_steps=5, seed=2)
    fit_two_steps(model, random_images(model.image_shape, count=16), np.arange(16) % model.num_classes)
    assert int(keras.ops.convert_to_numpy(model.optimizer.optimizers["generator"].iterations)) == 2
    loaded = assert_round_trip(model, tmp_path, sampler_inputs(model))
    assert type(loaded.optimizer.optimizers["generator"]) is MomentumRampSGD
    assert loaded.optimizer.optimizers["discriminator"].momentum_steps == 5
    with pytest.raises(ValueError, match="Unknown optimizer 'rmsprop'"):
        CGAN(**TINY["mlp"], optimizer="rmsprop")


def test_fit_without_labels_raises():
    model = CGAN(**TINY["conv"])
    model.compile()
    with pytest.raises(ValueError, match="needs integer class labels"):
        model.fit(random_images(model.image_shape, count=8), batch_size=8, epochs=1, verbose=0)


def test_sample_labels():
    model = CGAN(**TINY["mlp"])  # 3 classes
    np.testing.assert_array_equal(model.check_labels(6, None), [0, 0, 1, 1, 2, 2])
    np.testing.assert_array_equal(model.check_labels(None, np.array([[2], [0]])), [2, 0])
    images = keras.ops.convert_to_numpy(model.sample(labels=[0, 2, 1], seed=4))
    assert images.shape == (3, 8, 8, 1)
    assert np.all(np.abs(images) <= 1.0)
    np.testing.assert_array_equal(images, keras.ops.convert_to_numpy(model.sample(labels=[0, 2, 1], seed=4)))
    assert keras.ops.convert_to_numpy(model.sample(num_images=5)).shape == (5, 8, 8, 1)


@pytest.mark.parametrize("labels, message", [
    ([0, 3], "Label 3 is not a class"),
    ([-1], "Label -1 is not a class"),
    ([1.5], "Label 1.5 is not a class"),
])
def test_sample_bad_label_raises(labels, message):
    model = CGAN(**TINY["mlp"])
    with pytest.raises(ValueError, match=message):
        model.sample(labels=labels)


def test_sample_argument_errors():
    model = CGAN(**TINY["mlp"])
    with pytest.raises(ValueError, match="needs labels or a positive num_images"):
        model.sample()
    with pytest.raises(ValueError, match="num_images=2 but 3 labels"):
        model.sample(num_images=2, labels=[0, 1, 2])
    with pytest.raises(ValueError, match="square images of size"):
        CGAN(architecture="conv", image_shape=(12, 12, 1))
    with pytest.raises(ValueError, match="Unknown architecture 'resnet'"):
        CGAN(architecture="resnet")
    with pytest.raises(ValueError, match="Unknown generator_loss 'hinge'"):
        CGAN(**TINY["conv"], generator_loss="hinge")


def test_conditioning_controls_brightness():
    """Class 0 is dark and class 1 bright: after training, G must follow the label it is given."""
    rng = np.random.default_rng(0)
    labels = np.arange(256) % 2
    images = np.where(labels[:, None, None, None] == 1, 0.8, -0.8) + rng.normal(0.0, 0.05, (256, 8, 8, 1))
    model = CGAN(**TINY["conv"], seed=0)
    model.compile(generator=keras.optimizers.Adam(1e-3, beta_1=0.5),
                  discriminator=keras.optimizers.Adam(1e-3, beta_1=0.5))
    model.fit(images.astype("float32"), labels, batch_size=32, epochs=50, verbose=0)  # 400 steps
    fake = keras.ops.convert_to_numpy(model.sample(labels=[0] * 64 + [1] * 64, seed=1))
    dark, bright = fake[:64].mean(), fake[64:].mean()
    assert dark < -0.25 and bright > 0.25, (dark, bright)
    assert bright - dark > 0.5, (dark, bright)


@pytest.mark.parametrize("kwargs, message", [
    (dict(num_classes=2.9), "num_classes must be an integer >= 2, got 2.9"),
    (dict(image_shape=(8, 8.5, 1)), "image_shape must be a list of 3 integers >= 1, got (8, 8.5, 1)"),
    (dict(generator_units=(8, 8)), "generator_units must be a list of 3 integers >= 1, got (8, 8)"),
    (dict(maxout_pieces=2.5), "maxout_pieces must be an integer >= 1, got 2.5"),
])
def test_non_integer_arguments_are_not_rounded(kwargs, message):
    with pytest.raises(ValueError) as error:
        CGAN(**{**TINY["conv"], **kwargs})
    assert str(error.value) == message
