"""The schedule: a model's steps, and how one train step runs them, written once for both backends."""
from keras import ops

from kgan.engine.step import Step


class Schedule:
    """A validated list of `Step`s and the logic of one train step over them.

    A *cycle* runs every step in order, each `repeat` times, skipping a step
    whose `every` does not divide the cycle count. Without a `fresh_data`
    step a cycle is one train step (one batch). With one, the cycle spans as
    many train steps as that step repeats: the steps before it run on the
    cycle's first train step, the steps after it on its last.

    One generator forward per train step is shared: it is computed once, at
    the first step that needs a fake, recorded against every generator
    player's variables, and used by every later step in the train step (the
    last repeat of a repeated step; earlier repeats draw their own). So the
    reference orders D-then-G and G-then-D both cost one forward.

    The backend `runner` supplies the mechanics: `call`, `generate`, `step`,
    `step_through_fake`, `repeat` and `when` (conditional execution).
    """

    def __init__(self, steps):
        steps = list(steps)
        if not steps or not all(isinstance(s, Step) for s in steps):
            raise ValueError(f"A schedule is a non-empty list of Step objects, got {steps!r}.")
        fresh = [i for i, s in enumerate(steps) if s.fresh_data]
        if len(fresh) > 1:
            raise ValueError(f"At most one step can take fresh data; got {[steps[i] for i in fresh]}.")
        self.steps = steps
        self.fresh_index = fresh[0] if fresh else None
        self.players = {}
        for step in steps:
            known = self.players.setdefault(step.player.name, step.player)
            if known is not step.player:
                raise ValueError(f"Two different players are named {step.player.name!r}.")
        self.generator_players = list({s.player.name: s.player for s in steps if s.through_fake}.values())
        if not self.generator_players:
            raise ValueError("A schedule needs a step with through_fake=True (a generator step).")
        self.shared_consumers = sum(1 for s in steps if s.through_fake)

    def __repr__(self):
        return f"Schedule({self.steps!r})"

    # --- one train step ---
    def play(self, model, batch, runner):
        """Runs one train step; returns `{log key: (value, weight)}`, weight 0 where a step was skipped."""
        state = model.schedule_state
        cycle = None
        if any(step.every > 1 for step in self.steps):
            cycle = runner.call(lambda: ops.convert_to_tensor(state.cycle))
        shared = _SharedForward(runner, batch, self.generator_players, self.shared_consumers)
        logs = {}
        if self.fresh_index is None:
            for step in self.steps:
                logs.update(self._run(model, step, batch, runner, shared, self._every(step, cycle)))
            cycle_done = None  # every train step completes a cycle
        else:
            at_start, at_end = self._advance_phase(model, runner)
            for position, step in enumerate(self.steps):
                phase_gate = at_start if position < self.fresh_index else at_end if position > self.fresh_index \
                    else None
                gate = _both(self._every(step, cycle), phase_gate)
                logs.update(self._run(model, step, batch, runner, shared, gate, fresh=position == self.fresh_index))
            cycle_done = at_end
        self._count(model, runner, cycle_done)
        return logs

    def _every(self, step, cycle):
        return None if step.every == 1 else ops.equal(ops.mod(cycle, step.every), 0)

    def _advance_phase(self, model, runner):
        """`(at_start, at_end)` of the current cycle; moves the phase on and fixes a new cycle's length."""
        state, fresh = model.schedule_state, self.steps[self.fresh_index]

        def advance():
            phase = ops.convert_to_tensor(state.phase)
            at_start = ops.equal(phase, 0)
            count = ops.maximum(_count_of(model, fresh), 1)  # a cycle is at least one train step
            length = ops.where(at_start, count, ops.convert_to_tensor(state.cycle_length))
            at_end = ops.equal(phase, length - 1)
            state.cycle_length.assign(length)
            state.phase.assign(ops.where(at_end, 0, phase + 1))
            return at_start, at_end

        return runner.call(advance)

    def _count(self, model, runner, cycle_done):
        state = model.schedule_state

        def count():
            state.step.assign_add(1)
            state.cycle.assign_add(1 if cycle_done is None else ops.cast(cycle_done, "int32"))
            if model.stage_state is not None:  # the fade moves with the step: a value, never a retrace
                model.stage_state.update(state.step, model.fade_layers())

        runner.call(count)
        if model.ema is not None:
            update = lambda: runner.call(lambda: model.ema.update(state.cycle))
            if cycle_done is None:
                update()
            else:
                runner.when(cycle_done, lambda: (update(), {})[1])

    def _run(self, model, step, batch, runner, shared, gate, fresh=False):
        """A step's repeats; the last one uses the shared forward. Returns its weighted logs."""
        if fresh or not step.dynamic:
            count = 1 if fresh else step.repeat
            if count == 0:
                return {}
            if count > 1:
                runner.repeat(count - 1, lambda: self._fresh_repeat(model, step, batch, runner))
        else:
            count = runner.call(lambda: _count_of(model, step))
            runner.repeat(ops.maximum(count - 1, 0), lambda: self._fresh_repeat(model, step, batch, runner))
            gate = _both(gate, ops.greater(count, 0))
        fake = shared.get() if step.uses_fake else None
        body = lambda: _one_step(step, batch, runner, fake)
        if gate is None:
            return {key: (value, 1.0) for key, value in body().items()}
        logs = runner.when(gate, body)
        weight = ops.cast(gate, "float32")
        return {key: (value, weight) for key, value in logs.items()}

    def _fresh_repeat(self, model, step, batch, runner):
        """A repeat before the last one: its own generator sample, as each extra WGAN critic step."""
        fake = None
        if step.uses_fake:
            fake = runner.generate(batch, [step.player] if step.through_fake else [], consumers=1)
        _one_step(step, batch, runner, fake)


def _one_step(step, batch, runner, fake):
    if step.through_fake:
        return runner.step_through_fake(step, batch, fake)
    return runner.step(step, batch, fake)


def _count_of(model, step):
    return ops.cast(step.repeat(model) if step.dynamic else step.repeat, "int32")


def _both(a, b):
    if a is None:
        return b
    if b is None:
        return a
    return ops.logical_and(a, b)


class _SharedForward:
    """The train step's one generator forward, computed at its first use."""

    def __init__(self, runner, batch, players, consumers):
        self.runner, self.batch, self.players, self.consumers = runner, batch, players, consumers
        self.value = None

    def get(self):
        if self.value is None:
            self.value = self.runner.generate(self.batch, self.players, consumers=self.consumers)
        return self.value
