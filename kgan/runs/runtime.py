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
        import tensorflow as tf

        tf.config.experimental.enable_op_determinism()
    previous = keras.config.dtype_policy()
    keras.config.set_dtype_policy(config.precision)
    float16_emulation.warn_once(config.precision, show=lambda text: print(f"kgan: warning: {text}", file=sys.stderr))
    return previous
