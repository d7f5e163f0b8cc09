"""`train_step` for the JAX backend: `(state, data) -> (logs, state)`, pure."""
import keras

from kgan.engine.jax_runner import JaxRunner


class TrainStep:
    def train_step(self, state, data):
        trainable, non_trainable, optimizer_values, metrics_values = state
        runner = JaxRunner(self, trainable, non_trainable, optimizer_values)
        logs = self.play(self.unpack(data), runner)
        mapping = list(zip(self.metrics_variables, metrics_values))
        with keras.StatelessScope(state_mapping=mapping) as scope:
            self.update_trackers(logs)
            results = self.tracker_results()
        metrics_values = [scope.get_current_value(v) for v in self.metrics_variables]
        state = (runner.trainable, runner.non_trainable, runner.optimizer_values, metrics_values)
        return results, state
