"""CycleGAN's learning rate: constant for some epochs, then decayed linearly towards 0."""
import keras
from keras import ops

from kgan.checks import check_int, check_number


@keras.saving.register_keras_serializable(package="kgan")
class LinearDecay(keras.optimizers.schedules.LearningRateSchedule):
    """`initial_learning_rate * (1 - max(0, e + 1 - constant_epochs) / (decay_epochs + 1))` in epoch `e`.

    `e = step // steps_per_epoch` counts from 0, so the rate is constant within an
    epoch, as in the reference, which updates it once per epoch (`lr_policy
    "linear"`, `LambdaLR` stepped after each epoch). The first `constant_epochs`
    epochs keep the initial rate; the next `decay_epochs` ones step it down by
    `1 / (decay_epochs + 1)` each, to `1 / (decay_epochs + 1)` of it in the
    last one; after that it is 0. With `steps_per_epoch=1` the "epochs" are steps.

    Args:
        initial_learning_rate: the rate of the constant epochs.
        constant_epochs: epochs at the initial rate (the reference's `n_epochs`, 100).
        decay_epochs: epochs of the linear decay (`n_epochs_decay`, 100).
        steps_per_epoch: optimizer steps per epoch (batches of the training set).

    Example:
    ```python
    rate = LinearDecay(2e-4, constant_epochs=100, decay_epochs=100, steps_per_epoch=1067)  # horse2zebra, batch 1
    keras.optimizers.Adam(rate, beta_1=0.5)
    ```
    """

    def __init__(self, initial_learning_rate, constant_epochs, decay_epochs, steps_per_epoch=1):
        check_number("initial_learning_rate", initial_learning_rate, 0, exclusive=True)
        check_int("constant_epochs", constant_epochs, 0)
        check_int("decay_epochs", decay_epochs, 0)
        check_int("steps_per_epoch", steps_per_epoch, 1)
        self.initial_learning_rate = float(initial_learning_rate)
        self.constant_epochs = constant_epochs
        self.decay_epochs = decay_epochs
        self.steps_per_epoch = steps_per_epoch

    def __call__(self, step):
        epoch = ops.floor_divide(ops.cast(step, "int32"), self.steps_per_epoch)
        decayed = ops.maximum(ops.cast(epoch + 1 - self.constant_epochs, "float32"), 0.0)
        factor = ops.maximum(1.0 - decayed / float(self.decay_epochs + 1), 0.0)
        return self.initial_learning_rate * factor

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate, "constant_epochs": self.constant_epochs,
                "decay_epochs": self.decay_epochs, "steps_per_epoch": self.steps_per_epoch}
