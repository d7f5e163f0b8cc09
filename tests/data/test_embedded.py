"""The embedded sources: scikit-learn's digits and scikit-image's photographs."""
import keras
import numpy as np
import pytest

pytestmark = pytest.mark.tensorflow_only
if keras.backend.backend() != "tensorflow":
    pytest.skip("tensorflow_only: runs in the TensorFlow pass", allow_module_level=True)

import kgan.data  # noqa: E402
from kgan.data import photos  # noqa: E402

sklearn_datasets = pytest.importorskip("sklearn.datasets")


def whole_epoch(data):
    """Every image (and label) of an unshuffled source, in stored order, via the pipeline."""
    batch = next(iter(data.dataset()))
    return (batch["images"].numpy(), batch["labels"].numpy()) if "labels" in batch else batch["images"].numpy()


def test_digits_facts_and_describe():
    data = kgan.data.load("digits")
    assert (data.num_examples, data.image_shape, data.num_classes) == (1797, (32, 32, 1), 10)
    assert data.class_names == [str(d) for d in range(10)]
    assert data.steps_per_epoch == 1797 // 64 and data.skipped == [] and data.cached
    assert data.describe() == "digits: 1,797 images 32x32x1, 10 classes"


def test_digits_values_labels_and_pixel_statistics():
    images, labels = whole_epoch(kgan.data.load("digits", batch_size=1797, shuffle=False))
    assert images.shape == (1797, 32, 32, 1) and images.dtype == np.float32
    assert images.min() == -1.0 and images.max() == 1.0  # originals 0 and 16 map exactly
    np.testing.assert_array_equal(labels, sklearn_datasets.load_digits().target)
    assert labels.dtype == np.int32
    # Bilinear upsampling keeps the originals' mean ink (-0.3895 at 8x8) up to edge effects.
    assert images.mean() == pytest.approx(-0.389479, abs=1e-5)
    assert images.mean() == pytest.approx(sklearn_datasets.load_digits().images.mean() / 8 - 1, abs=1e-5)
    assert images[:, 0, 0, 0].max() == -1.0  # every digit's corner is blank


def test_digits_at_native_size_are_the_originals_exactly():
    images, _ = whole_epoch(kgan.data.load("digits", image_size=8, batch_size=1797, shuffle=False))
    originals = sklearn_datasets.load_digits().images  # [1797, 8, 8], 0..16
    np.testing.assert_allclose(images[..., 0], originals / 8.0 - 1.0, atol=1e-6)


def test_digits_as_rgb_repeat_the_grey_channel():
    data = kgan.data.load("digits", image_size=16, channels=3, batch_size=16, shuffle=False)
    images, _ = whole_epoch(data)
    assert data.image_shape == (16, 16, 3) and images.shape == (16, 16, 16, 3)
    np.testing.assert_array_equal(images[..., 0], images[..., 2])
    assert images.std() > 0.5


def test_photos_shape_describe_and_range():
    data = kgan.data.load("photos", batch_size=32)
    assert (data.num_examples, data.image_shape, data.num_classes, data.class_names) == (1024, (64, 64, 3), None, None)
    assert data.describe() == "photos: 1,024 images 64x64x3, random crops of 8 photographs"
    batch = next(iter(data.dataset()))
    assert sorted(batch) == ["images"]  # unlabeled: images alone
    batch = batch["images"].numpy()
    assert batch.shape == (32, 64, 64, 3)
    assert -1.0 <= batch.min() < -0.5 and 0.5 < batch.max() <= 1.0
    assert np.all(batch.std(axis=(1, 2, 3)) > 0.0)  # no blank crops


def test_photos_are_deterministic_from_the_seed():
    first = kgan.data.load("photos", image_size=16, num_crops=40, batch_size=40, seed=5, shuffle=False)
    again = kgan.data.load("photos", image_size=16, num_crops=40, batch_size=40, seed=5, shuffle=False)
    other = kgan.data.load("photos", image_size=16, num_crops=40, batch_size=40, seed=6, shuffle=False)
    np.testing.assert_array_equal(whole_epoch(first), whole_epoch(again))
    assert np.abs(whole_epoch(first) - whole_epoch(other)).mean() > 0.1


def test_photos_in_grey():
    data = kgan.data.load("photos", image_size=8, num_crops=16, batch_size=8, channels=1)
    assert data.image_shape == (8, 8, 1) and data.steps_per_epoch == 2
    assert next(iter(data.dataset()))["images"].shape == (8, 8, 8, 1)


def test_random_crops_are_windows_of_the_photos():
    # Each pixel holds (row, column, photo index), so a crop reveals where it came from.
    shapes = [(20, 30), (25, 12)]
    fakes = [np.stack([*np.meshgrid(np.arange(h), np.arange(w), indexing="ij"), np.full((h, w), k)], -1)
             .astype(np.uint8) for k, (h, w) in enumerate(shapes)]
    crops = photos.random_crops(fakes, 8, 50, seed=0)
    assert crops.shape == (50, 8, 8, 3)
    for crop in crops:
        k = crop[0, 0, 2]
        top, left = crop[0, 0, :2]
        assert top + 8 <= shapes[k][0] and left + 8 <= shapes[k][1]
        np.testing.assert_array_equal(crop, fakes[k][top:top + 8, left:left + 8])
    assert len({crop[0, 0, 2] for crop in crops}) == 2


def test_photos_are_rescaled_to_at_most_four_crop_sizes():
    photo = np.zeros((300, 451, 3), np.uint8)
    assert photos.rescale(photo, 64).shape == (256, 385, 3)
    assert photos.rescale(photo, 128).shape == (300, 451, 3)  # already within 4x
    assert photos.rescale(photo, 400).shape == (400, 601, 3)  # enlarged to fit a crop


@pytest.mark.parametrize("spec, expected", [("photos:train", photos.TRAIN_PHOTOS), ("photos:test", photos.TEST_PHOTOS)])
def test_photo_subsets_crop_only_their_photos(spec, expected):
    data = kgan.data.load(spec, image_size=16, num_crops=40, batch_size=40, seed=3, shuffle=False)
    assert data.describe() == f"{spec}: 40 images 16x16x3, random crops of {', '.join(expected)} ({spec[7:]})"
    crops = np.round((whole_epoch(data) + 1.0) * 127.5).astype(np.uint8)  # [40, 16, 16, 3]
    scaled = {name: photos.rescale(photo, 16) for name, photo in zip(photos.PHOTOS, photos.read_photos())}
    sources = set()
    for crop in crops:
        windows = {name: np.lib.stride_tricks.sliding_window_view(image, crop.shape)[..., 0, :, :, :]
                   for name, image in scaled.items()}
        holders = [name for name, view in windows.items() if np.all(view == crop, axis=(-3, -2, -1)).any()]
        assert holders and set(holders) <= set(expected)
        sources.update(holders)
    assert sources == set(expected)  # every photo of the subset is drawn from


def test_an_unknown_photo_subset_is_named():
    with pytest.raises(kgan.data.DataError, match=r"unknown data 'photos:val'"):
        kgan.data.load("photos:val", batch_size=4)
