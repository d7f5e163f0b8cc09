"""The schedule's counters, as model state: saved with the model, carried through JAX steps."""
import keras


class ScheduleState(keras.layers.Layer):
    """Non-trainable int32 counters of where training stands.

    - `step`: train steps (batches) run: the global step that checkpoints,
      logs and TensorBoard read.
    - `cycle`: schedule cycles completed (generator iterations in WGAN).
    - `phase`: train steps into the current cycle (0 unless a step takes
      fresh data, so that a cycle spans several train steps).
    - `cycle_length`: train steps of the current cycle, fixed at its start.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("name", "schedule_state")
        super().__init__(**kwargs)
        for name in ("step", "cycle", "phase", "cycle_length"):
            setattr(self, name, self.add_weight(shape=(), dtype="int32", initializer="zeros",
                                                trainable=False, name=name))
        self.built = True
