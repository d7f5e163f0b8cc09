"""Schedule steps on the TensorFlow backend: one `GradientTape` per step, inside `tf.function`."""
import tensorflow as tf
from keras import ops

from kgan.engine.recorded_fake import RecordedFake
from kgan.engine.step_loss import detached_view, scaled_loss


def _add(a, b):
    if a is None:
        return b
    if b is None:
        return a
    return a + b


class TensorFlowRunner:
    """Executes the engine's schedule with stateful variable updates.

    Under a `tf.distribute` strategy, an optimizer step cannot sit inside
    `tf.cond` or `tf.while_loop` (it synchronizes replicas), so a conditional
    step runs unconditionally and every variable it changed is put back where
    its condition is false.
    """

    def __init__(self, model):
        self.model = model
        self.distributed = tf.distribute.has_strategy()
        self.replicas = tf.distribute.get_strategy().num_replicas_in_sync

    def call(self, fn):
        """Runs stateful code (counters, step counts, EMA) as-is."""
        return fn()

    def generate(self, batch, players, consumers=1):
        if not players:
            return self.model.generator_forward(batch)
        with tf.GradientTape(persistent=consumers > 1) as tape:
            fake = self.model.generator_forward(batch)
        return RecordedFake(fake, tape)

    def step(self, step, batch, fake):
        variables = step.player.trainable_variables
        with tf.GradientTape() as tape:
            loss, logs = scaled_loss(self.model, step, batch, detached_view(self.model, batch, fake), self.replicas)
        self._apply(step, tape.gradient(loss, variables), variables)
        return logs

    def step_through_fake(self, step, batch, recorded):
        variables = step.player.trainable_variables
        leaves = recorded.float_leaves
        with tf.GradientTape() as tape:
            tape.watch(leaves)
            loss, logs = scaled_loss(self.model, step, batch, recorded.value, self.replicas)
        grads = tape.gradient(loss, variables + leaves)
        direct, fake_grads = grads[: len(variables)], grads[len(variables):]
        fake_grads = [ops.zeros_like(x) if g is None else g for x, g in zip(leaves, fake_grads)]
        # The recorded forward pulls back into this player's own variables, whichever generator it holds.
        through = recorded.pullback.gradient(leaves, variables, output_gradients=fake_grads)
        self._apply(step, [_add(a, b) for a, b in zip(direct, through)], variables)
        return logs

    def repeat(self, count, body):
        if isinstance(count, int):
            for _ in range(count):  # unrolled
                body()
            return
        if self.distributed:
            raise ValueError("A step repeated a dynamic number of times on one batch cannot run under "
                             "tf.distribute: give that step fresh_data=True, or a fixed repeat.")
        tf.while_loop(lambda i: i < count, lambda i: (body(), i + 1)[1], [tf.constant(0, "int32")])

    def when(self, condition, body):
        """Runs `body` (which returns logs) where `condition` holds; zeros for its logs where not."""
        if self.distributed:
            return self._masked(condition, body)
        traced = {}

        def run():
            traced["logs"] = body()
            return dict(traced["logs"])

        def skip():  # traced after `run`, so the structure of its logs is known
            return {key: tf.zeros_like(value) for key, value in traced["logs"].items()}

        return tf.cond(condition, run, skip)

    def _masked(self, condition, body):
        optimizer_variables = self.model.optimizer.variables
        variables = list({id(v): v for v in self.model.variables + optimizer_variables}.values())
        before = [tf.identity(v.value) for v in variables]
        logs = body()
        for variable, old in zip(variables, before):
            variable.assign(tf.where(condition, variable.value, old))
        return logs

    def _apply(self, step, grads, variables):
        self.model.player_optimizer(step.player.name).apply(grads, variables)
