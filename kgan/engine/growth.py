"""Growing a model into its next stage: rebuilt at that stage, with every weight it still has carried over."""
import keras
from keras import ops

from kgan.engine.stage_state import StageState

#: attributes rebuilt for the new stage, never copied.
_NOT_CARRIED = ("stage_state",)


class Growth:
    """What `grow` did: the grown model, and which layers kept their weights.

    Args:
        model: the model of the new stage, compiled if the old one was.
        carried: `attribute/layer` names whose weights came from the old model.
        fresh: `attribute/layer` names (with weights) that start from their initializers.
    """

    def __init__(self, model, carried, fresh):
        self.model, self.carried, self.fresh = model, carried, fresh

    def __repr__(self):
        return f"Growth({type(self.model).__name__} stage {self.model.stage}, carried={self.carried}, " \
               f"fresh={self.fresh})"


def grow(model, stage=None):
    """Builds `model`'s family at `stage` (default: the next one) and carries its state over.

    The new model is `type(model)` built from `model`'s config with `stage`
    replaced, so it is what loading a checkpoint of that stage would build. Into
    it go, by network attribute and layer name, the weights of every layer that
    exists in both with the same shapes: the trained networks and their EMA
    copies alike. The schedule's counters and the seed generators carry over;
    the stage's bounds and `progress` are the new stage's. A compiled model's
    successor is compiled with the same settings and fresh copies of its
    optimizers; unless the family sets `reset_optimizers_on_growth = False`,
    their state starts afresh (ProGAN's reference), else each carried weight's
    optimizer state (Adam's moments, iteration count) comes along.

    On the JAX backend, call it between `fit` calls (the variables then hold
    the trained values).

    Returns a `Growth`; its `model` is the grown model.

    Example:
    ```python
    model = grow(model).model  # stage 0 (4x4) -> stage 1 (8x8)
    model.fit(data_8x8, ...)
    ```
    """
    plan = model.stage_plan()
    if plan is None:
        raise ValueError(f"{type(model).__name__} has no stage_plan(); it does not grow.")
    stage = model.stage + 1 if stage is None else stage
    if not 0 <= stage < len(plan):
        raise ValueError(f"{type(model).__name__} has stages 0..{len(plan) - 1}; cannot grow to stage {stage!r}.")
    if hasattr(model, "jax_state_sync"):
        model.jax_state_sync()
    grown = type(model)(**{**model.get_config(), "stage": stage})  # as `from_config` does, with its errors
    carried, fresh, pairs = _carry_weights(model, grown)
    grown.stage_state.update(grown.global_step, grown.fade_layers())
    if getattr(model, "compiled", False):
        _compile_like(model, grown, pairs)
    return Growth(grown, carried, fresh)


def _layers_of(attribute, value):
    """`(key, layer)` of every layer with weights under a model attribute."""
    if not isinstance(value, keras.Model):
        return [(attribute, value)] if value.weights else []
    layers = [layer for layer in value._flatten_layers(include_self=False) if layer.weights and not layer._layers]
    names = [layer.name for layer in layers]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise ValueError(f"{attribute} has two layers named {twice[0]!r}; a growing family names each layer once.")
    return [(f"{attribute}/{layer.name}", layer) for layer in layers]


def _carry_weights(old, new):
    """Copies layer weights that match by key and shapes; returns (carried keys, fresh keys, (old, new) vars)."""
    old_layers = {}
    for attribute, value in old.__dict__.items():
        if isinstance(value, keras.layers.Layer) and not isinstance(value, keras.metrics.Metric):
            old_layers.update(_layers_of(attribute, value))
    carried, fresh, pairs = [], [], []
    for attribute, value in list(new.__dict__.items()):
        if isinstance(value, keras.random.SeedGenerator) and isinstance(old.__dict__.get(attribute),
                                                                          keras.random.SeedGenerator):
            value.state.assign(ops.copy(old.__dict__[attribute].state))
            continue
        if not isinstance(value, keras.layers.Layer) or isinstance(value, (keras.metrics.Metric, StageState)):
            continue
        for key, layer in _layers_of(attribute, value):
            source = old_layers.get(key)
            if source is None or [w.shape for w in source.weights] != [w.shape for w in layer.weights]:
                fresh.append(key)
                continue
            for target, weight in zip(layer.weights, source.weights):
                target.assign(ops.copy(weight))  # a copy: JAX donates the new model's buffers to fit
                pairs.append((weight, target))
            carried.append(key)
    return carried, fresh, pairs


def _compile_like(old, new, pairs):
    optimizers = {name: keras.optimizers.deserialize(keras.optimizers.serialize(opt))
                  for name, opt in old.optimizer.optimizers.items()}
    new.compile(optimizers=optimizers, **old._compile_kwargs)
    if new.reset_optimizers_on_growth:
        return
    counterpart = {id(a): b for a, b in pairs}
    for name, optimizer in new.optimizer.optimizers.items():
        previous = old.optimizer.optimizers[name]
        slot_of = {(id(counterpart[id(reference)]), slot_name): slot
                   for slot, reference, slot_name in old._optimizer_slots[name] if id(reference) in counterpart}
        for slot, reference, slot_name in new._optimizer_slots[name]:
            source = slot_of.get((id(reference), slot_name))
            if source is not None:
                slot.assign(ops.copy(source))
        slots = {id(s) for s, _, _ in new._optimizer_slots[name]}
        old_slots = {id(s) for s, _, _ in old._optimizer_slots[name]}
        own = [v for v in optimizer.variables if id(v) not in slots]  # iterations, learning rate
        old_own = [v for v in previous.variables if id(v) not in old_slots]
        for target, source in zip(own, old_own):
            target.assign(ops.copy(source))
