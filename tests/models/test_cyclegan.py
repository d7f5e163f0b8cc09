"""CycleGAN: the reference architecture, one forward per step, all four networks trained, the pool, resume, losses."""
import keras
import numpy as np
import pytest

from kgan import sampling
from kgan.models import CycleGAN
from kgan.models.cyclegan import ImagePool, LinearDecay, PRESETS
from kgan.models.cyclegan.networks import build_resnet_generator
from tests.helpers import random_images

NETWORKS = ("generator", "inverse", "discriminator_a", "discriminator_b")
TINY = dict(image_size=16, channels_a=3, channels_b=3, generator_filters=2, residual_blocks=1,
            discriminator_filters=2, discriminator_layers=2, pool_size=3, seed=3)
A = random_images((16, 16, 3), count=8, seed=1)
B = random_images((16, 16, 3), count=8, seed=2) * 0.5


def tiny(**overrides):
    return CycleGAN(**{**TINY, **overrides})


def numpy(x):
    return np.asarray(keras.ops.convert_to_numpy(x))


def resnet_generator_params(channels, ngf, blocks):
    """The reference ResnetGenerator's count, from its layer list: every conv has a bias (instance norm)."""
    conv = lambda k, c_in, c_out: k * k * c_in * c_out + c_out  # noqa: E731
    return (conv(7, channels, ngf) + conv(3, ngf, 2 * ngf) + conv(3, 2 * ngf, 4 * ngf)
            + blocks * 2 * conv(3, 4 * ngf, 4 * ngf)
            + conv(3, 4 * ngf, 2 * ngf) + conv(3, 2 * ngf, ngf) + conv(7, ngf, channels))


def test_the_reference_presets_declare_the_reference_counts():
    # The presets test builds them and asserts these declared counts; here they are derived independently.
    assert resnet_generator_params(3, 64, 9) == 11_378_179
    for preset, blocks in (("resnet_9blocks_256", 9), ("resnet_6blocks_128", 6)):
        counts = PRESETS[preset]["trainable_params"]
        assert counts["generator"] == counts["inverse"] == resnet_generator_params(3, 64, blocks)
        assert counts["discriminator_a"] == counts["discriminator_b"] == 2_764_737
    assert PRESETS["resnet_6blocks_128"]["trainable_params"]["generator"] == 7_837_699


def test_the_generator_is_fully_convolutional_with_instance_norm_and_biases():
    g = build_resnet_generator(3, 1, filters=4, blocks=2)
    assert numpy(g(np.zeros((2, 24, 20, 3), "float32"))).shape == (2, 24, 20, 1)
    norms = [layer for layer in g.layers if isinstance(layer, keras.layers.GroupNormalization)]
    assert len(norms) == 3 + 2 * 2 + 2 and all(
        n.groups == n.input.shape[-1] and not n.center and not n.scale and n.epsilon == 1e-5 for n in norms)
    convs = [layer for layer in g.layers if isinstance(layer, (keras.layers.Conv2D, keras.layers.Conv2DTranspose))]
    assert len(convs) == 3 + 2 * 2 + 2 + 1 and all(c.use_bias for c in convs)
    assert g.get_layer("block0_conv1").output.shape[-1] == 16
    assert g.non_trainable_weights == []


def test_the_upsampling_is_pytorchs_transposed_conv_with_padding_1_and_output_padding_1():
    g = build_resnet_generator(1, 1, filters=1, blocks=0)
    layer = g.get_layer("up1_conv")
    up = keras.Model(layer.input, g.get_layer("up1_conv_crop").output)
    x = np.random.default_rng(0).normal(size=(1, 3, 3, 4)).astype("float32")
    kernel, bias = [numpy(w) for w in layer.weights]  # [3, 3, out, in], [out]
    # ConvTranspose2d(k=3, s=2, padding=1, output_padding=1): input pixel i, tap k lands on 2i - 1 + k.
    expected = np.zeros((1, 6, 6, kernel.shape[2]), "float32") + bias
    for i in range(3):
        for j in range(3):
            for ki in range(3):
                for kj in range(3):
                    o, p = 2 * i - 1 + ki, 2 * j - 1 + kj
                    if 0 <= o < 6 and 0 <= p < 6:
                        expected[0, o, p] += kernel[ki, kj] @ x[0, i, j]
    np.testing.assert_allclose(numpy(up(x)), expected, rtol=1e-5, atol=1e-6)


