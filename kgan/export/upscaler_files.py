"""Opening an upscaler from a file: a kgan `.keras` model (or run directory) or a `.tflite` file, as one call."""
import os

import numpy as np

#: the model file kinds `kgan upscale --model` reads.
MODEL_KINDS = (".keras", ".tflite")


class Upscaler:
    """`upscaler(images [1, h, w, 3] in [-1, 1]) -> [1, scale * h, scale * w, 3]`, whatever the file's kind."""

    def __init__(self, run, scale, description):
        self.run = run
        self.scale = scale
        self.description = description

    def __call__(self, images):
        return self.run(images)


def open_upscaler(path, num_threads=None):
    """The `Upscaler` in `path`; a ValueError naming the file when it is not one."""
    path = os.fspath(path)
    if path.endswith(".tflite"):
        if not os.path.isfile(path):
            raise ValueError(f"no such model file: {path}")
        from kgan.export.litert_runner import LiteRTRunner

        try:
            runner = LiteRTRunner(path, num_threads=num_threads)
        except (RuntimeError, ValueError) as error:
            raise ValueError(f"{path}: cannot load it as a TFLite model ({' '.join(str(error).split())})") from None
        if runner.channels != 3:
            raise ValueError(f"{path} takes {runner.channels}-channel images; kgan upscale needs an RGB upscaler")
        probe = runner(np.zeros((1, 8, 8, 3), np.float32))
        scale = probe.shape[1] // 8
        if probe.shape[1:] != (8 * scale, 8 * scale, 3) or scale < 2:
            raise ValueError(f"{path} turns an 8x8 image into {probe.shape[2]}x{probe.shape[1]}: not an upscaler")
        return Upscaler(runner, scale, f"{os.path.basename(path)} (LiteRT)")
    if os.path.isfile(path) and not path.endswith(".keras"):
        raise ValueError(f"{path}: kgan upscale reads {' or '.join(MODEL_KINDS)} models or a run directory")
    from keras import ops

    from kgan.runs import RunError, load_for_sampling

    try:
        model = load_for_sampling(path)
    except RunError as error:
        raise ValueError(str(error)) from None
    if not hasattr(model, "upscale"):
        raise ValueError(f"{path} holds a {type(model).__name__}, which does not upscale; give an srgan model")
    if model.channels != 3:
        raise ValueError(f"{path} upscales {model.channels}-channel images; kgan upscale needs an RGB upscaler")
    return Upscaler(lambda images: ops.convert_to_numpy(model.upscale(images)), model.scale,
                    f"{os.path.basename(os.path.normpath(path))} ({type(model).__name__})")
