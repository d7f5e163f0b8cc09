"""`kgan.data.load`: the data string and arguments, with one-line errors for bad ones."""
import keras
import pytest

pytestmark = pytest.mark.tensorflow_only
if keras.backend.backend() != "tensorflow":
    pytest.skip("tensorflow_only: runs in the TensorFlow pass", allow_module_level=True)

import kgan.data  # noqa: E402
from kgan.data import DataError  # noqa: E402

CHOICES = "choose digits, photos[:train|:test], tfds:NAME[:SPLIT], a folder of images, or a .npz file"


def test_data_error_is_a_value_error():
    assert issubclass(DataError, ValueError)
    assert str(DataError("two\n  lines")) == "two lines"


def test_unknown_spec_lists_the_choices():
    with pytest.raises(DataError) as error:
        kgan.data.load("mnist")
    assert str(error.value) == f"unknown data 'mnist': no such source, file or folder; {CHOICES}"


def test_missing_path_is_named(tmp_path):
    missing = tmp_path / "nowhere" / "images"
    with pytest.raises(DataError, match=f"^unknown data '{missing}': no such source, file or folder"):
        kgan.data.load(str(missing))


def test_a_file_that_is_not_an_archive(tmp_path):
    path = tmp_path / "picture.png"
    path.write_bytes(b"\x89PNG")
    with pytest.raises(DataError, match=f"^{path} is a file but not a .npz archive; data must be digits, photos"):
        kgan.data.load(str(path))


@pytest.mark.parametrize("kwargs, message", [
    (dict(batch_size=0), "batch_size must be an integer >= 1, got 0"),
    (dict(batch_size=2.5), "batch_size must be an integer >= 1, got 2.5"),
    (dict(image_size=-4), "image_size must be an integer >= 1 or None, got -4"),
    (dict(channels=2), "channels must be one of 1, 3 or None, got 2"),
    (dict(seed=-1), "seed must be an integer >= 0, got -1"),
    (dict(num_classes=0), "num_classes must be an integer >= 1 or None, got 0"),
    (dict(num_crops=5), "num_crops applies only to the 'photos' source, not 'digits'"),
    (dict(batch_size=5000), "batch size 5000 is larger than the 1,797 images in digits; use a batch size of at "
                            "most 1797"),
    (dict(num_classes=5), "digits has 10 classes but the model has 5"),
])
def test_bad_arguments_are_named(kwargs, message):
    with pytest.raises(DataError) as error:
        kgan.data.load("digits", **kwargs)
    assert str(error.value) == message


def test_unlabeled_source_for_a_conditional_model():
    with pytest.raises(DataError, match="^photos has no labels, but the model needs labels for 10 classes$"):
        kgan.data.load("photos", image_size=8, num_crops=8, batch_size=8, num_classes=10)


def test_matching_class_count_and_path_objects(tmp_path):
    assert kgan.data.load("digits", num_classes=10).num_classes == 10
    with pytest.raises(DataError, match="no images in"):
        kgan.data.load(tmp_path)  # a pathlib.Path works like its string
