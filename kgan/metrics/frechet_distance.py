"""The Fréchet distance between Gaussians fitted to two sets of features (the core of FID).

NumPy and SciPy only, so it runs on any backend and outside a model.
"""
import numpy as np
from scipy import linalg


def feature_statistics(features):
    """Mean `[D]` and unbiased covariance `[D, D]` (float64) of `features` `[N, D]`, N >= 2."""
    features = _check_features("features", features)
    return features.mean(axis=0), np.cov(features, rowvar=False).reshape(features.shape[1], features.shape[1])


def frechet_distance(features_a, features_b):
    """Fréchet distance between Gaussians fitted to two feature sets.

    `||mu_a - mu_b||^2 + tr(S_a + S_b - 2 (S_a S_b)^(1/2))`, with the means and
    unbiased covariances of `features_a` `[N, D]` and `features_b` `[M, D]`
    (N, M >= 2). Computed in float64; always >= 0.

    Args:
        features_a, features_b: 2-D arrays with the same number of columns.

    Returns:
        A Python float.

    Example:
    ```python
    fd = frechet_distance(real_features, fake_features)  # FID when the features are Inception's pool3
    ```

    Reference: Dowson & Landau, "The Fréchet distance between multivariate normal
    distributions", J. Multivariate Analysis 12, 1982; Heusel et al., "GANs Trained by
    a Two Time-Scale Update Rule Converge to a Local Nash Equilibrium", NeurIPS 2017.
    """
    features_a = _check_features("features_a", features_a)
    features_b = _check_features("features_b", features_b)
    if features_a.shape[1] != features_b.shape[1]:
        raise ValueError(f"features_a and features_b must have the same feature size, got "
                         f"{features_a.shape[1]} and {features_b.shape[1]}")
    return frechet_distance_from_statistics(*feature_statistics(features_a), *feature_statistics(features_b))


def frechet_distance_from_statistics(mean_a, cov_a, mean_b, cov_b):
    """The Fréchet distance from precomputed means `[D]` and covariances `[D, D]`.

    `tr((S_a S_b)^(1/2))` is the sum of the square roots of the eigenvalues of the
    symmetric positive semi-definite `S_a^(1/2) S_b S_a^(1/2)`, which has the same
    spectrum as `S_a S_b`. Working with symmetric eigen-decompositions keeps the
    result real and finite for singular covariances (dead features, N <= D), where
    `scipy.linalg.sqrtm(S_a @ S_b)` needs an `eps * I` offset and drops an
    imaginary part. Round-off below zero is clipped.
    """
    mean_a, mean_b = (np.asarray(m, dtype=np.float64).reshape(-1) for m in (mean_a, mean_b))
    cov_a, cov_b = (np.atleast_2d(np.asarray(c, dtype=np.float64)) for c in (cov_a, cov_b))
    size = mean_a.shape[0]
    for name, value, shape in (("mean_b", mean_b, (size,)), ("cov_a", cov_a, (size, size)),
                               ("cov_b", cov_b, (size, size))):
        if value.shape != shape:
            raise ValueError(f"{name} must have shape {shape} to match mean_a, got {value.shape}")
    for name, value in (("mean_a", mean_a), ("mean_b", mean_b), ("cov_a", cov_a), ("cov_b", cov_b)):
        if not np.all(np.isfinite(value)):
            raise ValueError(f"{name} has non-finite values")
    cov_a, cov_b = (cov_a + cov_a.T) / 2, (cov_b + cov_b.T) / 2
    root_a = _psd_sqrt(cov_a)  # [D, D]
    product = root_a @ cov_b @ root_a  # [D, D], symmetric PSD, spectrum of S_a S_b
    trace_root = np.sqrt(np.clip(linalg.eigvalsh((product + product.T) / 2), 0.0, None)).sum()
    diff = mean_a - mean_b
    distance = diff @ diff + np.trace(cov_a) + np.trace(cov_b) - 2.0 * trace_root
    return float(max(distance, 0.0))


def _psd_sqrt(matrix):
    """The symmetric square root of a symmetric PSD matrix; negative round-off eigenvalues become 0."""
    values, vectors = linalg.eigh(matrix)
    return (vectors * np.sqrt(np.clip(values, 0.0, None))) @ vectors.T


def _check_features(name, features):
    features = np.asarray(features, dtype=np.float64)
    if features.ndim != 2 or features.shape[0] < 2 or features.shape[1] < 1:
        raise ValueError(f"{name} must be a 2-D array [N, D] with N >= 2 samples and D >= 1 features, "
                         f"got shape {features.shape}")
    if not np.all(np.isfinite(features)):
        raise ValueError(f"{name} has non-finite values")
    return features
