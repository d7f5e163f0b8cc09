"""One entry of a model's schedule: which player steps, on which loss, how often."""


class Step:
    """A player's optimizer step on one loss, with how often and on what data it runs.

    Args:
        player: the `Player` that steps (its optimizer applies the gradients).
        loss: a method `(batch, fake) -> (loss, logs)` written in `keras.ops`.
        repeat: optimizer steps per cycle: an int >= 0, or a callable
            `(model) -> int tensor` evaluated at the start of each cycle (WGAN's
            100 critic steps early on). Repeats other than the last draw their
            own generator sample.
        every: the step runs on every `every`-th cycle only, counted from 0
            (StyleGAN2's lazy regularization: `every=16`).
        through_fake: the loss's gradient flows back through the shared
            generator forward into this player's networks (a generator step).
            Other steps see `stop_gradient(fake)`, passed through the model's
            `discriminator_view` seam.
        uses_fake: False for a loss that needs no generator sample (R1 on real
            images); it is then called with `fake=None`.
        fresh_data: each repeat takes its own real batch, as in the WGAN and
            WGAN-GP references: a cycle then spans `repeat` train steps, the
            steps before this one run on its first, the steps after it on its
            last. At most one step of a schedule has it.

    Example:
    ```python
    [Step(critic, self.critic_loss, repeat=5, fresh_data=True),
     Step(generator, self.generator_loss, through_fake=True)]
    ```
    """

    def __init__(self, player, loss, repeat=1, every=1, through_fake=False, uses_fake=True, fresh_data=False):
        if not callable(repeat) and (isinstance(repeat, bool) or not isinstance(repeat, int) or repeat < 0):
            raise ValueError(f"Step of {player.name!r}: repeat must be an int >= 0 or a callable, got {repeat!r}.")
        if isinstance(every, bool) or not isinstance(every, int) or every < 1:
            raise ValueError(f"Step of {player.name!r}: every must be an int >= 1, got {every!r}.")
        if through_fake and not uses_fake:
            raise ValueError(f"Step of {player.name!r}: a through_fake step uses the fake.")
        self.player = player
        self.loss = loss
        self.repeat = repeat
        self.every = every
        self.through_fake = through_fake
        self.uses_fake = uses_fake
        self.fresh_data = fresh_data

    @property
    def name(self):
        return self.player.name

    @property
    def dynamic(self):
        return callable(self.repeat)

    def __repr__(self):
        options = [f"repeat={self.repeat!r}" if self.repeat != 1 else "",
                   f"every={self.every}" if self.every != 1 else "",
                   "through_fake" if self.through_fake else "", "fresh_data" if self.fresh_data else "",
                   "" if self.uses_fake else "uses_fake=False"]
        loss = getattr(self.loss, "__name__", repr(self.loss))
        return f"Step({self.player.name!r}, {loss}{''.join(', ' + o for o in options if o)})"
