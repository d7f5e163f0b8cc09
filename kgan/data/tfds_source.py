"""`tfds:NAME[:SPLIT]`: a TensorFlow Datasets dataset that is already prepared in the data dir.

Nothing is downloaded unless `download=True`; an unprepared dataset is a DataError saying how to
prepare it. The image feature is the supervised input when the dataset has supervised keys
(with its ClassLabel target as labels), otherwise the first Image feature (unlabeled).

A split whose decoded images fit in `cache_limit_bytes` is read once into memory and shuffled
exactly like the other in-memory sources. A larger split is streamed in its stored order (which
TFDS shuffled when it prepared the data), shuffled within blocks by a stateless permutation of
(seed, epoch, block); `dataset(start_step)` starts at the right epoch and `skip`s the steps
before `start_step` within it.
"""
import difflib

import numpy as np
import tensorflow as tf

from kgan.data import transforms
from kgan.data.errors import DataError, one_line
from kgan.data.image_data import ImageData, check_num_classes, epoch_order, from_arrays
from kgan.data.pipeline import image_batch

DEFAULT_SPLIT = "train"
READ_BATCH = 1024
SHUFFLE_BLOCK_BYTES = 256 * 2**20
MAX_SHUFFLE_BLOCK = 10_000
LAST_EPOCH = 2**62


def import_tfds():
    try:
        import tensorflow_datasets as tfds
    except ImportError:
        raise DataError("'tfds:' data needs tensorflow-datasets: pip install tensorflow-datasets") from None
    return tfds


def parse_spec(spec):
    """'tfds:NAME[:SPLIT]' -> (NAME, SPLIT); the split may hold slices such as 'train[:10%]'."""
    name, _, split = spec[len("tfds:"):].partition(":")
    if not name:
        raise DataError(f"{spec!r} names no dataset; use tfds:NAME[:SPLIT], e.g. tfds:mnist or tfds:cifar10:test")
    return name, split or DEFAULT_SPLIT


def make_builder(tfds, name, data_dir):
    try:
        return tfds.builder(name, data_dir=data_dir)
    except tfds.core.registered.DatasetNotFoundError:
        close = difflib.get_close_matches(name, tfds.list_builders(), n=3)
        hint = f"did you mean {', '.join(close)}?" if close else "see https://www.tensorflow.org/datasets/catalog"
        raise DataError(f"unknown TFDS dataset {name!r}; {hint}") from None
    except Exception as error:  # configs, versions and broken builders all raise their own types
        raise DataError(f"cannot open TFDS dataset {name!r}: {one_line(error)}") from None


def prepare_tfds(spec, download=False, data_dir=None):
    """(prepared, data dir) of the TFDS dataset of `spec` (`tfds:NAME[:SPLIT]`); `download` prepares it first.

    Nothing is fetched without `download`, so a caller can say where TFDS looks
    (`TFDS_DATA_DIR`, else `~/tensorflow_datasets`) before it trains. An unknown
    dataset or a failed download is a DataError.

    Example:
    ```python
    prepared, where = kgan.data.prepare_tfds("tfds:cycle_gan/horse2zebra")
    ```
    """
    tfds = import_tfds()
    name, _ = parse_spec(spec)
    builder = make_builder(tfds, name, data_dir)
    if download:
        try:
            builder.download_and_prepare()
        except Exception as error:  # noqa: BLE001
            raise DataError(f"cannot download and prepare TFDS dataset {name!r}: {one_line(error)}") from None
    return builder.is_prepared(), builder.data_dir


def image_and_label_keys(tfds, name, info):
    features = info.features
    supervised = info.supervised_keys
    if (isinstance(supervised, tuple) and len(supervised) == 2 and isinstance(supervised[0], str)
            and isinstance(features[supervised[0]], tfds.features.Image)):
        image_key, label_key = supervised
        if isinstance(label_key, str) and isinstance(features[label_key], tfds.features.ClassLabel):
            return image_key, label_key
        return image_key, None
    for key, feature in features.items():
        if isinstance(feature, tfds.features.Image):
            return key, None
    raise DataError(f"TFDS dataset {name!r} has no image feature (features: {', '.join(features.keys())})")


def read_split(tfds, builder, name, split):
    """The split as a dataset of feature dicts, with an unprepared dataset turned into a DataError."""
    try:
        return builder.as_dataset(split=split, shuffle_files=False)
    except AssertionError:
        raise DataError(f"TFDS dataset {name!r} is not prepared in {builder.data_dir}: run `tfds build {name}` on "
                        "a machine with internet access and copy the data dir here (or point TFDS_DATA_DIR at "
                        "it), or load with download=True") from None
    except (ValueError, KeyError, tf.errors.OpError) as error:
        raise DataError(f"cannot read split {split!r} of TFDS dataset {name!r}: "
                        f"{one_line(error)}") from None


