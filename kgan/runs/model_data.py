"""Loading a run's data to fit its model, checked against the batch the model's task declares."""
from kgan.runs.run_error import RunError

#: the batch entry that `kgan.data.load` fills with images (and "labels" with their classes).
LOADED_IMAGES = "images"


def load_data(config, model, batch_size=None):
    """`kgan.data.load` for `config.data`, resized to the task's images; a RunError if it does not fit the task.

    `batch_size` (a growing model's stage's) replaces `config.batch_size`.
    """
    import kgan.data

    task = model.task
    model_name = f"the {config.family}/{config.preset} model"
    spec = task.batch.get(LOADED_IMAGES)
    if spec is None or not spec.is_image:
        raise RunError(f"{model_name}'s batch holds {', '.join(task.names)}, but {config.data} gives "
                       f"{LOADED_IMAGES} (and labels) only")
    height, width, channels = spec.shape
    if height != width:
        raise RunError(f"the {config.family} model makes {height}x{width} images; kgan.data makes square ones")
    batch_size = batch_size or config.batch_size
    # `load` checks the classes as it does for the Python API (a .npz's unnamed labels may cover
    # some of the model's classes), so a run takes the data `fit` takes.
    labels = next((spec for spec in task.batch.values() if spec.is_labels), None)
    data = kgan.data.load(config.data, image_size=height, channels=channels, batch_size=batch_size,
                          seed=config.seed, strict=config.strict, shuffle=True,
                          num_classes=None if labels is None else labels.num_classes)
    check_data(config, data, task)
    return data


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
