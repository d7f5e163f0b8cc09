"""The layout of a run directory."""
import glob
import json
import os

from kgan.environment_fault import EnvironmentFault
from kgan.runs.run_error import RunError


class RunDirectory:
    """Paths inside `RUN_DIR`: `config.json`, `checkpoints/`, `samples/`, `logs/`, `metrics.csv`,
    `model.keras` and `generator.keras`.

    Args:
        path: the run directory.
    """

    def __init__(self, path):
        self.path = os.fspath(path)
        join = lambda name: os.path.join(self.path, name)  # noqa: E731
        self.config = join("config.json")
        self.checkpoints = join("checkpoints")
        self.samples = join("samples")
        self.logs = join("logs")
        self.metrics = join("metrics.csv")
        self.model = join("model.keras")
        self.generator = join("generator.keras")

    def entries(self):
        return [self.config, self.checkpoints, self.samples, self.logs, self.metrics, self.model, self.generator]

    def holds_run(self):
        return os.path.exists(self.config)

    def check_new(self):
        """A RunError unless a new run can start here without touching anything already written."""
        if os.path.exists(self.path) and not os.path.isdir(self.path):
            raise RunError(f"--out {self.path} is a file, not a directory")
        if self.holds_run():
            raise RunError(f"{self.path} already holds a run; continue it with `kgan train --resume {self.path}` "
                           "or choose another --out")
        taken = [os.path.basename(e) for e in self.entries() if os.path.exists(e)]
        if taken:
            raise RunError(f"{self.path} already has {taken[0]}; choose an empty or new --out")

    def check_existing(self):
        if not os.path.isdir(self.path):
            raise RunError(f"no run directory {self.path}")
        if not self.holds_run():
            raise RunError(f"{self.path} holds no run (no config.json)")

    def create(self):
        for folder in (self.path, self.checkpoints, self.samples, self.logs):
            try:
                os.makedirs(folder, exist_ok=True)
            except OSError as error:
                raise EnvironmentFault(f"cannot create {folder}", error) from None

    def trained_evidence(self):
        """What shows that the run has trained (`"model.keras"`, `"metrics.csv rows"`, ...), or None."""
        for path in (self.model, self.generator):
            if os.path.exists(path):
                return os.path.basename(path)
        try:
            with open(self.metrics) as file:
                if len(file.read().splitlines()) > 1:
                    return "metrics.csv rows"
        except OSError:
            pass
        if glob.glob(os.path.join(glob.escape(self.checkpoints), "ckpt-*")):
            return "checkpoint files"
        if self.latest_sample():
            return "sample grids"
        return None

    def read_config(self):
        self.check_existing()
        try:
            with open(self.config) as file:
                return json.load(file)
        except (OSError, ValueError) as error:
            raise RunError(f"cannot read {self.config}: {error}") from None

    def latest_sample(self):
        if not os.path.isdir(self.samples):
            return None
        names = sorted(n for n in os.listdir(self.samples) if n.startswith("epoch_") and n.endswith(".png"))
        return os.path.join(self.samples, names[-1]) if names else None
