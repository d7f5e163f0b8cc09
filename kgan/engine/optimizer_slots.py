"""Which model variable each optimizer variable (Adam's moments, ...) belongs to."""
import contextlib

import keras


@contextlib.contextmanager
def recording_slots():
    """Records `(slot, reference_variable, slot_name)` for every slot an optimizer builds in the block.

    Keras creates every per-variable optimizer state through
    `add_variable_from_reference`; recording its calls pairs each slot with its
    model variable, whatever the optimizer class (and through a `LossScaleOptimizer`).

    Example:
    ```python
    with recording_slots() as slots:
        optimizer.build(variables)
    ```
    """
    slots = []
    cls = keras.optimizers.Optimizer
    own = cls.__dict__.get("add_variable_from_reference")
    original = cls.add_variable_from_reference

    def recording(self, reference_variable, name=None, initializer="zeros"):
        slot = original(self, reference_variable, name=name, initializer=initializer)
        slots.append((slot, reference_variable, name))
        return slot

    cls.add_variable_from_reference = recording
    try:
        yield slots
    finally:
        if own is None:
            del cls.add_variable_from_reference
        else:
            cls.add_variable_from_reference = own
