"""A Keras callback that knows the global training step, across epochs, `fit` calls and resumes."""
import keras


class GlobalStepCallback(keras.callbacks.Callback):
    """Base of callbacks that act on global step numbers.

    `step` counts completed training steps over the whole run. Subclasses
    override `on_step_end(step, logs)` and, if they override `on_epoch_begin`,
    call `super()`.

    Args:
        initial_step: the global step at which training starts (a resumed run's
            checkpoint step). None reads the model's `optimizer.iterations` when
            training begins.
    """

    def __init__(self, initial_step=None):
        super().__init__()
        self.initial_step = initial_step
        self.step = initial_step
        self._epoch_start = initial_step

    def on_train_begin(self, logs=None):
        if self.step is None:
            self.step = int(keras.ops.convert_to_numpy(self.model.optimizer.iterations))
        self._epoch_start = self.step

    def on_epoch_begin(self, epoch, logs=None):
        self._epoch_start = self.step

    def on_train_batch_end(self, batch, logs=None):
        self.step = self._epoch_start + batch + 1
        self.on_step_end(self.step, logs or {})

    def on_step_end(self, step, logs):
        pass
