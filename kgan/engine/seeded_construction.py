"""Python's `random`, seeded for the time a model builds its networks."""
import contextlib
import random


@contextlib.contextmanager
def python_random_seeded(seed):
    """Seeds Python's `random` with `seed` inside the block, then restores its state, even on an error.

    Keras initializers and `SeedGenerator`s created with `seed=None` (Dropout's,
    for one) draw their seed from Python's `random`
    (`keras.src.random.seed_generator.make_default_seed`), so a model built
    inside the block has initial weights fixed by `seed`. With `seed=None` the
    block changes nothing: the weights follow the global state, as before.
    """
    if seed is None:
        yield
        return
    state = random.getstate()
    random.seed(seed)
    try:
        yield
    finally:
        random.setstate(state)
