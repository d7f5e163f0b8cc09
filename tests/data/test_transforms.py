"""Channel conversion and square resizing, on hand-made pixels."""
import keras
import numpy as np
import pytest

pytestmark = pytest.mark.tensorflow_only
if keras.backend.backend() != "tensorflow":
    pytest.skip("tensorflow_only: runs in the TensorFlow pass", allow_module_level=True)

from kgan.data import transforms  # noqa: E402

RGBA = np.array([[[200, 100, 50, 7], [0, 255, 10, 255]]], np.uint8)  # [1, 2, 4]


def test_rgba_to_rgb_drops_alpha():
    out = transforms.to_channels(RGBA, 3).numpy()
    np.testing.assert_array_equal(out, RGBA[..., :3])


def test_rgb_to_grey_is_rounded_luma():
    out = transforms.to_channels(RGBA, 1).numpy()
    # 0.299*200 + 0.587*100 + 0.114*50 = 124.2; 0.587*255 + 0.114*10 = 150.825
    np.testing.assert_array_equal(out, [[[124], [151]]])
    assert out.dtype == np.uint8


def test_grey_to_rgb_repeats_and_grey_alpha_keeps_grey():
    grey_alpha = np.array([[[30, 99], [250, 0]]], np.uint8)  # [1, 2, 2]
    np.testing.assert_array_equal(transforms.to_channels(grey_alpha, 3).numpy(),
                                  [[[30, 30, 30], [250, 250, 250]]])
    np.testing.assert_array_equal(transforms.to_channels(grey_alpha, 1).numpy(), [[[30], [250]]])


def test_float_grey_is_not_rounded():
    rgb = np.array([[[1.0, 2.0, 3.0]]], np.float32)
    out = transforms.to_channels(rgb, 1).numpy()
    np.testing.assert_allclose(out, [[[0.299 + 1.174 + 0.342]]], rtol=1e-6)


def test_square_resize_center_crops_then_keeps_exact_pixels():
    image = np.arange(4 * 6, dtype=np.uint8).reshape(4, 6, 1)  # [4, 6, 1]
    out = transforms.square_resize(image, 4).numpy()  # no resize needed after the crop
    np.testing.assert_array_equal(out, image[:, 1:5])


def test_square_resize_shrinks_with_an_antialiasing_triangle_filter():
    image = np.zeros((4, 4, 1), np.uint8)
    image[:2, :2] = 200  # top-left quadrant
    # Halving widens the bilinear (triangle) kernel to a radius of 2 input pixels: output pixel 0,
    # centred at 1.0, weighs input centres 0.5, 1.5, 2.5 by 0.75, 0.75, 0.25 (normalized by 1.75), so
    # the top-left quadrant carries 6/7 of output 0 and 1/7 of output 1 along each axis.
    share = np.array([6 / 7, 1 / 7])
    expected = 200 * np.outer(share, share)  # [[146.9, 24.5], [24.5, 4.1]]
    out = transforms.square_resize(image, 2).numpy()[..., 0]
    np.testing.assert_array_equal(out, np.round(expected))
    batch = transforms.square_resize(np.stack([image, 255 - image]), 2).numpy()[..., 0]  # [2, 2, 2]
    np.testing.assert_array_equal(batch[1], np.round(255 - expected))
    flat = transforms.square_resize(np.full((9, 12, 3), 77, np.uint8), 5).numpy()
    assert flat.shape == (5, 5, 3) and np.all(flat == 77)


def test_normalize_maps_0_255_to_minus_one_one():
    np.testing.assert_array_equal(transforms.normalize(np.array([0, 255, 127.5], np.float32)).numpy(), [-1, 1, 0])
