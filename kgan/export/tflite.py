"""TFLite (LiteRT) files of a fully convolutional image network, such as an SRResNet generator, at any input size.

The file's input is `[1, None, None, C]`: a runtime sets the size it needs with
`Interpreter.resize_tensor_input` (`kgan.export.LiteRTRunner`). Four variants:

- `float32`: the network as trained;
- `float16`: weights stored as float16 (half the size), computed in float32 on CPUs;
- `dynamic_int8`: weights stored as int8, activations quantized on the fly;
- `int8`: weights and activations int8, their ranges calibrated on `representative_images`
  (images from the training data); input and output stay float32, so every variant is
  called the same way.

Conversion needs the TensorFlow backend (TFLite's converter reads TensorFlow graphs).
"""
import tempfile

import keras

from kgan.files import write_bytes

VARIANTS = ("float32", "float16", "dynamic_int8", "int8")


def convert(network, variant="float32", representative_images=None):
    """The `.tflite` file of `network` (a Keras model `[N, h, w, C] -> [N, H, W, C']`), as bytes.

    Args:
        network: the Keras model; its input's channel count is kept, height and width are free.
        variant: one of `VARIANTS`.
        representative_images: for `int8`: float32 arrays `[h, w, C]` (or `[1, h, w, C]`) as the
            network sees them; a few dozen training crops are enough.
    """
    if variant not in VARIANTS:
        raise ValueError(f"unknown TFLite variant {variant!r}; choose one of: {', '.join(VARIANTS)}")
    if keras.backend.backend() != "tensorflow":
        raise ValueError(f"TFLite export needs the TensorFlow backend (KERAS_BACKEND=tensorflow); this process runs "
                         f"{keras.backend.backend()}")
    import tensorflow as tf

    channels = network.inputs[0].shape[-1]
    with tempfile.TemporaryDirectory(prefix="kgan-tflite-") as folder:
        # Through a SavedModel: the converter then sees the weights as constants (a traced function of a
        # Keras 3 model would hand it uninitialised variable reads).
        archive = keras.export.ExportArchive()
        archive.track(network)
        archive.add_endpoint("serve", lambda images: network(images, training=False),
                             input_signature=[tf.TensorSpec([1, None, None, channels], tf.float32, name="images")])
        archive.write_out(folder, verbose=False)
        converter = tf.lite.TFLiteConverter.from_saved_model(folder)
        return _configure(converter, variant, representative_images).convert()


def _configure(converter, variant, representative_images):
    import tensorflow as tf

    if variant != "float32":
        converter.optimizations = [tf.lite.Optimize.DEFAULT]
    if variant == "float16":
        converter.target_spec.supported_types = [tf.float16]
    if variant == "int8":
        images = list(representative_images or ())
        if not images:
            raise ValueError("the int8 TFLite variant calibrates on representative_images: give some training images")

        def representative_dataset():
            for image in images:
                image = tf.convert_to_tensor(image, tf.float32)
                yield [image if image.shape.rank == 4 else image[None]]

        converter.representative_dataset = representative_dataset
        converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
    return converter


def export_tflite(network, path, variant="float32", representative_images=None):
    """Writes `convert(network, variant, representative_images)` to `path` atomically; returns its size in bytes."""
    data = convert(network, variant, representative_images)
    write_bytes(data, path)
    return len(data)
