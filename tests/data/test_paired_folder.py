"""Paired folders: pix2pix's A|B side-by-side layout and A/ B/ folders matched by name, with the reference jitter."""
import keras
import numpy as np
import pytest

pytestmark = pytest.mark.tensorflow_only
if keras.backend.backend() != "tensorflow":
    pytest.skip("tensorflow_only: runs in the TensorFlow pass", allow_module_level=True)

pytest.importorskip("PIL")
import kgan.data  # noqa: E402
from kgan.data import DataError, MissingSplit, load_task  # noqa: E402
from kgan.data.transforms import LUMA  # noqa: E402
from tests.data import files  # noqa: E402
from tests.data.two_image_tasks import as_uint8, paired_task, take, unpaired_task  # noqa: E402

SIZE = 8  # the crop; the jitter first resizes to round(8 * 286 / 256) = 9


def pixels(seed, height, width):
    return np.random.default_rng(seed).integers(0, 256, (height, width, 3)).astype(np.uint8)


def side_by_side_folder(folder, count, side, seed=0, same=False):
    """`count` PNG pairs A|B (A random, B = 255 - A, or A) of side x side halves; returns the A halves in file order."""
    halves = []
    for k in range(count):
        a = pixels(seed + k, side, side)
        files.write_png(folder / f"{k:03d}.png", np.concatenate([a, a if same else 255 - a], axis=1))
        halves.append(a)
    return np.stack(halves)


def test_the_pix2pix_layout_gives_a_on_the_left_as_source_and_b_as_target_per_split(tmp_path):
    train = side_by_side_folder(tmp_path / "train", 6, SIZE)
    held_out = side_by_side_folder(tmp_path / "val", 2, SIZE, seed=100)
    data = load_task(str(tmp_path), paired_task(SIZE), batch_size=3, shuffle=False, jitter=False)
    assert data.describe() == f"{tmp_path}: 6 examples of source 8x8x3, target 8x8x3, A|B side by side"
    batches = take(data, 2)
    np.testing.assert_array_equal(as_uint8(np.concatenate([b["source"] for b in batches])), train)
    np.testing.assert_array_equal(as_uint8(np.concatenate([b["target"] for b in batches])), 255 - train)
    val = take(load_task(str(tmp_path), paired_task(SIZE), batch_size=2, split="val", shuffle=False), 1)[0]
    np.testing.assert_array_equal(as_uint8(val["source"]), held_out)  # held-out data: no jitter by default
    with pytest.raises(MissingSplit, match=rf"^{tmp_path} has no test/ folder \(it has train/, val/\)$"):
        load_task(str(tmp_path), paired_task(SIZE), split="test")


def test_direction_btoa_swaps_source_and_target(tmp_path):
    a = side_by_side_folder(tmp_path, 2, SIZE)  # one flat folder of pairs
    batch = take(load_task(str(tmp_path), paired_task(SIZE), batch_size=2, shuffle=False, jitter=False,
                           direction="BtoA"), 1)[0]
    np.testing.assert_array_equal(as_uint8(batch["source"]), 255 - a)
    np.testing.assert_array_equal(as_uint8(batch["target"]), a)


def locate(crop, image):
    """(top, left, mirrored) of `crop` in `image`; random pixels match at exactly one place."""
    size = crop.shape[0]
    found = [(top, left, mirrored) for top in range(image.shape[0] - size + 1)
             for left in range(image.shape[1] - size + 1) for mirrored in (False, True)
             if np.array_equal(crop, image[top:top + size, left:left + size][:, ::-1 if mirrored else 1])]
    assert len(found) == 1
    return found[0]


def test_the_jitter_crops_and_mirrors_source_and_target_alike_also_with_other_channels(tmp_path):
    a = side_by_side_folder(tmp_path / "train", 8, 9, same=True)  # at the load size 9: crops are exact copies
    data = load_task(str(tmp_path), paired_task(SIZE, source_channels=1), batch_size=8, shuffle=False)
    positions = []
    for batch in take(data, 2):
        source, target = as_uint8(batch["source"]), as_uint8(batch["target"])
        assert source.shape == (8, SIZE, SIZE, 1) and target.shape == (8, SIZE, SIZE, 3)
        luma = np.clip(np.round(np.tensordot(target.astype(np.float32), np.float32(LUMA), 1)), 0, 255)
        np.testing.assert_array_equal(source[..., 0], luma)  # the grey source is the target's crop, in grey
        positions += [locate(crop, image) for crop, image in zip(target, a)]
    assert len(set(positions)) >= 5 and {mirrored for *_, mirrored in positions} == {False, True}  # of 8


