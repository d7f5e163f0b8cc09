"""Super-resolution batches: HR crops from any image source, each with its LR copy made by antialiased bicubic shrinking.

The low-resolution image is computed from the high-resolution one in the pipeline
(`tf.image.resize(..., "bicubic", antialias=True)`, as MATLAB's `imresize` that the
SR literature uses), so any source of single images feeds an SR task: `photos:train`
(random crops of the training photos), a folder, `tfds:NAME`, a `.npz`.
"""
import tensorflow as tf

from kgan.data.errors import DataError
from kgan.data.image_data import ImageData
from kgan.tasks import TensorSpec

#: the names of an SR task's batch, as `SRGAN.task` declares them.
NAMES = ("low_res", "high_res")
AUTOTUNE = tf.data.AUTOTUNE


def shrink(images, size):
    """`[B, S, S, C]` in [-1, 1] -> `[B, size, size, C]`: antialiased bicubic, clipped back to [-1, 1]."""
    small = tf.image.resize(images, (size, size), method="bicubic", antialias=True)
    return tf.clip_by_value(small, -1.0, 1.0)


class DownscaledFeed:
    """A feed of image batches turned into `{"low_res", "high_res"}` batches (`high_res` is the image itself)."""

    def __init__(self, feed, low_size):
        self.feed = feed
        self.low_size = low_size

    @property
    def cached(self):
        return self.feed.cached

    def dataset(self, start_step):
        def pair(batch):
            high = batch["images"]  # [B, S, S, C]
            return {"low_res": shrink(high, self.low_size), "high_res": high}

        return self.feed.dataset(start_step).map(pair, num_parallel_calls=AUTOTUNE, deterministic=True)


def is_super_resolution(task):
    return set(task.batch) == set(NAMES)


def open_super_resolution(load_images, spec, task, batch_size, seed, **options):
    """The `ImageData` of an SR task: `load_images` (a `kgan.data.load` call) at the HR size, then the LR copies."""
    high, low = task.batch["high_res"].shape, task.batch["low_res"].shape
    if high[0] != high[1] or low[0] != low[1] or high[0] % low[0] or high[-1] != low[-1]:
        raise DataError(f"an SR task needs square high_res and low_res of one channel count, high_res a whole "
                        f"multiple of low_res; got {task.batch['high_res'].shape_text()} and "
                        f"{task.batch['low_res'].shape_text()}")
    data = load_images(spec, image_size=high[0], channels=high[-1], batch_size=batch_size, seed=seed, **options)
    scale = high[0] // low[0]
    note = ", ".join(part for part in (data.note, f"low_res by antialiased bicubic x1/{scale}") if part)
    batch_spec = {"low_res": TensorSpec(low), "high_res": TensorSpec(high)}
    return ImageData(spec, DownscaledFeed(data.feed, low[0]), data.num_examples, high, batch_size, seed,
                     skipped=data.skipped, note=note, batch_spec=batch_spec)
