"""Structural similarity (Wang et al. 2004), per image, as `skimage.metrics.structural_similarity` computes it."""
import numpy as np

from kgan.metrics.image_pairs import prepared_pairs

K1, K2 = 0.01, 0.03
GAUSSIAN_SIGMA = 1.5
TRUNCATE = 3.5  # skimage's: the Gaussian window has radius int(3.5 * sigma + 0.5) = 5, an 11x11 window
UNIFORM_SIZE = 7


def window(gaussian):
    """The 1-D weights of the separable window: an 11-tap Gaussian (sigma 1.5) or a 7-tap box."""
    if not gaussian:
        return np.full(UNIFORM_SIZE, 1.0 / UNIFORM_SIZE)
    radius = int(TRUNCATE * GAUSSIAN_SIGMA + 0.5)
    x = np.arange(-radius, radius + 1, dtype=np.float64)
    weights = np.exp(-0.5 * (x / GAUSSIAN_SIGMA) ** 2)
    return weights / weights.sum()


def filtered(images, weights):
    """Separable 'valid' filtering of `[N, H, W, C]` over H and W: `[N, H - k + 1, W - k + 1, C]`.

    skimage filters with reflected borders and then drops the (k - 1) / 2 border pixels of
    the SSIM map, which are exactly the ones the reflection touched: 'valid' filtering
    gives the same mean.
    """
    k = len(weights)
    rows = sum(weights[i] * images[:, i:images.shape[1] - k + 1 + i] for i in range(k))
    return sum(weights[j] * rows[:, :, j:rows.shape[2] - k + 1 + j] for j in range(k))


def ssim(images, references, value_range=(-1.0, 1.0), crop_border=0, y_channel=False, gaussian=True):
    """The mean SSIM of each image against its reference (channels averaged): float64 `[N]`.

    With `gaussian=True` (the default) this is Wang et al.'s and the SR papers' SSIM:
    an 11x11 Gaussian window of sigma 1.5, population covariances, K1 0.01, K2 0.03,
    i.e. `structural_similarity(gaussian_weights=True, sigma=1.5, use_sample_covariance=False)`.
    `gaussian=False` is skimage's default instead: a 7x7 box and sample covariances.

    Args:
        images, references: `[N, H, W, C]` (or one `[H, W, C]`) arrays in `value_range`, at least
            as large as the window after `crop_border`.
        value_range, crop_border, y_channel: as `kgan.metrics.psnr`.
        gaussian: the window, as above.

    Example:
    ```python
    ssim(upscaled, truth, crop_border=4, y_channel=True).mean()
    ```
    """
    images, references, data_range = prepared_pairs(images, references, value_range, crop_border, y_channel)
    weights = window(gaussian)
    if min(images.shape[1:3]) < len(weights):
        raise ValueError(f"ssim needs images of at least {len(weights)}x{len(weights)} pixels after the border "
                         f"crop, got {images.shape[1]}x{images.shape[2]}")
    points = len(weights) ** 2
    covariance_norm = 1.0 if gaussian else points / (points - 1.0)
    mean_x, mean_y = filtered(images, weights), filtered(references, weights)
    var_x = covariance_norm * (filtered(images * images, weights) - mean_x * mean_x)
    var_y = covariance_norm * (filtered(references * references, weights) - mean_y * mean_y)
    cov_xy = covariance_norm * (filtered(images * references, weights) - mean_x * mean_y)
    c1, c2 = (K1 * data_range) ** 2, (K2 * data_range) ** 2
    similarity = ((2 * mean_x * mean_y + c1) * (2 * cov_xy + c2)) / (
        (mean_x ** 2 + mean_y ** 2 + c1) * (var_x + var_y + c2))  # [N, h, w, C]
    return similarity.mean(axis=(1, 2, 3))
