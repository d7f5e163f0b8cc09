"""Sampling any kgan model through its family's `sample(...)`, as its declared task says.

A model's `task` (a `kgan.tasks.Task`) names what `sample` takes: its
`conditioning` inputs (class labels, source images, ...) and whether it takes
`truncation` (the hook for families such as StyleGAN or BigGAN). Nothing here
looks at a family's class or at its methods' signatures.
"""
import keras
import numpy as np


def family_name(model):
    return type(model).__name__


def is_conditional(model):
    """True when the model's task samples for given class labels."""
    return model.task.class_input is not None


def supports_truncation(model):
    return model.task.truncation


def spread_labels(labels, num_images):
    """`num_images` labels drawn from `labels` in equal blocks, in order: ([0, 1], 4) -> [0, 0, 1, 1]."""
    labels = list(labels)
    return np.asarray([labels[i * len(labels) // num_images] for i in range(num_images)], dtype="int32")


def check_labels(model, labels):
    """Integer labels `[N]` as int32; a ValueError names a label the model does not have."""
    if not is_conditional(model):
        raise ValueError(f"{family_name(model)} is not class-conditional, so it takes no labels.")
    num_classes = model.task.num_classes
    labels = np.asarray(labels).reshape(-1)
    if labels.size == 0:
        raise ValueError("labels is empty.")
    if not np.issubdtype(labels.dtype, np.integer):
        raise ValueError(f"labels must be integers, got {labels.tolist()[:5]}.")
    bad = labels[(labels < 0) | (labels >= num_classes)]
    if bad.size:
        raise ValueError(f"label {int(bad[0])} is not a class of this {family_name(model)}: "
                         f"its classes are 0..{num_classes - 1}.")
    return labels.astype("int32")


def _class_input(model, values, num_images):
    """The labels for `num_images` images: the given ones spread over them, else every class in blocks."""
    if values is None:
        if num_images is None:
            raise ValueError("sample_images needs num_images or labels.")
        return spread_labels(range(model.task.num_classes), num_images)
    labels = check_labels(model, np.atleast_1d(values))
    count = len(labels) if num_images is None else num_images
    if count < len(labels):
        raise ValueError(f"{len(labels)} labels do not fit in num_images={count}.")
    return labels if count == len(labels) else spread_labels(labels, count)


def _tensor_input(model, name, values, num_images):
    """Conditioning tensors (e.g. source images) as float32 `[N, ...]` of the declared shape."""
    spec = model.task.batch[name]
    if values is None:
        raise ValueError(f"{family_name(model)} samples from {spec.describe()}: pass {name}=[N, "
                         f"{', '.join(map(str, spec.shape))}] values.")
    values = np.asarray(keras.ops.convert_to_numpy(values), dtype=spec.dtype)
    if values.shape[1:] != spec.shape:
        raise ValueError(f"{name} must have shape [N, {', '.join(map(str, spec.shape))}], got {list(values.shape)}.")
    if num_images is not None and len(values) != num_images:
        raise ValueError(f"num_images={num_images} but {len(values)} {name} were given.")
    return values


def sample(model, num_images=None, seed=None, truncation=None, **inputs):
    """The model's samples as a dict of numpy arrays: its `task.output` (float32 in [-1, 1]) and its inputs.

    Args:
        model: a kgan model (an `AdversarialModel` that declares its `task`).
        num_images: N. Class labels are spread over N in equal blocks; without
            labels, a class-conditional model spreads all of its classes. Tensor
            inputs (source images) fix N themselves.
        seed: integer seed of the latent batch: the same seed gives the same images.
        truncation: the truncation psi, for tasks that declare it.
        **inputs: the task's conditioning inputs by name, e.g. `labels=[0, 1]` or `source=images`.

    Example:
    ```python
    kgan.sampling.sample(cgan, labels=[3, 5], seed=0)  # {"images": [2, 32, 32, 1], "labels": [3, 5]}
    ```
    """
    task = model.task
    for name in inputs:
        if name not in task.conditioning:
            takes = ", ".join(task.conditioning) or "no inputs"
            raise ValueError(f"{family_name(model)} is not conditioned on {name} (its sample() takes {takes}).")
    if num_images is not None:
        if isinstance(num_images, bool) or int(num_images) != num_images or num_images < 1:
            raise ValueError(f"num_images must be positive, got {num_images}.")
        num_images = int(num_images)
    kwargs = {"seed": seed}
    if truncation is not None:
        if not task.truncation:
            raise ValueError(f"{family_name(model)} does not support truncation.")
        kwargs["truncation"] = truncation
    prepared = {}
    for name in task.tensor_inputs:  # they fix the number of images, which the labels are spread over
        prepared[name] = _tensor_input(model, name, inputs.get(name), num_images)
        num_images = len(prepared[name])
    if task.class_input is not None:
        prepared[task.class_input] = _class_input(model, inputs.get(task.class_input), num_images)
        num_images = len(prepared[task.class_input])
    if num_images is None:
        raise ValueError("sample_images needs num_images.")
    images = model.sample(num_images=num_images, **prepared, **kwargs)
    return {task.output: np.asarray(keras.ops.convert_to_numpy(images), dtype="float32"), **prepared}


def sample_images(model, num_images=None, labels=None, seed=None, truncation=None, **inputs):
    """Float images in [-1, 1] as numpy `[N, H, W, C]`, and their int32 labels (None without class labels).

    `sample` with the outputs alone; `labels` goes to the task's class input, whatever its name.
    """
    task = model.task
    if labels is not None:
        if task.class_input is None:
            raise ValueError(f"{family_name(model)} is not class-conditional, so it takes no labels.")
        inputs[task.class_input] = labels
    samples = sample(model, num_images=num_images, seed=seed, truncation=truncation, **inputs)
    return samples[task.output], samples.get(task.class_input) if task.class_input else None


def generate(model, num_images=None, labels=None, seed=None, truncation=None, **inputs):
    """Generated images as uint8 numpy `[N, H, W, C]` on 0..255: `sample_images` without the labels.

    Example:
    ```python
    digits = kgan.sampling.generate(cgan, labels=np.repeat(np.arange(10), 8), seed=0)  # [80, 32, 32, 1]
    ```
    """
    from kgan.images import to_uint8

    images, _ = sample_images(model, num_images=num_images, labels=labels, seed=seed, truncation=truncation,
                              **inputs)
    return to_uint8(images)
