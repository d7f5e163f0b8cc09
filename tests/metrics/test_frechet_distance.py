"""Fréchet distance against closed forms: ||mu_a - mu_b||^2 + tr(S_a + S_b - 2 (S_a S_b)^(1/2))."""
import numpy as np
import pytest
from scipy import linalg

from kgan.metrics import feature_statistics, frechet_distance, frechet_distance_from_statistics


def exact_samples(mean, cov, num, seed):
    """`num` samples whose sample mean and (unbiased) sample covariance are exactly `mean` and `cov`."""
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((num, len(mean)))
    z -= z.mean(axis=0)
    z = z @ np.linalg.inv(np.linalg.cholesky(np.atleast_2d(np.cov(z, rowvar=False)))).T  # sample covariance I
    return z @ np.linalg.cholesky(cov).T + mean


def random_covariance(size, seed):
    a = np.random.default_rng(seed).standard_normal((size, 2 * size))
    return a @ a.T / (2 * size) + 0.1 * np.eye(size)


def test_same_samples_give_zero():
    features = np.random.default_rng(0).standard_normal((500, 8))
    assert frechet_distance(features, features) == pytest.approx(0.0, abs=1e-9)


def test_two_samples_of_one_gaussian_are_close():
    rng = np.random.default_rng(1)
    mean, cov = np.array([1.0, -2.0, 0.5, 3.0]), random_covariance(4, seed=2)
    a = rng.multivariate_normal(mean, cov, size=20_000)
    b = rng.multivariate_normal(mean, cov, size=20_000)
    distance = frechet_distance(a, b)
    assert 0.0 <= distance < 0.01
    # against a distance of the same scale: the same Gaussian shifted by 1 in every coordinate
    assert frechet_distance(a, b + 1.0) == pytest.approx(4.0, abs=0.05)


def test_diagonal_gaussians_match_the_hand_computed_value():
    mean_a, var_a = np.array([0.0, 1.0, -1.0]), np.array([1.0, 4.0, 0.25])
    mean_b, var_b = np.array([2.0, 1.0, 0.0]), np.array([9.0, 1.0, 0.25])
    # ||mu_a - mu_b||^2 = 4 + 0 + 1 = 5; per coordinate v_a + v_b - 2 sqrt(v_a v_b) = (sqrt v_a - sqrt v_b)^2:
    # (1 - 3)^2 + (2 - 1)^2 + (0.5 - 0.5)^2 = 5
    expected = 10.0
    assert frechet_distance_from_statistics(mean_a, np.diag(var_a), mean_b, np.diag(var_b)) == pytest.approx(
        expected, rel=1e-12)
    a = exact_samples(mean_a, np.diag(var_a), 300, seed=3)
    b = exact_samples(mean_b, np.diag(var_b), 200, seed=4)
    assert frechet_distance(a, b) == pytest.approx(expected, rel=1e-9)


def test_commuting_full_covariances_match_the_closed_form():
    # S_a = R diag(a) R^T and S_b = R diag(b) R^T commute: tr (S_a S_b)^(1/2) = sum sqrt(a_i b_i).
    rotation, _ = np.linalg.qr(np.random.default_rng(5).standard_normal((4, 4)))
    var_a, var_b = np.array([1.0, 2.0, 3.0, 4.0]), np.array([4.0, 0.5, 3.0, 1.0])
    cov_a, cov_b = rotation @ np.diag(var_a) @ rotation.T, rotation @ np.diag(var_b) @ rotation.T
    expected = np.sum((np.sqrt(var_a) - np.sqrt(var_b)) ** 2)  # equal means
    assert expected == pytest.approx(1.0 + (np.sqrt(2) - np.sqrt(0.5)) ** 2 + 0.0 + 1.0)
    assert frechet_distance_from_statistics(np.zeros(4), cov_a, np.zeros(4), cov_b) == pytest.approx(
        expected, rel=1e-10)


def test_shift_only_gives_the_squared_shift():
    features = np.random.default_rng(6).standard_normal((400, 5)) @ random_covariance(5, seed=7)
    shift = np.array([1.0, -2.0, 0.0, 0.5, 3.0])
    assert frechet_distance(features, features + shift) == pytest.approx(shift @ shift, rel=1e-9)  # 14.25


def test_symmetric_and_matches_scipy_sqrtm_on_full_covariances():
    rng = np.random.default_rng(8)
    a = rng.standard_normal((300, 6)) @ random_covariance(6, seed=9) + 0.3
    b = rng.standard_normal((250, 6)) @ random_covariance(6, seed=10)
    distance = frechet_distance(a, b)
    assert frechet_distance(b, a) == pytest.approx(distance, rel=1e-10)
    (mean_a, cov_a), (mean_b, cov_b) = feature_statistics(a), feature_statistics(b)
    reference = (np.sum((mean_a - mean_b) ** 2) + np.trace(cov_a) + np.trace(cov_b)
                 - 2 * np.trace(linalg.sqrtm(cov_a @ cov_b)).real)
    assert distance == pytest.approx(reference, rel=1e-8)
    assert distance > 0.5


def test_singular_covariances_stay_finite_and_exact():
    # A dead feature (constant 0) in both sets adds nothing; fewer samples than features is singular too.
    rng = np.random.default_rng(11)
    a, b = rng.standard_normal((50, 3)), rng.standard_normal((60, 3)) * 2.0 + 1.0
    pad = lambda x: np.concatenate([x, np.zeros((len(x), 2))], axis=1)  # noqa: E731
    assert frechet_distance(pad(a), pad(b)) == pytest.approx(frechet_distance(a, b), rel=1e-9)
    few_a, few_b = rng.standard_normal((5, 20)), rng.standard_normal((6, 20)) + 1.0
    distance = frechet_distance(few_a, few_b)
    assert np.isfinite(distance) and distance > 10.0  # the mean term alone is about 20
    assert frechet_distance(few_a, few_a) == pytest.approx(0.0, abs=1e-8)


def test_one_feature_is_the_1d_formula():
    a = exact_samples(np.array([1.0]), np.array([[4.0]]), 100, seed=12)
    b = exact_samples(np.array([-1.0]), np.array([[1.0]]), 100, seed=13)
    assert frechet_distance(a, b) == pytest.approx(4.0 + (2.0 - 1.0) ** 2, rel=1e-10)


@pytest.mark.parametrize("a, b, message", [
    (np.zeros((10, 3)), np.zeros((10, 4)), "same feature size"),
    (np.zeros(10), np.zeros((10, 1)), "2-D array"),
    (np.zeros((1, 3)), np.zeros((10, 3)), "N >= 2"),
    (np.full((10, 3), np.nan), np.zeros((10, 3)), "non-finite"),
])
def test_bad_features_are_one_line_errors(a, b, message):
    with pytest.raises(ValueError, match=message):
        frechet_distance(a, b)


def test_statistics_shapes_are_checked():
    with pytest.raises(ValueError, match=r"cov_b must have shape \(2, 2\)"):
        frechet_distance_from_statistics(np.zeros(2), np.eye(2), np.zeros(2), np.eye(3))
