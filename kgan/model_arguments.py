"""The checks of model constructor arguments: rules by argument name, shared by every family.

A rule is `rule(name, value) -> value`: it raises a one-line `ValueError` naming the
argument and the value, and returns the value to build with (an integer learning
rate as a float; nothing else changes). `AdversarialModel` runs the rules of every
argument it is given before the family's constructor builds anything; a family
adds or replaces rules in its `argument_checks` class attribute (InfoGAN's
`generator_filters` is a list, DCGAN's is a count). No Keras here, so the command
line can use the rules too.
"""
from kgan.checks import (MAX_SEED, check_bool, check_choice, check_int, check_int_sequence, check_number,
                         check_power_of_two)


def count(minimum=1):
    """An integer of at least `minimum`: a width, a number of steps."""
    def rule(name, value):
        check_int(name, value, minimum)
        return value
    return rule


def counts(length=None, minimum_length=0):
    """A list or tuple of positive integers (of `length` items, or at least `minimum_length`), as a tuple."""
    def rule(name, value):
        check_int_sequence(name, value, length=length)
        if len(value) < minimum_length:
            raise ValueError(f"{name} must list at least {minimum_length} integers, got {value!r}")
        return tuple(value)
    return rule


def count_or_counts(length):
    """An integer for every item, or a list or tuple of `length` positive integers (as a tuple)."""
    def rule(name, value):
        return (counts(length) if isinstance(value, (list, tuple)) else count())(name, value)
    return rule


def positive_number(name, value):
    """A number > 0, as a float (Keras optimizers refuse an integer learning rate)."""
    check_number(name, value, 0, exclusive=True)
    return float(value)


def non_negative_number(name, value):
    """A number >= 0, as a float."""
    check_number(name, value, 0)
    return float(value)


def fraction(name, value):
    """A number in [0, 1), as a float: a decay, a momentum, a dropout rate."""
    check_number(name, value, 0, maximum=1)
    return float(value)


def optional_fraction(name, value):
    """None, or a number in [0, 1) as a float."""
    check_number(name, value, 0, maximum=1, allow_none=True)
    return None if value is None else float(value)


def flag(name, value):
    check_bool(name, value)
    return value


def seed(name, value):
    """None, or an integer seed that Keras and NumPy take."""
    check_int(name, value, 0, allow_none=True, maximum=MAX_SEED)
    return value


def power_of_two(minimum=8):
    def rule(name, value):
        check_power_of_two(name, value, minimum)
        return value
    return rule


def choice(choices, why=None):
    def rule(name, value):
        check_choice(name, value, choices, why=why)
        return value
    return rule


#: argument name -> rule, for the names that mean the same in every family that takes them.
SHARED = {
    "seed": seed,
    "ema_decay": optional_fraction,
    "ema_warmup": flag,
    "image_shape": counts(length=3),
    "image_size": count(),  # a family checks its own sizes too (a power of 2, a multiple of 8)
    "channels": count(),
    "latent_dim": count(),
    "generator_filters": count(),
    "discriminator_filters": count(),
    "critic_filters": count(),
    "learning_rate": positive_number,
    "generator_learning_rate": positive_number,
    "discriminator_learning_rate": positive_number,
    "beta_1": fraction,
    "beta_2": fraction,
    "dropout": fraction,
    "gp_weight": non_negative_number,
    "clip_value": positive_number,
    "shared_critic_batch": flag,
}


def check_arguments(rules, arguments):
    """`arguments` with each value that has a rule checked and converted; a one-line ValueError at the first bad one."""
    return {name: rules[name](name, value) if name in rules else value for name, value in arguments.items()}
