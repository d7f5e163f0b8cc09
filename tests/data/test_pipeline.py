"""Batch order: deterministic from the seed, reshuffled each epoch, resumable at any step."""
import keras
import numpy as np
import pytest

pytestmark = pytest.mark.tensorflow_only
if keras.backend.backend() != "tensorflow":
    pytest.skip("tensorflow_only: runs in the TensorFlow pass", allow_module_level=True)

import tensorflow as tf  # noqa: E402

import kgan.data  # noqa: E402

NUM_IMAGES = 10
BATCH = 3  # 3 full batches per epoch; one image is left out of each epoch


@pytest.fixture(scope="module")
def indexed_npz(tmp_path_factory):
    """Image i has every pixel equal to 20 * i, and label i % 4, so a batch spells out its indices."""
    path = tmp_path_factory.mktemp("npz") / "indexed.npz"
    images = (20 * np.arange(NUM_IMAGES, dtype=np.uint8))[:, None, None] * np.ones((1, 2, 2), np.uint8)
    np.savez(path, images=images, labels=np.arange(NUM_IMAGES) % 4)
    return str(path)


def indices(batch):
    images, labels = batch["images"], batch["labels"]
    found = np.round((images.numpy()[:, 0, 0, 0] + 1.0) * 127.5 / 20).astype(int)
    np.testing.assert_array_equal(labels.numpy(), found % 4)
    return found.tolist()


def steps(data, count, start_step=0):
    return [indices(batch) for batch in data.dataset(start_step).take(count)]


def test_each_epoch_is_a_fresh_permutation_without_repeats(indexed_npz):
    data = kgan.data.load(indexed_npz, batch_size=BATCH, seed=7)
    assert data.steps_per_epoch == 3 and data.num_classes == 4
    order = steps(data, 9)
    epochs = [sum(order[3 * e:3 * e + 3], []) for e in range(3)]
    for epoch in epochs:
        assert len(set(epoch)) == 9 and set(epoch) <= set(range(NUM_IMAGES))
    assert epochs[0] != epochs[1] and epochs[1] != epochs[2]
    assert sum(epochs, []) != sorted(sum(epochs, []))


def test_same_seed_same_batches_different_seed_different_order(indexed_npz):
    first = steps(kgan.data.load(indexed_npz, batch_size=BATCH, seed=7), 6)
    tf.random.set_seed(1234)  # the global TensorFlow seed plays no part
    again = steps(kgan.data.load(indexed_npz, batch_size=BATCH, seed=7), 6)
    other = steps(kgan.data.load(indexed_npz, batch_size=BATCH, seed=8), 6)
    assert first == again
    assert first != other


@pytest.mark.parametrize("start_step", [1, 2, 3, 4, 7])
def test_start_step_matches_advancing_from_zero(indexed_npz, start_step):
    data = kgan.data.load(indexed_npz, batch_size=BATCH, seed=3)
    from_zero = steps(data, start_step + 2)
    # Steps 2 -> 3 and 5 -> 6 cross epoch boundaries.
    assert steps(data, 2, start_step=start_step) == from_zero[start_step:]


def test_without_shuffle_every_epoch_keeps_stored_order(indexed_npz):
    data = kgan.data.load(indexed_npz, batch_size=BATCH, shuffle=False)
    assert steps(data, 4) == [[0, 1, 2], [3, 4, 5], [6, 7, 8], [0, 1, 2]]
    assert steps(data, 1, start_step=5) == [[6, 7, 8]]


def test_batches_have_static_shapes_and_dtypes(indexed_npz):
    dataset = kgan.data.load(indexed_npz, batch_size=BATCH).dataset()
    assert sorted(dataset.element_spec) == ["images", "labels"]
    images, labels = dataset.element_spec["images"], dataset.element_spec["labels"]
    assert images.shape.as_list() == [BATCH, 2, 2, 1] and images.dtype == tf.float32
    assert labels.shape.as_list() == [BATCH] and labels.dtype == tf.int32
    assert dataset.cardinality().numpy() == tf.data.INFINITE_CARDINALITY


def test_bad_start_step_is_a_data_error(indexed_npz):
    data = kgan.data.load(indexed_npz, batch_size=BATCH)
    with pytest.raises(kgan.data.DataError, match="start_step must be a non-negative integer, got -1"):
        data.dataset(start_step=-1)
