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


#: images per batch are at most this many, and fewer for large images (see `default_batch_size`).
MAX_BATCH = 1024
#: output values per batch: 1,024 images of 32x32 grey, 256 of 64x64 grey, 85 of 64x64 RGB, 1 of 1024x1024 RGB.
BATCH_VALUES = 2 ** 20


def spread_labels(labels, num_images, start=0, stop=None):
    """`num_images` labels drawn from `labels` in equal blocks, in order: ([0, 1], 4) -> [0, 0, 1, 1].

    `start`/`stop` give entries `start..stop-1` of that spread alone, without making the whole of it.
    """
    labels = np.asarray(list(labels) if not isinstance(labels, np.ndarray) else labels, dtype="int32")
    stop = num_images if stop is None else stop
    return labels[(np.arange(start, stop, dtype="int64") * len(labels)) // num_images]


def default_batch_size(model):
    """Images per sampling batch: `MAX_BATCH`, or fewer so that a batch holds at most `BATCH_VALUES` values."""
    values = int(np.prod(model.task.output_spec.shape))
    return max(1, min(MAX_BATCH, BATCH_VALUES // max(1, values)))


def batch_seed(seed, index):
    """The seed of batch `index`: `seed` itself for the first, then one derived from (`seed`, `index`).

    Derived rather than `seed + index`, so that the images of seed 1 are not those of seed 0 shifted by a batch.
    """
    if seed is None or index == 0:
        return seed
    return int(np.random.SeedSequence([int(seed) % 2 ** 64, index]).generate_state(1)[0])


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
    """The labels that `num_images` images are spread over: the given ones, else every class."""
    if values is None:
        if num_images is None:
            raise ValueError("sample_images needs num_images or labels.")
        return np.arange(model.task.num_classes, dtype="int32")
    labels = check_labels(model, np.atleast_1d(values))
    count = len(labels) if num_images is None else num_images
    if count < len(labels):
        raise ValueError(f"{len(labels)} labels do not fit in num_images={count}.")
    return labels


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


def _prepared(model, num_images, truncation, inputs):
    """(N, tensor inputs [N, ...], the labels spread over N or None, the keyword arguments of `model.sample`)."""
    task = model.task
    for name in inputs:
        if name not in task.conditioning:
            takes = ", ".join(task.conditioning) or "no inputs"
            raise ValueError(f"{family_name(model)} is not conditioned on {name} (its sample() takes {takes}).")
    if num_images is not None:
        if isinstance(num_images, bool) or int(num_images) != num_images or num_images < 1:
            raise ValueError(f"num_images must be positive, got {num_images}.")
        num_images = int(num_images)
    kwargs = {}
    if truncation is not None:
        if not task.truncation:
            raise ValueError(f"{family_name(model)} does not support truncation.")
        kwargs["truncation"] = truncation
    tensors = {}
    for name in task.tensor_inputs:  # they fix the number of images, which the labels are spread over
        tensors[name] = _tensor_input(model, name, inputs.get(name), num_images)
        num_images = len(tensors[name])
    labels = None
    if task.class_input is not None:
        labels = _class_input(model, inputs.get(task.class_input), num_images)
        if num_images is None:
            num_images = len(labels)
    if num_images is None:
        raise ValueError("sample_images needs num_images.")
    return num_images, tensors, labels, kwargs


def sample_batches(model, num_images=None, seed=None, truncation=None, batch_size=None, **inputs):
    """`sample`, batch by batch: yields the dicts of consecutive batches, which together make `sample`'s.

    Memory holds one batch, whatever `num_images`. Batch k draws its noise with
    `batch_seed(seed, k)`; `batch_size` defaults to `default_batch_size(model)`.
    The arguments are checked before the first batch is made.

    Example:
    ```python
    for batch in kgan.sampling.sample_batches(model, num_images=100_000, seed=0):
        writer.add(batch["images"])  # float32 [<= 256, H, W, C]
    ```
    """
    num_images, tensors, labels, kwargs = _prepared(model, num_images, truncation, inputs)
    batch_size = default_batch_size(model) if batch_size is None else batch_size
    return _batches(model, num_images, seed, batch_size, tensors, labels, kwargs)


def _batches(model, num_images, seed, batch_size, tensors, labels, kwargs):
    task = model.task
    for index, start in enumerate(range(0, num_images, batch_size)):
        stop = min(start + batch_size, num_images)
        batch = {name: values[start:stop] for name, values in tensors.items()}
        if labels is not None:
            batch[task.class_input] = spread_labels(labels, num_images, start, stop)
        images = model.sample(num_images=stop - start, seed=batch_seed(seed, index), **batch, **kwargs)
        yield {task.output: np.asarray(keras.ops.convert_to_numpy(images), dtype="float32"), **batch}


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

    The images are made in batches (`sample_batches`), so the networks' activations
    take the memory of one batch; `sample_batches` also keeps the outputs to one batch.

    Example:
    ```python
    kgan.sampling.sample(cgan, labels=[3, 5], seed=0)  # {"images": [2, 32, 32, 1], "labels": [3, 5]}
    ```
    """
    batches = list(sample_batches(model, num_images=num_images, seed=seed, truncation=truncation, **inputs))
    return {name: np.concatenate([batch[name] for batch in batches]) for name in batches[0]}


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
