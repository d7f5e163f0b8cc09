"""Exponential moving averages of generator networks, for sampling and export."""
import keras
from keras import ops


class GeneratorEMA:
    """Holds an averaged copy of each named network and updates it after each cycle.

    Trainable weights are averaged with `decay`; non-trainable ones (BatchNorm
    statistics) are copied. With `warmup`, the decay at cycle t is
    `min(decay, (1 + t) / (10 + t))`, so a short run's average is not dominated
    by the initial weights (as `tf.train.ExponentialMovingAverage(num_updates=t)`).

    Args:
        sources: name -> `keras.Model` to average.
        decay: the EMA decay.
        warmup: ramp the decay up over the first cycles.
    """

    def __init__(self, sources, decay, warmup=True):
        self.decay = decay
        self.warmup = warmup
        self.sources = dict(sources)
        self.averages = {}
        for name, source in self.sources.items():
            average = keras.models.clone_model(source)
            average.set_weights(source.get_weights())
            average.trainable = False
            self.averages[name] = average

    def update(self, cycle):
        """Moves every average towards its source; `cycle` is the number of cycles completed."""
        decay = ops.cast(self.decay, "float32")
        if self.warmup:
            t = ops.cast(cycle, "float32")
            decay = ops.minimum(decay, (1.0 + t) / (10.0 + t))
        for name, source in self.sources.items():
            for average, weight in zip(self.averages[name].weights, source.weights):
                if weight.trainable:
                    average.assign(weight + ops.cast(decay, weight.dtype) * (average - weight))
                else:
                    average.assign(weight)
