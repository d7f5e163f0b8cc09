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
