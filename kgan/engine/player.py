"""One participant of an adversarial game."""


class Player:
    """A set of networks trained together by one optimizer on one loss.

    Args:
        name: the player's name, also the `compile` keyword for its optimizer,
            e.g. `"discriminator"` or `"generator"`.
        networks: the `keras.Model`s whose trainable variables this player updates.
        loss: a method `(batch, fake) -> (loss, logs)` written in `keras.ops`.
        steps: how many times the player steps per `train_step`. An int, or a
            callable `(model) -> int tensor` for schedules that change during
            training (WGAN's 100 critic steps early on).
        through_fake: True for the player that owns the generator forward pass.
            Its gradient flows back through the shared `fake`; every other
            player sees `stop_gradient(fake)`.

    Example:
    ```python
    Player("critic", [self.critic], self.discriminator_loss, steps=5)
    ```
    """

    def __init__(self, name, networks, loss, steps=1, through_fake=False):
        self.name = name
        self.networks = list(networks)
        self.loss = loss
        self.steps = steps
        self.through_fake = through_fake

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
        return f"Player({self.name!r}, steps={self.steps!r}, through_fake={self.through_fake})"
