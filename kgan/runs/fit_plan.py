"""How a run from one global step to another splits into `fit` calls."""
from collections import namedtuple

#: one `model.fit(initial_epoch=..., epochs=..., steps_per_epoch=...)` call.
FitSegment = namedtuple("FitSegment", ["initial_epoch", "epochs", "steps_per_epoch"])


def fit_segments(start_step, total_steps, steps_per_epoch):
    """The `fit` calls that take a run from `start_step` to `total_steps`.

    A start in the middle of an epoch first finishes that epoch; then come whole
    epochs in one call; a total that ends inside an epoch ends with a shorter one.

    Example: `fit_segments(45, 130, 20)` ->
    `[FitSegment(2, 3, 15), FitSegment(3, 6, 20), FitSegment(6, 7, 10)]`.
    """
    if steps_per_epoch < 1:
        raise ValueError(f"steps_per_epoch must be positive, got {steps_per_epoch}.")
    segments, step = [], start_step
    while step < total_steps:
        epoch, offset = divmod(step, steps_per_epoch)
        whole = (total_steps - step) // steps_per_epoch
        if offset:
            count = min(steps_per_epoch - offset, total_steps - step)
            segments.append(FitSegment(epoch, epoch + 1, count))
        elif whole:
            count = whole * steps_per_epoch
            segments.append(FitSegment(epoch, epoch + whole, steps_per_epoch))
        else:
            count = total_steps - step
            segments.append(FitSegment(epoch, epoch + 1, count))
        step += count
    return segments


#: the part of a run, from global step `start` to `stop`, spent in `stage`, which began at `stage_start`.
StageSpan = namedtuple("StageSpan", ["stage", "start", "stop", "stage_start"])


def stage_spans(plan, start_step, total_steps):
    """The stages a run goes through from `start_step` to `total_steps`, with their step ranges.

    Each stage lasts its `steps`; the last one goes on to `total_steps`. A run
    that stops early ends inside the stage it reached.

    Example: with stages of 10 and 20 steps, `stage_spans(plan, 4, 40)` ->
    `[StageSpan(0, 4, 10, 0), StageSpan(1, 10, 40, 10)]`.
    """
    spans, stage_start = [], 0
    for index, stage in enumerate(plan):
        stop = total_steps if index == len(plan) - 1 else min(stage_start + stage.steps, total_steps)
        if start_step < stop:
            spans.append(StageSpan(index, max(start_step, stage_start), stop, stage_start))
        stage_start += stage.steps
        if stage_start >= total_steps:
            break
    return spans
