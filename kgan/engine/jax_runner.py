"""Player steps on the JAX backend: pure functions of explicit state.

The loss methods are written in stateful Keras style. Here they run inside a
`keras.StatelessScope` that maps every model variable to its current value, are
differentiated with `jax.grad` against one player's slice of the trainable
values, and the optimizer steps with `stateless_apply`. The state then carries
into the next player's step.
"""
import jax
import keras
from keras import ops, tree

from kgan.engine.recorded_fake import RecordedFake, is_float, unwrap


class JaxRunner:
    """Holds the current (trainable, non-trainable, optimizer) values while a step is traced."""

    def __init__(self, model, trainable, non_trainable, optimizer_values):
        self.model = model
        self.trainable = list(trainable)
        self.non_trainable = list(non_trainable)
        self.optimizer_values = list(optimizer_values)
        positions = {id(v): i for i, v in enumerate(model.trainable_variables)}
        self._positions = lambda player: [positions[id(v)] for v in player.trainable_variables]

    # --- pure evaluation of stateful code ---
    def _pure(self, fn, trainable):
        """Calls `fn` with variables mapped to values; returns (out, trainable, non_trainable, optimizer)."""
        model = self.model
        variables = (
            list(zip(model.trainable_variables, trainable))
            + list(zip(model.non_trainable_variables, self.non_trainable))
            + list(zip(model.optimizer.variables, self.optimizer_values))
        )
        with keras.StatelessScope(state_mapping=variables) as scope:
            out = fn()
        read = lambda vs: [scope.get_current_value(v) for v in vs]
        return (out, read(model.trainable_variables), read(model.non_trainable_variables),
                read(model.optimizer.variables))

    def call(self, fn):
        """Runs stateful code (hooks, step counts) and keeps every variable it assigned."""
        out, self.trainable, self.non_trainable, self.optimizer_values = self._pure(fn, self.trainable)
        return out

    def _with_player(self, positions, player_values):
        trainable = list(self.trainable)
        for i, value in zip(positions, player_values):
            trainable[i] = value
        return trainable

    # --- the engine's interface ---
    def generate(self, batch, record):
        if not record:
            return self.call(lambda: self.model.generate(batch))
        positions = self._positions(self.model.generator_player)
        traced = {}

        def forward(player_values):
            fake, _, non_trainable, _ = self._pure(
                lambda: self.model.generate(batch), self._with_player(positions, player_values))
            traced["fake"] = fake
            leaves = tree.flatten(fake)
            others = [leaf for leaf in leaves if not is_float(leaf)]
            return [leaf for leaf in leaves if is_float(leaf)], (others, non_trainable)

        floats, pullback, (others, self.non_trainable) = jax.vjp(
            forward, [self.trainable[i] for i in positions], has_aux=True)
        # Reassemble the structure from the vjp's outputs (the traced ones must not escape).
        floats, others = iter(floats), iter(others)
        leaves = [next(floats) if is_float(leaf) else next(others) for leaf in tree.flatten(traced["fake"])]
        return RecordedFake(tree.pack_sequence_as(traced["fake"], leaves), pullback)

    def step(self, player, batch, fake):
        fake = tree.map_structure(ops.stop_gradient, unwrap(fake))
        positions = self._positions(player)

        def objective(player_values):
            return self._player_loss(player, batch, fake, positions, player_values)

        grads, (logs, self.non_trainable) = jax.grad(objective, has_aux=True)(
            [self.trainable[i] for i in positions])
        self._apply(player, positions, grads)
        return logs

    def step_through_fake(self, player, batch, recorded):
        positions = self._positions(player)

        def objective(player_values, leaves):
            fake = recorded.with_float_leaves(leaves)
            return self._player_loss(player, batch, fake, positions, player_values)

        (direct, fake_grads), (logs, self.non_trainable) = jax.grad(
            objective, argnums=(0, 1), has_aux=True)([self.trainable[i] for i in positions],
                                                     recorded.float_leaves)
        (through,) = recorded.pullback(fake_grads)
        self._apply(player, positions, [a + b for a, b in zip(direct, through)])
        return logs

    def repeat(self, count, body):
        def loop_body(_, carry):
            self.trainable, self.non_trainable, self.optimizer_values = map(list, carry)
            body()
            return self.trainable, self.non_trainable, self.optimizer_values

        carry = (self.trainable, self.non_trainable, self.optimizer_values)
        carry = jax.lax.fori_loop(0, count, loop_body, carry)
        self.trainable, self.non_trainable, self.optimizer_values = map(list, carry)

    # --- helpers ---
    def _player_loss(self, player, batch, fake, positions, player_values):
        def compute():
            loss, logs = player.loss(batch, fake)
            return self.model.scale_player_loss(player, loss), logs

        (scaled, logs), _, non_trainable, _ = self._pure(
            compute, self._with_player(positions, player_values))
        return scaled, (logs, non_trainable)

    def _apply(self, player, positions, grads):
        start, stop = self.model.optimizer.slices()[player.name]
        new_values, new_optimizer_values = self.model.player_optimizer(player.name).stateless_apply(
            self.optimizer_values[start:stop], grads, [self.trainable[i] for i in positions])
        for i, value in zip(positions, new_values):
            self.trainable[i] = value
        self.optimizer_values[start:stop] = new_optimizer_values
