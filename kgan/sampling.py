"""Sampling any kgan model through its family's `sample(...)`: labels, seeds and truncation.

Families differ in what `sample` accepts; this module reads its signature. A
family is class-conditional when `sample` takes `labels` and the model has
`num_classes`; it supports truncation when `sample` takes `truncation` (the hook
for families such as StyleGAN or BigGAN: `sample(..., truncation=psi)`).
"""
import inspect

import keras
import numpy as np


def _sample_parameters(model):
    return inspect.signature(model.sample).parameters


def family_name(model):
    return type(model).__name__


def is_conditional(model):
    """True when the model generates for given class labels (CGAN)."""
    return "labels" in _sample_parameters(model) and getattr(model, "num_classes", None) is not None


def supports_truncation(model):
    return "truncation" in _sample_parameters(model)


def spread_labels(labels, num_images):
    """`num_images` labels drawn from `labels` in equal blocks, in order: ([0, 1], 4) -> [0, 0, 1, 1]."""
    labels = list(labels)
    return np.asarray([labels[i * len(labels) // num_images] for i in range(num_images)], dtype="int32")


def check_labels(model, labels):
    """Integer labels `[N]` as int32; a ValueError names a label the model does not have."""
    if not is_conditional(model):
        raise ValueError(f"{family_name(model)} is not class-conditional, so it takes no labels.")
    labels = np.asarray(labels).reshape(-1)
    if labels.size == 0:
        raise ValueError("labels is empty.")
    if not np.issubdtype(labels.dtype, np.integer):
        raise ValueError(f"labels must be integers, got {labels.tolist()[:5]}.")
    bad = labels[(labels < 0) | (labels >= model.num_classes)]
    if bad.size:
        raise ValueError(f"label {int(bad[0])} is not a class of this {family_name(model)}: "
                         f"its classes are 0..{model.num_classes - 1}.")
    return labels.astype("int32")


def sample_images(model, num_images=None, labels=None, seed=None, truncation=None):
    """Float images in [-1, 1] as numpy `[N, H, W, C]`, and their int32 labels (None if unconditional).

    Args:
        model: a kgan model (an `AdversarialModel` with a `sample` method).
        num_images: N. With `labels`, the labels are spread over N in equal blocks;
            without, a conditional model spreads all of its classes.
        labels: one class for every image, or a sequence of classes (conditional models).
        seed: integer seed of the latent batch: the same seed gives the same images.
        truncation: the truncation psi, for families whose `sample` accepts it.
    """
    kwargs = {"seed": seed}
    if truncation is not None:
        if not supports_truncation(model):
            raise ValueError(f"{family_name(model)} does not support truncation.")
        kwargs["truncation"] = truncation
    if labels is not None:
        labels = check_labels(model, np.atleast_1d(labels))
        count = len(labels) if num_images is None else int(num_images)
        if count < len(labels):
            raise ValueError(f"{len(labels)} labels do not fit in num_images={count}.")
        if count != len(labels):
            labels = spread_labels(labels, count)
    elif is_conditional(model):
        if num_images is None:
            raise ValueError("sample_images needs num_images or labels.")
        labels = spread_labels(range(model.num_classes), int(num_images))
    if num_images is not None and int(num_images) < 1:
        raise ValueError(f"num_images must be positive, got {num_images}.")
    if labels is not None:
        images = model.sample(labels=labels, **kwargs)
    else:
        if num_images is None:
            raise ValueError("sample_images needs num_images.")
        images = model.sample(int(num_images), **kwargs)
    return np.asarray(keras.ops.convert_to_numpy(images), dtype="float32"), labels


def generate(model, num_images=None, labels=None, seed=None, truncation=None):
    """Generated images as uint8 numpy `[N, H, W, C]` on 0..255: `sample_images` without the labels.

    Example:
    ```python
    digits = kgan.sampling.generate(cgan, labels=np.repeat(np.arange(10), 8), seed=0)  # [80, 32, 32, 1]
    ```
    """
    from kgan.images import to_uint8

    images, _ = sample_images(model, num_images=num_images, labels=labels, seed=seed, truncation=truncation)
    return to_uint8(images)
