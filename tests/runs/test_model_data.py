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


def test_a_task_of_two_images_cannot_load_single_images():
    with pytest.raises(kgan.data.DataError, match=r"^digits does not hold two images per example; give paired "
                                                  r"data \(a pix2pix folder"):
        load_data(RunConfig("cgan", "digits", preset="cgan_32", batch_size=4), Translator(image_size=8))


def test_a_run_takes_an_npz_whose_labels_cover_some_classes_as_the_python_api_does(tmp_path):
    path = tmp_path / "five.npz"
    np.savez(path, images=np.zeros((20, 8, 8), "uint8"), labels=np.arange(20) % 5)  # classes 0-4 of 10
    from_api = kgan.data.load(str(path), image_size=8, channels=1, batch_size=4, num_classes=10)
    config = RunConfig("cgan", str(path), preset="cgan_32", batch_size=4)
    from_run = load_data(config, tiny("cgan", num_classes=10))
    assert from_run.num_classes == from_api.num_classes == 10
    assert from_run.batch_spec == from_api.batch_spec


# --- image-to-image tasks: load_task for two images, the data options, the preview batch ---
pytest.importorskip("PIL")
from kgan.images import make_grid, to_uint8  # noqa: E402
from kgan.runs import train  # noqa: E402
from kgan.runs.model_data import preview_batch  # noqa: E402
from tests.data import files  # noqa: E402
from tests.runs.tiny_runs import quiet  # noqa: E402
from tests.runs.translator_family import translator_family  # noqa: E402, F401


def side_by_side(folder, values):
    """A|B pairs of solid colours: A is (v, 0, 0), B is (0, v, 0)."""
    for k, value in enumerate(values):
        files.write_png(folder / f"{k:02d}.png", np.concatenate(
            [files.solid(8, 8, (value, 0, 0)), files.solid(8, 8, (0, value, 0))], axis=1))


def red_and_green(images):
    pixels = np.round((np.asarray(images)[:, 0, 0] + 1) * 127.5).astype(int)  # [N, 3]
    return pixels[:, 0].tolist(), pixels[:, 1].tolist()


@pytest.mark.tensorflow_only
def test_a_paired_run_loads_its_task_and_previews_the_first_held_out_examples(tmp_path):
    side_by_side(tmp_path / "train", [10, 20, 30, 40])
    side_by_side(tmp_path / "val", list(range(100, 110)))
    config = RunConfig("cgan", str(tmp_path), batch_size=2, data_options={"direction": "BtoA"})
    model = Translator(image_size=8)
    data = load_data(config, model)
    assert data.batch_spec == model.task.batch and data.steps_per_epoch == 2
    preview = preview_batch(config, model)
    assert sorted(preview) == ["source", "target"] and preview["source"].shape == (8, 8, 8, 3)
    assert red_and_green(preview["source"]) == ([0] * 8, list(range(100, 108)))  # BtoA: B is the source
    assert red_and_green(preview["target"]) == (list(range(100, 108)), [0] * 8)
    assert preview_batch(config, tiny("cgan", image_shape=(8, 8, 1))) is None  # noise (+ labels) families


@pytest.mark.tensorflow_only
def test_the_preview_falls_back_to_the_training_data_in_order_without_jitter(tmp_path):
    side_by_side(tmp_path, [5, 6, 7])  # one flat folder: no held-out split
    preview = preview_batch(RunConfig("cgan", str(tmp_path), batch_size=2), Translator(image_size=8))
    assert red_and_green(preview["source"]) == ([5, 6, 7], [0, 0, 0])


def test_train_draws_the_sample_grid_from_the_preview_batch(tmp_path, translator_family):
    side_by_side(tmp_path / "data" / "train", [10, 20, 30, 40])
    side_by_side(tmp_path / "data" / "test", list(range(100, 110)))
    config = RunConfig("translator", str(tmp_path / "data"), steps=2, batch_size=2, overrides={"direction": "BtoA"})
    result = train(config, tmp_path / "run", verbose=0, log=quiet)
    assert result.config.data_options == {"direction": "BtoA"} and result.config.overrides == {}
    from PIL import Image
    grid = np.asarray(Image.open(tmp_path / "run" / "samples" / "epoch_0001.png"))
    preview = preview_batch(result.config, result.model)
    assert red_and_green(preview["source"])[1] == list(range(100, 108))

    def expected(middle):
        return make_grid(to_uint8(np.concatenate([preview["source"], np.full_like(preview["source"], middle),
                                                  preview["target"]])), rows=3)

    outside_middle = expected(-1) == expected(1)  # the outputs' row is the only one that depends on the weights
    assert grid.shape == expected(0).shape and outside_middle.mean() > 0.6
    np.testing.assert_array_equal(grid[outside_middle], expected(0)[outside_middle])
