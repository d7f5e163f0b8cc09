"""Backends that kgan cannot train on yet."""
import keras


class TrainStep:
    def train_step(self, *args, **kwargs):
        raise NotImplementedError(
            f"kgan cannot train on the {keras.backend.backend()!r} backend yet: "
            "set KERAS_BACKEND=tensorflow or KERAS_BACKEND=jax.")
