"""Loading a run's data to fit its model, checked against the batch the model's task declares."""
import numpy as np

from kgan.runs.run_error import RunError

#: the batch entry that `kgan.data.load` fills with images (and "labels" with their classes).
LOADED_IMAGES = "images"
#: the examples of a preview grid (`SampleGrid`'s rows of inputs), and the splits they come from, in order.
PREVIEW_EXAMPLES = 8
PREVIEW_SPLITS = ("val", "test", "train")


def load_data(config, model, batch_size=None):
    """`kgan.data.load` for `config.data`, resized to the task's images; a RunError if it does not fit the task.

    `batch_size` (a growing model's stage's) replaces `config.batch_size`.
    """
    import kgan.data
    from kgan.data.task_loading import image_roles

    task = model.task
    batch_size = batch_size or config.batch_size
    if image_roles(task) is not None:  # two images: pairs or unpaired domains
        data = kgan.data.load_task(config.data, task, batch_size=batch_size, seed=config.seed, split="train",
                                   strict=config.strict, **config.data_options)
        check_data(config, data, task)
        return data
    model_name = f"the {config.family}/{config.preset} model"
    spec = task.batch.get(LOADED_IMAGES)
    if spec is None or not spec.is_image:
        raise RunError(f"{model_name}'s batch holds {', '.join(task.names)}, but {config.data} gives "
                       f"{LOADED_IMAGES} (and labels) only")
    height, width, channels = spec.shape
    if height != width:
        raise RunError(f"the {config.family} model makes {height}x{width} images; kgan.data makes square ones")
    # `load` checks the classes as it does for the Python API (a .npz's unnamed labels may cover
    # some of the model's classes), so a run takes the data `fit` takes.
    labels = next((spec for spec in task.batch.values() if spec.is_labels), None)
    data = kgan.data.load(config.data, image_size=height, channels=channels, batch_size=batch_size,
                          seed=config.seed, strict=config.strict, shuffle=True,
                          num_classes=None if labels is None else labels.num_classes)
    check_data(config, data, task)
    return data


def preview_batch(config, model):
    """The fixed batch a preview grid draws its inputs from, or None for a family that samples from noise (+ labels).

    For a task with tensor inputs (source images, ...): the first `PREVIEW_EXAMPLES`
    held-out examples, from the val split, else the test split, else the training data,
    in stored order and without jitter; numpy arrays keyed by the task's names.
    """
    import kgan.data

    task = model.task
    if not task.tensor_inputs:
        return None
    for split in PREVIEW_SPLITS:
        try:
            data = kgan.data.load_task(config.data, task, batch_size=1, seed=config.seed, split=split, jitter=False,
                                       shuffle=False, strict=config.strict, **config.data_options)
        except kgan.data.MissingSplit:
            continue
        batches = list(data.dataset().take(min(PREVIEW_EXAMPLES, data.num_examples)).as_numpy_iterator())
        return {name: np.concatenate([batch[name] for batch in batches]) for name in batches[0]}
    raise RunError(f"{config.data} has no split to preview from")  # the train split is always there


def check_data(config, data, task):
    """A one-line RunError naming the first entry of the task's batch that the data lacks or gives otherwise."""
    model = f"the {config.family}/{config.preset} model"
    given = data.batch_spec
    for name, spec in task.batch.items():
        found = given.get(name)
        if found is None:
            if spec.is_labels:
                raise RunError(f"{model} is class-conditional and needs labeled data, but {config.data} has no "
                               f"labels")
            raise RunError(f"{model} needs {spec.describe()} as {name!r}, but {config.data} has no {name!r} "
                           f"(it gives {', '.join(given)})")
        if found.shape != spec.shape:
            raise RunError(f"{config.data} gives {found.shape_text()} {name} but {model} needs {spec.shape_text()}")
        if found.dtype != spec.dtype:
            raise RunError(f"{config.data} gives {found.dtype} {name} but {model} needs {spec.dtype}")
        if spec.is_labels and found.num_classes != spec.num_classes:
            raise RunError(f"{config.data} has {found.num_classes} classes but {model} has {spec.num_classes}; "
                           f"add --set num_classes={found.num_classes}")
