"""`tfds:NAME[:SPLIT]` through real TFDS builders, with `tfds.testing.mock_data` standing in for the files.

mock_data (policy AUTO) patches `as_dataset` to generate random examples from each builder's
feature spec, which TFDS ships in code, so no metadata or data needs to be downloaded.
"""
import keras
import numpy as np
import pytest

pytestmark = pytest.mark.tensorflow_only
if keras.backend.backend() != "tensorflow":
    pytest.skip("tensorflow_only: runs in the TensorFlow pass", allow_module_level=True)

import kgan.data  # noqa: E402

tfds = pytest.importorskip("tensorflow_datasets")
NUM_EXAMPLES = 48


@pytest.fixture
def mocked():
    with tfds.testing.mock_data(num_examples=NUM_EXAMPLES):
        yield


def mock_examples(name, split="train"):
    """The examples the mock serves, straight from TFDS, in stored order."""
    return list(tfds.builder(name).as_dataset(split=split).as_numpy_iterator())


def pair(batch):
    """A labeled dict batch as (images, labels) tensors; it holds nothing else."""
    assert sorted(batch) == ["images", "labels"]
    return batch["images"], batch["labels"]


def numpy_pair(batch):
    return tuple(part.numpy() for part in pair(batch))


def test_mnist_loads_into_memory_with_labels(mocked):
    data = kgan.data.load("tfds:mnist", batch_size=8, shuffle=False, num_classes=10)
    assert (data.num_examples, data.image_shape, data.num_classes) == (NUM_EXAMPLES, (28, 28, 1), 10)
    assert data.class_names == [str(d) for d in range(10)] and data.cached
    assert data.describe() == "tfds:mnist: 48 images 28x28x1, 10 classes"
    images, labels = pair(next(iter(data.dataset())))
    raw = mock_examples("mnist")[:8]
    expected = np.stack([r["image"] for r in raw]).astype(np.float32) / np.float32(127.5) - 1
    np.testing.assert_array_equal(images.numpy(), expected)
    np.testing.assert_array_equal(labels.numpy(), [r["label"] for r in raw])
    assert labels.dtype == np.int32


def test_split_resize_and_rgb(mocked):
    data = kgan.data.load("tfds:mnist:test", image_size=16, channels=3, batch_size=4)
    images, labels = pair(next(iter(data.dataset())))
    assert data.image_shape == (16, 16, 3) and images.shape == (4, 16, 16, 3) and labels.shape == (4,)
    np.testing.assert_array_equal(images.numpy()[..., 0], images.numpy()[..., 1])


def test_dataset_without_supervised_keys_is_unlabeled(mocked):
    data = kgan.data.load("tfds:celeb_a", image_size=8, batch_size=4)
    assert data.num_classes is None and data.image_shape == (8, 8, 3)
    assert next(iter(data.dataset()))["images"].shape == (4, 8, 8, 3)


def test_streamed_split_covers_each_example_once_per_epoch_and_resumes(mocked):
    cached = kgan.data.load("tfds:mnist", batch_size=8, seed=1)
    streamed = kgan.data.load("tfds:mnist", batch_size=8, seed=1, cache_limit_bytes=0)
    assert not streamed.cached and streamed.steps_per_epoch == 6
    assert streamed.describe() == "tfds:mnist: 48 images 28x28x1, 10 classes, streamed from storage"
    batches = [numpy_pair(b) for b in streamed.dataset().take(9)]
    epoch = np.concatenate([x for x, _ in batches[:6]])
    everything = np.concatenate([numpy_pair(b)[0] for b in cached.dataset().take(6)])
    # Same 48 images as the cached source, each once, in a shuffled order.
    np.testing.assert_array_equal(np.sort(epoch.reshape(48, -1), axis=0), np.sort(everything.reshape(48, -1), axis=0))
    stored = np.stack([r["image"] for r in mock_examples("mnist")]).astype(np.float32) / np.float32(127.5) - 1
    assert not np.array_equal(epoch, stored)
    assert not np.array_equal(batches[6][0], batches[0][0])  # the next epoch is reshuffled
    for start in (4, 7):  # within the first epoch, and across the boundary
        resumed = [numpy_pair(b) for b in streamed.dataset(start).take(2)]
        for (x, y), (x0, y0) in zip(resumed, batches[start:start + 2]):
            np.testing.assert_array_equal(x, x0)
            np.testing.assert_array_equal(y, y0)


def test_label_count_must_match_the_model(mocked):
    with pytest.raises(kgan.data.DataError, match="tfds:mnist has 10 classes but the model has 5"):
        kgan.data.load("tfds:mnist", num_classes=5)


def test_unprepared_dataset_says_how_to_prepare_it(tmp_path):
    with pytest.raises(kgan.data.DataError) as error:
        kgan.data.load("tfds:mnist", data_dir=str(tmp_path))
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith(f"TFDS dataset 'mnist' is not prepared in {tmp_path}")
    assert "`tfds build mnist`" in message and "TFDS_DATA_DIR" in message


def test_unknown_names_and_non_image_datasets():
    with pytest.raises(kgan.data.DataError, match=r"unknown TFDS dataset 'mnistt'; did you mean mnist"):
        kgan.data.load("tfds:mnistt")
    with pytest.raises(kgan.data.DataError, match=r"TFDS dataset 'imdb_reviews' has no image feature"):
        kgan.data.load("tfds:imdb_reviews")
    with pytest.raises(kgan.data.DataError, match=r"names no dataset; use tfds:NAME\[:SPLIT\]"):
        kgan.data.load("tfds:")
