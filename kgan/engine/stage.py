"""One stage of a growing family's plan: a resolution trained for a number of steps."""
from kgan.checks import check_int


class Stage:
    """A stage of progressive growing: what the run layer trains, and for how long.

    Args:
        resolution: side of the square images the stage generates and trains on.
        steps: train steps of the stage (the last stage of a run may go on longer).
        batch_size: images per step; None takes the run's `batch_size`.
        fade_steps: the first `fade_steps` steps fade the new layers in: the
            model's `progress` goes from 0 to 1 over them (0: no fade, progress 1).

    Example:
    ```python
    def stage_plan(self):
        return [Stage(4, steps=800), Stage(8, steps=1600, batch_size=16, fade_steps=800)]
    ```
    """

    def __init__(self, resolution, steps, batch_size=None, fade_steps=0):
        check_int("resolution", resolution)
        check_int("steps", steps)
        check_int("batch_size", batch_size, allow_none=True)
        check_int("fade_steps", fade_steps, 0)
        if fade_steps > steps:
            raise ValueError(f"fade_steps must be at most the stage's steps ({steps}), got {fade_steps}.")
        self.resolution = int(resolution)
        self.steps = int(steps)
        self.batch_size = None if batch_size is None else int(batch_size)
        self.fade_steps = int(fade_steps)

    def to_dict(self):
        return {"resolution": self.resolution, "steps": self.steps, "batch_size": self.batch_size,
                "fade_steps": self.fade_steps}

    def __eq__(self, other):
        return isinstance(other, Stage) and self.to_dict() == other.to_dict()

    def __repr__(self):
        return f"Stage({', '.join(f'{k}={v!r}' for k, v in self.to_dict().items())})"


def stage_starts(plan):
    """The global step at which each stage of `plan` begins."""
    starts, step = [], 0
    for stage in plan:
        starts.append(step)
        step += stage.steps
    return starts
