"""What PSNR and SSIM share: checked image pairs in float64, border crops and the luma channel of SR papers."""
import numpy as np

#: ITU-R BT.601 luma as MATLAB's `rgb2ycbcr` (and `skimage.color.rgb2ycbcr`) computes it: Y in [16, 235]
#: from R, G, B in [0, 1]. SR papers score PSNR and SSIM on this Y channel.
Y_WEIGHTS = (65.481, 128.553, 24.966)
Y_OFFSET = 16.0


def as_batch(name, images):
    """`images` `[H, W, C]` or `[N, H, W, C]` as a float64 `[N, H, W, C]` array."""
    array = np.asarray(images, dtype=np.float64)
    if array.ndim == 3:
        array = array[None]
    if array.ndim != 4:
        raise ValueError(f"{name} must be [H, W, C] or [N, H, W, C] images, got shape {list(np.shape(images))}")
    return array


def prepared_pairs(images, references, value_range, crop_border, y_channel):
    """`(images, references, data_range)`: float64 `[N, H', W', C']` pairs, cropped, maybe reduced to luma.

    `value_range` is `(low, high)` of both inputs, e.g. `(-1, 1)` for kgan's images.
    With `y_channel`, RGB inputs become BT.601 Y in [16, 235] and `data_range` is 255
    (the SR papers' convention); otherwise `data_range` is `high - low`.
    """
    images, references = as_batch("images", images), as_batch("references", references)
    if images.shape != references.shape:
        raise ValueError(f"images and references must have one shape, got {list(images.shape)} and "
                         f"{list(references.shape)}")
    low, high = (float(v) for v in value_range)
    if not high > low:
        raise ValueError(f"value_range must be (low, high) with high > low, got {value_range!r}")
    if not isinstance(crop_border, (int, np.integer)) or crop_border < 0 or 2 * crop_border >= min(images.shape[1:3]):
        raise ValueError(f"crop_border must be an integer >= 0 that leaves pixels, got {crop_border!r} for "
                         f"{images.shape[1]}x{images.shape[2]} images")
    if crop_border:
        images = images[:, crop_border:-crop_border, crop_border:-crop_border]
        references = references[:, crop_border:-crop_border, crop_border:-crop_border]
    if not y_channel:
        return images, references, high - low
    if images.shape[-1] != 3:
        raise ValueError(f"y_channel needs RGB images, got {images.shape[-1]} channels")

    def luma(rgb):
        unit = (rgb - low) / (high - low)  # [N, H, W, 3] in [0, 1]
        return Y_OFFSET + unit @ np.asarray(Y_WEIGHTS)[:, None]  # [N, H, W, 1] in [16, 235]

    return luma(images), luma(references), 255.0
