"""Pix2Pix: the U-Net's layout, the D-then-G game with one forward, its losses against NumPy, dropout at sampling."""
import keras
import numpy as np
import pytest

import kgan
from kgan.layers import SamplingDropout
from kgan.models import Pix2Pix
from kgan.models.pix2pix.networks import build_unet_generator, dropout_levels
from tests.helpers import assert_round_trip, random_images, trainable_params

# One map per level everywhere: the models then share most kernel shapes, which JAX compiles an initializer for once.
TINY = dict(image_size=16, source_channels=1, target_channels=3, generator_filters=1, discriminator_filters=1,
            n_layers=2)
# 64x64 is the smallest size with a dropout block (the reference's come after 4 levels).
WITH_DROPOUT = dict(image_size=64, source_channels=1, target_channels=3, generator_filters=1,
                    discriminator_filters=1, n_layers=1)


def pairs(model, count=8, seed=0):
    source = random_images((model.image_size, model.image_size, model.source_channels), count, seed)
    target = random_images((model.image_size, model.image_size, model.target_channels), count, seed + 1)
    return source, target


def audible(model):
    """`model` with its generator's kernels x 20. At N(0, 0.02) and one map per level the outputs are ~1e-3 and
    what the deep dropout block adds reaches them only at float32 round-off; x 20 makes them O(1)."""
    model.generator.set_weights([w * 20.0 if w.ndim == 4 else w for w in model.generator.get_weights()])
    return model


def numpy(x):
    return np.asarray(keras.ops.convert_to_numpy(x), "float64")


@pytest.mark.tensorflow_only  # the layout is the same on every backend; JAX would compile an initializer per shape
def test_unet_256_layout_is_the_references():
    # One map per level: unet_256's layout without its 54M weights (test_presets builds those).
    generator = build_unet_generator(256, 1, 3, filters=1)
    downs = [layer for layer in generator.layers if isinstance(layer, keras.layers.Conv2D)
             and not isinstance(layer, keras.layers.Conv2DTranspose)]
    assert len(downs) == 8
    # Fully convolutional: the 1x1 bottleneck (at 8 x filters) is the training size's.
    assert tuple(downs[-1].output.shape) == (None, None, None, 8)
    encoder = keras.Model(generator.input, downs[-1].output)
    assert tuple(encoder.compute_output_shape((None, 256, 256, 1))) == (None, 1, 1, 8)
    assert tuple(encoder.compute_output_shape((None, 512, 768, 1))) == (None, 2, 3, 8)
    assert [layer.name for layer in generator.layers if isinstance(layer, SamplingDropout)] == \
        ["up_6_dropout", "up_5_dropout", "up_4_dropout"]
    assert (dropout_levels(128), dropout_levels(64), dropout_levels(32)) == ((4, 5), (4,), ())
    biased = [layer.name for layer in generator.layers if getattr(layer, "use_bias", False)]
    assert biased == ["up_0"]  # BatchNorm's offset stands in for every other conv's bias
    norms = [layer.name for layer in generator.layers if isinstance(layer, keras.layers.BatchNormalization)]
    assert len(norms) == 6 + 7  # not after the outermost or innermost down conv, nor after the last up conv
    assert tuple(generator.output.shape) == (None, None, None, 3) and generator.output.dtype == "float32"
    assert tuple(generator.compute_output_shape((None, 256, 256, 1))) == (None, 256, 256, 3)


def test_unet_128_count_is_unet_256_less_one_512_block():
    # The reference's middle block at ngf 64: Conv(512->512) + BN(512) + ConvT(1024->512) + BN(512), no biases.
    block = 16 * 512 * 512 + 2 * 512 + 16 * 1024 * 512 + 2 * 512
    assert Pix2Pix.presets["unet_256"]["trainable_params"]["generator"] == 54_413_955
    assert Pix2Pix.presets["unet_128"]["trainable_params"]["generator"] == 54_413_955 - block


@pytest.fixture(scope="module")
def tiny_model():
    return Pix2Pix(**TINY)


