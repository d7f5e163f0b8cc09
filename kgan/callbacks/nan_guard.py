"""Stops training at the first non-finite loss."""
import math

import numpy as np

from kgan.callbacks.global_step_callback import GlobalStepCallback
from kgan.callbacks.training_diverged import TrainingDiverged


class NaNGuard(GlobalStepCallback):
    """Raises `TrainingDiverged` at the first step whose logged losses are not all finite.

    Put it before `Checkpoint` in the callback list, so that the step that
    diverged is never checkpointed. The logged values are the epoch's running
    means, so the first non-finite one appears at the step that diverged.

    Args:
        initial_step: see `GlobalStepCallback`.

    Example:
    ```python
    model.fit(data, callbacks=[kgan.callbacks.NaNGuard(), kgan.callbacks.Checkpoint("ckpts")])
    ```
    """

    def on_step_end(self, step, logs):
        for key, value in logs.items():
            value = float(np.asarray(value))
            if not math.isfinite(value):
                self.model.stop_training = True
                raise TrainingDiverged(f"{key} is {value} at step {step}", step=step, key=key)
