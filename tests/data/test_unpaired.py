"""Unpaired data: CycleGAN folders and `tfds:cycle_gan/*`, two domains each drawn in its own order."""
import collections

import keras
import numpy as np
import pytest

pytestmark = pytest.mark.tensorflow_only
if keras.backend.backend() != "tensorflow":
    pytest.skip("tensorflow_only: runs in the TensorFlow pass", allow_module_level=True)

pytest.importorskip("PIL")
import tensorflow as tf  # noqa: E402

from kgan.data import DataError, load_task  # noqa: E402
from kgan.data.domain_order import DomainOrder  # noqa: E402
from tests.data import files  # noqa: E402
from tests.data.two_image_tasks import as_uint8, paired_task, take, unpaired_task  # noqa: E402

SIZE = 8


def solid_folder(folder, values, size=SIZE):
    for k, value in enumerate(values):
        files.write_png(folder / f"{k}.png", files.solid(size, size, (value, value, value)))


def firsts(batches, name):
    """The first pixel's value of every image of `name`, in draw order."""
    return [int(v) for batch in batches for v in as_uint8(batch[name])[:, 0, 0, 0]]


def test_domain_order_goes_round_its_own_permutations():
    def draws(order, steps):
        return np.concatenate([order.indices(tf.constant(step, tf.int64)).numpy() for step in range(steps)])

    a = draws(DomainOrder(5, 2, seed=3, stream=0), 10)  # 20 draws: 4 rounds of 5, batches straddle rounds
    for start in range(0, 20, 5):
        assert sorted(a[start:start + 5]) == [0, 1, 2, 3, 4]
    assert len({tuple(a[start:start + 5]) for start in range(0, 20, 5)}) > 1  # each round another order
    b = draws(DomainOrder(5, 2, seed=3, stream=1), 10)
    assert not np.array_equal(a, b)
    assert draws(DomainOrder(3, 2, seed=3, stream=0, shuffle=False), 3).tolist() == [0, 1, 2, 0, 1, 2]


def test_a_cyclegan_folder_draws_each_domain_independently_and_resumes(tmp_path):
    solid_folder(tmp_path / "trainA", [10, 11, 12, 13, 14])
    solid_folder(tmp_path / "trainB", [200, 201, 202])
    solid_folder(tmp_path / "testA", [50])
    solid_folder(tmp_path / "testB", [60])
    data = load_task(str(tmp_path), unpaired_task(SIZE), batch_size=2, seed=1)
    assert data.steps_per_epoch == 2 and data.describe() == (
        f"{tmp_path}: 5 examples of domain_a 8x8x3, domain_b 8x8x3, trainA 5 and trainB 3 images, drawn "
        "independently")
    batches = take(data, 15)  # 30 draws of each domain
    a, b = firsts(batches, "domain_a"), firsts(batches, "domain_b")
    assert collections.Counter(a) == {value: 6 for value in range(10, 15)}
    assert collections.Counter(b) == {value: 10 for value in (200, 201, 202)}
    assert a != [10 + k % 5 for k in range(30)]  # shuffled
    for got, want in zip(take(data, 3, start_step=4), batches[4:7]):
        np.testing.assert_array_equal(got["domain_a"], want["domain_a"])
        np.testing.assert_array_equal(got["domain_b"], want["domain_b"])
    held_out = take(load_task(str(tmp_path), unpaired_task(SIZE), batch_size=1, split="test"), 1)[0]
    assert (firsts([held_out], "domain_a"), firsts([held_out], "domain_b")) == ([50], [60])


def test_the_two_domains_get_their_own_crops_and_mirrors(tmp_path):
    image = np.random.default_rng(0).integers(0, 256, (9, 9, 3)).astype(np.uint8)  # at the load size for 8
    for side in "AB":
        files.write_png(tmp_path / f"train{side}" / "x.png", image)
    batches = take(load_task(str(tmp_path), unpaired_task(SIZE), batch_size=1), 12)
    crops = {(top, left, mirrored): image[top:top + SIZE, left:left + SIZE][:, ::-1 if mirrored else 1]
             for top in (0, 1) for left in (0, 1) for mirrored in (False, True)}

    def where(crop):
        return next(place for place, expected in crops.items() if np.array_equal(crop, expected))

    places = [(where(as_uint8(batch["domain_a"])[0]), where(as_uint8(batch["domain_b"])[0])) for batch in batches]
    assert sum(a != b for a, b in places) >= 6  # one shared draw would make every pair equal


