"""Context Encoder: the reference's layout and counts, its overlap-weighted loss, the mask policies, training."""
import keras
import numpy as np
import pytest

from kgan.models.context_encoder import PRESETS, ContextEncoder
from kgan.models.context_encoder import masks as policies
from tests.helpers import assert_round_trip, assert_trainable_params, fit_two_steps, random_images
from tests.models.tiny_families import TINY

TINY_CE = TINY["context_encoder"]  # 16x16 RGB, hole 6x6 inside the predicted 8x8, 2 filters, 8-d code


def tiny(**overrides):
    return ContextEncoder(**{**TINY_CE, "seed": 1, **overrides})


def numpy_of(x):
    return np.asarray(keras.ops.convert_to_numpy(x))


@pytest.fixture(scope="module")
def model():
    """One tiny centre-hole model for the tests that only read it (building costs seconds on JAX)."""
    return tiny()


@pytest.fixture(scope="module")
def whole():
    """One tiny random-block model: the generator predicts the whole image."""
    return tiny(mask="random_block", overlap_weight=3.0)


def test_the_reference_presets_declare_the_released_counts():
    # tests/models/test_presets.py builds every preset and checks these against the networks.
    assert PRESETS["context_encoder_128"]["trainable_params"] == {"generator": 71_130_531,
                                                                  "discriminator": 2_766_529}
    arguments = PRESETS["context_encoder_128"]["arguments"]
    assert (arguments["image_size"], arguments["bottleneck"], arguments["overlap"], arguments["mask"]) == \
        (128, 4000, 4, "center")
    assert list(PRESETS)[0] == "context_encoder_32"


def test_layout_with_conv_biases_as_torch_has_them(model, whole):
    # 4x4 convs with biases: encoder 3->8 (8x8), 8->16 (4x4) + BN; bottleneck 16->8 + BN; decoder 8->16 (4x4) + BN,
    # 16->3 (8x8). D on the 8x8 centre: 3->16 (4x4), 16->1.
    generator = (48 * 8 + 8) + (128 * 16 + 16 + 32) + (256 * 8 + 8 + 16) + (128 * 16 + 16 + 32) + (256 * 3 + 3)
    assert_trainable_params(model, {"generator": generator, "discriminator": (48 * 16 + 16) + (256 + 1)})
    assert model.generator.output_shape == (None, 8, 8, 3)
    assert model.generator.get_layer("bottleneck").output.shape == (None, 1, 1, 8)
    assert model.discriminator.input_shape == (None, 8, 8, 3)
    assert model.discriminator.output_shape == (None, 1)
    # train_random.lua: the whole image, one more stage in G and D
    assert whole.generator.output_shape == (None, 16, 16, 3)
    assert whole.discriminator.input_shape == (None, 16, 16, 3)
    assert whole.generator.get_layer("decode1").output.shape == (None, 8, 8, 8)


def test_the_128_layout_follows_train_lua():
    from kgan.models.context_encoder.networks import width

    # Maps at each resolution: the encoder's 64, 64, 128, 256, 512 and the decoder's 512, 256, 128, 64.
    assert [width(64, r) for r in (64, 32, 16, 8, 4)] == [64, 64, 128, 256, 512]
    assert [width(64, r) for r in (4, 8, 16, 32)] == [512, 256, 128, 64]


def test_center_holes_are_the_reference_region_filled_with_its_mean(model):
    holes = numpy_of(policies.center_holes(2, 16, 1))
    expected = np.zeros((2, 16, 16, 1), "float32")
    expected[:, 5:11, 5:11] = 1.0  # the central 8x8 less a 1-pixel overlap border
    np.testing.assert_array_equal(holes, expected)
    big = numpy_of(policies.center_holes(1, 128, 4))[0, ..., 0]
    rows, columns = np.nonzero(big)
    assert (rows.min(), rows.max(), columns.min(), columns.max(), big.sum()) == (36, 91, 36, 91, 56 * 56)
    images = random_images((16, 16, 3), count=2)
    masked = numpy_of(model.masked(images, holes))
    np.testing.assert_allclose(masked[:, 7, 7], [[2 * 117 / 255 - 1, 2 * 104 / 255 - 1, 2 * 123 / 255 - 1]] * 2,
                               rtol=1e-6)
    np.testing.assert_array_equal(masked[holes[..., 0] == 0], images[holes[..., 0] == 0])


