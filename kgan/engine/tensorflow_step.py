"""`train_step` for the TensorFlow backend."""
from kgan.engine.tensorflow_runner import TensorFlowRunner


class TrainStep:
    def train_step(self, data):
        logs = self.schedule.play(self, self.unpack(data), TensorFlowRunner(self))
        self.update_trackers(logs)
        return self.tracker_results()
