"""`paired_arrays`: an in-memory source of paired images (source/target, low_res/high_res, ...) as dict batches."""
import numpy as np

from kgan.data import transforms
from kgan.data.errors import DataError
from kgan.data.image_data import ImageData, epoch_order
from kgan.data.pipeline import ArrayFeed
from kgan.tasks import TensorSpec


def paired_arrays(arrays, *, batch_size, seed, shuffle=True, crop_size=None, resize_size=None, flip=True,
                  name="arrays"):
    """An `ImageData` whose batches hold every array of `arrays` under its own name, example by example.

    Images (`[N, H, W, C]`, uint8 or float on a 0..255 scale) come out float32 in
    [-1, 1]; integer `[N]` arrays come out int32. With `crop_size`, all the images
    get the same random crop and mirror per example (`transforms.joint_jitter`),
    a stateless function of (seed, step), after an optional resize to `resize_size`.

    Example:
        data = kgan.data.paired_arrays({"source": edges, "target": photos}, batch_size=1, seed=0,
                                       crop_size=256, resize_size=286)  # pix2pix's jitter
    """
    arrays = {key: np.asarray(value) for key, value in arrays.items()}
    counts = {key: len(value) for key, value in arrays.items()}
    if not arrays or len(set(counts.values())) != 1:
        raise DataError(f"paired arrays need one example per row in every array, got counts {counts or 'none'}")
    for key, value in arrays.items():
        if value.ndim not in (1, 4):
            raise DataError(f"{key!r} has shape {value.shape}; expected images [N, H, W, C] or labels [N]")
    image_keys = tuple(key for key, value in arrays.items() if value.ndim == 4)
    spec = {}
    for key, value in arrays.items():
        shape = value.shape[1:]
        if value.ndim == 4 and crop_size is not None:
            shape = (crop_size, crop_size, shape[-1])
        spec[key] = TensorSpec(shape, "float32" if value.ndim == 4 else "int32")
    augment = None
    if crop_size is not None:
        augment = lambda batch, step: transforms.joint_jitter(  # noqa: E731
            batch, image_keys, seed=seed, step=step, crop_size=crop_size, resize_size=resize_size, flip=flip)
    num_examples = next(iter(counts.values()))
    order = epoch_order(name, num_examples, batch_size, seed, shuffle)
    first_image = spec[image_keys[0]].shape if image_keys else ()
    return ImageData(name, ArrayFeed(arrays, order, augment), num_examples, first_image, batch_size, seed,
                     batch_spec=spec)
