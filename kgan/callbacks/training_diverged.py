"""The error that stops a run whose loss or weights stopped being finite."""


class TrainingDiverged(RuntimeError):
    """Training produced a non-finite loss or weight; raised by `NaNGuard` and `Checkpoint`.

    Args:
        message: one line naming what went non-finite and at which step.
        step: the global step at which it was found.
        key: the loss key (e.g. `"d_loss"`), or None for weights.
    """

    def __init__(self, message, step=None, key=None):
        super().__init__(message)
        self.step = step
        self.key = key
