"""TensorBoard event files, written with TensorFlow's core summary op.

`tf.summary.scalar` and `tf.summary.image` need the `tensorboard` package; the
core `tf.summary.write` with the plugins' metadata writes the same events
without it. Without TensorFlow at all, the writer does nothing.
"""
import keras

from kgan.images import encode_png


def _tensorflow():
    try:
        import tensorflow as tf
    except ImportError:
        return None
    if keras.backend.backend() != "tensorflow":
        try:  # summaries are host-side: keep TensorFlow off the GPU that JAX owns
            tf.config.set_visible_devices([], "GPU")
        except (RuntimeError, ValueError):
            pass
    return tf


class SummaryWriter:
    """Writes scalars and images under `log_dir` for TensorBoard.

    Args:
        log_dir: the event folder, e.g. `RUN_DIR/logs/train`.

    Example:
    ```python
    writer = SummaryWriter("run/logs/train")
    writer.scalar("d_loss", 0.69, step=100)
    writer.image("samples", grid_uint8, step=100)
    ```
    """

    def __init__(self, log_dir):
        self.log_dir = log_dir
        self._tf = _tensorflow()
        self._writer = self._tf.summary.create_file_writer(log_dir) if self._tf else None

    @property
    def enabled(self):
        return self._writer is not None

    def _metadata(self, plugin):
        from tensorflow.core.framework import summary_pb2

        return summary_pb2.SummaryMetadata(
            plugin_data=summary_pb2.SummaryMetadata.PluginData(plugin_name=plugin))

    def _write(self, tag, tensor, step, plugin):
        tf = self._tf
        with tf.device("/cpu:0"), self._writer.as_default():
            tf.summary.write(tag, tensor, step=int(step), metadata=self._metadata(plugin))

    def scalar(self, tag, value, step):
        if self.enabled:
            self._write(tag, self._tf.constant(float(value), self._tf.float32), step, "scalars")

    def image(self, tag, image, step):
        """`image`: `[H, W, C]` uint8."""
        if self.enabled:
            height, width = image.shape[:2]
            # The images plugin's layout: [width, height, encoded image, ...] as strings.
            tensor = self._tf.constant([str(width).encode(), str(height).encode(), encode_png(image)])
            self._write(tag, tensor, step, "images")

    def flush(self):
        if self.enabled:
            self._writer.flush()

    def close(self):
        if self.enabled:
            self._writer.close()
