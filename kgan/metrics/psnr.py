"""Peak signal-to-noise ratio, per image, as `skimage.metrics.peak_signal_noise_ratio` computes it."""
import numpy as np

from kgan.metrics.image_pairs import prepared_pairs


def psnr(images, references, value_range=(-1.0, 1.0), crop_border=0, y_channel=False):
    """`10 log10(data_range^2 / MSE)` of each image against its reference: float64 `[N]`.

    Args:
        images, references: `[N, H, W, C]` (or one `[H, W, C]`) arrays in `value_range`.
        value_range: `(low, high)` of the pixel values; kgan's images are in [-1, 1].
        crop_border: pixels dropped at every edge first (SR papers drop `scale` pixels).
        y_channel: score RGB images on their BT.601 luma (Y in [16, 235], data range 255),
            as SR papers do.

    Returns:
        One PSNR in dB per image; `inf` where an image equals its reference.

    Example:
    ```python
    psnr(upscaled, truth, crop_border=4, y_channel=True).mean()  # the SR papers' x4 PSNR
    ```
    """
    images, references, data_range = prepared_pairs(images, references, value_range, crop_border, y_channel)
    mse = np.mean((images - references) ** 2, axis=(1, 2, 3))  # [N]
    with np.errstate(divide="ignore"):
        return 10.0 * np.log10(data_range ** 2 / mse)