def test_streamed_files_give_the_cached_batches_and_resume_at_any_step(tmp_path):
    side_by_side_folder(tmp_path / "train", 10, 12)
    cached = load_task(str(tmp_path), paired_task(SIZE), batch_size=4, seed=5)
    streamed = load_task(str(tmp_path), paired_task(SIZE), batch_size=4, seed=5, cache_limit_bytes=0)
    assert cached.cached and not streamed.cached and streamed.steps_per_epoch == 2
    expected = take(cached, 5)
    for start in (0, 3):
        for got, want in zip(take(streamed, 5 - start, start), expected[start:]):
            for name in ("source", "target"):
                np.testing.assert_array_equal(got[name], want[name])
    assert not np.array_equal(expected[0]["source"], expected[2]["source"])  # a new epoch: another order


def test_a_and_b_folders_are_paired_by_file_name_whatever_the_extension(tmp_path):
    for k in range(3):
        files.write_png(tmp_path / "A" / f"{k}.png", files.solid(SIZE, SIZE, 10 * k))
        files.write_bmp(tmp_path / "B" / f"{k}.bmp", files.solid(SIZE, SIZE, (200 + k, 0, 0)))
    batch = take(load_task(str(tmp_path), paired_task(SIZE), batch_size=3, shuffle=False, jitter=False), 1)[0]
    assert as_uint8(batch["source"])[:, 0, 0, 0].tolist() == [0, 10, 20]
    assert as_uint8(batch["target"])[:, 0, 0, 0].tolist() == [200, 201, 202]


# Bad input: each a one-line DataError naming the file (the CLI's exit code 2 is in tests/runs/test_preview.py).

def one_line(error):
    message = str(error.value)
    assert "\n" not in message
    return message


def test_a_side_by_side_image_that_is_not_twice_as_wide_as_high(tmp_path):
    side_by_side_folder(tmp_path / "train", 2, SIZE)
    files.write_png(tmp_path / "train" / "odd.png", pixels(0, SIZE, 2 * SIZE + 3))
    with pytest.raises(DataError) as error:
        load_task(str(tmp_path), paired_task(SIZE))
    assert one_line(error) == (f"{tmp_path / 'train' / 'odd.png'} is 19x8: a side-by-side A|B pair must be twice "
                               "as wide as it is high (pix2pix's layout)")


def test_a_b_file_missing_for_an_a_file(tmp_path):
    for name in ("1.png", "2.png"):
        files.write_png(tmp_path / "A" / name, files.solid(SIZE, SIZE, 0))
    files.write_png(tmp_path / "B" / "1.png", files.solid(SIZE, SIZE, 0))
    with pytest.raises(DataError) as error:
        load_task(str(tmp_path), paired_task(SIZE))
    assert one_line(error) == (f"no B image for {tmp_path / 'A' / '2.png'}: expected {tmp_path / 'B' / '2'}.* "
                               "(A and B files are matched by name)")


def test_images_smaller_than_the_crop(tmp_path):
    side_by_side_folder(tmp_path, 2, SIZE)
    files.write_png(tmp_path / "small.png", pixels(0, 6, 12))
    with pytest.raises(DataError) as error:
        load_task(str(tmp_path), paired_task(SIZE))
    assert one_line(error) == (f"{tmp_path / 'small.png'}'s A and B halves is 6x6, smaller than the 8x8 crop; use "
                               "images of at least 8x8 or a smaller image_size")


@pytest.mark.parametrize("task", [paired_task(SIZE), unpaired_task(SIZE)], ids=["paired", "unpaired"])
def test_a_path_that_does_not_exist_is_named_as_missing(tmp_path, task):
    missing = tmp_path / "nope"
    with pytest.raises(DataError) as error:
        load_task(str(missing), task)
    assert one_line(error) == f"no such file or folder: {missing}"


def test_single_image_sources_and_unreadable_pairs(tmp_path):
    with pytest.raises(DataError, match=r"^digits does not hold two images per example; give paired data \(a "
                                        r"pix2pix folder"):
        load_task("digits", paired_task(SIZE))
    side_by_side_folder(tmp_path, 2, SIZE)
    files.write(tmp_path / "empty.png", b"")
    data = load_task(str(tmp_path), paired_task(SIZE), batch_size=1)
    assert data.num_examples == 2 and data.skipped == [(str(tmp_path / "empty.png"), "empty file (0 bytes)")]
    with pytest.raises(DataError, match=r"^unreadable image .*empty.png: empty file \(0 bytes\) \(strict mode"):
        load_task(str(tmp_path), paired_task(SIZE), strict=True)
    with pytest.raises(DataError, match=r"^direction must be AtoB or BtoA, got 'AB'$"):
        kgan.data.load_task(str(tmp_path), paired_task(SIZE), direction="AB")
