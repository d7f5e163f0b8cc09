"""Training runs: a run directory with config, checkpoints, samples, logs and the final models."""
from kgan.runs.fit_plan import FitSegment, fit_segments
from kgan.runs.loading import load_for_sampling
from kgan.runs.overrides import parse_overrides
from kgan.runs.run_config import RunConfig
from kgan.runs.run_directory import RunDirectory
from kgan.runs.run_error import RunError
from kgan.runs.runtime import make_tensorflow_deterministic
from kgan.runs.training import RunResult, resume, summary_line, train

__all__ = ["FitSegment", "RunConfig", "RunDirectory", "RunError", "RunResult", "fit_segments",
           "load_for_sampling", "make_tensorflow_deterministic", "parse_overrides", "resume", "summary_line", "train"]
