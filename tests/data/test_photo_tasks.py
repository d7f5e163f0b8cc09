"""`photos:colorize`, `photos:edges`, `photos:unpaired`: tasks made from scikit-image's photos, with held-out photos."""
import keras
import numpy as np
import pytest

pytestmark = pytest.mark.tensorflow_only
if keras.backend.backend() != "tensorflow":
    pytest.skip("tensorflow_only: runs in the TensorFlow pass", allow_module_level=True)

pytest.importorskip("skimage")
from kgan.data import DataError, MissingSplit, load_task  # noqa: E402
from kgan.data.photo_tasks import TEST_PHOTOS, TRAIN_PHOTOS, halves  # noqa: E402
from kgan.data.photos import PHOTOS, read_photos, rescale  # noqa: E402
from kgan.data.task_loading import load_size  # noqa: E402
from kgan.data.transforms import LUMA  # noqa: E402
from tests.data.two_image_tasks import as_uint8, paired_task, take, unpaired_task  # noqa: E402

SIZE = 8


def luma(rgb):
    return np.clip(np.round(np.tensordot(rgb.astype(np.float32), np.float32(LUMA), 1)), 0, 255).astype(np.uint8)


def scaled_photos(names):
    return {name: rescale(photo, load_size(SIZE)) for name, photo in zip(PHOTOS, read_photos()) if name in names}


def found_in(crop, images):
    """The names of the images that hold `crop` exactly, at some position."""
    size = crop.shape[0]
    names = []
    for name, image in images.items():
        windows = np.lib.stride_tricks.sliding_window_view(image, crop.shape)[..., 0, :, :, :]  # [h, w, S, S, C]
        if np.all(windows == crop, axis=(-3, -2, -1)).any():
            names.append(name)
    assert size == crop.shape[1]
    return names


def test_two_photos_are_held_out():
    assert TEST_PHOTOS == ("chelsea", "coffee") and set(TRAIN_PHOTOS) == set(PHOTOS) - set(TEST_PHOTOS)


def test_colorize_pairs_a_grey_crop_with_its_colour_from_the_held_out_photos():
    data = load_task("photos:colorize", paired_task(SIZE, source_channels=1), batch_size=16, split="test",
                     shuffle=False)
    assert data.num_examples == 64 and data.describe() == (
        "photos:colorize: 64 examples of source 8x8x1, target 8x8x3, grey to colour crops of chelsea, coffee (test)")
    batch = take(data, 1)[0]
    source, target = as_uint8(batch["source"]), as_uint8(batch["target"])
    np.testing.assert_array_equal(source[..., 0], luma(target))
    assert target.std(axis=-1).mean() > 3  # colour, not grey
    photos = scaled_photos(PHOTOS)
    for crop in target[:4]:
        assert found_in(crop, photos)[0] in TEST_PHOTOS


def test_colorize_trains_on_the_other_photos_with_the_jitter():
    data = load_task("photos:colorize", paired_task(SIZE, source_channels=1), batch_size=8, seed=2, num_crops=32)
    batch = take(data, 1)[0]
    source, target = as_uint8(batch["source"]), as_uint8(batch["target"])
    np.testing.assert_array_equal(source[..., 0], luma(target))  # crops and mirrors alike
    photos = scaled_photos(PHOTOS)
    places = [found_in(crop, photos) or found_in(crop[:, ::-1], photos) for crop in target]
    assert all(names and names[0] in TRAIN_PHOTOS for names in places)


def test_edges_are_black_canny_lines_on_white_of_the_target():
    batch = take(load_task("photos:edges", paired_task(16, source_channels=1), batch_size=32, split="test",
                           shuffle=False), 1)[0]
    edges = as_uint8(batch["source"])
    assert set(np.unique(edges)) == {0, 255}
    assert 0.01 < (edges == 0).mean() < 0.3
    target_grey = luma(as_uint8(batch["target"])).astype(np.float32)
    gradient = np.hypot(*np.gradient(target_grey, axis=(1, 2)))
    assert gradient[edges[..., 0] == 0].mean() > 2 * gradient[edges[..., 0] == 255].mean()  # lines where it changes


def test_unpaired_domains_come_from_disjoint_halves_and_b_is_swapped():
    data = load_task("photos:unpaired", unpaired_task(SIZE), batch_size=16, num_crops=16, jitter=False)
    batch = take(data, 1)[0]
    photos = scaled_photos(TRAIN_PHOTOS)
    lefts = {f"{name} left": halves(photo, load_size(SIZE))[0] for name, photo in photos.items()}
    rights = {f"{name} right": halves(photo, load_size(SIZE))[1] for name, photo in photos.items()}
    for crop in as_uint8(batch["domain_a"]):
        assert found_in(crop, lefts) and not found_in(crop, rights)
    for crop in as_uint8(batch["domain_b"]):
        assert found_in(crop[..., ::-1], rights) and not found_in(crop[..., ::-1], lefts)
    test = take(load_task("photos:unpaired", unpaired_task(SIZE), batch_size=4, split="test", shuffle=False), 1)[0]
    np.testing.assert_array_equal(test["domain_b"], test["domain_a"][..., ::-1])  # aligned, for scoring


def test_unknown_tasks_and_splits():
    with pytest.raises(DataError, match=r"^unknown photo task 'photos:sepia'; choose photos:colorize, photos:edges "
                                        r"or photos:unpaired$"):
        load_task("photos:sepia", paired_task(SIZE))
    with pytest.raises(MissingSplit, match=r"^photos:edges has a train and a test split, not 'val'$"):
        load_task("photos:edges", paired_task(SIZE), split="val")
    with pytest.raises(DataError, match=r"^photos:unpaired holds unpaired domains"):
        load_task("photos:unpaired", paired_task(SIZE))
