"""PixelShuffle: depth_to_space's channel order, any spatial size, a round-tripping config."""
import keras
import numpy as np
import pytest

from kgan.layers import PixelShuffle


def test_pixel_shuffle_moves_channel_blocks_into_space_in_depth_to_space_order():
    r, channels = 2, 3
    x = np.arange(1 * 2 * 3 * channels * r * r, dtype="float32").reshape(1, 2, 3, channels * r * r)
    y = keras.ops.convert_to_numpy(PixelShuffle(r)(x))
    assert y.shape == (1, 4, 6, channels)
    for i in range(r):
        for j in range(r):
            # Output pixel (r * y + i, r * x + j) of channel c is input channel (i * r + j) * C + c.
            np.testing.assert_array_equal(y[0, i::r, j::r, :], x[0, :, :, (i * r + j) * channels:(i * r + j + 1) * channels])


def test_pixel_shuffle_takes_any_size_and_round_trips():
    inputs = keras.Input((None, None, 8))
    layer = PixelShuffle(2, name="shuffle")
    model = keras.Model(inputs, layer(inputs))
    assert tuple(model.output.shape) == (None, None, None, 2)
    assert keras.ops.convert_to_numpy(model(np.zeros((2, 5, 7, 8), "float32"))).shape == (2, 10, 14, 2)
    again = PixelShuffle.from_config(layer.get_config())
    assert again.scale == 2 and again.name == "shuffle"


def test_pixel_shuffle_refuses_bad_scales_and_channels():
    with pytest.raises(ValueError, match="scale"):
        PixelShuffle(1)
    with pytest.raises(ValueError, match=r"^PixelShuffle\(2\) needs channels divisible by 4, got 6$"):
        PixelShuffle(2).compute_output_shape((None, 4, 4, 6))