def test_losses_on_fixed_inputs_match_numpy():
    model = tiny(identity_weight=0.5, cycle_weight=10.0)
    a, b = A[:2], B[:2]
    net = {name: (lambda x, n=getattr(model, name): numpy(n(x, training=True))) for name in NETWORKS}
    fake = model.generator_forward({"domain_a": a, "domain_b": b})
    loss, logs = model.generators_loss({"domain_a": a, "domain_b": b}, fake)
    fb, fa = net["generator"](a), net["inverse"](b)
    g_loss = np.mean((net["discriminator_b"](fb) - 1) ** 2) + np.mean((net["discriminator_a"](fa) - 1) ** 2)
    cycle = 10 * (np.mean(np.abs(net["inverse"](fb) - a)) + np.mean(np.abs(net["generator"](fa) - b)))
    identity = 0.5 * 10 * (np.mean(np.abs(net["generator"](b) - b)) + np.mean(np.abs(net["inverse"](a) - a)))
    for name, value in (("g_loss", g_loss), ("cycle_loss", cycle), ("identity_loss", identity)):
        assert float(logs[name]) == pytest.approx(value, rel=1e-5), name
    assert float(loss) == pytest.approx(g_loss + cycle + identity, rel=1e-5)
    d_loss, _ = model.discriminators_loss({"domain_a": a, "domain_b": b}, fake)
    expected = sum(0.5 * (np.mean((net[d](real) - 1) ** 2) + np.mean(net[d](made) ** 2))
                   for d, real, made in (("discriminator_b", b, fb), ("discriminator_a", a, fa)))
    assert float(d_loss) == pytest.approx(expected, rel=1e-5)
    _, logs = tiny(identity_weight=0.0).generators_loss({"domain_a": a, "domain_b": b}, fake)
    assert float(logs["identity_loss"]) == 0.0


def numpy_pool(pool, count, images, coins, slots):
    """The reference's `ImagePool.query`, one image at a time; the random draws given."""
    pool, shown = pool.copy(), []
    for image, coin, slot in zip(images, coins, slots):
        if count < len(pool):
            pool[count] = image
            count += 1
            shown.append(image)
        elif coin > 0.5:
            shown.append(pool[slot].copy())
            pool[slot] = image
        else:
            shown.append(image)
    return pool, count, np.stack(shown)


def test_the_pool_fills_then_swaps_half_the_time_by_the_models_seed():
    size, shape = 4, (1, 1, 1)
    pool, seeds, replay = ImagePool(size, shape), keras.random.SeedGenerator(5), keras.random.SeedGenerator(5)
    state, count, swaps = np.zeros((size, *shape), "float32"), 0, 0
    for start in range(0, 60, 3):
        images = np.arange(start, start + 3, dtype="float32").reshape(3, *shape) + 1
        shown = numpy(pool.query(images, seeds))
        # The same draws in the same order: the coin of each image, then its slot.
        coins = numpy(keras.random.uniform((3,), seed=replay))
        slots = numpy(keras.random.randint((3,), 0, size, seed=replay))
        state, count, expected = numpy_pool(state, count, images, coins, slots)
        np.testing.assert_array_equal(shown, expected)
        np.testing.assert_array_equal(numpy(pool.images), state)
        assert int(pool.count) == count
        if start >= size:
            swaps += int(np.sum(shown != images))
    assert count == size
    assert 0.3 < swaps / 57 < 0.7  # about half of the images after the pool filled come from the history
    # While filling, each image is returned as it is: the first 4 images of a fresh pool.
    fresh = ImagePool(size, shape)
    first = np.arange(4, dtype="float32").reshape(4, *shape)
    np.testing.assert_array_equal(numpy(fresh.query(first, keras.random.SeedGenerator(0))), first)
    np.testing.assert_array_equal(numpy(fresh.images), first)
    assert ImagePool(0, shape).query(first, seeds) is first


