"""Schedule steps on the JAX backend: pure functions of explicit state.

The loss methods are written in stateful Keras style. Here they run inside a
`keras.StatelessScope` that maps every model variable to its current value, are
differentiated with `jax.grad` against one player's slice of the trainable
values, and the optimizer steps with `stateless_apply`. The state then carries
into the next step; loops and conditions thread it through `lax.fori_loop`
and `lax.cond`.
"""
import jax
import jax.numpy as jnp
import keras
from keras import tree

from kgan.engine.recorded_fake import RecordedFake, is_float
from kgan.engine.step_loss import detached_view, scaled_loss


class JaxRunner:
    """Holds the current (trainable, non-trainable, optimizer) values while a step is traced."""

    def __init__(self, model, trainable, non_trainable, optimizer_values):
        self.model = model
        self.trainable = list(trainable)
        self.non_trainable = list(non_trainable)
        self.optimizer_values = list(optimizer_values)
        index = {id(v): i for i, v in enumerate(model.trainable_variables)}
        self._positions = lambda player: [index[id(v)] for v in player.trainable_variables]

    # --- the carried state ---
    def _state(self):
        return list(self.trainable), list(self.non_trainable), list(self.optimizer_values)

    def _set_state(self, state):
        self.trainable, self.non_trainable, self.optimizer_values = map(list, state)

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
        """Runs stateful code (counters, step counts, EMA) and keeps every variable it assigned."""
        out, self.trainable, self.non_trainable, self.optimizer_values = self._pure(fn, self.trainable)
        return out

    def _with_values(self, positions, values):
        trainable = list(self.trainable)
        for i, value in zip(positions, values):
            trainable[i] = value
        return trainable

    # --- the engine's interface ---
    def generate(self, batch, players, consumers=1):
        """The generator forward; with `players`, recorded against all of their variables at once."""
        if not players:
            return self.call(lambda: self.model.generator_forward(batch))
        positions = list(dict.fromkeys(i for p in players for i in self._positions(p)))
        traced = {}

        def forward(values):
            fake, _, non_trainable, _ = self._pure(
                lambda: self.model.generator_forward(batch), self._with_values(positions, values))
            traced["fake"] = fake
            leaves = tree.flatten(fake)
            others = [leaf for leaf in leaves if not is_float(leaf)]
            return [leaf for leaf in leaves if is_float(leaf)], (others, non_trainable)

        floats, pullback, (others, self.non_trainable) = jax.vjp(
            forward, [self.trainable[i] for i in positions], has_aux=True)
        # Reassemble the structure from the vjp's outputs (the traced ones must not escape).
        floats, others = iter(floats), iter(others)
        leaves = [next(floats) if is_float(leaf) else next(others) for leaf in tree.flatten(traced["fake"])]
        return RecordedFake(tree.pack_sequence_as(traced["fake"], leaves), pullback, positions)

    def step(self, step, batch, fake):
        positions = self._positions(step.player)

        def objective(values):
            return self._loss(step, batch, positions, values, lambda: detached_view(self.model, batch, fake))

        grads, (logs, self.non_trainable) = jax.grad(objective, has_aux=True)(
            [self.trainable[i] for i in positions])
        self._apply(step, positions, grads)
        return logs

    def step_through_fake(self, step, batch, recorded):
        positions = self._positions(step.player)

        def objective(values, leaves):
            return self._loss(step, batch, positions, values, lambda: recorded.with_float_leaves(leaves))

        (direct, fake_grads), (logs, self.non_trainable) = jax.grad(
            objective, argnums=(0, 1), has_aux=True)([self.trainable[i] for i in positions],
                                                     recorded.float_leaves)
        # The pullback covers every generator player's variables: keep this player's slice.
        (through,) = recorded.pullback(fake_grads)
        through = dict(zip(recorded.recorded, through))
        grads = [d + through[i] if i in through else d for d, i in zip(direct, positions)]
        self._apply(step, positions, grads)
        return logs

    def repeat(self, count, body):
        def loop_body(_, carry):
            self._set_state(carry)
            body()
            return self._state()

        self._set_state(jax.lax.fori_loop(0, count, loop_body, self._state()))

    def when(self, condition, body):
        """Runs `body` (which returns logs) where `condition` holds; zeros for its logs where not."""
        def branch(carry):
            outer = self._state()
            self._set_state(carry)
            logs = body()
            result = self._state()
            self._set_state(outer)
            return result, logs

        shapes = jax.eval_shape(branch, self._state())[1]
        skip = lambda carry: (carry, tree.map_structure(lambda s: jnp.zeros(s.shape, s.dtype), shapes))
        state, logs = jax.lax.cond(condition, branch, skip, self._state())
        self._set_state(state)
        return logs

    # --- helpers ---
    def _loss(self, step, batch, positions, values, fake):
        """The scaled loss at `values` for the player's variables, and (logs, non-trainable values)."""
        (scaled, logs), _, non_trainable, _ = self._pure(
            lambda: scaled_loss(self.model, step, batch, fake()), self._with_values(positions, values))
        return scaled, (logs, non_trainable)

    def _apply(self, step, positions, grads):
        name = step.player.name
        start, stop = self.model.optimizer.slices()[name]
        new_values, new_optimizer_values = self.model.player_optimizer(name).stateless_apply(
            self.optimizer_values[start:stop], grads, [self.trainable[i] for i in positions])
        for i, value in zip(positions, new_values):
            self.trainable[i] = value
        self.optimizer_values[start:stop] = new_optimizer_values
