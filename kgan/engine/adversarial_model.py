"""The base class of every kgan GAN."""
import inspect

import keras

from kgan.engine import float16_emulation
from kgan.engine.backend_step import TrainStep
from kgan.engine.constructor_config import ConstructorConfig
from kgan.engine.frozen_networks import FrozenNetworks
from kgan.engine.generator_ema import GeneratorEMA
from kgan.engine.player_optimizers import PlayerOptimizers
from kgan.engine.schedule import Schedule
from kgan.engine.schedule_state import ScheduleState
from kgan.engine.seed_state_saving import SeedStateSaving
from kgan.engine.seeded_construction import python_random_seeded
from kgan.engine.stage import stage_starts
from kgan.engine.stage_state import StageState
from kgan.engine.optimizer_slots import recording_slots
from kgan.layers.fade_in import FadeIn
from kgan.model_arguments import SHARED, check_arguments


#: what `keras.Model.compile` takes besides the optimizer, which here is one per player.
KERAS_COMPILE_ARGUMENTS = set(inspect.signature(keras.Model.compile).parameters) - {"self", "optimizer"}


def as_optimizer(player, value):
    """`keras.optimizers.get`'s optimizer for a name, config dict or instance; a one-line error naming the player."""
    try:
        return keras.optimizers.get(value)
    except (ValueError, TypeError):
        raise ValueError(f"compile({player}=...): could not interpret {value!r} as an optimizer; give a "
                         f"keras.optimizers.Optimizer, a name such as 'adam' or a config dict") from None


