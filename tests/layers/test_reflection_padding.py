"""ReflectionPadding2D mirrors without repeating the edge (numpy's "reflect", PyTorch's ReflectionPad2d)."""
import keras
import numpy as np
import pytest

from kgan.layers import ReflectionPadding2D


def test_it_pads_as_numpy_reflect_and_round_trips_its_config():
    x = np.arange(2 * 5 * 4 * 3, dtype="float32").reshape(2, 5, 4, 3)
    layer = ReflectionPadding2D((3, 2))
    y = keras.ops.convert_to_numpy(layer(x))
    np.testing.assert_array_equal(y, np.pad(x, [(0, 0), (3, 3), (2, 2), (0, 0)], mode="reflect"))
    assert y[0, 0, 2, 0] == x[0, 3, 0, 0]  # row 0 of the padded image is row 3 of the input: no edge repeat
    assert layer.compute_output_shape((None, 5, None, 3)) == (None, 11, None, 3)
    again = ReflectionPadding2D.from_config(layer.get_config())
    assert again.padding == (3, 2)
    model = keras.Sequential([keras.Input((None, None, 1)), ReflectionPadding2D(1)])
    assert model.output_shape == (None, None, None, 1)


@pytest.mark.parametrize("padding", [-1, 1.5, (1, 2, 3), "1"])
def test_a_bad_padding_is_refused_in_one_line(padding):
    with pytest.raises(ValueError, match="padding must be"):
        ReflectionPadding2D(padding)
