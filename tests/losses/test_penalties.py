"""Penalties on fixed gradients: per-sample norms 5 (3-4-0-0) and 0.5."""
import numpy as np
import pytest
from keras import ops

from kgan import losses
from kgan.engine import input_gradient

GRADIENTS = np.array([[[[3.0], [4.0]]], [[[0.0], [0.5]]]], "float32")  # [2, 1, 2, 1]


def value(x):
    return float(ops.convert_to_numpy(x))


def test_gradient_penalty():
    assert value(losses.gradient_penalty(GRADIENTS)) == pytest.approx((16 + 0.25) / 2, rel=1e-6)


def test_r1_penalty():
    assert value(losses.r1_penalty(GRADIENTS)) == pytest.approx((25 + 0.25) / 2, rel=1e-6)


def test_drift_penalty():
    assert value(losses.drift_penalty(np.array([[2.0], [-1.0]], "float32"))) == pytest.approx(2.5)


def test_interpolate_endpoints_and_midpoint():
    real = np.zeros((3, 2), "float32")
    fake = np.full((3, 2), 4.0, "float32")
    alpha = np.array([[0.0], [1.0], [0.25]], "float32")
    np.testing.assert_allclose(ops.convert_to_numpy(losses.interpolate(real, fake, alpha)),
                               [[0, 0], [4, 4], [1, 1]])


def test_input_gradient_of_a_quadratic():
    # f(x) = sum(x^2) per sample: the gradient is 2x, and the output is returned as computed.
    x = ops.convert_to_tensor(np.array([[1.0, -2.0], [0.5, 3.0]], "float32"))
    y, grads = input_gradient(lambda t: ops.sum(ops.square(t), axis=1), x)
    np.testing.assert_allclose(ops.convert_to_numpy(y), [5.0, 9.25])
    np.testing.assert_allclose(ops.convert_to_numpy(grads), [[2.0, -4.0], [1.0, 6.0]])
