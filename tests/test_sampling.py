"""`kgan.sampling` dispatches on the declared task: class labels, image inputs, or noise alone."""
import numpy as np
import pytest

from kgan import sampling
from tests.models.tiny_families import tiny
from tests.tasks.translator import Translator


def sources(count, size=8, seed=0):
    return np.random.default_rng(seed).uniform(-1, 1, (count, size, size, 3)).astype("float32")


def test_an_image_conditioned_model_samples_from_its_declared_input():
    model = Translator(image_size=8, seed=0)
    given = sources(5)
    samples = sampling.sample(model, source=given, seed=3)
    assert sorted(samples) == ["source", "target"]
    np.testing.assert_array_equal(samples["source"], given)
    expected = np.asarray(model.generator(given, training=False))
    np.testing.assert_allclose(samples["target"], expected, atol=1e-6)
    images, labels = sampling.sample_images(model, source=given)
    assert images.shape == (5, 8, 8, 3) and labels is None
    assert sampling.generate(model, source=given).dtype == np.uint8


@pytest.mark.parametrize("call, message", [
    (lambda m: sampling.sample(m, num_images=4), r"Translator samples from 8x8x3 float32 images: pass source="),
    (lambda m: sampling.sample(m, source=sources(2, size=4)), r"source must have shape \[N, 8, 8, 3\], got "
                                                                r"\[2, 4, 4, 3\]"),
    (lambda m: sampling.sample(m, source=sources(2), num_images=3), r"num_images=3 but 2 source were given"),
    (lambda m: sampling.sample(m, source=sources(2), labels=[1, 1]),
     r"Translator is not conditioned on labels \(its sample\(\) takes source\)"),
    (lambda m: sampling.sample_images(m, labels=[1], source=sources(1)),
     r"Translator is not class-conditional, so it takes no labels"),
    (lambda m: sampling.sample(m, source=sources(2), truncation=0.5), r"Translator does not support truncation"),
])
def test_image_conditioned_errors_name_the_input(call, message):
    with pytest.raises(ValueError, match=message):
        call(Translator(image_size=8))


def test_class_labels_are_spread_over_the_images():
    model = tiny("cgan", num_classes=2)
    samples = sampling.sample(model, num_images=4, seed=1)
    assert samples["labels"].tolist() == [0, 0, 1, 1] and samples["images"].shape == (4, 8, 8, 1)
    _, labels = sampling.sample_images(model, num_images=5, labels=[1, 0])
    assert labels.tolist() == [1, 1, 1, 0, 0]
    with pytest.raises(ValueError, match="label 2 is not a class of this CGAN: its classes are 0..1"):
        sampling.sample(model, labels=[2])


def test_noise_models_need_a_count_and_take_no_inputs():
    model = tiny("dcgan")
    images, labels = sampling.sample_images(model, num_images=3, seed=0)
    assert images.shape == (3, 8, 8, 1) and labels is None
    with pytest.raises(ValueError, match="sample_images needs num_images"):
        sampling.sample(model)
    with pytest.raises(ValueError, match=r"DCGAN is not conditioned on source \(its sample\(\) takes no inputs\)"):
        sampling.sample(model, source=sources(1))


# --- batches: bounded memory, the same images whatever the number asked for ---

def numpy(images):
    import keras

    return np.asarray(keras.ops.convert_to_numpy(images))


def test_batches_spread_the_labels_over_all_the_images():
    model = tiny("cgan", num_classes=10)
    batches = list(sampling.sample_batches(model, num_images=7, labels=[0, 4, 9], seed=3, batch_size=3))
    assert [len(b["images"]) for b in batches] == [3, 3, 1]
    assert np.concatenate([b["labels"] for b in batches]).tolist() == [0, 0, 0, 4, 4, 9, 9]
    np.testing.assert_array_equal(batches[1]["images"],
                                  numpy(model.sample(labels=[4, 4, 9], seed=sampling.batch_seed(3, 1))))


def test_the_first_batch_draws_with_the_seed_itself_and_later_ones_with_their_own():
    model = tiny("dcgan")
    first, second = sampling.sample_batches(model, num_images=8, seed=5, batch_size=4)
    np.testing.assert_array_equal(first["images"], numpy(model.sample(4, seed=5)))
    assert not np.array_equal(first["images"], second["images"])
    # not seed + 1: seed 6's images are not seed 5's second batch
    assert not np.array_equal(second["images"], numpy(model.sample(4, seed=6)))
    again = np.concatenate([b["images"] for b in sampling.sample_batches(model, num_images=8, seed=5, batch_size=4)])
    np.testing.assert_array_equal(again, np.concatenate([first["images"], second["images"]]))


def test_sample_is_its_batches_joined(monkeypatch):
    model = tiny("cgan", num_classes=3)
    monkeypatch.setattr(sampling, "MAX_BATCH", 2)
    assert sampling.default_batch_size(model) == 2
    joined = sampling.sample(model, num_images=5, seed=1)
    batches = list(sampling.sample_batches(model, num_images=5, seed=1))
    assert len(batches) == 3
    np.testing.assert_array_equal(joined["images"], np.concatenate([b["images"] for b in batches]))
    assert joined["labels"].tolist() == [0, 0, 1, 1, 2]


def test_tensor_inputs_are_cut_into_the_same_batches():
    model = Translator(image_size=8, seed=0)
    given = sources(5)
    batches = list(sampling.sample_batches(model, source=given, batch_size=2))
    np.testing.assert_array_equal(np.concatenate([b["source"] for b in batches]), given)
    np.testing.assert_array_equal(batches[2]["target"], numpy(model.sample(source=given[4:])))


def test_a_slice_of_the_spread_is_the_spread_sliced():
    whole = sampling.spread_labels([3, 1, 4], 1000)
    assert sampling.spread_labels([3, 1, 4], 1000, 400, 700).tolist() == whole[400:700].tolist()
    assert whole[0] == 3 and whole[-1] == 4 and whole.dtype == np.int32


def test_the_batch_shrinks_for_large_images():
    assert sampling.default_batch_size(tiny("dcgan")) == sampling.MAX_BATCH  # 8x8x1
    big = Translator(image_size=64, seed=0)  # 64x64x3 outputs
    assert sampling.default_batch_size(big) == sampling.BATCH_VALUES // (64 * 64 * 3) == 85
