"""Every family declares its task from its own arguments: the batch's names, shapes and dtypes, and its sampling."""
import numpy as np
import pytest

from kgan.tasks import TensorSpec
from tests.models.tiny_families import tiny

IMAGES_ONLY = {
    "gan": (dict(image_shape=(6, 4, 1)), (6, 4, 1)),
    "dcgan": (dict(image_size=16, channels=3), (16, 16, 3)),
    "wgan": (dict(image_size=16, channels=3), (16, 16, 3)),
    "wgan_gp": (dict(image_size=16, channels=2), (16, 16, 2)),
    "infogan": (dict(image_shape=(8, 16, 3)), (8, 16, 3)),
}


@pytest.mark.parametrize("family", sorted(IMAGES_ONLY))
def test_noise_families_declare_images_alone(family):
    arguments, shape = IMAGES_ONLY[family]
    task = tiny(family, **arguments).task
    assert task.batch == {"images": TensorSpec(shape, "float32")}
    assert (task.conditioning, task.output, task.truncation, task.class_input) == ((), "images", False, None)


def test_cgan_declares_images_and_labels_and_samples_from_labels():
    task = tiny("cgan", image_shape=(8, 8, 3), num_classes=4).task
    assert list(task.batch) == ["images", "labels"]
    assert task.batch["images"] == TensorSpec((8, 8, 3), "float32")
    assert task.batch["labels"] == TensorSpec((), "int32", num_classes=4)
    assert (task.conditioning, task.output, task.truncation, task.num_classes) == (("labels",), "images", False, 4)


@pytest.mark.parametrize("family, arguments, rows, count", [
    ("dcgan", {}, 3, 9),
    ("cgan", {"num_classes": 2}, 2, 6),
    ("infogan", {"num_categories": 3}, 3, 9),
])
def test_preview_grids(family, arguments, rows, count):
    model = tiny(family, **arguments)
    images, grid_rows = model.preview_grid(seed=1, per_row=3)
    again, _ = model.preview_grid(seed=1, per_row=3)
    assert grid_rows == rows and images.shape == (count, 8, 8, 1) and images.dtype == np.float32
    np.testing.assert_array_equal(images, again)


def test_a_tuple_batch_fills_the_declared_names_in_order_and_a_dict_drops_undeclared_ones():
    model = tiny("cgan")
    assert model.unpack(("x", "y")) == {"images": "x", "labels": "y"}
    assert model.unpack({"labels": "y", "images": "x", "extra": "z"}) == {"images": "x", "labels": "y"}
    assert tiny("dcgan").unpack({"images": "x", "labels": "y"}) == {"images": "x"}


def test_a_batch_without_a_declared_entry_is_a_one_line_error():
    with pytest.raises(ValueError, match=r"^CGAN needs integer class labels in \[0, 2\) as 'labels' in every "
                                         r"batch: call fit\(images, labels\) or yield a dict with keys images, "
                                         r"labels; got images\.$"):
        tiny("cgan").unpack({"images": "x"})


@pytest.mark.parametrize("labels, message", [
    ([0, 1, 12, 0], r"12 \(at index 2\)"),
    ([0, 1.5, 1, 0], r"1\.5 \(at index 1\)"),
    ([0, 1, 0, -1], r"-1 \(at index 3\)"),
    ([0, np.nan, 0, 1], r"nan \(at index 1\)"),
])
@pytest.mark.parametrize("as_dict", [False, True])
def test_fit_refuses_labels_outside_the_declared_classes_before_training(labels, message, as_dict):
    model = tiny("cgan")  # 2 classes
    model.compile()
    images, labels = np.zeros((4, 8, 8, 1), "float32"), np.array(labels)
    arguments = ({"images": images, "labels": labels},) if as_dict else (images, labels)
    with pytest.raises(ValueError, match=r"^CGAN's 'labels' must be integer class labels in \[0, 2\); got "
                                         + message + "$"):
        model.fit(*arguments, batch_size=4, epochs=1, verbose=0)
    assert int(model.global_step) == 0


def test_fit_takes_integer_valued_labels_of_any_numeric_dtype_and_shape_n_or_n_1():
    model = tiny("cgan")
    model.compile()
    images = np.zeros((4, 8, 8, 1), "float32")
    model.fit(images, np.array([[0.0], [1.0], [1.0], [0.0]]), batch_size=4, epochs=1, verbose=0)
    model.fit(images, np.array([0, 1, 1, 0], "uint8"), batch_size=4, epochs=1, verbose=0)
    assert int(model.global_step) == 2
    with pytest.raises(ValueError, match=r"^CGAN's 'labels' must be integer class labels of shape \[N\] or "
                                         r"\[N, 1\]; got shape \(4, 2\)$"):
        model.fit(images, np.zeros((4, 2), "int32"), batch_size=4, epochs=1, verbose=0)
