"""kgan.checks: one-line errors of the caller's class, no coercion, no Keras."""
import subprocess
import sys

import numpy as np
import pytest

from kgan.checks import check_choice, check_int, check_int_sequence, check_number, check_power_of_two


class CustomError(ValueError):
    pass


@pytest.mark.parametrize("value", [2.9, 3.0, True, "3", None])
def test_check_int_rejects_what_is_not_an_integer(value):
    with pytest.raises(ValueError, match=f"^n must be an integer >= 1, got {value!r}$".replace(".", r"\.")):
        check_int("n", value)


def test_check_int_accepts_integers_numpy_ones_and_none_if_allowed():
    check_int("n", 3)
    check_int("n", np.int64(3))
    check_int("n", 0, minimum=0)
    check_int("n", None, allow_none=True)
    with pytest.raises(ValueError, match="^n must be an integer >= 1 or None, got 0$"):
        check_int("n", 0, allow_none=True)


@pytest.mark.parametrize("check, args, message", [
    (check_int, ("n", 0), "n must be an integer >= 1, got 0"),
    (check_number, ("w", -1.0), "w must be a number >= 0, got -1.0"),
    (check_number, ("w", 0.0, 0, True), "w must be a number > 0, got 0.0"),
    (check_number, ("w", float("nan")), "w must be a number >= 0, got nan"),
    (check_power_of_two, ("s", 12), "s must be a power of 2 and at least 8, got 12"),
    (check_power_of_two, ("s", 16.0), "s must be a power of 2 and at least 8, got 16.0"),
    (check_choice, ("loss", "hinge", ("a", "b")), "Unknown loss 'hinge'; choose one of ['a', 'b']"),
    (check_int_sequence, ("units", (4, 2.5)), "units must be a list of integers >= 1, got (4, 2.5)"),
    (check_int_sequence, ("units", "abc"), "units must be a list of integers >= 1, got 'abc'"),
])
def test_each_check_raises_the_callers_error_class_in_one_line(check, args, message):
    with pytest.raises(CustomError) as error:
        check(*args, error=CustomError)
    assert str(error.value) == message
    with pytest.raises(ValueError) as default:
        check(*args)
    assert type(default.value) is ValueError and str(default.value) == message


def test_check_int_sequence_length():
    check_int_sequence("shape", [8, 8, 1], length=3)
    with pytest.raises(ValueError, match=r"^shape must be a list of 3 integers >= 1, got \(8, 8\)$"):
        check_int_sequence("shape", (8, 8), length=3)


def test_checks_import_no_keras():
    # As the `kgan` command starts (its argv[0] is .../bin/kgan): there `import kgan` loads no Keras.
    script = ("import sys; sys.argv = ['kgan']; import kgan.checks; "
              "assert not [m for m in sys.modules if m.split('.')[0] in ('keras', 'numpy')]")
    subprocess.run([sys.executable, "-c", script], check=True)
