"""Tasks of two images, as the image-to-image families declare them, for the data tests."""
import numpy as np

from kgan.tasks import Task, TensorSpec


def paired_task(size=8, source_channels=3, target_channels=3):
    """pix2pix's task: a `source` to translate into a `target`."""
    return Task({"source": TensorSpec((size, size, source_channels)),
                 "target": TensorSpec((size, size, target_channels))}, conditioning=("source",), output="target")


def unpaired_task(size=8, channels=3):
    """CycleGAN's task: two domains."""
    return Task({"domain_a": TensorSpec((size, size, channels)), "domain_b": TensorSpec((size, size, channels))},
                conditioning=("domain_a",), output="domain_b")


def as_uint8(images):
    """Pipeline values in [-1, 1] back on the 0..255 scale (exact for values that came from uint8)."""
    return np.round((np.asarray(images) + 1) * 127.5).astype(np.uint8)


def take(data, steps, start_step=0):
    """The first `steps` batches from `start_step`, as dicts of numpy arrays."""
    return list(data.dataset(start_step).take(steps).as_numpy_iterator())
