"""Saving what Keras does not: the state of every `SeedGenerator` of a model."""


class SeedStateSaving:
    """Mixin for a `keras.Model`: `save`/`load` also keep every seed generator's state.

    Keras writes each layer's own variables, but no `SeedGenerator` state; without
    it a resumed run would draw different noise (and Dropout masks) than an
    uninterrupted one.
    """

    SEED_STATE_KEY = "seed_state_"

    def _seed_states(self):
        """Every seed generator's state variable: the model's own, Dropout's, in a fixed order."""
        return [v for v in self.variables if v.path.split("/")[-1] == "seed_generator_state"]

    def save_own_variables(self, store):
        super().save_own_variables(store)
        for i, variable in enumerate(self._seed_states()):
            store[f"{self.SEED_STATE_KEY}{i}"] = variable

    def load_own_variables(self, store):
        own = {k: store[k] for k in store.keys() if not k.startswith(self.SEED_STATE_KEY)}
        super().load_own_variables(own)
        states = self._seed_states()
        saved = [k for k in store.keys() if k.startswith(self.SEED_STATE_KEY)]
        if saved and len(saved) != len(states):
            raise ValueError(f"The saved {type(self).__name__} has {len(saved)} seed-generator states; "
                             f"this one has {len(states)}.")
        for i, variable in enumerate(states[: len(saved)]):
            variable.assign(store[f"{self.SEED_STATE_KEY}{i}"])
