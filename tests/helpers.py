"""Shared checks for family tests: fit a tiny model, count parameters, round-trip saving."""
import inspect
import math

import keras
import numpy as np

from kgan.engine import AdversarialModel


def trainable_params(network):
    return sum(math.prod(v.shape) for v in network.trainable_variables)


def assert_trainable_params(model, expected):
    """`expected`: network name -> exact trainable parameter count."""
    networks = model.networks()
    counted = {name: trainable_params(networks[name]) for name in expected}
    assert counted == expected


def random_images(shape, count=32, seed=0):
    return np.random.default_rng(seed).uniform(-1.0, 1.0, (count, *shape)).astype("float32")


def fit_two_steps(model, x, y=None, batch_size=8, **compile_kwargs):
    """Compiles with defaults, fits exactly 2 batches, and checks every player stepped.

    Each player's optimizer must have advanced by 2 x its steps per train step
    (`expected_advance`: player name -> optimizer steps over the 2 train steps,
    for dynamic, interval or fresh-data schedules), and every logged loss must
    be finite. Returns the history.
    """
    expected = compile_kwargs.pop("expected_advance", None)
    model.compile(**compile_kwargs)
    if expected is None:
        expected = {}
        for step in model.schedule.steps:
            assert not step.dynamic and not step.fresh_data and step.every == 1, \
                f"{step}: pass expected_advance for dynamic, fresh-data or interval schedules"
            expected[step.name] = expected.get(step.name, 0) + 2 * step.repeat
    before = {name: int(model.player_optimizer(name).iterations) for name in model.schedule.players}
    count = 2 * batch_size
    x = x[:count]
    y = None if y is None else y[:count]
    history = model.fit(x, y, batch_size=batch_size, epochs=1, shuffle=False, verbose=0)
    advanced = {name: int(model.player_optimizer(name).iterations) - before[name] for name in before}
    assert advanced == expected, (advanced, expected)
    assert int(model.global_step) == 2
    assert set(history.history) == set(model.log_names)
    for key, values in history.history.items():
        assert np.all(np.isfinite(values)), (key, values)
    return history


def constructor_parameters(cls):
    """Name -> default of every named parameter of `cls.__init__` and of `AdversarialModel.__init__`."""
    parameters = {}
    for init in (cls.__init__, AdversarialModel.__init__):
        for name, parameter in inspect.signature(init).parameters.items():
            if name != "self" and parameter.kind not in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
                parameters.setdefault(name, parameter.default)
    return parameters


def assert_round_trip(model, tmp_path, inputs):
    """`model.save` then `keras.models.load_model`: same config, weights, optimizer state and outputs.

    The config must hold every constructor parameter: a key missing from both
    configs would compare equal, and the reloaded model would get its default.
    """
    path = str(tmp_path / "model.keras")
    model.save(path)
    loaded = keras.models.load_model(path)
    assert type(loaded) is type(model)
    missing = sorted(set(constructor_parameters(type(model))) - set(model.get_config()))
    assert not missing, f"get_config() lacks constructor parameters {missing}"
    assert loaded.get_config() == model.get_config()
    for a, b in zip(model.get_weights(), loaded.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
    if model.compiled:
        for a, b in zip(model.optimizer.variables, loaded.optimizer.variables, strict=True):
            np.testing.assert_array_equal(keras.ops.convert_to_numpy(a), keras.ops.convert_to_numpy(b))
    np.testing.assert_allclose(
        keras.ops.convert_to_numpy(model.sampling_generator(inputs, training=False)),
        keras.ops.convert_to_numpy(loaded.sampling_generator(inputs, training=False)), atol=1e-6)
    return loaded