@pytest.mark.parametrize("policy", ["random_block", "random_region"])
def test_random_holes_are_seeded_and_within_bounds(policy):
    draw = lambda seed: numpy_of(policies.holes(policy, 6, 32, 0, keras.random.SeedGenerator(seed)))
    a, b, c = draw(3), draw(3), draw(4)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    assert a.shape == (6, 32, 32, 1) and set(np.unique(a)) == {0.0, 1.0}
    area = a.mean(axis=(1, 2, 3))
    assert len(set(area.tolist())) > 1  # every image has its own
    if policy == "random_block":
        assert np.all(area <= 0.25) and np.all(area >= (4 * 4) / (32 * 32))  # 4 blocks, sides in [4, 8]
    else:
        assert np.all(area >= 0.2) and np.all(area <= 0.3)


def test_the_loss_weights_the_overlap_border_ten_times_as_numpy_does(model, whole):
    rng = np.random.default_rng(0)
    images = rng.uniform(-1, 1, (2, 16, 16, 3)).astype("float32")
    region = rng.uniform(-1, 1, (2, 8, 8, 3)).astype("float32")
    holes = numpy_of(policies.center_holes(2, 16, 1)) > 0.5
    total, logs = model.generator_loss({"images": images}, {"region": region, "holes": holes})
    weights = np.full((8, 8, 1), 10.0)
    weights[1:7, 1:7] = 1.0  # the hole is the interior, the 1-pixel border is known context
    error = (region - images[:, 4:12, 4:12]) ** 2
    assert float(logs["l2_loss"]) == pytest.approx(error.mean(), rel=1e-6)
    reconstruction = (weights * error).mean()
    assert float(total) == pytest.approx(0.001 * float(logs["g_loss"]) + 0.999 * reconstruction, rel=1e-6)
    # random policies: the whole image, the hole at 1, everything else at overlap_weight
    holes = np.zeros((2, 16, 16, 1), bool)
    holes[0, 2:5, 3:9] = True
    total, logs = whole.generator_loss({"images": images}, {"region": images + 0.5, "holes": holes})
    reconstruction = np.where(holes, 1.0, 3.0).mean() * 0.25
    assert float(total) == pytest.approx(0.001 * float(logs["g_loss"]) + 0.999 * reconstruction, rel=1e-6)


class Calls:
    def __init__(self):
        self.order = []

    def wrap(self, owner, method, label):
        original = getattr(owner, method)

        def recorded(*args, **kwargs):
            self.order.append(label)
            return original(*args, **kwargs)

        setattr(owner, method, recorded)


@pytest.mark.tensorflow_only  # the engine's order is tested on both backends; eager JAX steps take seconds
def test_one_generator_forward_per_step_and_d_then_g():
    model = tiny()
    model.compile(run_eagerly=True)
    calls = Calls()
    calls.wrap(model.generator, "call", "G")
    calls.wrap(model.discriminator, "call", "D")
    calls.wrap(model.player_optimizer("discriminator"), "apply", "step D")
    calls.wrap(model.player_optimizer("generator"), "apply", "step G")
    model.fit(random_images((16, 16, 3), count=16), batch_size=8, epochs=1, shuffle=False, verbose=0)
    # the forward, D on real and fake, D's update, D on the same fake for G, G's update
    assert calls.order == ["G", "D", "D", "step D", "D", "step G"] * 2


