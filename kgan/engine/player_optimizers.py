"""The single optimizer that `keras.Model.compile` sees, standing for every player's optimizer."""
import keras


class PlayerOptimizers(keras.optimizers.Optimizer):
    """Exposes the players' optimizers as one optimizer to Keras's trainers.

    The JAX trainer threads only `model.optimizer.variables` through `fit`, and
    saving writes only `model.optimizer`'s variables; so `variables` is the
    concatenation of every player's optimizer variables, in player order (as
    Keras's own `LossScaleOptimizer` exposes its inner optimizer's state).
    Each player's optimizer is built on exactly that player's variables.

    Args:
        optimizers: dict of player name to `keras.optimizers.Optimizer`.
        global_step: the model's train-step counter, reported as `iterations`
            (callbacks such as TensorBoard read `model.optimizer.iterations`).
    """

    def __init__(self, optimizers, global_step=None, **kwargs):
        kwargs.setdefault("name", "player_optimizers")
        super().__init__(learning_rate=0.0, **kwargs)
        self.optimizers = dict(optimizers)
        self.global_step = global_step

    def build(self, var_list):
        # Player optimizers are built by the model, each on its own variables.
        self.built = True

    @property
    def variables(self):
        return [v for opt in self.optimizers.values() for v in opt.variables]

    @property
    def iterations(self):
        return self.global_step if self.global_step is not None else self._iterations

    def slices(self):
        """Player name -> (start, stop) of its optimizer's variables in `variables`."""
        result, start = {}, 0
        for name, opt in self.optimizers.items():
            result[name] = (start, start + len(opt.variables))
            start += len(opt.variables)
        return result

    def apply(self, grads, trainable_variables=None):
        raise RuntimeError("PlayerOptimizers is stepped per player by the kgan engine, never directly.")

    def get_config(self):
        config = super().get_config()
        config["optimizers"] = {
            name: keras.saving.serialize_keras_object(opt) for name, opt in self.optimizers.items()
        }
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        optimizers = {
            name: keras.saving.deserialize_keras_object(opt, custom_objects=custom_objects)
            for name, opt in config["optimizers"].items()
        }
        return cls(optimizers, name=config.get("name"))