def test_task_and_shapes(tiny_model):
    model = tiny_model
    task = model.task
    assert task.names == ("source", "target") and task.conditioning == ("source",) and task.output == "target"
    assert task.batch["source"].shape == (16, 16, 1) and task.batch["target"].shape == (16, 16, 3)
    assert tuple(model.discriminator.input.shape) == (None, 16, 16, 4)  # the (source, target) pair
    assert tuple(model.discriminator.output.shape) == (None, 2, 2, 1)
    source, _ = pairs(model, 3)
    assert numpy(model.sample(source=source)).shape == (3, 16, 16, 3)
    assert kgan.sampling.sample(model, source=source)["target"].shape == (3, 16, 16, 3)
    # By hand, widths 1-2-4-8 (4x4 kernels, BatchNorm 2 per map): downs 16 + (32 + 4) + (128 + 8) + 512;
    # ups 8->4 (512 + 8), 8->2 (256 + 4), 4->1 (64 + 2), 2->3 (96 + 3 biases).
    assert trainable_params(model.generator) == 1_645


def test_the_unet_is_fully_convolutional_and_translates_any_multiple_of_its_size(tiny_model):
    model = tiny_model
    assert (model.translation_directions, model.size_multiple, model.minimum_size) == (("AtoB",), 16, 16)
    assert model.translation_channels() == (1, 3)
    assert model.task.batch["source"].shape == (16, 16, 1)  # the task keeps the training size
    source, _ = pairs(model, 2)
    np.testing.assert_array_equal(numpy(model.translate(source)), numpy(model.sample(source=source)))
    large = random_images((32, 48, 1), 2, seed=5)  # 2x and 3x the training size: a 2x3 bottleneck
    out = numpy(model.translate(large))
    assert out.shape == (2, 32, 48, 3)
    np.testing.assert_allclose(out, numpy(model.generator(large, training=False)), atol=1e-6)
    assert trainable_params(model.generator) == 1_645  # the same weights as at 16x16
    with pytest.raises(ValueError, match=r"^Pix2Pix translates source to target only: direction must be one of "
                                         r"AtoB, got 'BtoA'$"):
        model.translate(source, "BtoA")
    with pytest.raises(ValueError, match=r"multiples of 16, got \[1, 24, 16, 1\]$"):
        model.translate(random_images((24, 16, 1), 1))


def test_translate_runs_the_ema_copy():
    model = Pix2Pix(**TINY, seed=1, ema_decay=0.5)
    average = model.ema.averages["generator"]
    average.set_weights([w * 20.0 for w in model.generator.get_weights()])  # an EMA copy that differs
    source = random_images((32, 16, 1), 1, seed=2)
    out = numpy(model.translate(source))
    np.testing.assert_allclose(out, numpy(average(source, training=False)), atol=1e-6)
    assert np.abs(out - numpy(model.generator(source, training=False))).max() > 0.1


def record_calls(model, calls):
    """Wraps the model's forward pass and its two losses so that each call appends its name to `calls`."""
    for name, tag in (("generator_forward", "forward"), ("discriminator_loss", "d"), ("generator_loss", "g")):
        method = getattr(model, name)
        setattr(model, name, lambda *args, _method=method, _tag=tag: (calls.append(_tag), _method(*args))[1])


def softplus(x):
    return np.logaddexp(0.0, x)


