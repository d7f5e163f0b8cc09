"""Command-line values checked by kgan itself, so every bad one is a one-line error."""
import os
import sys

from kgan.checks import check_int
from kgan.cli.usage_error import UsageError


def integer(option, text, minimum=0, default=None, maximum=None):
    if text is None:
        return default
    try:
        value = int(text)
    except ValueError:
        raise UsageError(f"{option} must be an integer, got {text!r}") from None
    check_int(option, value, minimum, maximum=maximum, error=UsageError)
    return value


def number(option, text):
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        raise UsageError(f"{option} must be a number, got {text!r}") from None


def integer_list(option, text):
    """`"0,1,2"` -> [0, 1, 2]."""
    if text is None:
        return None
    items = [item.strip() for item in text.split(",")]
    try:
        return [int(item) for item in items]
    except ValueError:
        raise UsageError(f"{option} must be comma-separated integers like 0,1,2, got {text!r}") from None


def choice(option, text, choices):
    if text is not None and text not in choices:
        raise UsageError(f"{option} must be one of {', '.join(choices)}, got {text!r}")
    return text


def use_backend(name, deterministic=False):
    """Selects the Keras backend before Keras loads (`--backend`); an error if Keras already runs another."""
    choice("--backend", name, ("tensorflow", "jax"))
    if deterministic and (name or os.environ.get("KERAS_BACKEND")) == "jax" and "jax" not in sys.modules:
        flag = "--xla_gpu_deterministic_ops=true"
        if flag not in os.environ.get("XLA_FLAGS", ""):
            os.environ["XLA_FLAGS"] = f"{os.environ.get('XLA_FLAGS', '')} {flag}".strip()
    if name is None:
        return
    if "keras" in sys.modules:
        import keras

        if keras.backend.backend() != name:
            raise UsageError(f"--backend {name}: Keras is already running on {keras.backend.backend()} "
                              "in this process")
        return
    os.environ["KERAS_BACKEND"] = name


def fail(message, code=2):
    """Prints `kgan: error: MESSAGE` as one line on stderr and returns the exit code."""
    text = " ".join(str(message).split())
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1]  # library messages are sentences; the command's are phrases
    print(f"kgan: error: {text}", file=sys.stderr)
    return code
