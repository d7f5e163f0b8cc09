"""`load_data` and `check_data` hold the data to the batch the model's task declares, with one-line errors."""
import numpy as np
import pytest

import kgan.data
from kgan.runs import RunConfig, RunError
from kgan.runs.model_data import check_data, load_data
from kgan.tasks import Task, TensorSpec
from tests.models.tiny_families import tiny
from tests.tasks.translator import Translator

CONFIG = RunConfig("cgan", "digits", preset="cgan_32")


def digits(**kwargs):
    return kgan.data.load("digits", image_size=8, batch_size=16, **kwargs)


def paired(size=8):
    arrays = {"source": np.zeros((4, size, size, 3), "uint8"), "target": np.zeros((4, size, size, 3), "uint8")}
    return kgan.data.paired_arrays(arrays, batch_size=2, seed=0)


def task(**entries):
    return Task(entries, output=next(iter(entries)))


LABELS = TensorSpec((), "int32", num_classes=10)


@pytest.mark.parametrize("data, declared, message", [
    (digits, task(images=TensorSpec((16, 16, 1)), labels=LABELS),
     "digits gives 8x8x1 images but the cgan/cgan_32 model needs 16x16x1"),
    (digits, task(images=TensorSpec((8, 8, 1), "float16"), labels=LABELS),
     "digits gives float32 images but the cgan/cgan_32 model needs float16"),
    (digits, task(images=TensorSpec((8, 8, 1)), labels=TensorSpec((), "int32", num_classes=3)),
     "digits has 10 classes but the cgan/cgan_32 model has 3; add --set num_classes=10"),
    (digits, task(source=TensorSpec((8, 8, 1)), target=TensorSpec((8, 8, 1))),
     "the cgan/cgan_32 model needs 8x8x1 float32 images as 'source', but digits has no 'source' "
     "(it gives images, labels)"),
    (paired, task(source=TensorSpec((8, 8, 3)), target=TensorSpec((16, 16, 3))),
     "digits gives 8x8x3 target but the cgan/cgan_32 model needs 16x16x3"),
])
def test_data_that_does_not_match_the_declared_batch_is_a_one_line_error(data, declared, message):
    with pytest.raises(RunError) as error:
        check_data(CONFIG, data(), declared)
    assert str(error.value) == message


def test_matching_data_passes_and_undeclared_entries_are_allowed():
    check_data(CONFIG, digits(), task(images=TensorSpec((8, 8, 1)), labels=LABELS))
    check_data(CONFIG, digits(), task(images=TensorSpec((8, 8, 1))))  # labels an unconditional model ignores
    check_data(CONFIG, paired(), Translator(image_size=8).task)


def test_a_task_without_images_cannot_load_image_data():
    with pytest.raises(RunError, match=r"^the cgan/cgan_32 model's batch holds source, target, but digits gives "
                                       r"images \(and labels\) only$"):
        load_data(CONFIG, Translator(image_size=8))


def test_a_run_takes_an_npz_whose_labels_cover_some_classes_as_the_python_api_does(tmp_path):
    path = tmp_path / "five.npz"
    np.savez(path, images=np.zeros((20, 8, 8), "uint8"), labels=np.arange(20) % 5)  # classes 0-4 of 10
    from_api = kgan.data.load(str(path), image_size=8, channels=1, batch_size=4, num_classes=10)
    config = RunConfig("cgan", str(path), preset="cgan_32", batch_size=4)
    from_run = load_data(config, tiny("cgan", num_classes=10))
    assert from_run.num_classes == from_api.num_classes == 10
    assert from_run.batch_spec == from_api.batch_spec
