"""Image data as tf.data pipelines: embedded sets, TFDS, folders and .npz files.

`load(spec, ...)` returns an `ImageData` whose `dataset(start_step)` is an infinite, batched,
prefetched pipeline of float32 images in [-1, 1] (with int32 labels when the source has them),
deterministic given the seed and able to start at any step. Bad input raises `DataError`, a
`ValueError` with a one-line message.

This package imports TensorFlow; the engine, losses, layers and models never import it.
"""
from kgan.data.errors import DataError
from kgan.data.image_data import ImageData
from kgan.data.loading import SOURCES, load

__all__ = ["DataError", "ImageData", "SOURCES", "load"]
