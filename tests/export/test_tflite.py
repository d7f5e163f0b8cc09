"""TFLite export of an upscaler: the four variants run under LiteRT at any size, close to Keras, and smaller."""
import os

import keras
import numpy as np
import pytest

from kgan.export.litert_runner import LiteRTRunner
from kgan.export.tflite import VARIANTS, export_tflite
from kgan.export.tiled_upscaling import upscale_tiled
from kgan.models.srgan.networks import build_srresnet

pytestmark = pytest.mark.tensorflow_only
#: the largest |TFLite - Keras| per variant on [-1, 1] outputs of this random-weight network.
TOLERANCE = {"float32": 1e-5, "float16": 2e-3, "dynamic_int8": 0.05, "int8": 0.25}


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    network = build_srresnet(4, filters=16, blocks=2, output_skip="bilinear")
    rng = np.random.default_rng(0)
    representative = [rng.uniform(-1, 1, (12, 12, 3)).astype("float32") for _ in range(8)]
    folder = tmp_path_factory.mktemp("tflite")
    sizes = {variant: export_tflite(network, str(folder / f"{variant}.tflite"), variant, representative)
             for variant in VARIANTS}
    return network, folder, sizes


@pytest.mark.parametrize("variant", VARIANTS)
def test_each_variant_upscales_any_size_close_to_keras(exported, variant):
    network, folder, sizes = exported
    path = str(folder / f"{variant}.tflite")
    assert os.path.getsize(path) == sizes[variant]
    runner = LiteRTRunner(path, num_threads=2)
    assert runner.channels == 3
    rng = np.random.default_rng(1)
    for height, width in ((10, 13), (6, 7), (10, 13)):
        images = rng.uniform(-1, 1, (1, height, width, 3)).astype("float32")
        out = runner(images)
        assert out.shape == (1, 4 * height, 4 * width, 3) and out.dtype == np.float32
        expected = keras.ops.convert_to_numpy(network(images, training=False))
        assert np.abs(out - expected).max() < TOLERANCE[variant]


def test_the_quantized_variants_are_smaller(exported):
    _, _, sizes = exported
    assert sizes["float16"] < 0.6 * sizes["float32"]
    assert sizes["dynamic_int8"] < 0.4 * sizes["float32"] and sizes["int8"] < 0.4 * sizes["float32"]


def test_a_tflite_upscaler_tiles_like_keras(exported):
    network, folder, _ = exported
    image = np.random.default_rng(2).uniform(-1, 1, (30, 21, 3)).astype("float32")
    tiled = upscale_tiled(LiteRTRunner(str(folder / "float32.tflite")), image, 4, tile=16, overlap=12)
    np.testing.assert_allclose(tiled, keras.ops.convert_to_numpy(network(image[None], training=False))[0], atol=2e-5)


def test_bad_variants_and_a_missing_calibration_set_are_one_line(tmp_path):
    network = build_srresnet(2, filters=4, blocks=0, output_skip="bilinear")
    with pytest.raises(ValueError, match=r"^unknown TFLite variant 'int4'; choose one of: float32, float16, "
                                         r"dynamic_int8, int8$"):
        export_tflite(network, str(tmp_path / "a.tflite"), "int4")
    with pytest.raises(ValueError, match=r"^the int8 TFLite variant calibrates on representative_images"):
        export_tflite(network, str(tmp_path / "a.tflite"), "int8")
    assert not os.listdir(tmp_path)
