"""Image data as tf.data pipelines: embedded sets, TFDS, folders and .npz files.

`load(spec, ...)` returns an `ImageData` whose `dataset(start_step)` is an infinite, batched,
prefetched pipeline of dict batches: `"images"`, float32 in [-1, 1] (and `"labels"`, int32, when
the source has them). `paired_arrays` holds paired images under their own names, with the same
random crop and mirror for every image of an example (`transforms.joint_jitter`). Both are
deterministic given the seed and able to start at any step. Bad input raises `DataError`, a
`ValueError` with a one-line message.

This package imports TensorFlow; the engine, losses, layers and models never import it.
"""
from kgan.data.errors import DataError
from kgan.data.image_data import ImageData
from kgan.data.loading import SOURCES, load
from kgan.data.paired import paired_arrays

__all__ = ["DataError", "ImageData", "SOURCES", "load", "paired_arrays"]
