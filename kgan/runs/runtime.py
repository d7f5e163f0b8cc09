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
    """Deterministic ops, and no Grappler rewrites: repeated TensorFlow runs are bit-identical.

    `enable_op_determinism` alone is not enough for WGAN-GP on the CPU. With Grappler on, two
    runs of `wgan_gp_32` or `wgan_gp_64` give the same losses on their first step but different
    weights after it: the rewritten gradient graph (the penalty's second-order terms) sums in
    an order that changes from run to run. Turning off the dependency optimizer fixed
    `wgan_gp_32` but not `wgan_gp_64`; turning off Grappler fixes both, and costs the other
    families the speed of its fused kernels (`benchmarks/deterministic_cost.py` measures it).
    Process-wide: call it before the first `fit`.
    """
    import tensorflow as tf

    tf.config.experimental.enable_op_determinism()
    tf.config.optimizer.set_experimental_options({"disable_meta_optimizer": True})
