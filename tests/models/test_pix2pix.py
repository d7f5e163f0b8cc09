"""Pix2Pix: the U-Net's layout, the D-then-G game with one forward, its losses against NumPy, dropout at sampling."""
import keras
import numpy as np
import pytest

import kgan
from kgan.layers import SamplingDropout
from kgan.models import Pix2Pix
from kgan.models.pix2pix.networks import build_unet_generator, dropout_levels
from tests.helpers import assert_round_trip, fit_two_steps, random_images, trainable_params

TINY = dict(image_size=16, source_channels=1, target_channels=3, generator_filters=2, discriminator_filters=2,
            n_layers=2)
# 64x64 is the smallest size with a dropout block (the reference's come after 4 levels); one map keeps it cheap.
WITH_DROPOUT = dict(image_size=64, source_channels=1, target_channels=3, generator_filters=1,
                    discriminator_filters=1, n_layers=1)


def pairs(model, count=8, seed=0):
    source = random_images((model.image_size, model.image_size, model.source_channels), count, seed)
    target = random_images((model.image_size, model.image_size, model.target_channels), count, seed + 1)
    return source, target


def audible(model):
    """`model` with its generator's kernels x 20: at N(0, 0.02) and one map per level, what the deep dropout
    block adds reaches the output only at float32 round-off; x 20 makes the outputs O(1)."""
    model.generator.set_weights([w * 20.0 if w.ndim == 4 else w for w in model.generator.get_weights()])
    return model


def numpy(x):
    return np.asarray(keras.ops.convert_to_numpy(x), "float64")


def test_unet_256_layout_is_the_references():
    # One map per level: unet_256's layout without its 54M weights (test_presets builds those).
    generator = build_unet_generator(256, 3, 3, filters=1)
    downs = [layer for layer in generator.layers if isinstance(layer, keras.layers.Conv2D)
             and not isinstance(layer, keras.layers.Conv2DTranspose)]
    assert len(downs) == 8
    assert tuple(downs[-1].output.shape) == (None, 1, 1, 8)  # the 1x1 bottleneck, at 8 x filters
    assert [layer.name for layer in generator.layers if isinstance(layer, SamplingDropout)] == \
        ["up_6_dropout", "up_5_dropout", "up_4_dropout"]
    assert (dropout_levels(128), dropout_levels(64), dropout_levels(32)) == ((4, 5), (4,), ())
    biased = [layer.name for layer in generator.layers if getattr(layer, "use_bias", False)]
    assert biased == ["up_0"]  # BatchNorm's offset stands in for every other conv's bias
    norms = [layer.name for layer in generator.layers if isinstance(layer, keras.layers.BatchNormalization)]
    assert len(norms) == 6 + 7  # not after the outermost or innermost down conv, nor after the last up conv
    assert tuple(generator.output.shape) == (None, 256, 256, 3) and generator.output.dtype == "float32"


def test_unet_128_count_is_unet_256_less_one_512_block():
    # The reference's middle block at ngf 64: Conv(512->512) + BN(512) + ConvT(1024->512) + BN(512), no biases.
    block = 16 * 512 * 512 + 2 * 512 + 16 * 1024 * 512 + 2 * 512
    assert Pix2Pix.presets["unet_256"]["trainable_params"]["generator"] == 54_413_955
    assert Pix2Pix.presets["unet_128"]["trainable_params"]["generator"] == 54_413_955 - block


def test_task_and_shapes():
    model = Pix2Pix(**TINY)
    task = model.task
    assert task.names == ("source", "target") and task.conditioning == ("source",) and task.output == "target"
    assert task.batch["source"].shape == (16, 16, 1) and task.batch["target"].shape == (16, 16, 3)
    assert tuple(model.discriminator.input.shape) == (None, 16, 16, 4)  # the (source, target) pair
    assert tuple(model.discriminator.output.shape) == (None, 2, 2, 1)
    source, _ = pairs(model, 3)
    assert numpy(model.sample(source=source)).shape == (3, 16, 16, 3)
    assert kgan.sampling.sample(model, source=source)["target"].shape == (3, 16, 16, 3)
    # By hand, widths 2-4-8-16: downs 32 + (128 + 8) + (512 + 16) + 2,048; ups (2,048 + 16) + (1,024 + 8)
    # + (256 + 4) + (192 + 3 biases).
    assert trainable_params(model.generator) == 6_295


