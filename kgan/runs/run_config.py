"""Everything needed to rebuild a training run, as written to `RUN_DIR/config.json`."""
import dataclasses
from dataclasses import dataclass, field

from kgan.checks import MAX_SEED, check_int
from kgan.runs.data_options import check_data_options, split_data_options
from kgan.runs.overrides import check_overrides
from kgan.runs.run_error import RunError

PRECISIONS = ("float32", "mixed_float16", "mixed_bfloat16")
BACKENDS = ("tensorflow", "jax")


@dataclass
class RunConfig:
    """A training run's settings.

    Args:
        family: a `kgan.models.FAMILIES` name, e.g. `"cgan"`.
        data: a `kgan.data.load` spec: `"digits"`, `"photos"`, `"tfds:mnist"`, a folder, a `.npz`.
        preset: the family's preset (default: its first).
        overrides: constructor arguments replacing the preset's (`--set key=value`).
        epochs: train this many epochs; or
        steps: train this many steps (default: the preset's `recipe` length).
        batch_size: images per step (default: the preset's `recipe` batch size).
        seed: seeds weights, the model's seed generator, the data order and the sample grid.
        precision: the Keras dtype policy.
        backend: the Keras backend the run uses (filled in when it starts).
        deterministic: TensorFlow op determinism (bit-identical repeats on CPU).
        checkpoint_every: also checkpoint every this many steps (always at epoch ends).
        keep_checkpoints: how many checkpoints to keep.
        strict: unreadable data files are an error instead of being skipped.
        init_from: a run directory whose generator weights the new run starts from.
        data_options: `kgan.data.load_task` options of the data, e.g. `{"direction": "BtoA"}`;
            an override naming one (`--set direction=BtoA`) moves here unless the family takes it.

    Example:
    ```python
    config = kgan.runs.RunConfig("cgan", "digits")  # cgan_32 with its recipe: batch 64, 40 epochs
    kgan.runs.train(config, "runs/digits")
    ```
    """

    family: str
    data: str = None
    preset: str = None
    overrides: dict = field(default_factory=dict)
    epochs: int = None
    steps: int = None
    batch_size: int = None
    seed: int = 0
    precision: str = "float32"
    backend: str = None
    deterministic: bool = False
    checkpoint_every: int = 500
    keep_checkpoints: int = 3
    strict: bool = False
    init_from: str = None
    data_options: dict = field(default_factory=dict)

    def family_class(self):
        from kgan.models import FAMILIES

        if self.family not in FAMILIES:
            raise RunError(f"unknown family {self.family!r}; choose one of: {', '.join(FAMILIES)}")
        return FAMILIES[self.family]

    def validate(self):
        """Fills in the default preset and its recipe's data, length and batch size; a RunError for any bad setting."""
        cls = self.family_class()
        if self.preset is None:
            self.preset = next(iter(cls.presets))
        if self.preset not in cls.presets:
            raise RunError(f"unknown preset {self.preset!r} for {self.family}; "
                           f"choose one of: {', '.join(cls.presets)}")
        self.overrides, moved = split_data_options(cls, self.overrides)
        self.data_options = check_data_options({**(self.data_options or {}), **moved})
        self.overrides = check_overrides(self.family, cls, self.overrides)
        if self.epochs is not None and self.steps is not None:
            raise RunError("give --epochs or --steps, not both")
        recipe = cls.presets[self.preset].get("recipe", {})
        if self.epochs is None and self.steps is None:
            self.epochs, self.steps = recipe.get("epochs"), recipe.get("steps")
            if self.epochs is None and self.steps is None:
                raise RunError(f"preset {self.preset!r} has no recipe length; give --epochs or --steps")
        if self.batch_size is None:
            self.batch_size = recipe.get("batch_size")
            if self.batch_size is None:
                raise RunError(f"preset {self.preset!r} has no recipe batch size; give --batch-size")
        for name, value, allow_none in (("--epochs", self.epochs, True), ("--steps", self.steps, True),
                                        ("--batch-size", self.batch_size, False),
                                        ("--checkpoint-every", self.checkpoint_every, True),
                                        ("keep_checkpoints", self.keep_checkpoints, False)):
            check_int(name, value, 1, allow_none=allow_none, error=RunError)
        check_int("--seed", self.seed, 0, maximum=MAX_SEED, error=RunError)
        if self.precision not in PRECISIONS:
            raise RunError(f"unknown precision {self.precision!r}; choose one of: {', '.join(PRECISIONS)}")
        if self.backend is not None and self.backend not in BACKENDS:
            raise RunError(f"unknown backend {self.backend!r}; choose one of: {', '.join(BACKENDS)}")
        if self.data is None:
            self.data = recipe.get("data")
        if not isinstance(self.data, str) or not self.data:
            raise RunError(f"preset {self.preset!r} has no recipe data; give --data")
        return self

    def total_steps(self, steps_per_epoch):
        return self.steps if self.steps is not None else self.epochs * steps_per_epoch

    def model_arguments(self):
        cls = self.family_class()
        return {**cls.presets[self.preset]["arguments"], **self.overrides, "seed": self.seed}

    def build_model(self):
        """The family's model from the preset, the overrides and the seed; a RunError if they clash."""
        cls = self.family_class()
        try:
            return cls.from_preset(self.preset, **self.overrides, seed=self.seed)
        except (ValueError, TypeError) as error:
            raise RunError(f"cannot build {self.family}/{self.preset}: {' '.join(str(error).split())}") from None

    def to_dict(self):
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, values):
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in names})
