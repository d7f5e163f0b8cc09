"""Image data as tf.data pipelines: embedded sets, TFDS, folders and .npz files.

`load(spec, ...)` returns an `ImageData` whose `dataset(start_step)` is an infinite, batched,
prefetched pipeline of dict batches: `"images"`, float32 in [-1, 1] (and `"labels"`, int32, when
the source has them). `paired_arrays` holds paired images under their own names, with the same
random crop and mirror for every image of an example (`transforms.joint_jitter`). Both are
deterministic given the seed and able to start at any step. Bad input raises `DataError`, a
`ValueError` with a one-line message.

`load_task(spec, task, ...)` returns the batches a family's declared task holds: images (+ labels)
from any `load` source, `source`/`target` pairs (pix2pix folders, A/ and B/ folders,
`photos:colorize`, `photos:edges`), or unpaired `domain_a`/`domain_b` (CycleGAN folders,
`tfds:cycle_gan/NAME`, `photos:unpaired`), jittered as pix2pix and CycleGAN are.

This package imports TensorFlow; the engine, losses, layers and models never import it.
"""
from kgan.data.errors import DataError, MissingSplit
from kgan.data.image_data import ImageData
from kgan.data.loading import SOURCES, load
from kgan.data.paired import paired_arrays
from kgan.data.task_loading import load_task
from kgan.data.tfds_source import prepare_tfds

__all__ = ["DataError", "ImageData", "MissingSplit", "SOURCES", "load", "load_task", "paired_arrays", "prepare_tfds"]
