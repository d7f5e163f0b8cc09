"""A folder of image files, found recursively; immediate subfolders name the classes.

Layout:
- images directly in the folder (at any depth below it too): unlabeled;
- otherwise each immediate subfolder that holds images (at any depth) is a class, labeled in
  sorted-name order.
Files named .jpg/.jpeg/.png/.bmp/.gif/.webp (any case) are images; hidden files and folders and
files with other extensions are ignored. Every image is decoded once while scanning: those that
are empty, truncated, corrupt or not images at all are skipped and listed in `skipped`, or with
`strict=True` raise a DataError naming the file.

The decoded set is cached in memory while it fits in `cache_limit_bytes`; a larger folder is
streamed, decoding each file again every epoch. Without `image_size` the images keep their
shared size, or, when sizes differ, are cropped and resized to a square of the median shorter
side.
"""
import functools
import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import tensorflow as tf

from kgan.data import transforms
from kgan.data.errors import DataError, one_line
from kgan.data.image_data import ImageData, check_num_classes, epoch_order, from_arrays
from kgan.data.pipeline import FileFeed

IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp")
SCAN_CHUNK = 256


def is_image_name(name):
    return not name.startswith(".") and name.lower().endswith(IMAGE_EXTENSIONS)


def walk_images(folder):
    """Image paths under `folder`, in sorted order at every level."""
    paths = []
    for parent, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        paths.extend(os.path.join(parent, name) for name in sorted(filenames) if is_image_name(name))
    return paths


def find_images(folder):
    """(paths, labels or None, class_names or None) for a folder, by the layout rules above."""
    entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    has_root_images = any(entry.is_file() and is_image_name(entry.name) for entry in entries)
    if not has_root_images:
        classes = []
        for entry in entries:
            if entry.is_dir() and not entry.name.startswith("."):
                paths = walk_images(entry.path)
                if paths:
                    classes.append((entry.name, paths))
        if classes:
            paths = [path for _, class_paths in classes for path in class_paths]
            labels = np.concatenate([np.full(len(p), k, np.int32) for k, (_, p) in enumerate(classes)])
            return paths, labels, [name for name, _ in classes]
    return walk_images(folder), None, None


def has_no_jpeg_end(data):
    # A JPEG ends with the end-of-image marker FF D9; a truncated one usually has none at all.
    return data[:2] == b"\xff\xd8" and data.rfind(b"\xff\xd9") < 0


@functools.lru_cache(maxsize=None)
def graph_reader(image_size):
    """A traced decode (+ resize) of encoded bytes: about 5x faster per file than running it eagerly."""

    @tf.function(input_signature=[tf.TensorSpec([], tf.string)], autograph=False)
    def decode_and_resize(data):
        image = transforms.decode(data)  # [H, W, C]
        shape = tf.shape(image)
        if image_size is not None:
            image = transforms.square_resize(image, image_size)  # [S, S, C]
        return image, shape

    return decode_and_resize


def decode_error(data):
    """Why TensorFlow cannot decode `data`, as one line (eager errors are shorter than traced ones)."""
    try:
        transforms.decode(tf.constant(data))
    except tf.errors.OpError as error:
        return f"not a readable image: {one_line(error)}"
    return "not a readable image"


def read_image(path, reader):
    """(uint8 image [H, W, C], resized by `reader` if it resizes; original shape) or (None, reason)."""
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError as error:
        return None, f"cannot read the file: {error.strerror or error}"
    if not data:
        return None, "empty file (0 bytes)"
    if has_no_jpeg_end(data):
        return None, "truncated JPEG (no end-of-image marker)"
    try:
        image, shape = reader(tf.constant(data))
    except tf.errors.OpError:
        return None, decode_error(data)
    return image.numpy(), tuple(int(d) for d in shape.numpy())


