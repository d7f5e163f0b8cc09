"""Atomic checkpoints every K steps and at every epoch end."""
import keras
import numpy as np

from kgan.callbacks.checkpoint_store import CheckpointStore
from kgan.callbacks.global_step_callback import GlobalStepCallback
from kgan.callbacks.training_diverged import TrainingDiverged


class Checkpoint(GlobalStepCallback):
    """Saves the whole model to a `CheckpointStore` every `every_steps` steps and at each epoch end.

    Before saving it checks that every weight is finite: a model that diverged
    raises `TrainingDiverged` instead, so the last good checkpoint stays the
    latest. On the JAX backend it first copies the trainer's state back into the
    model's variables (Keras does that only at epoch ends). A growing model's
    checkpoint records its stage: `"stage": {"index", "resolution", "start_step",
    "fade_steps", "progress", ...}`.

    Args:
        directory: the checkpoint folder (or a `CheckpointStore`).
        every_steps: also save every this many global steps; None for epoch ends only.
        keep: how many checkpoints to keep.
        initial_step: see `GlobalStepCallback`.
        steps_per_epoch: if given, each checkpoint records its epoch position.
        stage: a growing run's extra record of the stage (the run layer's `first_epoch`,
            `steps_per_epoch`); epochs are then counted from the stage's start.

    Example:
    ```python
    model.fit(data, epochs=10, callbacks=[kgan.callbacks.Checkpoint("run/checkpoints", every_steps=500)])
    ```
    """

    def __init__(self, directory, every_steps=None, keep=3, initial_step=None, steps_per_epoch=None, stage=None):
        super().__init__(initial_step)
        if every_steps is not None and every_steps < 1:
            raise ValueError(f"every_steps must be a positive number of steps, got {every_steps}.")
        self.store = directory if isinstance(directory, CheckpointStore) else CheckpointStore(directory, keep)
        self.every_steps = every_steps
        self.steps_per_epoch = steps_per_epoch
        self.stage = dict(stage or {})
        self.last_saved_step = None

    def on_step_end(self, step, logs):
        if self.every_steps and step % self.every_steps == 0:
            self.save()

    def on_epoch_end(self, epoch, logs=None):
        self.save()

    def save(self):
        if self.step == self.last_saved_step:
            return None
        if hasattr(self.model, "jax_state_sync"):
            self.model.jax_state_sync()
        for variable in self.model.weights:
            value = np.asarray(keras.ops.convert_to_numpy(variable))
            if np.issubdtype(value.dtype, np.floating) and not np.all(np.isfinite(value)):
                raise TrainingDiverged(f"weight {variable.path} is not finite at step {self.step}", step=self.step)
        info = {}
        stage = self._stage_record()
        if self.steps_per_epoch:
            epoch = self.step // self.steps_per_epoch
            if stage:
                epoch = stage.get("first_epoch", 0) + (self.step - stage["start_step"]) // self.steps_per_epoch
            info.update(epoch=epoch, steps_per_epoch=self.steps_per_epoch)
        if stage:
            info.update(stage=stage)
        path = self.store.save(self.model, self.step, **info)
        self.last_saved_step = self.step
        return path

    def _stage_record(self):
        """The stage of a growing model, read from its variables; {} for a model that does not grow."""
        plan = self.model.stage_plan() if hasattr(self.model, "stage_plan") else None
        if plan is None:
            return {}
        state, index = self.model.stage_state, int(self.model.stage)
        value = lambda v: keras.ops.convert_to_numpy(v).item()  # noqa: E731
        return {"index": index, "resolution": plan[index].resolution, "start_step": int(value(state.stage_start)),
                "fade_steps": int(value(state.fade_steps)), "progress": float(value(state.progress)), **self.stage}
