"""Callbacks for training runs: sample grids, atomic checkpoints, the NaN guard, TensorBoard, metrics.csv."""
from kgan.callbacks.checkpoint import Checkpoint
from kgan.callbacks.checkpoint_store import CheckpointStore
from kgan.callbacks.global_step_callback import GlobalStepCallback
from kgan.callbacks.metrics_csv import MetricsCSV
from kgan.callbacks.nan_guard import NaNGuard
from kgan.callbacks.sample_grid import SampleGrid
from kgan.callbacks.summary_writer import SummaryWriter
from kgan.callbacks.tensorboard_scalars import TensorBoardScalars
from kgan.callbacks.training_diverged import TrainingDiverged

__all__ = ["Checkpoint", "CheckpointStore", "GlobalStepCallback", "MetricsCSV", "NaNGuard", "SampleGrid",
           "SummaryWriter", "TensorBoardScalars", "TrainingDiverged"]