def test_trainA_without_trainB(tmp_path):
    solid_folder(tmp_path / "trainA", [1, 2])
    with pytest.raises(DataError) as error:
        load_task(str(tmp_path), unpaired_task(SIZE))
    assert str(error.value) == (f"{tmp_path} has trainA/ but no trainB/: unpaired data needs both domains (trainA/ "
                                "and trainB/, and optionally testA/ and testB/)")


def test_unpaired_data_cannot_feed_pairs_but_pairs_can_feed_domains(tmp_path):
    solid_folder(tmp_path / "unpaired" / "trainA", [1, 2])
    solid_folder(tmp_path / "unpaired" / "trainB", [3, 4])
    with pytest.raises(DataError, match=r"^\S+unpaired holds unpaired domains \(trainA 2 and trainB 2 images\), but "
                                        r"the task's source and target must be pairs; give paired data: a pix2pix"):
        load_task(str(tmp_path / "unpaired"), paired_task(SIZE))
    for k in range(4):
        files.write_png(tmp_path / "pairs" / f"{k}.png", np.concatenate(
            [files.solid(SIZE, SIZE, (k, k, k)), files.solid(SIZE, SIZE, (100 + k,) * 3)], axis=1))
    data = load_task(str(tmp_path / "pairs"), unpaired_task(SIZE), batch_size=4, jitter=False)
    assert data.describe().endswith("A|B side by side, drawn independently (pairs unused)")
    batch = take(data, 1)[0]
    a, b = firsts([batch], "domain_a"), firsts([batch], "domain_b")
    assert sorted(a) == [0, 1, 2, 3] and sorted(b) == [100, 101, 102, 103]
    assert [value - 100 for value in b] != a  # each domain in its own order


tfds = pytest.importorskip("tensorflow_datasets")
MOCK_VALUES = {"trainA": [10, 11, 12, 13], "trainB": [200, 201, 202], "testA": [50, 51], "testB": [60]}


def serve_by_split(builder, split, **kwargs):
    """Examples whose pixels say which split TFDS was asked for (sizes vary, as cycle_gan's may)."""
    values = MOCK_VALUES[str(split)]
    examples = [{"image": np.full((12 + k, 10, 3), value, np.uint8), "label": int(str(split)[-1] == "B")}
                for k, value in enumerate(values)]
    return tf.data.Dataset.from_generator(lambda: iter(examples), output_signature={
        "image": tf.TensorSpec((None, None, 3), tf.uint8), "label": tf.TensorSpec((), tf.int64)})


@pytest.mark.parametrize("config", ["horse2zebra", "monet2photo"])
def test_tfds_cycle_gan_reads_split_a_and_split_b_through_the_real_builder(config):
    with tfds.testing.mock_data(as_dataset_fn=serve_by_split):
        data = load_task(f"tfds:cycle_gan/{config}", unpaired_task(SIZE), batch_size=2, shuffle=False, jitter=False)
        held_out = load_task(f"tfds:cycle_gan/{config}", unpaired_task(SIZE), batch_size=1, split="test",
                             shuffle=False)
    assert data.describe() == (f"tfds:cycle_gan/{config}: 4 examples of domain_a 8x8x3, domain_b 8x8x3, trainA 4 "
                               "and trainB 3 images, drawn independently")
    batches = take(data, 2)
    assert firsts(batches, "domain_a") == [10, 11, 12, 13] and firsts(batches, "domain_b") == [200, 201, 202, 200]
    assert firsts(take(held_out, 2), "domain_a") == [50, 51]
    assert firsts(take(held_out, 2), "domain_b") == [60, 60]
