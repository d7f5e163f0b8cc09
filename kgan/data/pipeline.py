"""Batch order and the tf.data pipelines behind `ImageData.dataset(start_step)`.

The batch at global step p is a pure function of (seed, p): step p lies in epoch
p // steps_per_epoch, and the epoch's order is a stateless permutation seeded by (seed, epoch)
(`tf.random.experimental.index_shuffle`). A pipeline can therefore start at any step without
replaying the steps before it, and the global TensorFlow seed plays no part. Each epoch drops
its last partial batch.
"""
import tensorflow as tf

from kgan.data import transforms

AUTOTUNE = tf.data.AUTOTUNE


class EpochOrder:
    """Which examples make up the batch at each global step.

    Args:
        num_examples: examples per epoch, N.
        batch_size: B; an epoch has N // B full batches.
        seed: integer seed of the per-epoch permutations.
        shuffle: False keeps the stored order in every epoch.
    """

    def __init__(self, num_examples, batch_size, seed, shuffle=True):
        self.num_examples = num_examples
        self.batch_size = batch_size
        self.seed = seed
        self.shuffle = shuffle
        self.steps_per_epoch = num_examples // batch_size

    def indices(self, step):
        """Example indices of the batch at global `step` (an int64 scalar tensor): `[B]` int64."""
        step = tf.cast(step, tf.int64)
        epoch = step // self.steps_per_epoch
        first = (step % self.steps_per_epoch) * self.batch_size
        positions = first + tf.range(self.batch_size, dtype=tf.int64)  # [B]
        if not self.shuffle:
            return positions
        seed = tf.stack([tf.constant(self.seed, tf.int64), epoch])  # [2]
        return tf.random.experimental.index_shuffle(
            positions, seed=seed, max_index=tf.constant(self.num_examples - 1, tf.int64))


def counter(start_step):
    """Global step numbers start_step, start_step + 1, ... as an int64 dataset."""
    return tf.data.Dataset.counter(start_step, dtype=tf.int64)


def image_batch(images, labels):
    """The dict batch of an image source: `{"images": ...}`, with `"labels"` when it is labeled."""
    return {"images": images} if labels is None else {"images": images, "labels": labels}


class ArrayFeed:
    """Examples cached in memory as tensors, one per batch entry; each batch is a gather.

    Args:
        arrays: name -> `[N, ...]`: images `[N, H, W, C]` (uint8, or float32 on a 0..255
            scale; normalized to [-1, 1]) and integer entries such as labels `[N]` (int32).
        order: the `EpochOrder`.
        augment: optional `(batch, step) -> batch`, applied to each normalized batch with its
            global step, e.g. `transforms.joint_jitter` for paired images.
    """

    cached = True

    def __init__(self, arrays, order, augment=None):
        self.arrays = {name: tf.convert_to_tensor(values) for name, values in arrays.items() if values is not None}
        self.arrays = {name: values if values.shape.rank == 4 else tf.cast(values, tf.int32)
                       for name, values in self.arrays.items()}
        self.order = order
        self.augment = augment

    def batch_at(self, step):
        indices = self.order.indices(step)  # [B]
        batch = {name: tf.gather(values, indices) for name, values in self.arrays.items()}
        batch = {name: transforms.normalize(values) if values.shape.rank == 4 else values
                 for name, values in batch.items()}  # images [B, H, W, C] in [-1, 1]; labels [B]
        return batch if self.augment is None else self.augment(batch, step)

    def dataset(self, start_step):
        return counter(start_step).map(self.batch_at, num_parallel_calls=AUTOTUNE, deterministic=True)


class FileFeed:
    """Image files decoded on the fly, for folders too large to cache.

    The files were all decoded once when the folder was scanned, so a decode error here means a
    file changed since; it stops the pipeline with TensorFlow's error.

    Args:
        paths: the image files, in their stored order.
        labels: `[N]` integers, or None.
        order: the `EpochOrder`.
        image_shape: (H, W, C) of the output.
        resize: True to center-crop and resize every image to H x W (H == W); False when all
            images already have the shape.
    """

    cached = False

    def __init__(self, paths, labels, order, image_shape, resize):
        self.paths = tf.constant(list(paths))
        self.labels = None if labels is None else tf.convert_to_tensor(labels, tf.int32)
        self.order = order
        self.image_shape = tuple(image_shape)
        self.resize = resize

    def load_example(self, index):
        height, width, channels = self.image_shape
        image = transforms.decode(tf.io.read_file(tf.gather(self.paths, index)))  # [h, w, c]
        if self.resize:
            image = transforms.square_resize(image, height)  # [H, W, c]
        else:
            image = tf.ensure_shape(image, (height, width, None))
        image = transforms.normalize(transforms.to_channels(image, channels))  # [H, W, C]
        labels = None if self.labels is None else tf.gather(self.labels, index)
        return image_batch(image, labels)

    def dataset(self, start_step):
        indices = counter(start_step).map(self.order.indices).unbatch()
        examples = indices.map(self.load_example, num_parallel_calls=AUTOTUNE, deterministic=True)
        return examples.batch(self.order.batch_size, drop_remainder=True)