def test_a_step_is_d_then_g_on_one_forward_with_the_references_losses(tmp_path):
    """One compiled step: D's halved BCE on that step's fake, then G's BCE from the updated D + 100 x L1, one forward."""
    twin, model = audible(Pix2Pix(**TINY, seed=4)), audible(Pix2Pix(**TINY, seed=4))  # the same initial weights
    calls = []
    record_calls(model, calls)  # before compile(), which reads the schedule's loss methods
    source, target = pairs(model, 8, seed=2)
    # A fast D, so that the D step moves its logits well beyond the tolerance.
    model.compile(discriminator=keras.optimizers.Adam(0.05, beta_1=0.5))
    logs = {k: v[0] for k, v in model.fit(source[:4], target[:4], batch_size=4, verbose=0).history.items()}
    # The traced train step holds one generator forward, then D's loss, then G's (once per trace).
    assert calls and calls == ["forward", "d", "g"] * (len(calls) // 3)

    fake = numpy(twin.generator(source[:4], training=True))  # no dropout block at 16x16: deterministic
    real_pairs = np.concatenate([source[:4], target[:4]], -1)
    fake_pairs = np.concatenate([source[:4], fake], -1)
    real_logits = numpy(twin.discriminator(real_pairs, training=True))
    fake_logits = numpy(twin.discriminator(fake_pairs, training=True))
    d_loss = 0.5 * (softplus(-real_logits).mean() + softplus(fake_logits).mean())
    g_gan = softplus(-numpy(model.discriminator(fake_pairs, training=True))).mean()  # the updated D
    g_l1 = np.abs(fake - target[:4]).mean()
    assert logs["d_loss"] == pytest.approx(d_loss, rel=1e-4)
    assert logs["g_gan"] == pytest.approx(g_gan, rel=1e-4)
    assert abs(g_gan - softplus(-fake_logits).mean()) > 1e-2  # the check above tells the updated D from the old
    assert logs["g_l1"] == pytest.approx(g_l1, rel=1e-4)
    assert logs["g_loss"] == pytest.approx(g_gan + 100.0 * g_l1, rel=1e-4)

    history = model.fit(source[4:], target[4:], batch_size=4, verbose=0)
    assert all(np.isfinite(values[0]) for values in history.history.values())
    assert [int(model.player_optimizer(name).iterations) for name in ("discriminator", "generator")] == [2, 2]
    assert int(model.global_step) == 2
    loaded = assert_round_trip(model, tmp_path, source[:2])
    np.testing.assert_allclose(numpy(loaded.sample(source=source[:2])), numpy(model.sample(source=source[:2])),
                               atol=1e-6)


def test_dropout_at_sampling_and_inference_dropout():
    model = audible(Pix2Pix(**WITH_DROPOUT, seed=1))
    source, _ = pairs(model, 4)
    plain = numpy(model.sample(source=source))
    np.testing.assert_array_equal(plain, numpy(model.sample(source=source, seed=9)))  # no noise: seed is moot
    np.testing.assert_array_equal(plain, numpy(model.sample(source=source, dropout=False)))
    seeded = numpy(model.sample(source=source, dropout=True, seed=3))
    np.testing.assert_array_equal(seeded, numpy(model.sample(source=source, dropout=True, seed=3)))
    np.testing.assert_array_equal(seeded, numpy(model.translate(source, dropout=True, seed=3)))  # as sample
    assert np.abs(seeded - plain).max() > 0.1
    assert np.abs(seeded - numpy(model.sample(source=source, dropout=True, seed=4))).max() > 0.1
    unseeded = [numpy(model.sample(source=source, dropout=True)) for _ in range(2)]
    assert np.abs(unseeded[0] - unseeded[1]).max() > 0.1
    # The mode lasts for the call alone: the network called as export calls it is deterministic again.
    np.testing.assert_array_equal(plain, numpy(model.sampling_generator(source, training=False)))

    # Built with inference_dropout=True (the same weights): dropout is on by default, and where export calls it.
    model = audible(Pix2Pix(**WITH_DROPOUT, seed=1, inference_dropout=True))
    np.testing.assert_array_equal(plain, numpy(model.sample(source=source, dropout=False)))
    np.testing.assert_array_equal(seeded, numpy(model.sample(source=source, seed=3)))
    exported = [numpy(model.sampling_generator(source, training=False)) for _ in range(2)]
    assert np.abs(exported[0] - exported[1]).max() > 0.1


def test_preview_grid_rows_are_source_output_target(tiny_model):
    model = tiny_model
    source, target = pairs(model, 3)
    images, rows = model.preview_grid(seed=0, per_row=2, batch={"source": source, "target": target})
    assert rows == 2 and images.shape == (6, 16, 16, 3)
    np.testing.assert_array_equal(images[0], np.repeat(source[0], 3, -1))  # grey shown as RGB
    np.testing.assert_allclose(images[1], numpy(model.sample(source=source[:1]))[0], atol=1e-6)
    np.testing.assert_array_equal(images[5], target[1])
    with pytest.raises(ValueError, match="needs a batch holding 'source'"):
        model.preview_grid(seed=0, per_row=2)


def test_argument_errors(tiny_model):
    with pytest.raises(ValueError, match=r"^image_size must be at least 24 for a PatchGAN of n_layers=3, "
                                         r"got 16$"):
        Pix2Pix(**{**TINY, "n_layers": 3})
    model = tiny_model
    with pytest.raises(ValueError, match=r"pass source=\[N, 16, 16, 1\]"):
        model.sample(num_images=2)
    with pytest.raises(ValueError, match="num_images=2 but 3 source images"):
        model.sample(num_images=2, source=pairs(model, 3)[0])
