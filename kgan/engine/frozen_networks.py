"""Fixed networks that a loss uses (VGG19 for a content loss, a judge), kept out of the model's state."""


class FrozenNetworks:
    """A model's frozen networks, invisible to Keras's tracking on purpose.

    A network held here is never trained, is not among the model's variables (so
    it is not threaded through JAX's pure train steps as carried state: its
    weights enter the step as constants), and is not written into checkpoints
    or `model.keras`. The family's constructor builds it, so loading a model
    rebuilds it the same way (from the same weights file or seed).

    Example:
    ```python
    self.frozen_networks.add("content", build_vgg19_features(weights="imagenet"))
    features = self.frozen_networks["content"](images)
    ```
    """

    def __init__(self):
        self._networks = {}

    def add(self, name, network):
        """Freezes `network` (no trainable weights) and keeps it under `name`; returns it."""
        if name in self._networks:
            raise ValueError(f"A frozen network is already named {name!r}.")
        network.trainable = False
        self._networks[name] = network
        return network

    def __getitem__(self, name):
        if name not in self._networks:
            raise KeyError(f"No frozen network {name!r}; there are {sorted(self._networks)}.")
        return self._networks[name]

    def __contains__(self, name):
        return name in self._networks

    def names(self):
        return list(self._networks)

    def __repr__(self):
        return f"FrozenNetworks({self.names()})"
