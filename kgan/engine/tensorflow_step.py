"""`train_step` for the TensorFlow backend."""
from kgan.engine.tensorflow_runner import TensorFlowRunner


class TrainStep:
    def train_step(self, data):
        runner = TensorFlowRunner(self)
        logs = self.play(self.unpack(data), runner)
        self.update_trackers(logs)
        return self.tracker_results()
