"""Chooses the backend's `train_step` at import, as Keras chooses its trainer."""
import keras

if keras.backend.backend() == "tensorflow":
    from kgan.engine.tensorflow_step import TrainStep
elif keras.backend.backend() == "jax":
    from kgan.engine.jax_step import TrainStep
else:
    from kgan.engine.unsupported_step import TrainStep

__all__ = ["TrainStep"]
