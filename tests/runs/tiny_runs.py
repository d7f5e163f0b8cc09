"""Tiny run configurations shared by the run, callback and CLI tests (8x8 digits, a few hundred parameters)."""
import keras
import numpy as np

from kgan.runs import RunConfig

TINY = {
    "dcgan": ("dcgan_32", {"image_size": 8, "channels": 1, "latent_dim": 8, "generator_filters": 4,
                           "discriminator_filters": 4}),
    "wgan_gp": ("wgan_gp_64", {"image_size": 8, "channels": 1, "latent_dim": 8, "generator_filters": 4,
                               "critic_filters": 4, "critic_steps": 2}),
    "cgan": ("cgan_32", {"image_shape": (8, 8, 1), "latent_dim": 8, "generator_filters": 4,
                         "discriminator_filters": 4}),
}


def tiny_config(family="dcgan", steps=20, batch_size=16, checkpoint_every=7, **kwargs):
    preset, overrides = TINY[family]
    return RunConfig(family, "digits", preset=preset, overrides=dict(overrides), steps=steps, batch_size=batch_size,
                     checkpoint_every=checkpoint_every, deterministic=True, **kwargs)


def tiny_cli_options(family="dcgan"):
    """The same tiny model as `kgan train` options: `--preset P --set key=value ...`."""
    preset, overrides = TINY[family]
    argv = ["--preset", preset]
    for key, value in overrides.items():
        text = ",".join(map(str, value)) if isinstance(value, tuple) else str(value)
        argv += ["--set", f"{key}={text}"]
    return argv


def quiet(_):
    pass


def state(model):
    """Every variable of the model and of its optimizers, as numpy arrays."""
    return [np.asarray(keras.ops.convert_to_numpy(v)) for v in model.variables + model.optimizer.variables]


def assert_same_state(a, b):
    a, b = state(a), state(b)
    assert len(a) == len(b)
    for index, (x, y) in enumerate(zip(a, b)):
        np.testing.assert_array_equal(x, y, err_msg=f"variable {index}")
