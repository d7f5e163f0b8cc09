"""`train_step` for the JAX backend: `(state, data) -> (logs, state)`, pure."""
import keras

from kgan.engine.jax_runner import JaxRunner

STATE_PARTS = ("trainable_variables", "non_trainable_variables", "optimizer_variables", "metrics_variables")


class TrainStep:
    def train_step(self, state, data):
        trainable, non_trainable, optimizer_values, metrics_values = state
        runner = JaxRunner(self, trainable, non_trainable, optimizer_values)
        logs = self.schedule.play(self, self.unpack(data), runner)
        mapping = list(zip(self.metrics_variables, metrics_values))
        with keras.StatelessScope(state_mapping=mapping) as scope:
            self.update_trackers(logs)
            results = self.tracker_results()
        metrics_values = [scope.get_current_value(v) for v in self.metrics_variables]
        state = (runner.trainable, runner.non_trainable, runner.optimizer_values, metrics_values)
        return results, state

    def _get_jax_state(self, **parts):
        # `fit` empties the model's variables before its first train step and refills them
        # from the last step's state. If that first step fails (bad input caught while
        # tracing), there is no last state and the model would be left empty; recording the
        # state it started from lets Keras's own clean-up put it back.
        state = super()._get_jax_state(**parts)
        if parts.get("purge_model_variables"):
            self._jax_state = dict(zip([p for p in STATE_PARTS if parts.get(p)], state))
        return state