# Tiny runs shared by the tests below (each compiled fit costs seconds): 3 steps in one fit; 2 steps, saved, loaded
# and given the third. EMA on; the rate decays from the second step on. (On JAX a second `fit` call on the same
# model can differ from one uninterrupted `fit` in the last bit, so the reference is one `fit` of 3 steps.)
TRAINED = dict(ema_decay=0.5, ema_warmup=False, learning_rate=0.1, constant_epochs=1, decay_epochs=3,
               steps_per_epoch=1)


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    keras.utils.set_random_seed(0)
    whole = tiny(**TRAINED)
    initial = {name: [numpy(v) for v in getattr(whole, name).trainable_variables] for name in NETWORKS}
    calls = {"generator_forward": 0, "generators_loss": 0}
    for method in calls:
        def counted(*args, original=getattr(whole, method), name=method):
            calls[name] += 1
            return original(*args)
        object.__setattr__(whole, method, counted)
    whole.compile()  # the schedule takes the counted loss
    path = tmp_path_factory.mktemp("cyclegan") / "two_steps.keras"
    saved = {}

    class SaveAfterTwoSteps(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            if batch == 1:
                self.model.save(path)  # `self.model` syncs the JAX trainer's state into the variables first
                saved["pool"] = numpy(self.model.pool_b.images)

    whole.fit(A[:6], B[:6], batch_size=2, shuffle=False, verbose=0, callbacks=[SaveAfterTwoSteps()])
    resumed = keras.models.load_model(path)
    loaded_pool = numpy(resumed.pool_b.images)
    resumed.fit(A[4:6], B[4:6], batch_size=2, shuffle=False, verbose=0)
    return dict(model=whole, resumed=resumed, initial=initial, calls=calls, saved_pool=saved["pool"],
                loaded_pool=loaded_pool)


def test_one_generator_forward_per_step_moves_all_four_networks(run):
    model = run["model"]
    for name in NETWORKS:
        unchanged = [v.path for v, x in zip(getattr(model, name).trainable_variables, run["initial"][name])
                     if np.array_equal(x, numpy(v))]
        assert not unchanged, (name, unchanged)
    # Each traced train step runs the generators' loss once and the generator forward once (not once per step).
    assert run["calls"]["generator_forward"] == run["calls"]["generators_loss"] >= 1
    assert [s.name for s in model.schedule.steps] == ["generators", "discriminators"]  # the reference's order
    assert {n: int(model.player_optimizer(n).iterations) for n in ("generators", "discriminators")} == \
        {"generators": 3, "discriminators": 3}


def test_the_pool_and_every_weight_resume_exactly(run):
    # Batches of 2 into pools of 3: the second step fills them, the third swaps from them.
    model, resumed = run["model"], run["resumed"]
    np.testing.assert_array_equal(run["loaded_pool"], run["saved_pool"])
    assert int(resumed.pool_a.count) == int(model.pool_a.count) == 3
    names = [v.path for v in model.variables]
    assert {"pool_b/images", "pool_a/count"} <= set(names)
    for name, x, y in zip(names, model.variables, resumed.variables, strict=True):
        np.testing.assert_array_equal(numpy(x), numpy(y), err_msg=name)
    for x, y in zip(model.ema_inverse.variables + model.optimizer.variables,
                    resumed.ema_inverse.variables + resumed.optimizer.variables, strict=True):
        np.testing.assert_array_equal(numpy(x), numpy(y))
    assert not np.array_equal(numpy(model.pool_b.images), run["saved_pool"])  # the third step changed the pool


def test_the_learning_rate_is_constant_then_decays_linearly_per_epoch(run):
    rate = LinearDecay(1.0, constant_epochs=2, decay_epochs=3, steps_per_epoch=2)
    values = [float(rate(step)) for step in range(14)]
    # Epochs 0-1 at 1; then 1 - k / 4 in decay epoch k (the reference's lambda rule); then 0.
    assert values == pytest.approx([1, 1, 1, 1, 0.75, 0.75, 0.5, 0.5, 0.25, 0.25, 0, 0, 0, 0])
    again = keras.optimizers.schedules.deserialize(keras.optimizers.schedules.serialize(rate))
    assert isinstance(again, LinearDecay) and again.get_config() == rate.get_config()
    # The run: 3 steps done, so epoch 3 of 1 constant + 3 decay epochs: 0.1 * (1 - 3 / 4).
    for model in (run["model"], run["resumed"]):
        for player in ("generators", "discriminators"):
            assert float(numpy(model.player_optimizer(player).learning_rate)) == pytest.approx(0.025)
    constant = tiny(learning_rate=0.1).default_optimizers()["generators"]  # no steps_per_epoch: constant
    assert float(numpy(constant.learning_rate)) == pytest.approx(0.1)


def test_translate_both_ways_with_the_ema_copies_and_sample_through_the_task(run):
    model = run["model"]
    x = A[2:4]
    np.testing.assert_allclose(numpy(model.translate(x)), numpy(model.ema_generator(x)), atol=1e-6)
    np.testing.assert_allclose(numpy(model.translate(x, "BtoA")), numpy(model.ema_inverse(x)), atol=1e-6)
    assert not np.allclose(numpy(model.ema_inverse(x)), numpy(model.inverse(x)), atol=1e-6)
    assert numpy(model.translate(random_images((20, 12, 3), count=1), "BtoA")).shape == (1, 20, 12, 3)
    samples = sampling.sample(model, domain_a=x)
    assert set(samples) == {"domain_a", "domain_b"}
    np.testing.assert_allclose(samples["domain_b"], numpy(model.ema_generator(x)), atol=1e-6)
    np.testing.assert_allclose(numpy(model.sample(domain_b=x, direction="BtoA")), numpy(model.ema_inverse(x)),
                               atol=1e-6)
    with pytest.raises(ValueError, match=r"translate\(AtoB\) needs images of shape \[N, H, W, 3\] with H and W "
                                         r"multiples of 4, at least 8, got \[1, 18, 16, 3\]"):
        model.translate(random_images((18, 16, 3), count=1))
    with pytest.raises(ValueError, match="Unknown direction 'AtoC'"):
        model.translate(x, "AtoC")
    assert (model.translation_directions, model.size_multiple, model.minimum_size) == (("AtoB", "BtoA"), 4, 8)
    assert model.translation_channels("BtoA") == (3, 3)
    with pytest.raises(ValueError, match=r"at least 8, got \[1, 4, 8, 3\]"):  # a 1x2 quarter cannot reflect-pad
        model.translate(random_images((4, 8, 3), count=1))


def test_the_preview_grid_shows_both_cycles_of_the_fixed_batch():
    model = tiny(channels_b=1, identity_weight=0.0)
    b = random_images((16, 16, 1), count=3, seed=4)
    images, rows = model.preview_grid(per_row=2, batch={"domain_a": A[:3], "domain_b": b})
    assert rows == 4 and images.shape == (12, 16, 16, 3) and images.dtype == np.float32
    made = numpy(model.generator(A[:1]))
    np.testing.assert_array_equal(images[0], A[0])
    np.testing.assert_allclose(images[1], np.repeat(made[0], 3, axis=-1), atol=1e-6)  # grey B shown as RGB
    np.testing.assert_allclose(images[2], numpy(model.inverse(made))[0], atol=1e-6)
    np.testing.assert_allclose(images[6], np.repeat(b[0], 3, axis=-1))
    with pytest.raises(ValueError, match="CycleGAN's preview grid translates a fixed batch"):
        model.preview_grid()


def test_arguments_that_do_not_fit_together_are_refused_in_one_line():
    with pytest.raises(ValueError, match=r"^identity_weight must be 0 when channels_a \(3\) != channels_b \(1\)"):
        tiny(channels_b=1)
    with pytest.raises(ValueError, match=r"^image_size must be at least 24 for a PatchGAN of discriminator_layers=3"):
        tiny(discriminator_layers=3)