class AdversarialModel(ConstructorConfig, SeedStateSaving, TrainStep, keras.Model):
    """A GAN as players stepping on a schedule, trained with `fit`.

    A family subclass builds its networks in `__init__`, then calls
    `self.finish_networks()`. It writes, in `keras.ops`:

    - `training_schedule()`: the `Step`s of one cycle, in order, e.g. a
      discriminator step then a generator step (`through_fake=True`);
    - `generator_forward(batch)`: the generator forward pass, run once per
      train step and shared by every step (those that do not train a generator
      see `stop_gradient(fake)`; a generator step's gradient flows back through
      `fake` into its own networks);
    - one loss method per step, `(batch, fake) -> (loss, logs)`;
    - `default_optimizers()`: player name -> the reference optimizer, so
      `compile()` alone works;
    - optionally `discriminator_view(batch, fake)`: what non-generator steps
      see of the fake (an image pool, augmentation); its state is model state;
    - `argument_checks`: a rule per constructor argument that `kgan.model_arguments.SHARED`
      does not cover or means otherwise; every argument is checked before the constructor runs;
    - optionally fixed networks for its losses, in `self.frozen_networks`;
    - optionally, for a growing family, `stage_plan()` (a list of `Stage`s) and
      a `stage` constructor argument that builds the networks of that stage
      (see `kgan.engine.grow`).

    The engine owns all gradient code, one module per backend.

    Args:
        seed: seed of the model's `SeedGenerator`, the source of its training noise, and of
            its initial weights (see `construction_scope`); None follows Keras's global seed.
        ema_decay: if set, keep an exponential moving average of each network
            named in `ema_networks` (`ema_generator`, ...), used for sampling and export.
        ema_warmup: ramp the decay up as `min(ema_decay, (1 + t) / (10 + t))` at
            cycle t, so a short run's average is not dominated by the initial
            weights (as `tf.train.ExponentialMovingAverage(num_updates=t)`).
    """

    #: log keys reported by the loss methods; one `Mean` tracker each.
    log_names = ("d_loss", "g_loss")
    #: the networks that `ema_decay` averages; the first one samples and exports.
    ema_networks = ("generator",)
    #: attributes holding the family's networks, reported by `kgan info`.
    network_names = ("generator", "discriminator")
    #: preset name -> {"description", "reference", "arguments", "trainable_params"}.
    presets = {}
    #: the current stage of a growing family (its `stage` constructor argument sets it).
    stage = 0
    #: a growing family's optimizers start afresh at each new stage (ProGAN's reference
    #: re-creates Adam per resolution); False carries their state over for carried weights.
    reset_optimizers_on_growth = True
    #: argument name -> rule (see `kgan.model_arguments`), run before the constructor builds anything;
    #: a family's own entries add to and replace those of its bases.
    argument_checks = SHARED

    def __init__(self, seed=None, ema_decay=None, ema_warmup=True, **kwargs):
        super().__init__(**kwargs)
        float16_emulation.warn_once(self.dtype_policy.name)
        self.seed = seed
        self.ema_decay = ema_decay
        self.ema_warmup = ema_warmup
        self.seed_generator = keras.random.SeedGenerator(seed)
        self.schedule_state = ScheduleState()
        self.trackers = [keras.metrics.Mean(name=name) for name in self.log_names]
        self.ema = None
        # Networks a loss uses but nothing trains or saves: see FrozenNetworks.
        self.frozen_networks = FrozenNetworks()
        self.stage_state = None

    def finish_networks(self):
        """Called by subclasses once their networks exist."""
        plan = self.stage_plan()
        if plan is not None:
            if not 0 <= self.stage < len(plan):
                raise ValueError(f"stage must be in 0..{len(plan) - 1} for {type(self).__name__}'s "
                                 f"{len(plan)}-stage plan, got {self.stage!r}.")
            self.stage_state = StageState(stage_starts(plan)[self.stage], plan[self.stage].fade_steps)
        if self.ema_decay is not None:
            self.ema = GeneratorEMA({name: getattr(self, name) for name in self.ema_networks},
                                    self.ema_decay, self.ema_warmup)
            for name, average in self.ema.averages.items():
                setattr(self, f"ema_{name}", average)  # tracked, so saved and carried through JAX steps
        if self.stage_state is not None:
            self.stage_state.update(self.stage_state.stage_start, self.fade_layers())
        self.built = True  # otherwise fit() tries to build through call()

    @classmethod
    def checked_arguments(cls, arguments):
        """`arguments` checked by the rules of `argument_checks` (the family's over its bases'); a one-line
        ValueError naming the first bad one. Runs before the constructor, and on `--set` values."""
        rules = {}
        for klass in reversed(cls.__mro__):
            rules.update(vars(klass).get("argument_checks", {}))
        return check_arguments(rules, arguments)

    @classmethod
    def from_preset(cls, name, **overrides):
        """Builds a reference configuration; `overrides` replace any of its arguments."""
        if name not in cls.presets:
            raise ValueError(f"Unknown preset {name!r} for {cls.__name__}; choose one of {sorted(cls.presets)}.")
        return cls(**{**cls.presets[name]["arguments"], **overrides})

    def networks(self):
        """Network name -> `keras.Model`."""
        return {name: getattr(self, name) for name in self.network_names}

    def call(self, inputs, training=False):
        return self.sampling_generator(inputs, training=training)

    # --- what a family provides ---
    def training_schedule(self):
        raise NotImplementedError(f"{type(self).__name__} must define training_schedule().")

    def generator_forward(self, batch):
        raise NotImplementedError(f"{type(self).__name__} must define generator_forward(batch).")

    def default_optimizers(self):
        raise NotImplementedError(f"{type(self).__name__} must define default_optimizers().")

    def stage_plan(self):
        """A growing family's `Stage`s, in order; None (the default): the model does not grow."""
        return None

    def discriminator_view(self, batch, fake):
        """The seam between the generator and the discriminator side: identity unless a family overrides it."""
        return fake

    @property
    def task(self):
        """The family's `kgan.tasks.Task`: what its batch holds and how it samples."""
        raise NotImplementedError(f"{type(self).__name__} must declare its task (a kgan.tasks.Task).")

    def preview_grid(self, seed=0, per_row=8, batch=None):
        """`(images, rows)`: float images in [-1, 1] for a preview grid of `rows` rows, the same for the same
        weights and seed. `batch` holds the conditioning inputs of a family that samples from them."""
        raise NotImplementedError(f"{type(self).__name__} must define preview_grid(seed, per_row, batch).")

    def unpack(self, data):
        """Turns what `fit` yields into the batch dict the loss methods read, keyed by the task's names.

        A dict batch keeps the declared names (others, such as the labels of an
        unconditional model's data, are dropped); an `(x, y)` tuple from
        `fit(x, y)` fills the declared names in order.
        """
        names = self.task.names
        x, y, _ = keras.utils.unpack_x_y_sample_weight(data)
        given = x if isinstance(x, dict) else dict(zip(names, (x, y)))
        batch = {name: given.get(name) for name in names}
        for name, value in batch.items():
            if value is None:
                raise ValueError(f"{type(self).__name__} needs {self.task.batch[name].describe()} as {name!r} in "
                                 f"every batch: call fit({', '.join(names)}) or yield a dict with keys "
                                 f"{', '.join(names)}; got {', '.join(k for k, v in given.items() if v is not None)}.")
        return batch

    def fit(self, x=None, y=None, *args, **kwargs):
        """`keras.Model.fit`, after checking in-memory class labels against the task (`[0, num_classes)`).

        Arrays are checked once, here, where it costs nothing per step; `kgan.data`'s
        sources check their labels as they load. A dataset of your own is not checked. A
        `tf.data.Dataset` is not shuffled by `fit` (Keras cannot): `shuffle` defaults to False for one.
        """
        self.check_arrays(x, y)
        if hasattr(x, "element_spec") and len(args) < 7:  # a tf.data.Dataset, and `shuffle` not given by position
            # Keras cannot shuffle a dataset and warns that it will not; kgan.data's batches come shuffled.
            kwargs.setdefault("shuffle", False)
        return super().fit(x, y, *args, **kwargs)

    def check_arrays(self, x, y=None):
        """A one-line ValueError for in-memory class labels in `fit(x, y)` (or a dict `x`) outside the task's."""
        try:
            task = self.task
        except NotImplementedError:
            return  # a model that declares no task (a test's toy) declares no labels either
        given = x if isinstance(x, dict) else dict(zip(task.names, (x, y)))
        for name, spec in task.batch.items():
            value = given.get(name)
            if spec.is_labels and value is not None and (hasattr(value, "__array__") or isinstance(value, list)):
                spec.check_labels(type(self).__name__, name, value)

    @property
    def global_step(self):
        """Train steps run so far (a variable)."""
        return self.schedule_state.step

    @property
    def progress(self):
        """A growing model's fade progress in its stage (a float32 variable); None if it does not grow."""
        return None if self.stage_state is None else self.stage_state.progress

    def fade_layers(self):
        """Every `FadeIn` layer of the model's networks, EMA copies included: they mirror `progress`."""
        return [layer for layer in self._flatten_layers(include_self=False) if isinstance(layer, FadeIn)]

    # --- compile ---
    def compile(self, optimizers=None, **kwargs):
        """Pairs each player with an optimizer: `compile(generator=..., discriminator=...)`.

        Each is an optimizer, a name (`"adam"`) or a config dict, as `keras.Model.compile`
        takes them (`keras.optimizers.get`). Players left out get the family's reference
        optimizer. Under the
        `mixed_float16` policy each player's optimizer gets its own loss scaling.
        Other keyword arguments go to `keras.Model.compile` (`jit_compile`,
        `steps_per_execution`, ...).
        """
        schedule = Schedule(self.training_schedule())
        names = list(schedule.players)
        optimizers = dict(optimizers or {})
        optimizers.update({name: kwargs.pop(name) for name in names if name in kwargs})
        # An optimizer, or a keyword keras.Model.compile does not take (`optimizer` included), names a player.
        optimizers.update({k: kwargs.pop(k) for k, v in list(kwargs.items())
                           if isinstance(v, keras.optimizers.Optimizer) or k not in KERAS_COMPILE_ARGUMENTS})
        unknown = sorted(set(optimizers) - set(names))
        if unknown:
            raise ValueError(f"Unknown player {unknown[0]!r}: {type(self).__name__} has players {names}.")
        defaults = self.default_optimizers()
        optimizers = {name: defaults[name] if optimizers.get(name) is None else as_optimizer(name, optimizers[name])
                      for name in names}
        if keras.config.dtype_policy().name == "mixed_float16":
            optimizers = {
                name: opt if isinstance(opt, keras.optimizers.LossScaleOptimizer)
                else keras.optimizers.LossScaleOptimizer(opt)
                for name, opt in optimizers.items()
            }
        slots = {}
        for name, player in schedule.players.items():
            with recording_slots() as slots[name]:  # for carrying state over when the model grows
                optimizers[name].build(player.trainable_variables)
        # Loss scaling is per player (above), never around the wrapper.
        kwargs.setdefault("auto_scale_loss", False)
        super().compile(optimizer=PlayerOptimizers(optimizers, global_step=self.global_step), **kwargs)
        self.schedule = schedule
        self._compile_kwargs = kwargs
        object.__setattr__(self, "_optimizer_slots", slots)  # untracked: they are optimizer variables

    def get_compile_config(self):
        if not getattr(self, "compiled", False):
            return None
        optimizers = {
            name: keras.saving.serialize_keras_object(opt)
            for name, opt in self.optimizer.optimizers.items()
        }
        return {"optimizers": optimizers, **self._compile_kwargs}

    def compile_from_config(self, config):
        config = dict(config)
        optimizers = {
            name: keras.saving.deserialize_keras_object(opt)
            for name, opt in config.pop("optimizers").items()
        }
        self.compile(optimizers=optimizers, **config)

    def player_optimizer(self, name):
        return self.optimizer.optimizers[name]

    def scale_player_loss(self, player, loss):
        optimizer = self.player_optimizer(player.name)
        if isinstance(optimizer, keras.optimizers.LossScaleOptimizer):
            return optimizer.scale_loss(loss)
        return loss

    @property
    def sampling_generator(self):
        """The generator used for sampling and export: the EMA copy when there is one."""
        name = self.ema_networks[0]
        return self.ema.averages[name] if self.ema is not None else getattr(self, name)

    # --- metrics ---
    @property
    def metrics(self):
        return list(self.trackers)

    def update_trackers(self, logs):
        """`logs`: key -> (value, weight); a skipped step's values have weight 0."""
        known = {t.name: t for t in self.trackers}
        for key, (value, weight) in logs.items():
            if key not in known:
                raise KeyError(f"{type(self).__name__} logged {key!r}, which is not in its log_names {sorted(known)}.")
            known[key].update_state(value, sample_weight=weight)

    def tracker_results(self):
        return {t.name: t.result() for t in self.trackers}

    def construction_scope(self, arguments):
        """`ConstructorConfig` builds the model in here: `seed` fixes the initializers' and Dropout's seeds."""
        return python_random_seeded(arguments.get("seed"))

    def get_config(self):
        # Every constructor argument, recorded by ConstructorConfig; keras.Model's live name,
        # trainable and dtype win over recorded ones.
        return {**self.constructor_arguments(), **super().get_config()}
