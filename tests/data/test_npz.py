"""`.npz` archives: layouts, value ranges, labels, and each malformed archive's one-line error."""
import keras
import numpy as np
import pytest

pytestmark = pytest.mark.tensorflow_only
if keras.backend.backend() != "tensorflow":
    pytest.skip("tensorflow_only: runs in the TensorFlow pass", allow_module_level=True)

import kgan.data  # noqa: E402
from kgan.data import DataError  # noqa: E402


def save(tmp_path, name="data.npz", **arrays):
    path = tmp_path / name
    np.savez(path, **arrays)
    return str(path)


def first_batch(data):
    batch = next(iter(data.dataset()))
    return (batch["images"].numpy(), batch["labels"].numpy()) if "labels" in batch else batch["images"].numpy()


def test_uint8_grey_without_labels(tmp_path):
    images = np.arange(4 * 3 * 5, dtype=np.uint8).reshape(4, 3, 5) * 4  # [N, H, W]
    data = kgan.data.load(save(tmp_path, images=images), batch_size=4, shuffle=False)
    assert (data.image_shape, data.num_classes, data.class_names) == ((3, 5, 1), None, None)
    batch = first_batch(data)  # images alone
    np.testing.assert_array_equal(batch, images[..., None].astype(np.float32) / np.float32(127.5) - 1)


def test_float_rgb_in_unit_range_with_labels(tmp_path):
    images = np.linspace(0.0, 1.0, 6 * 2 * 2 * 3).reshape(6, 2, 2, 3)
    path = save(tmp_path, images=images, labels=np.array([2, 0, 1, 2, 0, 1]))
    data = kgan.data.load(path, batch_size=6, shuffle=False)
    assert (data.image_shape, data.num_classes, data.class_names) == ((2, 2, 3), 3, ["0", "1", "2"])
    assert data.describe() == f"{path}: 6 images 2x2x3, 3 classes"
    batch, labels = first_batch(data)
    np.testing.assert_allclose(batch, images * 2 - 1, atol=1e-6)
    np.testing.assert_array_equal(labels, [2, 0, 1, 2, 0, 1])


def test_float_images_already_in_minus_one_one(tmp_path):
    images = np.array([-1.0, -0.5, 0.25, 1.0]).reshape(1, 2, 2, 1)
    batch = first_batch(kgan.data.load(save(tmp_path, images=images), batch_size=1))
    np.testing.assert_allclose(batch, images, atol=1e-6)


def test_rgba_drops_alpha_and_resize(tmp_path):
    images = np.zeros((2, 6, 4, 4), np.uint8)
    images[..., 0], images[..., 3] = 255, 9  # red, nearly transparent
    data = kgan.data.load(save(tmp_path, images=images), image_size=2, batch_size=2)
    batch = first_batch(data)
    assert data.image_shape == (2, 2, 3) and batch.shape == (2, 2, 2, 3)
    np.testing.assert_array_equal(batch[..., 0], 1.0)
    np.testing.assert_array_equal(batch[..., 1:], -1.0)


def test_class_names_and_model_class_count(tmp_path):
    path = save(tmp_path, images=np.zeros((4, 2, 2), np.uint8), labels=np.array([0, 1, 1, 0]),
                class_names=np.array(["cat", "dog", "eel"]))
    data = kgan.data.load(path, batch_size=2, num_classes=3)
    assert data.class_names == ["cat", "dog", "eel"] and data.num_classes == 3
    # Without names, labels 0-1 suit a 5-class model whose other classes are absent from the data.
    plain = save(tmp_path, "plain.npz", images=np.zeros((4, 2, 2), np.uint8), labels=np.array([0, 1, 1, 0]))
    assert kgan.data.load(plain, batch_size=2, num_classes=5).num_classes == 5


@pytest.mark.parametrize("arrays, message", [
    (dict(images=np.zeros((4, 8, 8)), labels=np.zeros(5, int)),
     r"'labels' in .*data.npz has shape \(5,\) but 'images' has 4 entries; expected labels of shape \(4,\)"),
    (dict(images=np.zeros((4, 8))),
     r"'images' in .*data.npz has shape \(4, 8\); expected \(N, H, W\) or \(N, H, W, C\)"),
    (dict(images=np.zeros((2, 8, 8, 1, 1))),
     r"'images' in .*data.npz has shape \(2, 8, 8, 1, 1\); expected"),
    (dict(pixels=np.zeros((4, 8, 8)), labels=np.zeros(4, int)),
     r"data.npz has no 'images' array \(found 'pixels', 'labels'\)"),
    (dict(images=np.zeros((4, 8, 8, 5))),
     r"'images' in .*data.npz has 5 channels \(shape \(4, 8, 8, 5\)\)"),
    (dict(images=np.zeros((0, 8, 8))), r"'images' in .*data.npz is empty: shape \(0, 8, 8\)"),
    (dict(images=np.full((2, 4, 4), 300.0)), r"float 'images' in .*data.npz range over \[300, 300\]"),
    (dict(images=np.full((2, 4, 4), 256, np.int32)), r"integer 'images' in .*data.npz range over \[256, 256\]"),
    (dict(images=np.zeros((2, 4, 4)), labels=np.array([0.0, 1.0])), r"'labels' in .*data.npz have dtype float64"),
    (dict(images=np.zeros((2, 4, 4)), labels=np.array([0, -1])), r"'labels' in .*data.npz include -1"),
])
def test_malformed_archives_name_the_key_and_shapes(tmp_path, arrays, message):
    with pytest.raises(DataError, match=message) as error:
        kgan.data.load(save(tmp_path, **arrays), batch_size=1)
    assert "\n" not in str(error.value)


def test_labels_outside_the_model_classes(tmp_path):
    path = save(tmp_path, images=np.zeros((4, 2, 2), np.uint8), labels=np.array([0, 3, 12, 1]))
    with pytest.raises(DataError, match=r"'labels' in .*data.npz go up to 12, outside \[0, 10\) for the "
                                        r"model's 10 classes"):
        kgan.data.load(path, batch_size=2, num_classes=10)


def test_named_classes_must_match_the_model(tmp_path):
    path = save(tmp_path, images=np.zeros((4, 2, 2), np.uint8), labels=np.array([0, 1, 1, 0]),
                class_names=np.array(["cat", "dog"]))
    with pytest.raises(DataError, match=r"data.npz has 2 classes but the model has 10"):
        kgan.data.load(path, batch_size=2, num_classes=10)


def test_unlabeled_archive_for_a_conditional_model(tmp_path):
    with pytest.raises(DataError, match=r"data.npz has no labels, but the model needs labels for 10 classes"):
        kgan.data.load(save(tmp_path, images=np.zeros((4, 2, 2), np.uint8)), batch_size=2, num_classes=10)


def test_not_an_archive(tmp_path):
    path = tmp_path / "broken.npz"
    path.write_bytes(b"definitely not a zip file")
    with pytest.raises(DataError) as error:
        kgan.data.load(str(path))
    # numpy itself calls any non-zip file "pickled data" that one could "load unsafely"
    assert str(error.value) == f"cannot read {path} as a .npz archive: it is not a zip file"


def test_a_truncated_archive(tmp_path):
    path = tmp_path / save(tmp_path, images=np.zeros((64, 8, 8), np.uint8))
    path.write_bytes(path.read_bytes()[:200])
    with pytest.raises(DataError, match=r"^cannot read .*data.npz as a .npz archive: it is not a zip file$"):
        kgan.data.load(str(path))
