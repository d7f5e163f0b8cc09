"""VGG54: the frozen VGG19 feature network of SRGAN's content loss (conv5_4 after its ReLU)."""
import os

import keras
from keras import ops

WEIGHTS_FILE = "vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5"
WEIGHTS_URL = f"https://storage.googleapis.com/tensorflow/keras-applications/vgg19/{WEIGHTS_FILE}"
#: Caffe's ImageNet mean, BGR, which the Keras VGG19 weights expect to have been subtracted.
BGR_MEAN = (103.939, 116.779, 123.68)


class VGGWeightsError(ValueError):
    """The VGG19 weights cannot be had: not cached and not downloadable, or a given file unreadable."""


def cached_weights_path():
    """Where `keras.applications.VGG19(weights="imagenet")` looks for its weights first."""
    home = os.environ.get("KERAS_HOME", os.path.join(os.path.expanduser("~"), ".keras"))
    return os.path.join(home, "models", WEIGHTS_FILE)


def build_vgg54(weights="imagenet"):
    """VGG19's convolutions up to `block5_conv4` (ReLU included): `[N, H, W, 3]` (Caffe input) -> `[N, H/16, W/16, 512]`.

    `weights`: `"imagenet"` (Keras's file, downloaded once into the Keras cache),
    a path to that `.h5` file, or None for random weights (tests).
    """
    if weights not in (None, "imagenet") and not os.path.isfile(weights):
        raise VGGWeightsError(f"vgg_weights {weights}: no such file (give the path of {WEIGHTS_FILE})")
    cached = weights == "imagenet" and os.path.isfile(cached_weights_path())
    try:
        vgg = keras.applications.VGG19(include_top=False, weights="imagenet" if weights == "imagenet" else None,
                                       input_shape=(None, None, 3))
    except Exception as error:  # keras.utils.get_file raises a bare Exception when the download fails
        if weights != "imagenet" or cached:
            raise
        raise VGGWeightsError(
            f"the VGG19 ImageNet weights are not cached and could not be downloaded "
            f"({' '.join(str(error).split())[:120]}): put {WEIGHTS_URL} at {cached_weights_path()}, "
            f"or give vgg_weights=PATH (--vgg-weights PATH)") from None
    if weights not in (None, "imagenet"):
        try:
            vgg.load_weights(weights)
        except Exception as error:
            raise VGGWeightsError(f"vgg_weights {weights}: not VGG19's weights file {WEIGHTS_FILE} "
                                  f"({' '.join(str(error).split())[:120]})") from None
    return keras.Model(vgg.input, vgg.get_layer("block5_conv4").output, name="vgg54")


def caffe_input(images):
    """Images in [-1, 1], RGB `[N, H, W, 3]` -> what the Keras VGG19 weights take: BGR in 0-255, mean removed."""
    pixels = (ops.cast(images, "float32") + 1.0) * 127.5  # [N, H, W, 3] RGB in [0, 255]
    return ops.flip(pixels, axis=-1) - ops.convert_to_tensor(BGR_MEAN, "float32")
