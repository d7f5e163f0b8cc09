"""The shared PatchGAN: parameter counts of the two reference variants, output map sizes, receptive fields."""
import numpy as np
import pytest

from kgan.models.patch_discriminator import build_patch_discriminator, receptive_field
from kgan.side_by_side import side_by_side


def test_pix2pix_70x70_patchgan_has_the_reference_parameter_count_and_a_30x30_map():
    d = build_patch_discriminator((256, 256, 6), normalization="batch")
    assert sum(int(np.prod(w.shape)) for w in d.trainable_weights) == 2_768_705
    assert d.output_shape == (None, 30, 30, 1)


def test_cyclegan_patchgan_with_instance_norm_has_the_reference_parameter_count():
    d = build_patch_discriminator((256, 256, 3), normalization="instance")
    assert sum(int(np.prod(w.shape)) for w in d.trainable_weights) == 2_764_737
    assert d.non_trainable_weights == []  # instance norm without affine keeps no statistics


@pytest.mark.parametrize("n_layers, field, side", [(1, 16, 62), (2, 34, 30), (3, 70, 14), (4, 142, 6)])
def test_n_layers_sets_the_receptive_field_and_map_size(n_layers, field, side):
    assert receptive_field(n_layers) == field
    d = build_patch_discriminator((128, 128, 3), filters=8, n_layers=n_layers)
    assert d.output_shape == (None, side, side, 1)


def test_n_layers_outside_one_to_five_is_refused():
    with pytest.raises(ValueError, match=r"n_layers must be an integer in \[1, 5\], got 6"):
        build_patch_discriminator((64, 64, 3), n_layers=6)


def test_side_by_side_puts_one_example_per_row_and_shows_grey_inputs_in_rgb():
    grey, colour = np.full((2, 4, 4, 1), 0.5), np.zeros((2, 4, 4, 3))
    images, rows = side_by_side(grey, colour)
    assert rows == 2 and images.shape == (4, 4, 4, 3)
    np.testing.assert_array_equal(images[0], np.full((4, 4, 3), 0.5, "float32"))
    np.testing.assert_array_equal(images[1], colour[0])
