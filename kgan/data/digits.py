"""`digits`: scikit-learn's 1,797 real handwritten digits (8x8, values 0..16), upsampled."""
import numpy as np
import tensorflow as tf

from kgan.data import transforms
from kgan.data.errors import DataError
from kgan.data.image_data import from_arrays

DEFAULT_SIZE = 32


def load_digits(image_size=None, channels=None, *, batch_size, seed, shuffle):
    """The digits as an `ImageData`: 32x32 grayscale by default, labels 0-9.

    The 8x8 originals are resized bilinearly (with antialiasing when shrinking), so every value
    stays within [-1, 1], with 0 -> -1 and 16 -> 1 exactly.
    """
    try:
        from sklearn.datasets import load_digits as sklearn_digits
    except ImportError:
        raise DataError("the 'digits' source needs scikit-learn: pip install scikit-learn") from None
    bunch = sklearn_digits()
    size = image_size or DEFAULT_SIZE
    originals = bunch.images.astype(np.float32)[..., None] * np.float32(255 / 16)  # [N, 8, 8, 1], 0..255
    images = tf.image.resize(originals, (size, size), method="bilinear", antialias=True)  # [N, S, S, 1]
    if channels == 3:
        images = transforms.to_channels(images, 3)  # [N, S, S, 3]
    return from_arrays("digits", images.numpy(), bunch.target.astype(np.int32), batch_size=batch_size, seed=seed,
                       shuffle=shuffle, num_classes=10, class_names=[str(d) for d in range(10)])