@pytest.mark.parametrize("policy", ["center", "random_region"])
def test_fits_with_biases_held_at_zero(policy, tmp_path):
    model = tiny(mask=policy)
    before = [numpy_of(v) for v in model.generator.trainable_variables if "kernel" in v.path]
    history = fit_two_steps(model, random_images((16, 16, 3), count=16))
    assert set(history.history) == {"d_loss", "g_loss", "l2_loss"}
    after = [numpy_of(v) for v in model.generator.trainable_variables if "kernel" in v.path]
    assert all(not np.array_equal(a, b) for a, b in zip(before, after))
    biases = [numpy_of(v) for v in model.generator.weights + model.discriminator.weights if v.path.endswith("bias")]
    assert len(biases) == (5 if policy == "center" else 6) + (2 if policy == "center" else 3)
    assert all(not bias.any() for bias in biases)  # the reference zeroes them before every forward
    assert float(model.player_optimizer("generator").learning_rate) == pytest.approx(2e-3)
    assert float(model.player_optimizer("discriminator").learning_rate) == pytest.approx(2e-4)
    if policy != "center":  # the masks come from the model's saved seed state: a resumed run draws the same
        model.save(tmp_path / "model.keras")
        loaded = keras.models.load_model(tmp_path / "model.keras")
        drawn = numpy_of(model.training_holes(4))
        np.testing.assert_array_equal(drawn, numpy_of(loaded.training_holes(4)))
        assert not np.array_equal(drawn, numpy_of(tiny(mask=policy).training_holes(4)))  # training moved the seed


def test_sample_fills_only_the_holes(model):
    images = random_images((16, 16, 3), count=3)
    filled = numpy_of(model.sample(images=images))
    holes = numpy_of(model.center_holes(3))[..., 0] > 0.5
    np.testing.assert_array_equal(filled[~holes], images[~holes])
    region = numpy_of(model.generator(model.masked(images, model.center_holes(3)), training=False))
    np.testing.assert_allclose(filled[:, 5:11, 5:11], region[:, 1:7, 1:7], atol=1e-6)
    masks = np.zeros((3, 16, 16), "float32")
    masks[:, 6:8, 6:9] = 1.0
    own = numpy_of(model.sample(images=images, masks=masks))
    np.testing.assert_array_equal(own[masks == 0], images[masks == 0])
    assert not np.allclose(own[masks == 1], images[masks == 1])
    masks[0, 0, 0] = 1.0
    with pytest.raises(ValueError, match=r"^this ContextEncoder \(mask='center'\) fills only the central 8x8 "
                                         r"square of its 16x16 images; the masks have holes outside it$"):
        model.sample(images=images, masks=masks)
    with pytest.raises(ValueError, match=r"^masks must have shape \[3, 16, 16\(, 1\)\] for 3 images, got \[3, 8, 8\]"):
        model.sample(images=images, masks=np.zeros((3, 8, 8)))


def test_random_policy_samples_are_seeded(whole):
    images = random_images((16, 16, 3), count=2)
    a, b, c = (numpy_of(whole.sample(images=images, seed=s)) for s in (5, 5, 6))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def test_preview_rows_show_masked_filled_and_original(model):
    images = random_images((16, 16, 3), count=5)
    grid, rows = model.preview_grid(seed=0, per_row=3, batch={"images": images})
    assert rows == 3 and grid.shape == (9, 16, 16, 3) and grid.dtype == np.float32
    np.testing.assert_array_equal(grid[2::3], images[:3])
    np.testing.assert_array_equal(grid[0::3], numpy_of(model.masked(images[:3], model.center_holes(3))))
    np.testing.assert_array_equal(grid[1::3], numpy_of(model.sample(images=images[:3])))
    with pytest.raises(ValueError, match="pass batch="):
        model.preview_grid()


def test_the_task_samples_filled_images_from_images(model):
    task = model.task
    assert list(task.batch) == ["images"] and task.batch["images"].shape == (16, 16, 3)
    assert (task.conditioning, task.tensor_inputs, task.output) == (("images",), ("images",), "inpainted")
    assert task.output_spec == task.batch["images"]


def test_save_load_round_trip(tmp_path):
    model = tiny(mask="random_region", ema_decay=0.9)  # (fit: test_fits_with_biases_held_at_zero)
    loaded = assert_round_trip(model, tmp_path, random_images((16, 16, 3), count=2))
    assert loaded.mask == "random_region" and loaded.region_size == 16


def test_an_overlap_that_leaves_no_hole_is_refused():
    with pytest.raises(ValueError, match=r"^overlap must leave a hole: 2 \* overlap < image_size / 2 = 8, "
                                         r"got overlap=4$"):
        tiny(overlap=4)
