"""The one error class of the `kgan` command line."""


class UsageError(ValueError):
    """Bad input on the command line (an option, a value, a name): `kgan: error: ...` on one line, exit code 2.

    Raised by the argument parser and by the commands' own checks; `kgan.cli.main` prints it.

    Args:
        message: one line naming the bad value and, where there is one, the valid choice.

    Example:
    ```python
    raise UsageError("--epochs must be at least 1, got 0")
    ```
    """
