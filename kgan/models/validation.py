"""Argument checks shared by the families.

Each raises a one-line `ValueError` that names the argument and the value it got.
"""
import numbers


def check_int(name, value, minimum=1):
    """`value` is an int (not a bool) of at least `minimum`."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}.")


def check_number(name, value, minimum=0.0, exclusive=False):
    """`value` is a real number of at least `minimum` (above it if `exclusive`); NaN fails."""
    ok = not isinstance(value, bool) and isinstance(value, numbers.Real) and (
        value > minimum if exclusive else value >= minimum)
    if not ok:
        raise ValueError(f"{name} must be a number {'>' if exclusive else '>='} {minimum}, got {value!r}.")


def check_power_of_two(name, value, minimum=8):
    """`value` is an int power of 2 of at least `minimum`."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum or value & (value - 1):
        raise ValueError(f"{name} must be a power of 2 and at least {minimum}, got {value!r}.")


def check_choice(name, value, choices, why=None):
    """`value` is one of `choices` (a sequence, or a dict's keys); `why` explains the choices."""
    choices = list(choices)
    if value not in choices:
        reason = f" ({why})" if why else ""
        raise ValueError(f"Unknown {name} {value!r}{reason}; choose one of {choices}.")
