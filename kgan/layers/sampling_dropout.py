"""`SamplingDropout`: dropout that can stay active outside training, the noise source of pix2pix."""
import contextlib

import keras
import numpy as np


@keras.saving.register_keras_serializable(package="kgan")
class SamplingDropout(keras.layers.Dropout):
    """Dropout that also drops at inference when `at_inference` is True.

    Pix2Pix has no noise input: dropout in the U-Net decoder is its only noise, and
    the reference keeps it on at test time. This layer drops whenever
    `training=True` (as `keras.layers.Dropout`), and also at `training=False` when
    `at_inference` is True, so BatchNorm can use its moving statistics while the
    dropout stays on. `SamplingDropout.mode(network, active, seed)` changes that
    inference behaviour for the time of a block (a `sample(..., dropout=...)` call),
    and with an integer `seed` makes the masks reproducible.

    Args:
        rate: the fraction of units dropped, in [0, 1).
        at_inference: drop at `training=False` too; a traced or exported network
            keeps the behaviour it had when traced.
        **kwargs: `keras.layers.Dropout`'s (`noise_shape`, `seed`, `name`, ...).

    Example:
    ```python
    x = SamplingDropout(0.5, at_inference=True)(x)
    with SamplingDropout.mode(generator, active=False):
        deterministic = generator(source, training=False)
    ```
    """

    def __init__(self, rate, at_inference=False, **kwargs):
        super().__init__(rate, **kwargs)
        self.at_inference = bool(at_inference)
        self.active_at_inference = self.at_inference  # what `mode` changes, for one block
        self.sampling_seed = None

    def call(self, inputs, training=False):
        if self.rate == 0 or not (training or self.active_at_inference):
            return inputs
        # A seed given to `mode` fixes the masks of sampling; training always advances the layer's own state.
        seed = self.seed_generator if training or self.sampling_seed is None else self.sampling_seed
        return keras.random.dropout(inputs, self.rate, noise_shape=self.noise_shape, seed=seed)

    def get_config(self):
        return {**super().get_config(), "at_inference": self.at_inference}

    @staticmethod
    @contextlib.contextmanager
    def mode(network, active, seed=None):
        """Within the block, `network`'s `SamplingDropout` layers drop at inference iff `active`.

        With an integer `seed`, layer k draws its mask from a seed derived from
        (`seed`, k), so one seed gives one output; with None, each layer's own state.
        """
        found = [layer for layer in network._flatten_layers(include_self=False) if isinstance(layer, SamplingDropout)]
        saved = [(layer.active_at_inference, layer.sampling_seed) for layer in found]
        for index, layer in enumerate(found):
            layer.active_at_inference = bool(active)
            layer.sampling_seed = None if seed is None else int(
                np.random.SeedSequence([int(seed), index]).generate_state(1)[0] % 2 ** 31)
        try:
            yield
        finally:
            for layer, (active_before, seed_before) in zip(found, saved):
                layer.active_at_inference, layer.sampling_seed = active_before, seed_before
