"""Argument checks shared by the models, the data loader, the run settings and the command line.

Each raises a one-line error, `ValueError` unless `error` names another class,
that names the argument and the value it got. A check never coerces: `2.9` is
not an integer, and a caller converts (`tuple(value)`) only after its check.
No Keras here, so the command line can check values before it picks a backend.
"""
import math
import numbers

#: the largest seed Keras and NumPy take.
MAX_SEED = 2**32 - 1


def _is_int(value):
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def check_int(name, value, minimum=1, allow_none=False, error=ValueError, maximum=None):
    """`value` is an integer (not a bool; numpy integers count) in `[minimum, maximum]`, or None if allowed."""
    if value is None and allow_none:
        return
    if not _is_int(value) or value < minimum or (maximum is not None and value > maximum):
        bound = f"in [{minimum}, {maximum}]" if maximum is not None else f">= {minimum}"
        raise error(f"{name} must be an integer {bound}{' or None' if allow_none else ''}, got {value!r}")


def check_int_sequence(name, value, length=None, minimum=1, error=ValueError):
    """`value` is a list or tuple (of `length` items, if given) of integers of at least `minimum`."""
    ok = isinstance(value, (list, tuple)) and (length is None or len(value) == length) and all(
        _is_int(item) and item >= minimum for item in value)
    if not ok:
        size = f"{length} " if length is not None else ""
        raise error(f"{name} must be a list of {size}integers >= {minimum}, got {value!r}")


def check_number(name, value, minimum=0, exclusive=False, error=ValueError, maximum=None, allow_none=False):
    """`value` is a finite real number of at least `minimum` (above it if `exclusive`), below `maximum` if given.

    NaN and infinities fail; so do bools and strings. `maximum` is exclusive: the
    ranges that need one are fractions such as `[0, 1)`.
    """
    if value is None and allow_none:
        return
    ok = not isinstance(value, bool) and isinstance(value, numbers.Real) and math.isfinite(value) and (
        value > minimum if exclusive else value >= minimum) and (maximum is None or value < maximum)
    if not ok:
        if maximum is not None:
            bound = f"in {'(' if exclusive else '['}{minimum}, {maximum})"
        else:
            bound = f"{'>' if exclusive else '>='} {minimum}"
        raise error(f"{name} must be a number {bound}{' or None' if allow_none else ''}, got {value!r}")


def check_bool(name, value, error=ValueError):
    """`value` is True or False (not 0, 1 or a string)."""
    if not isinstance(value, bool):
        raise error(f"{name} must be True or False, got {value!r}")


def check_power_of_two(name, value, minimum=8, error=ValueError):
    """`value` is an integer power of 2 of at least `minimum`."""
    if not _is_int(value) or value < minimum or value & (value - 1):
        raise error(f"{name} must be a power of 2 and at least {minimum}, got {value!r}")


def check_choice(name, value, choices, why=None, error=ValueError):
    """`value` is one of `choices` (a sequence, or a dict's keys); `why` explains the choices."""
    choices = list(choices)
    if value not in choices:
        reason = f" ({why})" if why else ""
        raise error(f"Unknown {name} {value!r}{reason}; choose one of {choices}")