class Recording(Pix2Pix):
    """Records the order of the forward pass and the two losses."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.calls = []

    def generator_forward(self, batch):
        self.calls.append("forward")
        return super().generator_forward(batch)

    def discriminator_loss(self, batch, fake_images):
        self.calls.append("d")
        return super().discriminator_loss(batch, fake_images)

    def generator_loss(self, batch, fake_images):
        self.calls.append("g")
        return super().generator_loss(batch, fake_images)


def test_one_generator_forward_per_train_step_d_step_first():
    model = Recording(**TINY)
    model.compile(run_eagerly=True)
    source, target = pairs(model, 8)
    model.fit(source, target, batch_size=4, shuffle=False, verbose=0)
    assert model.calls == ["forward", "d", "g"] * 2


def softplus(x):
    return np.logaddexp(0.0, x)


def test_losses_match_numpy_and_g_is_scored_by_the_updated_d():
    """One step: D's loss on the step's fake, then G's BCE from the updated D plus 100 x L1, from the same fake."""
    twin, model = Pix2Pix(**TINY, seed=4), Pix2Pix(**TINY, seed=4)  # the same initial weights
    source, target = pairs(model, 4, seed=2)
    # A fast D, so that the D step moves its logits well beyond the tolerance.
    model.compile(discriminator=keras.optimizers.Adam(0.05, beta_1=0.5), run_eagerly=True)  # eager: no compiling
    logs = {k: v[0] for k, v in model.fit(source, target, batch_size=4, verbose=0).history.items()}

    fake = numpy(twin.generator(source, training=True))  # no dropout block at 16x16: deterministic
    real_pairs, fake_pairs = np.concatenate([source, target], -1), np.concatenate([source, fake], -1)
    real_logits = numpy(twin.discriminator(real_pairs, training=True))
    fake_logits = numpy(twin.discriminator(fake_pairs, training=True))
    d_loss = 0.5 * (softplus(-real_logits).mean() + softplus(fake_logits).mean())
    g_gan = softplus(-numpy(model.discriminator(fake_pairs, training=True))).mean()  # the updated D
    stale_g_gan = softplus(-fake_logits).mean()
    g_l1 = np.abs(fake - target).mean()
    assert logs["d_loss"] == pytest.approx(d_loss, rel=1e-4)
    assert logs["g_gan"] == pytest.approx(g_gan, rel=1e-4)
    assert abs(g_gan - stale_g_gan) > 1e-2  # the check above tells the updated D from the old one
    assert logs["g_l1"] == pytest.approx(g_l1, rel=1e-4)
    assert logs["g_loss"] == pytest.approx(g_gan + 100.0 * g_l1, rel=1e-4)


def test_dropout_at_sampling():
    model = audible(Pix2Pix(**WITH_DROPOUT, seed=1))
    source, _ = pairs(model, 4)
    plain = numpy(model.sample(source=source))
    np.testing.assert_array_equal(plain, numpy(model.sample(source=source, seed=9)))  # no noise: seed is moot
    np.testing.assert_array_equal(plain, numpy(model.sample(source=source, dropout=False)))
    seeded = numpy(model.sample(source=source, dropout=True, seed=3))
    np.testing.assert_array_equal(seeded, numpy(model.sample(source=source, dropout=True, seed=3)))
    assert np.abs(seeded - plain).max() > 0.1
    assert np.abs(seeded - numpy(model.sample(source=source, dropout=True, seed=4))).max() > 0.1
    unseeded = [numpy(model.sample(source=source, dropout=True)) for _ in range(2)]
    assert np.abs(unseeded[0] - unseeded[1]).max() > 0.1
    # The mode lasts for the call alone: the network called as export calls it is deterministic again.
    np.testing.assert_array_equal(plain, numpy(model.sampling_generator(source, training=False)))


def test_inference_dropout_is_the_default_sampling_and_export_mode():
    model = audible(Pix2Pix(**WITH_DROPOUT, seed=1, inference_dropout=True))
    source, _ = pairs(model, 4)
    off = numpy(model.sample(source=source, dropout=False))
    np.testing.assert_array_equal(off, numpy(audible(Pix2Pix(**WITH_DROPOUT, seed=1)).sample(source=source)))
    assert np.abs(numpy(model.sample(source=source, seed=3)) - off).max() > 0.1
    exported = [numpy(model.sampling_generator(source, training=False)) for _ in range(2)]
    assert np.abs(exported[0] - exported[1]).max() > 0.1


def test_preview_grid_rows_are_source_output_target():
    model = Pix2Pix(**TINY)
    source, target = pairs(model, 3)
    images, rows = model.preview_grid(seed=0, per_row=2, batch={"source": source, "target": target})
    assert rows == 2 and images.shape == (6, 16, 16, 3)
    np.testing.assert_array_equal(images[0], np.repeat(source[0], 3, -1))  # grey shown as RGB
    np.testing.assert_allclose(images[1], numpy(model.sample(source=source[:1]))[0], atol=1e-6)
    np.testing.assert_array_equal(images[5], target[1])
    with pytest.raises(ValueError, match="needs a batch holding 'source'"):
        model.preview_grid(seed=0, per_row=2)


def test_argument_errors():
    with pytest.raises(ValueError, match=r"^n_layers=3 is too deep for image_size=16: the PatchGAN needs "
                                         r"image_size >= 24$"):
        Pix2Pix(**{**TINY, "n_layers": 3})
    model = Pix2Pix(**TINY)
    with pytest.raises(ValueError, match=r"pass source=\[N, 16, 16, 1\]"):
        model.sample(num_images=2)
    with pytest.raises(ValueError, match="num_images=2 but 3 source images"):
        model.sample(num_images=2, source=pairs(model, 3)[0])


def test_fit_two_steps_and_round_trip(tmp_path):
    # EMA's copy of the U-Net (SamplingDropout included) round-trips in tests/models/test_config.py.
    model = Pix2Pix(**TINY, seed=3)
    source, target = pairs(model, 16)
    fit_two_steps(model, source, target)
    loaded = assert_round_trip(model, tmp_path, source[:2])
    np.testing.assert_allclose(numpy(loaded.sample(source=source[:2])), numpy(model.sample(source=source[:2])),
                               atol=1e-6)
