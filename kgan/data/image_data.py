"""`ImageData`: what `kgan.data.load` returns."""
import numbers

import tensorflow as tf

from kgan.data.errors import DataError
from kgan.data.pipeline import ArrayFeed, EpochOrder
from kgan.tasks import TensorSpec


class ImageData:
    """A loaded image source: its facts, and an infinite, deterministic tf.data pipeline.

    `dataset(start_step)` yields dict batches keyed as `batch_spec` says: `"images"`, float32
    in [-1, 1], `[B, H, W, C]`, and `"labels"`, int32 `[B]`, when the source is labeled (a
    paired source names its own entries, e.g. `"source"` and `"target"`). It repeats epochs
    forever, dropping each epoch's last partial batch, and is deterministic given the seed: the batch at global step p
    is the same whether the pipeline started at step 0 and advanced p steps or started at p.

    Args:
        name: the data string it was loaded from, e.g. "digits", "tfds:mnist" or a folder path.
        feed: the source's batch producer (see `kgan.data.pipeline`).
        num_examples: examples per epoch.
        image_shape: (H, W, C) of every image.
        batch_size: images per batch.
        seed: the seed that fixed the order (and any random crops).
        num_classes: number of classes, or None when unlabeled.
        class_names: a name per class, or None.
        skipped: (path, reason) for every unreadable file that was skipped.
        note: an extra phrase for `describe()`.
        batch_spec: name -> `kgan.tasks.TensorSpec` of what a batch holds, for sources other
            than images (+ labels); by default derived from `image_shape` and `num_classes`.

    Example:
        data = kgan.data.load("digits", batch_size=64, seed=0)
        print(data.describe())  # digits: 1,797 images 32x32x1, 10 classes
        model.fit(data.dataset(), steps_per_epoch=data.steps_per_epoch, epochs=10)
    """

    def __init__(self, name, feed, num_examples, image_shape, batch_size, seed, num_classes=None,
                 class_names=None, skipped=(), note=None, batch_spec=None):
        self.name = name
        self.feed = feed
        self.num_examples = int(num_examples)
        self.image_shape = tuple(int(d) for d in image_shape)
        self.batch_size = int(batch_size)
        self.seed = seed
        self.num_classes = num_classes
        self.class_names = None if class_names is None else list(class_names)
        self.skipped = list(skipped)
        self.note = note
        self._batch_spec = None if batch_spec is None else dict(batch_spec)

    @property
    def batch_spec(self):
        """Name -> `kgan.tasks.TensorSpec` (per example) of the entries of every batch."""
        if self._batch_spec is not None:
            return dict(self._batch_spec)
        spec = {"images": TensorSpec(self.image_shape)}
        if self.num_classes is not None:
            spec["labels"] = TensorSpec((), "int32", num_classes=self.num_classes)
        return spec

    @property
    def steps_per_epoch(self):
        """Full batches per epoch (the last partial batch is dropped)."""
        return self.num_examples // self.batch_size

    @property
    def labeled(self):
        return self.num_classes is not None

    @property
    def cached(self):
        """True when the examples are held in memory, False when streamed from storage."""
        return self.feed.cached

    def dataset(self, start_step=0):
        """The infinite batched pipeline, starting at global step `start_step`."""
        if isinstance(start_step, bool) or not isinstance(start_step, numbers.Integral) or start_step < 0:
            raise DataError(f"start_step must be a non-negative integer, got {start_step!r}")
        start_step = int(start_step)
        options = tf.data.Options()
        options.deterministic = True
        with tf.device("/CPU:0"):
            return self.feed.dataset(start_step).with_options(options).prefetch(tf.data.AUTOTUNE)

    def describe(self):
        """One line for the start of training."""
        if self._batch_spec is not None and "images" not in self._batch_spec:
            entries = ", ".join(f"{name} {spec.shape_text()}" for name, spec in self._batch_spec.items())
            line = f"{self.name}: {self.num_examples:,} examples of {entries}"
        else:
            line = f"{self.name}: {self.num_examples:,} images {'x'.join(map(str, self.image_shape))}"
        if self.num_classes is not None:
            line += f", {self.num_classes} class{'es' if self.num_classes != 1 else ''}"
        if self.note:
            line += f", {self.note}"
        if not self.cached:
            line += ", streamed from storage"
        if self.skipped:
            count = len(self.skipped)
            line += f", skipped {count:,} unreadable file{'s' if count != 1 else ''}"
        return line

    def __repr__(self):
        return f"<ImageData {self.describe()}; batch {self.batch_size}, {self.steps_per_epoch} steps per epoch>"


def check_num_classes(name, found, expected):
    """DataError unless labels with `found` classes (None: unlabeled) suit a model of `expected` classes.

    `expected=None` (an unconditional model) accepts anything.
    """
    if expected is None:
        return
    if found is None:
        raise DataError(f"{name} has no labels, but the model needs labels for {expected} classes")
    if found != expected:
        raise DataError(f"{name} has {found} classes but the model has {expected}")


def epoch_order(name, num_examples, batch_size, seed, shuffle):
    """The `EpochOrder` for a source, or a DataError when not even one full batch fits."""
    if num_examples < batch_size:
        raise DataError(f"batch size {batch_size} is larger than the {num_examples:,} images in {name}; "
                        f"use a batch size of at most {num_examples}")
    return EpochOrder(num_examples, batch_size, seed, shuffle)


def from_arrays(name, images, labels, *, batch_size, seed, shuffle, num_classes=None, class_names=None,
                skipped=(), note=None):
    """An in-memory `ImageData` from `[N, H, W, C]` images on a 0..255 scale and optional `[N]` labels."""
    order = epoch_order(name, len(images), batch_size, seed, shuffle)
    feed = ArrayFeed({"images": images, "labels": labels}, order)
    return ImageData(name, feed, len(images), images.shape[1:], batch_size, seed, num_classes=num_classes,
                     class_names=class_names, skipped=skipped, note=note)
