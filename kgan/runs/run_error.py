"""The error for a run that cannot start or continue as asked."""


class RunError(ValueError):
    """Bad input for a training run or for sampling: one line naming the problem.

    The command line prints it as `kgan: error: ...` and exits with code 2.
    """

    def __init__(self, message):
        super().__init__(" ".join(str(message).split()))
