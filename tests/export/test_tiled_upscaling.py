"""Tiled upscaling: equal to the whole-image output away from tile borders, close to it at them, any image size."""
import keras
import numpy as np
import pytest

from kgan.export.tiled_upscaling import tile_boxes, upscale_tiled
from kgan.models.srgan.networks import build_srresnet

# The receptive field of this generator in input pixels, each side: 9x9 stem (4), two 3x3 convs per block (2 each),
# the trunk conv (1), rounded up.
BLOCKS, SCALE = 2, 4
REACH = 4 + 2 * BLOCKS + 1 + 3  # 12: the upsampling convs (1 + 1/2), the 9x9 head (1) and the bilinear skip (1)


@pytest.fixture(scope="module")
def generator():
    network = build_srresnet(SCALE, filters=8, blocks=BLOCKS, output_skip="bilinear")
    rng = np.random.default_rng(0)
    # Trained-looking BatchNorm statistics, so that inference mode is not the identity.
    for layer in network.layers:
        if isinstance(layer, keras.layers.BatchNormalization):
            gamma, beta, mean, variance = layer.get_weights()
            layer.set_weights([gamma, beta, rng.normal(0, 0.1, mean.shape), rng.uniform(0.5, 2, variance.shape)])
    return network


def run_with(network):
    return lambda images: keras.ops.convert_to_numpy(network(images, training=False))


def test_the_tiles_cover_the_image_once():
    boxes = tile_boxes(70, 45, 32)
    assert boxes[0] == (0, 0, 32, 32) and boxes[-1] == (64, 32, 70, 45) and len(boxes) == 3 * 2
    covered = np.zeros((70, 45), int)
    for top, left, bottom, right in boxes:
        covered[top:bottom, left:right] += 1
    assert (covered == 1).all()


def test_tiled_equals_untiled_where_the_margin_holds_the_receptive_field(generator):
    image = np.random.default_rng(1).uniform(-1, 1, (37, 50, 3)).astype("float32")
    whole = upscale_tiled(run_with(generator), image, SCALE, tile=0)
    np.testing.assert_allclose(whole, run_with(generator)(image[None])[0], atol=1e-6)
    exact = upscale_tiled(run_with(generator), image, SCALE, tile=16, overlap=REACH)
    assert exact.shape == (148, 200, 3)
    np.testing.assert_allclose(exact, whole, atol=1e-5)


def test_a_small_overlap_differs_only_near_tile_borders_and_within_the_stated_tolerance(generator):
    image = np.random.default_rng(2).uniform(-1, 1, (40, 40, 3)).astype("float32")
    whole = upscale_tiled(run_with(generator), image, SCALE, tile=0)
    tiled = upscale_tiled(run_with(generator), image, SCALE, tile=20, overlap=4)
    difference = np.abs(tiled - whole).max(axis=-1)  # [160, 160]
    # Output pixels whose input is more than REACH - overlap from the tile border at 20 are untouched.
    near_border = np.zeros((160, 160), bool)
    band = (REACH - 4 + 1) * SCALE
    near_border[80 - band:80 + band, :] = True
    near_border[:, 80 - band:80 + band] = True
    assert difference[~near_border].max() < 1e-5
    assert 0 < difference[near_border].max() < 0.25


def test_bad_tiles_are_refused(generator):
    with pytest.raises(ValueError, match="tile"):
        upscale_tiled(run_with(generator), np.zeros((8, 8, 3)), SCALE, tile=-1)
    with pytest.raises(ValueError, match=r"^the model turned a 8x8 tile into 32x32, not x2$"):
        upscale_tiled(run_with(generator), np.zeros((8, 8, 3)), 2, tile=8)
