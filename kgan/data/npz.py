"""A `.npz` archive with `images` (N, H, W) or (N, H, W, C) and optional integer `labels` (N,)."""
import os
import zipfile

import numpy as np

from kgan.data import transforms
from kgan.data.errors import DataError
from kgan.data.image_data import from_arrays


def read_archive(path):
    if os.path.isfile(path) and not zipfile.is_zipfile(path):
        # numpy would call it "pickled data" that one could "load unsafely"
        raise DataError(f"cannot read {path} as a .npz archive: it is not a zip file")
    try:
        with np.load(path, allow_pickle=False) as archive:
            return {key: archive[key] for key in archive.files}
    except (OSError, ValueError, zipfile.BadZipFile, EOFError) as error:
        raise DataError(f"cannot read {path} as a .npz archive: {' '.join(str(error).split())}") from None


def check_images(path, images):
    """Images as `[N, H, W, C]` on a 0..255 scale (uint8, or float32 for float input)."""
    stored_shape = images.shape
    if images.ndim == 3:
        images = images[..., None]
    if images.ndim != 4:
        raise DataError(f"'images' in {path} has shape {images.shape}; expected (N, H, W) or (N, H, W, C)")
    if images.shape[0] == 0 or 0 in images.shape[1:3]:
        raise DataError(f"'images' in {path} is empty: shape {stored_shape}")
    if images.shape[-1] not in (1, 2, 3, 4):
        raise DataError(f"'images' in {path} has {images.shape[-1]} channels (shape {images.shape}); "
                        "expected 1 (grey), 2 (grey+alpha), 3 (RGB) or 4 (RGBA)")
    if images.dtype == np.uint8:
        return images
    if np.issubdtype(images.dtype, np.integer):
        low, high = int(images.min()), int(images.max())
        if low < 0 or high > 255:
            raise DataError(f"integer 'images' in {path} range over [{low}, {high}]; expected 0..255")
        return images.astype(np.uint8)
    if not np.issubdtype(images.dtype, np.floating):
        raise DataError(f"'images' in {path} have dtype {images.dtype}; expected uint8 or float")
    images = images.astype(np.float32)
    if not np.all(np.isfinite(images)):
        raise DataError(f"'images' in {path} contain NaN or infinite values")
    low, high = float(images.min()), float(images.max())
    if low >= 0.0 and high <= 1.0:
        return images * 255.0
    if low >= -1.0 and high <= 1.0:
        return (images + 1.0) * 127.5
    if low >= 0.0 and high <= 255.0:
        return images
    raise DataError(f"float 'images' in {path} range over [{low:g}, {high:g}]; "
                    "expected [0, 1], [-1, 1] or [0, 255]")


def check_labels(path, labels, num_images):
    """Labels as int32 `[N]`."""
    if labels.ndim == 2 and labels.shape[1] == 1:
        labels = labels[:, 0]
    if labels.ndim != 1 or labels.shape[0] != num_images:
        raise DataError(f"'labels' in {path} has shape {labels.shape} but 'images' has {num_images:,} entries; "
                        f"expected labels of shape ({num_images},)")
    if not np.issubdtype(labels.dtype, np.integer):
        raise DataError(f"'labels' in {path} have dtype {labels.dtype}; expected integers")
    if labels.min() < 0:
        raise DataError(f"'labels' in {path} include {int(labels.min())}; labels must be >= 0")
    return labels.astype(np.int32)


def class_count(path, arrays, labels, num_classes):
    """(number of classes, class names) for the labels, checked against the model's `num_classes`."""
    if labels is None:
        return None, None
    highest = int(labels.max())
    if num_classes is not None and highest >= num_classes:
        raise DataError(f"'labels' in {path} go up to {highest}, outside [0, {num_classes}) for the model's "
                        f"{num_classes} classes")
    if "class_names" in arrays:
        names = [str(name) for name in np.ravel(arrays["class_names"])]
        if len(names) <= highest:
            raise DataError(f"'class_names' in {path} has {len(names)} names but 'labels' go up to {highest}")
        return len(names), names
    count = highest + 1 if num_classes is None else num_classes
    return count, [str(k) for k in range(count)]


def load_npz(path, image_size=None, channels=None, *, batch_size, seed, shuffle, num_classes=None):
    """An in-memory `ImageData` from a `.npz` archive.

    Float images may lie in [0, 1], [-1, 1] or [0, 255]. An optional `class_names` array names
    the classes; without it the labels define max(labels) + 1 classes, or, for a model of
    `num_classes` classes, any labels in [0, num_classes) will do. Without `image_size` the
    stored size is kept; with it, each image is center-cropped to a square and resized.
    """
    arrays = read_archive(path)
    if "images" not in arrays:
        found = ", ".join(repr(key) for key in arrays) or "no arrays"
        raise DataError(f"{path} has no 'images' array (found {found}); expected 'images' and optional 'labels'")
    images = check_images(path, arrays["images"])
    labels = check_labels(path, arrays["labels"], len(images)) if "labels" in arrays else None
    found_classes, class_names = class_count(path, arrays, labels, num_classes)
    if image_size is not None and images.shape[1:3] != (image_size, image_size):
        images = transforms.square_resize(images, image_size).numpy()  # [N, S, S, C]
    target_channels = channels or (3 if images.shape[-1] >= 3 else 1)
    if images.shape[-1] != target_channels:
        images = transforms.to_channels(images, target_channels).numpy()
    return from_arrays(path, images, labels, batch_size=batch_size, seed=seed, shuffle=shuffle,
                       num_classes=found_classes, class_names=class_names)
