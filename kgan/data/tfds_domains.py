"""`tfds:cycle_gan/NAME`: the two domains of a TFDS dataset with splits trainA, trainB, testA, testB."""
import tensorflow as tf

from kgan.data import transforms
from kgan.data.array_examples import ArrayExamples
from kgan.data.errors import DataError, MissingSplit, one_line
from kgan.data.tfds_source import image_and_label_keys, import_tfds, make_builder, read_into_memory, read_split
from kgan.data.two_sides import TwoSides


def known_splits(builder):
    try:
        return set(builder.info.splits.keys())
    except Exception:  # noqa: BLE001  (unknown until prepared, e.g. under tfds.testing.mock_data)
        return set()


def read_domain(tfds, builder, name, split, image_key, shape, cache_limit_bytes):
    size, _, channels = shape

    def prepare(example):
        image = example[image_key]
        if image.dtype != tf.uint8:
            image = tf.image.convert_image_dtype(image, tf.uint8, saturate=True)
        return transforms.to_channels(transforms.square_resize(image, size), channels)  # [S, S, C]

    examples = read_split(tfds, builder, name, split).map(prepare, num_parallel_calls=tf.data.AUTOTUNE)
    arrays = read_into_memory(examples.map(lambda image: {"image": image}), cache_limit_bytes)
    if arrays is None:
        raise DataError(f"split {split!r} of TFDS dataset {name!r} does not fit in memory at {size}x{size} "
                        f"(cache_limit_bytes={cache_limit_bytes:,}); export it to a folder of trainA/ and trainB/")
    if len(arrays["image"]) == 0:
        raise DataError(f"split {split!r} of TFDS dataset {name!r} is empty")
    return arrays["image"]


def open_tfds_domains(spec, split, shapes, *, data_dir, download, cache_limit_bytes):
    """`TwoSides` of `tfds:NAME[:SPLIT]`: domain A from split SPLIT + "A", domain B from SPLIT + "B", in memory."""
    tfds = import_tfds()
    name, _, explicit = spec[len("tfds:"):].partition(":")
    if not name:
        raise DataError(f"{spec!r} names no dataset; use tfds:NAME, e.g. tfds:cycle_gan/horse2zebra")
    split = explicit or split
    builder = make_builder(tfds, name, data_dir)
    if download:
        try:
            builder.download_and_prepare()
        except Exception as error:  # noqa: BLE001
            raise DataError(f"cannot download and prepare TFDS dataset {name!r}: {one_line(error)}") from None
    splits = known_splits(builder)
    if splits and not {f"{split}A", f"{split}B"} <= splits:
        if not any(s.endswith(("A", "B")) for s in splits):
            raise DataError(f"TFDS dataset {name!r} has no two domains (splits {', '.join(sorted(splits))}); "
                            "unpaired data needs splits trainA and trainB, as the cycle_gan/* datasets have")
        raise MissingSplit(f"TFDS dataset {name!r} has no {split}A and {split}B splits "
                           f"(it has {', '.join(sorted(splits))})")
    image_key, _ = image_and_label_keys(tfds, name, builder.info)
    a, b = (read_domain(tfds, builder, name, f"{split}{side}", image_key, shapes[side], cache_limit_bytes // 2)
            for side in "AB")
    note = f"{split}A {len(a):,} and {split}B {len(b):,} images"
    return TwoSides(spec, False, ArrayExamples({"A": a}), ArrayExamples({"B": b}), note=note)
