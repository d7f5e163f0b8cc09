"""PSNR and SSIM agree with scikit-image's to 1e-4 on real photos, in RGB and on the SR papers' Y channel."""
import numpy as np
import pytest

skimage_data = pytest.importorskip("skimage.data")
from skimage.color import rgb2ycbcr  # noqa: E402
from skimage.metrics import peak_signal_noise_ratio, structural_similarity  # noqa: E402

from kgan.metrics import psnr, ssim  # noqa: E402

pytestmark = pytest.mark.backend_independent  # NumPy only: runs once, in the TensorFlow pass


def photo_pairs():
    """Two 48x40 crops of real photos in [-1, 1], and degraded copies (noise, blur, a shift)."""
    rng = np.random.default_rng(0)
    crops = [skimage_data.astronaut()[100:148, 200:240], skimage_data.coffee()[150:198, 300:340]]
    references = np.stack(crops).astype(np.float64) / 127.5 - 1.0  # [2, 48, 40, 3]
    noisy = np.clip(references + rng.normal(0, 0.1, references.shape), -1, 1)
    blurred = (references + np.roll(references, 1, axis=1) + np.roll(references, 1, axis=2)) / 3
    return references, np.concatenate([noisy[:1], blurred[1:]])


def luma(images):
    return rgb2ycbcr((images + 1.0) / 2.0)[..., 0]  # Y in [16, 235]


@pytest.mark.parametrize("crop_border", [0, 4])
def test_psnr_is_skimages(crop_border):
    references, images = photo_pairs()
    b = slice(crop_border, -crop_border or None)
    ours = psnr(images, references, crop_border=crop_border)
    theirs = [peak_signal_noise_ratio(r[b, b], i[b, b], data_range=2.0) for r, i in zip(references, images)]
    np.testing.assert_allclose(ours, theirs, atol=1e-4)
    ours_y = psnr(images, references, crop_border=crop_border, y_channel=True)
    theirs_y = [peak_signal_noise_ratio(luma(r)[b, b], luma(i)[b, b], data_range=255)
                for r, i in zip(references, images)]
    np.testing.assert_allclose(ours_y, theirs_y, atol=1e-4)
    assert 10 < ours.min() and ours.max() < 40 and not np.allclose(ours, ours_y)


@pytest.mark.parametrize("gaussian", [True, False])
@pytest.mark.parametrize("crop_border", [0, 4])
def test_ssim_is_skimages(gaussian, crop_border):
    references, images = photo_pairs()
    b = slice(crop_border, -crop_border or None)
    options = dict(gaussian_weights=True, sigma=1.5, use_sample_covariance=False) if gaussian else {}
    ours = ssim(images, references, crop_border=crop_border, gaussian=gaussian)
    theirs = [structural_similarity(r[b, b], i[b, b], data_range=2.0, channel_axis=-1, **options)
              for r, i in zip(references, images)]
    np.testing.assert_allclose(ours, theirs, atol=1e-4)
    ours_y = ssim(images, references, crop_border=crop_border, y_channel=True, gaussian=gaussian)
    theirs_y = [structural_similarity(luma(r)[b, b], luma(i)[b, b], data_range=255, **options)
                for r, i in zip(references, images)]
    np.testing.assert_allclose(ours_y, theirs_y, atol=1e-4)
    assert 0.2 < ours.min() and ours.max() < 0.99


def test_identical_images_score_inf_and_one():
    references, _ = photo_pairs()
    assert np.all(np.isinf(psnr(references, references)))
    np.testing.assert_allclose(ssim(references, references), 1.0, atol=1e-12)
    assert psnr(references[0], references[0]).shape == (1,)  # one [H, W, C] image is a batch of one


@pytest.mark.parametrize("call, message", [
    (lambda r: psnr(r[:1], r), r"^images and references must have one shape, got \[1, 48, 40, 3\] and \[2, 48, 40, 3\]$"),
    (lambda r: psnr(r, r, crop_border=20), r"^crop_border must be an integer >= 0 that leaves pixels, got 20 for 48x40"),
    (lambda r: psnr(r, r, value_range=(1, -1)), r"^value_range must be \(low, high\) with high > low"),
    (lambda r: psnr(r[..., :1], r[..., :1], y_channel=True), r"^y_channel needs RGB images, got 1 channels$"),
    (lambda r: ssim(r, r, crop_border=15), r"^ssim needs images of at least 11x11 pixels after the border crop, got 18x10$"),
    (lambda r: psnr(r[0, 0], r[0, 0]), r"^images must be \[H, W, C\] or \[N, H, W, C\] images, got shape \[40, 3\]$"),
])
def test_bad_input_is_one_line(call, message):
    references, _ = photo_pairs()
    with pytest.raises(ValueError, match=message):
        call(references)
