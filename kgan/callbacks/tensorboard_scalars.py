"""Loss curves for TensorBoard."""
import numpy as np

from kgan.callbacks.global_step_callback import GlobalStepCallback
from kgan.callbacks.summary_writer import SummaryWriter


class TensorBoardScalars(GlobalStepCallback):
    """Writes the logged losses against the global step: every `every_steps` steps and each epoch's mean.

    Step-level tags are the log keys (`d_loss`); epoch means are `epoch_d_loss`.

    Args:
        log_dir: the event folder, or a `SummaryWriter` to share (e.g. with `SampleGrid`).
        every_steps: how often to write the running values; None for epoch means only.
        initial_step: see `GlobalStepCallback`.
    """

    def __init__(self, log_dir, every_steps=50, initial_step=None):
        super().__init__(initial_step)
        self.writer = log_dir if isinstance(log_dir, SummaryWriter) else SummaryWriter(log_dir)
        self.every_steps = every_steps

    def _write(self, logs, prefix=""):
        for key, value in logs.items():
            self.writer.scalar(prefix + key, float(np.asarray(value)), self.step)

    def on_step_end(self, step, logs):
        if self.writer.enabled and self.every_steps and step % self.every_steps == 0:
            self._write(logs)

    def on_epoch_end(self, epoch, logs=None):
        self._write(logs or {}, prefix="epoch_")
        self.writer.flush()

    def on_train_end(self, logs=None):
        self.writer.flush()
