"""SGD as pylearn2 trained the first GANs: momentum that rises linearly, a learning rate that decays per step."""
import keras
from keras import ops


@keras.saving.register_keras_serializable(package="kgan")
class MomentumRampSGD(keras.optimizers.SGD):
    """SGD with momentum whose learning rate decays exponentially per step and whose momentum ramps up.

    At step `t` (the optimizer's `iterations`, from 0) the learning rate is
    `max(learning_rate / decay_factor**t, min_learning_rate)` and the momentum
    rises linearly from `initial_momentum` to `final_momentum` over
    `momentum_steps` steps, then stays there. The update is pylearn2's (and
    Keras's non-Nesterov one): `v = momentum * v - lr * g; w = w + v`.
    This is the recipe of Goodfellow et al. 2014 and Mirza & Osindero 2014
    (pylearn2's `ExponentialDecay` and `MomentumAdjustor`).

    Args:
        learning_rate: the learning rate at step 0.
        decay_factor: the learning rate is divided by this at every step.
        min_learning_rate: the learning rate never falls below this.
        initial_momentum: the momentum at step 0.
        final_momentum: the momentum from step `momentum_steps` on.
        momentum_steps: steps of the linear momentum ramp.
        **kwargs: the other `keras.optimizers.SGD` arguments.

    Example:
    ```python
    optimizer = MomentumRampSGD(0.1, decay_factor=1.00004, min_learning_rate=1e-6,
                                initial_momentum=0.5, final_momentum=0.7, momentum_steps=4250)
    ```
    """

    def __init__(self, learning_rate=0.1, decay_factor=1.00004, min_learning_rate=1e-6, initial_momentum=0.5,
                 final_momentum=0.7, momentum_steps=1, **kwargs):
        kwargs.pop("momentum", None)  # from get_config; the ramp sets it
        kwargs.pop("nesterov", None)
        # Any non-zero momentum makes SGD create its velocity slots.
        super().__init__(learning_rate=learning_rate, momentum=max(float(final_momentum), 1e-7), **kwargs)
        if decay_factor < 1 or min_learning_rate < 0 or int(momentum_steps) < 1:
            raise ValueError(f"MomentumRampSGD needs decay_factor >= 1, min_learning_rate >= 0 and "
                             f"momentum_steps >= 1, got {decay_factor}, {min_learning_rate}, {momentum_steps}.")
        self.decay_factor = float(decay_factor)
        self.min_learning_rate = float(min_learning_rate)
        self.initial_momentum = float(initial_momentum)
        self.final_momentum = float(final_momentum)
        self.momentum_steps = int(momentum_steps)

    def current_values(self, dtype="float32"):
        """`(learning_rate, momentum)` for the optimizer's current step."""
        step = ops.cast(self.iterations, dtype)
        rate = ops.cast(self.learning_rate, dtype) * ops.power(ops.cast(1.0 / self.decay_factor, dtype), step)
        rate = ops.maximum(rate, ops.cast(self.min_learning_rate, dtype))
        progress = ops.minimum(step / self.momentum_steps, 1.0)
        momentum = self.initial_momentum + (self.final_momentum - self.initial_momentum) * progress
        return rate, momentum

    def update_step(self, gradient, variable, learning_rate):
        rate, momentum = self.current_values(variable.dtype)
        velocity = self.momentums[self._get_variable_index(variable)]
        self.assign(velocity, ops.subtract(ops.multiply(velocity, momentum), ops.multiply(gradient, rate)))
        self.assign_add(variable, velocity)

    def get_config(self):
        config = super().get_config()
        config.update(decay_factor=self.decay_factor, min_learning_rate=self.min_learning_rate,
                      initial_momentum=self.initial_momentum, final_momentum=self.final_momentum,
                      momentum_steps=self.momentum_steps)
        return config
