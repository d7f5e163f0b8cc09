"""UpsampledSkip: bilinear enlargement plus the residual, clipped; any size, also traced with unknown sizes."""
import keras
import numpy as np
import pytest

from kgan.layers import UpsampledSkip


def reference_bilinear(image, scale):
    """Half-pixel-centre bilinear enlargement of `[h, w, C]`, edges clamped, written out with NumPy."""
    def weights(size):
        position = np.clip((np.arange(size * scale) + 0.5) / scale - 0.5, 0, size - 1)
        low = np.floor(position).astype(int)
        high = np.minimum(low + 1, size - 1)
        return low, high, (position - low)[:, None]

    rows_low, rows_high, row_weight = weights(image.shape[0])
    cols_low, cols_high, col_weight = weights(image.shape[1])
    rows = image[rows_low] * (1 - row_weight[..., None]) + image[rows_high] * row_weight[..., None]
    return rows[:, cols_low] * (1 - col_weight) + rows[:, cols_high] * col_weight


def test_the_output_is_the_bilinear_enlargement_plus_the_residual_clipped():
    rng = np.random.default_rng(0)
    low = rng.uniform(-1, 1, (2, 5, 7, 3)).astype("float32")
    residual = rng.normal(0, 0.3, (2, 20, 28, 3)).astype("float32")
    out = keras.ops.convert_to_numpy(UpsampledSkip(4)([low, residual]))
    expected = np.clip(np.stack([reference_bilinear(image, 4) for image in low]) + residual, -1, 1)
    np.testing.assert_allclose(out, expected, atol=1e-5)
    assert out.dtype == np.float32 and out.min() >= -1 and out.max() <= 1


def test_it_takes_any_size_and_round_trips():
    low, residual = keras.Input((None, None, 3)), keras.Input((None, None, 3))
    layer = UpsampledSkip(2, name="skip")
    model = keras.Model([low, residual], layer([low, residual]))
    assert tuple(model.output.shape) == (None, None, None, 3)
    out = model([np.zeros((1, 3, 9, 3), "float32"), np.full((1, 6, 18, 3), 0.5, "float32")])
    np.testing.assert_allclose(keras.ops.convert_to_numpy(out), 0.5)
    again = UpsampledSkip.from_config(layer.get_config())
    assert again.scale == 2 and again.name == "skip"
    with pytest.raises(ValueError, match="scale"):
        UpsampledSkip(1)


@pytest.mark.tensorflow_only
def test_a_traced_function_with_unknown_height_and_width_upscales_each_size():
    import tensorflow as tf

    low, residual = keras.Input((None, None, 3)), keras.Input((None, None, 3))
    model = keras.Model([low, residual], UpsampledSkip(4)([low, residual]))
    traced = tf.function(lambda a, b: model([a, b]),
                         input_signature=[tf.TensorSpec([1, None, None, 3]), tf.TensorSpec([1, None, None, 3])])
    image = np.random.default_rng(1).uniform(-1, 1, (1, 6, 4, 3)).astype("float32")
    out = traced(image, tf.zeros((1, 24, 16, 3))).numpy()
    np.testing.assert_allclose(out[0], reference_bilinear(image[0], 4), atol=1e-5)
