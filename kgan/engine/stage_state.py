"""Where a growing model stands in its stage, as model state: the fade's progress and the stage's bounds."""
import keras
from keras import ops


class StageState(keras.layers.Layer):
    """Non-trainable variables of a growing family's current stage.

    - `progress`: float32 in [0, 1], ProGAN's fade alpha: `(step - stage_start) / fade_steps`,
      clipped; 1 when the stage has no fade.
    - `stage_start`: the global step at which the stage began.
    - `fade_steps`: the length of the stage's fade.

    The schedule recomputes `progress` inside every train step, after the global
    step moves, so it changes every step without retracing; it then holds the
    value the next step (and any sampling in between) uses. Every `FadeIn` layer
    of the model mirrors it in its own `alpha`, so a saved generator samples alone.

    Args:
        stage_start: initial `stage_start`.
        fade_steps: initial `fade_steps`.
    """

    def __init__(self, stage_start=0, fade_steps=0, **kwargs):
        kwargs.setdefault("name", "stage_state")
        super().__init__(**kwargs)
        self.progress = self.add_weight(shape=(), dtype="float32", initializer="ones", trainable=False,
                                        name="progress")
        self.stage_start = self.add_weight(shape=(), dtype="int32", initializer="zeros", trainable=False,
                                           name="stage_start")
        self.fade_steps = self.add_weight(shape=(), dtype="int32", initializer="zeros", trainable=False,
                                          name="fade_steps")
        self.stage_start.assign(stage_start)
        self.fade_steps.assign(fade_steps)
        self.progress.assign(self.progress_at(stage_start))
        self.built = True

    def progress_at(self, step):
        """The fade's progress after `step` global steps, a float32 tensor."""
        elapsed = ops.cast(ops.convert_to_tensor(step) - ops.convert_to_tensor(self.stage_start), "float32")
        fade = ops.cast(ops.convert_to_tensor(self.fade_steps), "float32")
        fraction = ops.clip(elapsed / ops.maximum(fade, 1.0), 0.0, 1.0)
        return ops.where(fade > 0, fraction, ops.ones_like(fraction))

    def update(self, step, fade_layers):
        """Sets `progress` (and every fade layer's `alpha`) for global step `step`."""
        progress = self.progress_at(step)
        self.progress.assign(progress)
        for layer in fade_layers:  # a copy each: JAX must not find one buffer in two variables
            layer.alpha.assign(ops.copy(ops.cast(progress, layer.alpha.dtype)))
