"""One participant of an adversarial game: networks trained together by one optimizer."""


class Player:
    """Networks whose trainable variables one optimizer updates.

    A player does not say when or on what loss it steps: the `Step`s of the
    model's schedule do. Several steps of one player (StyleGAN2's main and
    lazy-regularization phases) share its optimizer.

    Args:
        name: the player's name, also the `compile` keyword for its optimizer,
            e.g. `"discriminator"` or `"generator"`.
        networks: the `keras.Model`s this player trains.

    Example:
    ```python
    critic = Player("critic", [self.critic])
    Step(critic, self.critic_loss, repeat=5)
    ```
    """

    def __init__(self, name, networks):
        if not isinstance(name, str) or not name.isidentifier():
            raise ValueError(f"A player's name must be a Python identifier (a compile keyword), got {name!r}.")
        self.name = name
        self.networks = list(networks)
        if not self.networks:
            raise ValueError(f"Player {name!r} has no networks.")

    @property
    def trainable_variables(self):
        variables, seen = [], set()
        for network in self.networks:
            for variable in network.trainable_variables:
                if id(variable) not in seen:
                    seen.add(id(variable))
                    variables.append(variable)
        return variables

    def __repr__(self):
        return f"Player({self.name!r}, {[n.name for n in self.networks]})"
