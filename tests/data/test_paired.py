"""Paired dict batches: `paired_arrays` and `transforms.joint_jitter` crop and mirror every pair identically."""
import numpy as np
import pytest
import tensorflow as tf

import kgan.data
from kgan.data import transforms

COUNT, SIZE, CROP = 16, 12, 8


def originals(seed=0):
    return np.random.default_rng(seed).integers(0, 256, (COUNT, SIZE, SIZE, 3)).astype("uint8")


def locate(crop, image):
    """(top, left, mirrored) of `crop` in `image`; exactly one position matches random pixels."""
    found = [(top, left, mirrored) for top in range(SIZE - CROP + 1) for left in range(SIZE - CROP + 1)
             for mirrored in (False, True)
             if np.array_equal(crop, image[top:top + CROP, left:left + CROP][:, ::-1 if mirrored else 1])]
    assert len(found) == 1
    return found[0]


def normalized(images):
    return images.astype("float32") / np.float32(127.5) - 1


def test_source_and_target_get_the_same_crop_and_mirror_which_vary_across_examples():
    source = originals()
    target = 255 - source  # a known function of the source, pixel by pixel
    data = kgan.data.paired_arrays({"source": source, "target": target, "labels": np.arange(COUNT)},
                                   batch_size=8, seed=3, shuffle=False, crop_size=CROP)
    assert data.batch_spec["source"].shape == (CROP, CROP, 3) and data.describe() == \
        "arrays: 16 examples of source 8x8x3, target 8x8x3, labels scalar"
    positions = []
    for batch in data.dataset().take(2):
        assert sorted(batch) == ["labels", "source", "target"]
        assert batch["source"].shape == (8, CROP, CROP, 3) and batch["source"].dtype == tf.float32
        np.testing.assert_allclose(batch["target"].numpy(), -batch["source"].numpy(), atol=1e-6)
        for crop, index in zip(batch["source"].numpy(), batch["labels"].numpy()):
            positions.append(locate(crop, normalized(source[index])))
    assert len(set(positions)) > COUNT // 2  # crops differ from example to example
    assert {mirrored for _, _, mirrored in positions} == {False, True}


def test_the_jitter_is_a_function_of_seed_and_step():
    arrays = {"source": originals(), "target": originals(1)}
    data = kgan.data.paired_arrays(arrays, batch_size=8, seed=3, shuffle=False, crop_size=CROP)
    first, second = (b["source"].numpy() for b in data.dataset().take(2))
    np.testing.assert_array_equal(next(iter(data.dataset(start_step=1)))["source"].numpy(), second)
    epoch_two = next(iter(data.dataset(start_step=2)))["source"].numpy()  # same examples, a later step
    assert not np.array_equal(epoch_two, first)
    other = kgan.data.paired_arrays(arrays, batch_size=8, seed=4, shuffle=False, crop_size=CROP)
    assert not np.array_equal(next(iter(other.dataset()))["source"].numpy(), first)


def test_resize_then_crop_and_no_flip():
    batch = {"source": tf.constant(normalized(originals())), "target": tf.constant(normalized(originals()))}
    out = transforms.joint_jitter(batch, ("source", "target"), seed=0, step=5, crop_size=16, resize_size=20,
                                  flip=False)
    assert out["source"].shape == (COUNT, 16, 16, 3)
    np.testing.assert_array_equal(out["source"].numpy(), out["target"].numpy())
    same = transforms.joint_jitter(batch, ("source",), seed=0, step=5, crop_size=CROP)
    np.testing.assert_array_equal(same["target"].numpy(), batch["target"].numpy())  # left out: untouched


def test_pairs_of_different_sizes_and_oversized_crops_are_refused():
    batch = {"low_res": tf.zeros((2, 4, 4, 3)), "high_res": tf.zeros((2, 8, 8, 3))}
    with pytest.raises(ValueError, match=r"joint_jitter needs images of one size, got"):
        transforms.joint_jitter(batch, ("low_res", "high_res"), seed=0, step=0, crop_size=4)
    with pytest.raises(ValueError, match="crop_size 9 is larger than the 8x8 images"):
        transforms.joint_jitter(batch, ("high_res",), seed=0, step=0, crop_size=9)
    with pytest.raises(kgan.data.DataError, match="paired arrays need one example per row in every array"):
        kgan.data.paired_arrays({"a": np.zeros((3, 4, 4, 1)), "b": np.zeros((2, 4, 4, 1))}, batch_size=1, seed=0)
