"""Reflect-pad to a size a network takes, and crop back to the input's size."""
import numpy as np
import pytest

from kgan.size_fit import crop, fitted_size, reflect_pad


@pytest.mark.parametrize("size, multiple, minimum, fitted", [(300, 256, 256, 512), (256, 256, 256, 256),
                                                            (10, 4, 32, 32), (33, 4, 1, 36)])
def test_fitted_size_is_the_next_multiple_at_least_the_minimum(size, multiple, minimum, fitted):
    assert fitted_size(size, multiple, minimum) == fitted


def test_pad_then_crop_gives_the_image_back_and_the_border_mirrors_it():
    image = np.arange(3 * 5 * 2).reshape(3, 5, 2)
    padded, corner = reflect_pad(image, 8, 8)
    assert padded.shape == (8, 8, 2) and corner == (2, 1)
    np.testing.assert_array_equal(crop(padded, corner, 3, 5), image)
    np.testing.assert_array_equal(padded[1, 1:6], image[1])  # the row above the image mirrors its second row


def test_a_pad_wider_than_the_image_still_reflects():
    padded, corner = reflect_pad(np.ones((10, 3, 1)), 256, 256)
    assert padded.shape == (256, 256, 1) and np.all(padded == 1)


def test_padding_to_a_smaller_size_is_refused():
    with pytest.raises(ValueError, match="cannot pad a 4x4 image down to 2x8"):
        reflect_pad(np.zeros((4, 4, 1)), 2, 8)