def split_size(builder, split):
    try:
        return int(builder.info.splits[split].num_examples) or None
    except Exception:  # unknown until prepared, e.g. under tfds.testing.mock_data
        return None


class TFDSStreamFeed:
    """A streamed TFDS split: stored order, shuffled within blocks from (seed, epoch, block)."""

    cached = False

    def __init__(self, examples, order, image_bytes):
        self.examples = examples  # {"image": uint8 [H, W, C], "label": int32 []} prepared examples
        self.order = order
        self.block = max(order.batch_size, min(MAX_SHUFFLE_BLOCK, SHUFFLE_BLOCK_BYTES // max(1, image_bytes)))

    def epoch(self, epoch):
        blocks = self.examples.batch(self.block).enumerate()
        if self.order.shuffle:
            def permute(index, block):
                seed = tf.random.experimental.stateless_fold_in(
                    tf.stack([tf.constant(self.order.seed, tf.int64), epoch]), index)
                size = tf.shape(block["image"], out_type=tf.int64)[0]
                positions = tf.random.experimental.index_shuffle(tf.range(size), seed=seed, max_index=size - 1)
                return tf.nest.map_structure(lambda values: tf.gather(values, positions), block)
        else:
            def permute(index, block):
                return block
        return blocks.map(permute).unbatch().batch(self.order.batch_size, drop_remainder=True)

    def dataset(self, start_step):
        first_epoch, offset = divmod(start_step, self.order.steps_per_epoch)
        batches = tf.data.Dataset.range(first_epoch, LAST_EPOCH).flat_map(self.epoch).skip(offset)
        return batches.map(lambda batch: image_batch(transforms.normalize(batch["image"]), batch.get("label")),
                           num_parallel_calls=tf.data.AUTOTUNE, deterministic=True)


def load_tfds(spec, image_size=None, channels=None, *, batch_size, seed, shuffle, data_dir=None,
              download=False, cache_limit_bytes=2 * 2**30, num_classes=None):
    """An `ImageData` for `tfds:NAME[:SPLIT]`."""
    tfds = import_tfds()
    name, split = parse_spec(spec)
    builder = make_builder(tfds, name, data_dir)
    if download:
        try:
            builder.download_and_prepare()
        except Exception as error:
            raise DataError(f"cannot download and prepare TFDS dataset {name!r}: {one_line(error)}") from None
    image_key, label_key = image_and_label_keys(tfds, name, builder.info)
    feature = builder.info.features[image_key]
    height, width, source_channels = feature.shape
    if image_size is None and (height is None or width is None):
        raise DataError(f"{spec} images have no fixed size (shape {feature.shape}); pass image_size")
    channels = channels or (3 if (source_channels or 3) >= 3 else 1)
    image_shape = (image_size, image_size, channels) if image_size else (height, width, channels)

    def prepare(example):
        image = example[image_key]
        if image.dtype != tf.uint8:
            image = tf.image.convert_image_dtype(image, tf.uint8, saturate=True)
        if image_size is not None:
            image = transforms.square_resize(image, image_size)  # [S, S, c]
        image = tf.ensure_shape(transforms.to_channels(image, channels), image_shape)  # [H, W, C]
        prepared = {"image": image}
        if label_key is not None:
            prepared["label"] = tf.cast(example[label_key], tf.int32)
        return prepared

    model_classes, num_classes, class_names = num_classes, None, None
    if label_key is not None:
        num_classes = builder.info.features[label_key].num_classes
        class_names = list(builder.info.features[label_key].names)
    check_num_classes(spec, num_classes, model_classes)
    examples = read_split(tfds, builder, name, split).map(prepare, num_parallel_calls=tf.data.AUTOTUNE)
    image_bytes = int(np.prod(image_shape))
    num_examples = split_size(builder, split)
    common = dict(batch_size=batch_size, seed=seed, num_classes=num_classes, class_names=class_names)
    if num_examples is None or num_examples * image_bytes <= cache_limit_bytes:
        arrays = read_into_memory(examples, cache_limit_bytes)
        if arrays is not None:
            return from_arrays(spec, arrays["image"], arrays.get("label"), shuffle=shuffle, **common)
    if num_examples is None:
        num_examples = int(examples.reduce(np.int64(0), lambda count, _: count + 1))
    order = epoch_order(spec, num_examples, batch_size, seed, shuffle)
    feed = TFDSStreamFeed(examples, order, image_bytes)
    return ImageData(spec, feed, num_examples, image_shape, **common)


def read_into_memory(examples, cache_limit_bytes):
    """The prepared split as numpy arrays, or None once it outgrows `cache_limit_bytes`."""
    parts, total = [], 0
    for batch in examples.batch(READ_BATCH).as_numpy_iterator():
        total += batch["image"].nbytes
        if total > cache_limit_bytes:
            return None
        parts.append(batch)
    if not parts:
        return {"image": np.zeros((0, 1, 1, 1), np.uint8)}
    return {key: np.concatenate([part[key] for part in parts]) for key in parts[0]}