class FolderScan:
    """Decodes every image once, in parallel and in order, keeping pixels while they fit in memory."""

    def __init__(self, paths, labels, image_size, strict, cache_limit_bytes):
        self.paths, self.labels, self.shapes, self.images, self.skipped = [], [], [], [], []
        kept_bytes = 0
        reader = graph_reader(image_size)
        workers = min(8, os.cpu_count() or 1)
        with ThreadPoolExecutor(workers) as pool:
            for start in range(0, len(paths), SCAN_CHUNK):
                chunk = paths[start:start + SCAN_CHUNK]
                results = pool.map(lambda path: read_image(path, reader), chunk)
                for offset, (path, (image, info)) in enumerate(zip(chunk, results)):
                    if image is None:
                        if strict:
                            raise DataError(f"unreadable image {path}: {info} (strict mode; remove the file "
                                            "or load without strict to skip it)")
                        self.skipped.append((path, info))
                        continue
                    self.paths.append(path)
                    self.shapes.append(info)
                    if labels is not None:
                        self.labels.append(labels[start + offset])
                    if self.images is not None:
                        kept_bytes += image.nbytes
                        if kept_bytes <= cache_limit_bytes:
                            self.images.append(image)
                        else:
                            self.images = None  # too large to cache: stream it
        if labels is None:
            self.labels = None

    @property
    def cached(self):
        return self.images is not None


def target_shape(scan, image_size, channels):
    """((H, W, C), resize?, note) for the output images."""
    if channels is None:
        channels = 3 if any(shape[-1] >= 3 for shape in scan.shapes) else 1
    if image_size is not None:
        return (image_size, image_size, channels), True, None
    sizes = {shape[:2] for shape in scan.shapes}
    if len(sizes) == 1:
        height, width = sizes.pop()
        return (height, width, channels), False, None
    side = int(np.median([min(shape[:2]) for shape in scan.shapes]))
    note = f"mixed sizes resized to {side}x{side} (the median shorter side; image_size chooses another)"
    return (side, side, channels), True, note


def stack(images, image_shape, resize):
    """The kept images as one uint8 `[N, H, W, C]` array, converted by channel-count group."""
    height, width, channels = image_shape
    out = np.empty((len(images), height, width, channels), np.uint8)
    groups = {}
    for index, image in enumerate(images):
        if resize and image.shape[:2] != (height, width):
            image = transforms.square_resize(image, height).numpy()
        groups.setdefault(image.shape[-1], []).append((index, image))
    for members in groups.values():
        indices = [index for index, _ in members]
        out[indices] = transforms.to_channels(np.stack([image for _, image in members]), channels).numpy()
    return out


def load_folder(folder, image_size=None, channels=None, *, batch_size, seed, shuffle, strict=False,
                cache_limit_bytes=2 * 2**30, num_classes=None):
    """An `ImageData` for a folder of images (see the module docstring for the rules)."""
    paths, labels, class_names = find_images(folder)
    if not paths:
        raise DataError(f"no images in {folder}: found no {', '.join(e[1:] for e in IMAGE_EXTENSIONS)} files")
    check_num_classes(folder, None if class_names is None else len(class_names), num_classes)
    scan = FolderScan(paths, labels, image_size, strict, cache_limit_bytes)
    if not scan.paths:
        first_path, first_reason = scan.skipped[0]
        raise DataError(f"no readable images in {folder}: all {len(scan.skipped):,} image files were skipped "
                        f"(first: {first_path}: {first_reason})")
    image_shape, resize, note = target_shape(scan, image_size, channels)
    labels = None if scan.labels is None else np.asarray(scan.labels, np.int32)
    num_classes = None if class_names is None else len(class_names)
    common = dict(batch_size=batch_size, seed=seed, num_classes=num_classes, class_names=class_names,
                  skipped=scan.skipped, note=note)
    if scan.cached:
        images = stack(scan.images, image_shape, resize)
        return from_arrays(folder, images, labels, shuffle=shuffle, **common)
    order = epoch_order(folder, len(scan.paths), batch_size, seed, shuffle)
    feed = FileFeed(scan.paths, labels, order, image_shape, resize)
    return ImageData(folder, feed, len(scan.paths), image_shape, **common)
