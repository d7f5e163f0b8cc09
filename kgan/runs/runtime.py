"""The process-wide settings a run needs: backend check, seeds, determinism, precision."""
import sys

import keras

from kgan.engine import float16_emulation

from kgan.runs.run_error import RunError


def prepare_runtime(config):
    """Applies `config`'s seed, determinism and dtype policy; returns the policy to restore afterwards."""
    backend = keras.backend.backend()
    if config.backend is None:
        config.backend = backend
    elif config.backend != backend:
        raise RunError(f"the run uses the {config.backend} backend but Keras is running on {backend}; "
                       f"pass --backend {config.backend} (or set KERAS_BACKEND={config.backend})")
    keras.utils.set_random_seed(config.seed)
    if config.deterministic and backend == "tensorflow":
        make_tensorflow_deterministic()
    previous = keras.config.dtype_policy()
    keras.config.set_dtype_policy(config.precision)
    float16_emulation.warn_once(config.precision, show=lambda text: print(f"kgan: warning: {text}", file=sys.stderr))
    return previous


def make_tensorflow_deterministic():
    """Deterministic ops, and a graph that does not depend on timing: repeated runs are bit-identical.

    `enable_op_determinism` alone is not enough for WGAN-GP on the CPU: Grappler's dependency
    optimizer rewrites the train step's control edges, and the result then depends on when the
    input pipeline delivers a batch (two runs of `wgan_gp_32` differed after one step). Without
    that one pass the step is bit-identical run after run (`tests/runs/test_determinism.py`).
    """
    import tensorflow as tf

    tf.config.experimental.enable_op_determinism()
    tf.config.optimizer.set_experimental_options({"dependency_optimization": False})
