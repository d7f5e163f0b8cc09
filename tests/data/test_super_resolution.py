"""Super-resolution data: HR crops from a single-image source, each with its antialiased bicubic LR copy."""
import keras
import numpy as np
import pytest

pytestmark = pytest.mark.tensorflow_only
if keras.backend.backend() != "tensorflow":
    pytest.skip("tensorflow_only: runs in the TensorFlow pass", allow_module_level=True)

import tensorflow as tf  # noqa: E402

import kgan.data  # noqa: E402
from kgan.tasks import Task, TensorSpec  # noqa: E402


def sr_task(low=8, high=32, channels=3):
    return Task({"low_res": TensorSpec((low, low, channels)), "high_res": TensorSpec((high, high, channels))},
                conditioning=("low_res",), output="high_res")


def test_low_res_is_the_antialiased_bicubic_shrink_of_high_res():
    data = kgan.data.load_task("photos:train", sr_task(), batch_size=4, num_crops=8, seed=2)
    assert data.describe() == ("photos:train: 8 examples of low_res 8x8x3, high_res 32x32x3, random crops of "
                               "astronaut, hubble_deep_field, immunohistochemistry, motorcycle, retina, rocket "
                               "(train), low_res by antialiased bicubic x1/4")
    assert data.steps_per_epoch == 2
    batch = next(iter(data.dataset()))
    assert sorted(batch) == ["high_res", "low_res"]
    high, low = batch["high_res"].numpy(), batch["low_res"].numpy()
    assert high.shape == (4, 32, 32, 3) and low.shape == (4, 8, 8, 3)
    # The HR crops are the photo source's own crops, unchanged.
    same = kgan.data.load("photos:train", image_size=32, batch_size=4, num_crops=8, seed=2)
    np.testing.assert_array_equal(high, next(iter(same.dataset()))["images"].numpy())
    expected = np.clip(tf.image.resize(high, (8, 8), method="bicubic", antialias=True).numpy(), -1, 1)
    np.testing.assert_allclose(low, expected, atol=1e-6)
    # Antialiased: each LR pixel is close to the mean of its 4x4 HR block, not to one HR pixel.
    blocks = high.reshape(4, 8, 4, 8, 4, 3).mean(axis=(2, 4))
    assert np.abs(low - blocks).mean() < 0.5 * np.abs(low - high[:, ::4, ::4]).mean()


def test_a_folder_feeds_an_sr_task_in_grey(tmp_path):
    from PIL import Image

    rng = np.random.default_rng(0)
    for k in range(3):
        Image.fromarray(rng.integers(0, 256, (40, 40, 3), dtype=np.uint8)).save(tmp_path / f"{k}.png")
    data = kgan.data.load_task(str(tmp_path), sr_task(4, 16, 1), batch_size=3, shuffle=False)
    batch = next(iter(data.dataset()))
    assert batch["high_res"].shape == (3, 16, 16, 1) and batch["low_res"].shape == (3, 4, 4, 1)


def test_an_sr_task_has_only_a_train_split_and_needs_whole_multiples():
    with pytest.raises(kgan.data.MissingSplit, match=r"^photos:train has no test split for a super-resolution "
                                                     r"task \(give its held-out images as their own data, e\.g\. "
                                                     r"photos:test\)$"):
        kgan.data.load_task("photos:train", sr_task(), batch_size=4, split="test")
    with pytest.raises(kgan.data.DataError, match=r"high_res a whole multiple of low_res; got 30x30x3 and 8x8x3$"):
        kgan.data.load_task("photos:train", sr_task(8, 30), batch_size=4)
