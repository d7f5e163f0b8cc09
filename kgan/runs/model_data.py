"""Loading a run's data to fit its model: image size, channels and classes."""
from kgan import sampling
from kgan.runs.run_error import RunError


def model_image_shape(model):
    """`(H, W, C)` of the images the model generates (and so must be trained on)."""
    for output in model.sampling_generator.outputs:
        if len(output.shape) == 4:
            return tuple(int(d) for d in output.shape[1:])
    raise RunError(f"{type(model).__name__} does not generate [N, H, W, C] images")


def model_num_classes(model):
    """The number of classes a conditional model needs labels for; None if unconditional."""
    return model.num_classes if sampling.is_conditional(model) else None


def load_data(config, model, batch_size=None):
    """`kgan.data.load` for `config.data`, resized to the model; a RunError if the classes do not fit.

    `batch_size` (a growing model's stage's) replaces `config.batch_size`.
    """
    import kgan.data

    height, width, channels = model_image_shape(model)
    num_classes = model_num_classes(model)
    if height != width:
        raise RunError(f"the {config.family} model makes {height}x{width} images; kgan.data makes square ones")
    batch_size = batch_size or config.batch_size
    # Classes are checked here rather than by `load`, for a message that says how to fix them.
    data = kgan.data.load(config.data, image_size=height, channels=channels, batch_size=batch_size,
                          seed=config.seed, strict=config.strict, shuffle=True)
    check_data(config, data, (height, width, channels), num_classes)
    return data


def check_data(config, data, image_shape, num_classes):
    model = f"the {config.family}/{config.preset} model"
    if tuple(data.image_shape) != tuple(image_shape):
        shape = "x".join(map(str, image_shape))
        raise RunError(f"{config.data} gives {'x'.join(map(str, data.image_shape))} images but {model} needs {shape}")
    if num_classes is None:
        return
    if data.num_classes is None:
        raise RunError(f"{model} is class-conditional and needs labeled data, but {config.data} has no labels")
    if data.num_classes != num_classes:
        raise RunError(f"{config.data} has {data.num_classes} classes but {model} has {num_classes}; "
                       f"add --set num_classes={data.num_classes}")
