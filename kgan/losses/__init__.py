"""Loss functions: pure `keras.ops` functions of logits, gradients and images."""
from kgan.losses.adversarial import *  # noqa: F401,F403
from kgan.losses.adversarial import PAIRS, get_pair
from kgan.losses.penalties import drift_penalty, gradient_penalty, interpolate, r1_penalty
