"""Player steps on the TensorFlow backend: one `GradientTape` per step."""
import tensorflow as tf
from keras import ops, tree

from kgan.engine.recorded_fake import RecordedFake, unwrap


def _add(a, b):
    if a is None:
        return b
    if b is None:
        return a
    return a + b


class TensorFlowRunner:
    """Executes the engine's schedule with stateful variable updates inside `tf.function`."""

    def __init__(self, model):
        self.model = model

    def call(self, fn):
        """Runs stateful code (hooks, step counts) as-is."""
        return fn()

    def generate(self, batch, record):
        if not record:
            return self.model.generate(batch)
        with tf.GradientTape() as tape:
            fake = self.model.generate(batch)
        return RecordedFake(fake, tape)

    def step(self, player, batch, fake):
        fake = tree.map_structure(ops.stop_gradient, unwrap(fake))
        variables = player.trainable_variables
        with tf.GradientTape() as tape:
            loss, logs = player.loss(batch, fake)
            scaled = self._scale(player, loss)
        self._apply(player, tape.gradient(scaled, variables), variables)
        return logs

    def step_through_fake(self, player, batch, recorded):
        variables = player.trainable_variables
        leaves = recorded.float_leaves
        with tf.GradientTape() as tape:
            tape.watch(leaves)
            loss, logs = player.loss(batch, recorded.value)
            scaled = self._scale(player, loss)
        grads = tape.gradient(scaled, variables + leaves)
        direct, fake_grads = grads[: len(variables)], grads[len(variables):]
        fake_grads = [ops.zeros_like(x) if g is None else g for x, g in zip(leaves, fake_grads)]
        through = recorded.pullback.gradient(leaves, variables, output_gradients=fake_grads)
        self._apply(player, [_add(a, b) for a, b in zip(direct, through)], variables)
        return logs

    def repeat(self, count, body):
        if isinstance(count, int):
            # Unrolled: optimizer steps under tf.distribute cannot sit inside a while_loop.
            for _ in range(count):
                body()
            return
        tf.while_loop(lambda i: i < count, lambda i: (body(), i + 1)[1], [tf.constant(0, "int32")])

    def _scale(self, player, loss):
        # Gradients are summed across replicas: scale so N replicas match one device.
        replicas = tf.distribute.get_strategy().num_replicas_in_sync
        if replicas > 1:
            loss = loss / replicas
        return self.model.scale_player_loss(player, loss)

    def _apply(self, player, grads, variables):
        self.model.player_optimizer(player.name).apply(grads, variables)
