"""The base class of every kgan GAN."""
import keras
from keras import ops

from kgan.engine.backend_step import TrainStep
from kgan.engine.constructor_config import ConstructorConfig
from kgan.engine.player_optimizers import PlayerOptimizers
from kgan.engine.seeded_construction import python_random_seeded


class AdversarialModel(ConstructorConfig, TrainStep, keras.Model):
    """A GAN as a set of players stepping on a schedule, trained with `fit`.

    A family subclass builds its networks in `__init__`, then calls
    `self.finish_networks()`. It writes, in `keras.ops`:

    - `players()`: the `Player`s in schedule order, e.g. discriminator then generator;
    - `generate(batch)`: the generator forward pass, run once and shared by the
      last discriminator step (which sees `stop_gradient(fake)`) and the
      generator step (whose gradient flows back through `fake`);
    - one loss method per player, `(batch, fake) -> (loss, logs)`;
    - `default_optimizers()`: the reference optimizers, so `compile()` alone works.

    The engine owns all gradient code, one module per backend.

    Args:
        seed: seed of the model's `SeedGenerator`, the source of its training noise, and of
            its initial weights (see `construction_scope`); None follows Keras's global seed.
        ema_decay: if set, keep an exponential moving average of the generator
            (`ema_generator`), used for sampling and export.
        ema_warmup: ramp the decay up as `min(ema_decay, (1 + t) / (10 + t))` at
            generator step t, so a short run's average is not dominated by the
            initial weights (as `tf.train.ExponentialMovingAverage(num_updates=t)`).
    """

    #: log keys reported by the loss methods; one `Mean` tracker each.
    log_names = ("d_loss", "g_loss")
    #: the attribute holding the network that `ema_decay` averages.
    ema_network = "generator"
    #: attributes holding the family's networks, reported by `kgan info`.
    network_names = ("generator", "discriminator")
    #: preset name -> {"description", "reference", "arguments", "trainable_params"}.
    presets = {}

    def __init__(self, seed=None, ema_decay=None, ema_warmup=True, **kwargs):
        super().__init__(**kwargs)
        self.seed = seed
        self.ema_decay = ema_decay
        self.ema_warmup = ema_warmup
        self.seed_generator = keras.random.SeedGenerator(seed)
        self.trackers = [keras.metrics.Mean(name=name) for name in self.log_names]

    def finish_networks(self):
        """Called by subclasses once their networks exist."""
        if self.ema_decay is not None:
            source = getattr(self, self.ema_network)
            self.ema_generator = keras.models.clone_model(source)
            self.ema_generator.set_weights(source.get_weights())
            self.ema_generator.trainable = False
        self.built = True  # otherwise fit() tries to build through call()

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
    def players(self):
        raise NotImplementedError

    def generate(self, batch):
        raise NotImplementedError

    def default_optimizers(self):
        raise NotImplementedError

    def unpack(self, data):
        """Turns what `fit` yields into the batch dict the loss methods read."""
        images, labels, _ = keras.utils.unpack_x_y_sample_weight(data)
        return {"images": images, "labels": labels}

    def on_player_step(self, player_name):
        """Hook after each optimizer step of a player (WGAN clips its critic here)."""

    # --- compile ---
    def compile(self, optimizers=None, **kwargs):
        """Pairs each player with an optimizer: `compile(generator=..., discriminator=...)`.

        Players left out get the family's reference optimizer. Under the
        `mixed_float16` policy each player's optimizer gets its own loss scaling.
        Other keyword arguments go to `keras.Model.compile` (`jit_compile`,
        `steps_per_execution`, ...).
        """
        players = self.players()
        names = [p.name for p in players]
        optimizers = dict(optimizers or {})
        optimizers.update({name: kwargs.pop(name) for name in names if name in kwargs})
        optimizers.update({k: kwargs.pop(k) for k, v in list(kwargs.items())
                           if isinstance(v, keras.optimizers.Optimizer)})
        unknown = sorted(set(optimizers) - set(names))
        if unknown:
            raise ValueError(f"Unknown player {unknown[0]!r}: {type(self).__name__} has players {names}.")
        defaults = self.default_optimizers()
        optimizers = {name: optimizers.get(name) or defaults[name] for name in names}
        if keras.config.dtype_policy().name == "mixed_float16":
            optimizers = {
                name: opt if isinstance(opt, keras.optimizers.LossScaleOptimizer)
                else keras.optimizers.LossScaleOptimizer(opt)
                for name, opt in optimizers.items()
            }
        for player in players:
            optimizers[player.name].build(player.trainable_variables)
        # Loss scaling is per player (above), never around the wrapper.
        kwargs.setdefault("auto_scale_loss", False)
        super().compile(optimizer=PlayerOptimizers(optimizers, counting_player=names[-1]), **kwargs)
        self._players = players
        self._compile_kwargs = kwargs

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

    @property
    def generator_player(self):
        return next(p for p in self._players if p.through_fake)

    def scale_player_loss(self, player, loss):
        optimizer = self.player_optimizer(player.name)
        if isinstance(optimizer, keras.optimizers.LossScaleOptimizer):
            return optimizer.scale_loss(loss)
        return loss

    # --- the schedule, written once for both backends ---
    def play(self, batch, runner):
        """Steps every player once through the schedule; `runner` holds the backend mechanics."""
        logs, shared = {}, None
        for position, player in enumerate(self._players):
            if player.through_fake:
                if shared is None:
                    shared = runner.generate(batch, record=True)
                logs.update(runner.step_through_fake(player, batch, shared))
                shared = None
            else:
                following = self._players[position + 1] if position + 1 < len(self._players) else None
                feeds_generator = following is not None and following.through_fake
                extra = self._extra_steps(player, runner)
                if extra is not None:
                    runner.repeat(extra, lambda: self._fresh_step(player, batch, runner))
                fake = runner.generate(batch, record=feeds_generator)
                logs.update(runner.step(player, batch, fake))
                if feeds_generator:
                    shared = fake
            runner.call(lambda: self.on_player_step(player.name))
        if self.ema_decay is not None:
            runner.call(self.update_ema)
        return logs

    def _fresh_step(self, player, batch, runner):
        """A step with its own generator sample, as each of WGAN's extra critic steps takes."""
        runner.step(player, batch, runner.generate(batch, record=False))
        runner.call(lambda: self.on_player_step(player.name))

    def _extra_steps(self, player, runner):
        """Steps before the last one: a Python int is unrolled by `repeat` as a loop count too."""
        steps = player.steps
        if callable(steps):
            return runner.call(lambda: ops.cast(steps(self), "int32") - 1)
        if steps < 1:
            raise ValueError(f"Player {player.name!r} needs at least 1 step, got {steps}.")
        return steps - 1 if steps > 1 else None

    def update_ema(self):
        decay = ops.cast(self.ema_decay, "float32")
        if self.ema_warmup:
            step = ops.cast(self.player_optimizer(self.generator_player.name).iterations, "float32")
            decay = ops.minimum(decay, (1.0 + step) / (10.0 + step))
        source = getattr(self, self.ema_network)
        for average, weight in zip(self.ema_generator.weights, source.weights):
            if weight.trainable:
                average.assign(weight + decay * (average - weight))
            else:  # BatchNorm statistics are copied, not averaged
                average.assign(weight)

    @property
    def sampling_generator(self):
        """The generator used for sampling and export: the EMA copy when there is one."""
        return self.ema_generator if self.ema_decay is not None else getattr(self, self.ema_network)

    # --- metrics ---
    @property
    def metrics(self):
        return list(self.trackers)

    def update_trackers(self, logs):
        known = {t.name: t for t in self.trackers}
        for key, value in logs.items():
            if key not in known:
                raise KeyError(f"{type(self).__name__} logged {key!r}, which is not in its log_names {sorted(known)}.")
            known[key].update_state(value)

    def tracker_results(self):
        return {t.name: t.result() for t in self.trackers}

    # --- saving: Keras writes each layer's own variables, but no SeedGenerator state ---
    SEED_STATE_KEY = "seed_state_"

    def _seed_states(self):
        """Every seed generator's state variable: the model's own, Dropout's, in a fixed order."""
        return [v for v in self.variables if v.path.split("/")[-1] == "seed_generator_state"]

    def save_own_variables(self, store):
        super().save_own_variables(store)
        for i, variable in enumerate(self._seed_states()):
            store[f"{self.SEED_STATE_KEY}{i}"] = variable

    def load_own_variables(self, store):
        own = {k: store[k] for k in store.keys() if not k.startswith(self.SEED_STATE_KEY)}
        super().load_own_variables(own)
        states = self._seed_states()
        saved = [k for k in store.keys() if k.startswith(self.SEED_STATE_KEY)]
        if saved and len(saved) != len(states):
            raise ValueError(f"The saved {type(self).__name__} has {len(saved)} seed-generator states; "
                             f"this one has {len(states)}.")
        for i, variable in enumerate(states[: len(saved)]):
            variable.assign(store[f"{self.SEED_STATE_KEY}{i}"])

    def construction_scope(self, arguments):
        """`ConstructorConfig` builds the model in here: `seed` fixes the initializers' and Dropout's seeds."""
        return python_random_seeded(arguments.get("seed"))

    def get_config(self):
        # Every constructor argument, recorded by ConstructorConfig; keras.Model's live name,
        # trainable and dtype win over recorded ones.
        return {**self.constructor_arguments(), **super().get_config()}
