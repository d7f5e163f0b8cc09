"""`load(spec, ...)`: from a data string to an `ImageData`."""
import os

import tensorflow as tf

from kgan.checks import check_int
from kgan.data.digits import load_digits
from kgan.data.errors import DataError
from kgan.data.folder import load_folder
from kgan.data.image_data import check_num_classes
from kgan.data.npz import load_npz
from kgan.data.photos import DEFAULT_NUM_CROPS, SUBSETS as PHOTO_SETS, load_photos
from kgan.data.tfds_source import load_tfds

SOURCES = "digits, photos[:train|:test], tfds:NAME[:SPLIT], a folder of images, or a .npz file"


def load(spec, image_size=None, channels=None, batch_size=64, seed=0, strict=False, shuffle=True,
         num_classes=None, *, num_crops=None, data_dir=None, download=False, cache_limit_bytes=2 * 2**30):
    """Loads images (and labels) from a data string, ready for `fit`.

    Args:
        spec: `digits`, `photos` (`photos:train`, `photos:test`: the training or the held-out
            photos only), `tfds:NAME[:SPLIT]`, a folder of images (class subfolders
            become labels), or a `.npz` file with `images` and optional `labels`.
        image_size: output height and width; images are center-cropped to a square and resized.
            None keeps the source's size (digits: 32, photos: 64).
        channels: 1 (grayscale) or 3 (RGB); None keeps the source's (alpha is always dropped).
        batch_size: images per batch; each epoch drops its last partial batch.
        seed: fixes the per-epoch order (and the photo crops).
        strict: raise a DataError on the first unreadable file instead of skipping it.
        shuffle: False keeps the stored order in every epoch.
        num_classes: the model's number of classes; the data must have exactly that many (a .npz
            without class names may use any labels in [0, num_classes)). Checked before decoding.
        num_crops: photos only: crops per epoch (default 1,024).
        data_dir: tfds only: the TFDS data dir (default: TFDS_DATA_DIR or ~/tensorflow_datasets).
        download: tfds only: download and prepare the dataset when it is missing.
        cache_limit_bytes: folders and tfds: the largest decoded size held in memory; larger
            sources are streamed.

    Returns:
        An `ImageData`; `data.dataset(start_step)` is the tf.data pipeline.

    Raises:
        DataError: with a one-line message naming the file, shape, value or choice at fault.

    Example:
        data = kgan.data.load("digits", batch_size=64, num_classes=10)
        model.fit(data.dataset(), steps_per_epoch=data.steps_per_epoch, epochs=30)
    """
    if not isinstance(spec, (str, os.PathLike)) or not str(spec):
        raise DataError(f"data must be a non-empty string ({SOURCES}), got {spec!r}")
    spec = os.fspath(spec)
    check_int("image_size", image_size, 1, allow_none=True, error=DataError)
    check_int("channels", channels, 1, allow_none=True, error=DataError)
    if channels not in (None, 1, 3):
        raise DataError(f"channels must be one of 1, 3 or None, got {channels!r}")
    check_int("batch_size", batch_size, 1, error=DataError)
    check_int("seed", seed, 0, error=DataError)
    check_int("num_classes", num_classes, 1, allow_none=True, error=DataError)
    if seed >= 2**63:
        raise DataError(f"seed must be below 2**63, got {seed}")
    image_size, channels, num_classes = (None if v is None else int(v) for v in (image_size, channels, num_classes))
    batch_size, seed = int(batch_size), int(seed)
    common = dict(batch_size=batch_size, seed=seed, shuffle=bool(shuffle))
    if num_crops is not None and spec not in PHOTO_SETS:
        raise DataError(f"num_crops applies only to the 'photos' source, not {spec!r}")
    # Decoding, resizing and the cached tensors stay on the CPU: a TensorFlow GPU op would make
    # TensorFlow claim the GPU's memory, which a JAX-backend model needs.
    with tf.device("/CPU:0"):
        data = open_source(spec, image_size, channels, common, num_classes, strict=strict, num_crops=num_crops,
                           data_dir=data_dir, download=download, cache_limit_bytes=cache_limit_bytes)
    check_num_classes(data.name, data.num_classes, num_classes)
    return data


def open_source(spec, image_size, channels, common, num_classes, *, strict, num_crops, data_dir, download,
                cache_limit_bytes):
    """The source's `ImageData`; folders, tfds and npz check `num_classes` before decoding anything."""
    if spec == "digits":
        return load_digits(image_size, channels, **common)
    if spec in PHOTO_SETS:
        crops = DEFAULT_NUM_CROPS if num_crops is None else num_crops
        return load_photos(image_size, channels, num_crops=crops, spec=spec, **common)
    if spec.startswith("tfds:"):
        return load_tfds(spec, image_size, channels, data_dir=data_dir, download=download,
                         cache_limit_bytes=cache_limit_bytes, num_classes=num_classes, **common)
    if os.path.isdir(spec):
        return load_folder(spec, image_size, channels, strict=strict, cache_limit_bytes=cache_limit_bytes,
                           num_classes=num_classes, **common)
    if os.path.isfile(spec):
        if spec.lower().endswith(".npz"):
            return load_npz(spec, image_size, channels, num_classes=num_classes, **common)
        raise DataError(f"{spec} is a file but not a .npz archive; data must be {SOURCES}")
    raise DataError(f"unknown data {spec!r}: no such source, file or folder; choose {SOURCES}")
