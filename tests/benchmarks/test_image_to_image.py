"""The image-to-image benchmark: its baselines on known inputs, and a one-step run that writes real numbers."""
import json
import math
import os
import sys

import numpy as np
import pytest
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "benchmarks"))

import image_to_image as bench  # noqa: E402


def test_l1_and_psnr_are_in_unit_pixel_range():
    a = np.full((2, 4, 4, 3), -1.0, "float32")  # black
    b = np.zeros((2, 4, 4, 3), "float32")  # mid grey: 0.5 away in [0, 1]
    assert bench.l1(a, b) == pytest.approx(0.5)
    assert bench.psnr(a, b) == pytest.approx(10 * math.log10(1 / 0.25))  # 6.02 dB
    where = np.zeros((2, 4, 4, 1), "float32")
    where[:, :2] = 1.0
    b[:, 2:] = -1.0  # only the weighted rows differ
    assert bench.psnr(a, b, where) == pytest.approx(10 * math.log10(4.0))
    assert bench.psnr(a, b) == pytest.approx(10 * math.log10(8.0))  # half the pixels: MSE 0.125


def test_grey_copy_repeats_the_source():
    source = np.linspace(-1, 1, 16, dtype="float32").reshape(1, 4, 4, 1)
    copy = bench.grey_copy(source)
    assert copy.shape == (1, 4, 4, 3)
    np.testing.assert_array_equal(copy[..., 0], source[..., 0])
    np.testing.assert_array_equal(copy[..., 2], source[..., 0])
    # A grey target: the copy is exact.
    assert bench.l1(copy, np.repeat(source, 3, axis=-1)) == 0.0


def test_fills_change_only_the_hole():
    images = np.zeros((1, 4, 4, 3))
    images[..., 0] = 0.5  # known pixels: red 0.5, others 0
    holes = np.zeros((1, 4, 4, 1))
    holes[:, 1:3, 1:3] = 1.0
    images[:, 1:3, 1:3] = -1.0  # the truth in the hole, which no fill may see
    mean = bench.known_mean_fill(images, holes)
    np.testing.assert_allclose(mean[:, 1:3, 1:3], np.broadcast_to([0.5, 0.0, 0.0], (1, 2, 2, 3)))
    np.testing.assert_array_equal(mean[:, 0], images[:, 0])
    fixed = bench.fixed_fill(images, holes, (0.1, 0.2, 0.3))
    np.testing.assert_allclose(fixed[0, 1, 1], [0.1, 0.2, 0.3])
    np.testing.assert_array_equal(fixed[:, 3], images[:, 3])


def test_biharmonic_fills_a_linear_ramp_exactly():
    ramp = np.linspace(-1, 1, 16)[None, :, None, None] * np.ones((1, 16, 16, 3))  # [1, 16, 16, 3], columns ramp
    holes = np.zeros((1, 16, 16, 1))
    holes[:, 6:10, 6:10] = 1.0
    guess = ramp.copy()
    guess[:, 6:10, 6:10] = 0.0
    filled = bench.biharmonic_fill(guess, holes)
    np.testing.assert_allclose(filled, ramp, atol=1e-3)  # a harmonic function is its own biharmonic fill
    assert bench.psnr(filled, ramp, holes) > 50


@pytest.mark.tensorflow_only  # kgan.runs and kgan.data's tf.data pipeline
def test_one_step_context_encoder_run_writes_real_numbers(tmp_path):
    out, grid = tmp_path / "r.json", tmp_path / "g.png"
    bench.main(["--family", "context_encoder", "--steps", "1", "--test-crops", "16", "--json-out", str(out),
                "--grid-out", str(grid)])
    result = json.loads(out.read_text())
    assert result["run"]["preset"] == "context_encoder_32" and result["run"]["steps"] == 1
    assert result["run"]["full_recipe"] is False
    assert result["command"].endswith(f"--grid-out {grid}")
    scores = {name: entry["hole_psnr_db"] for name, entry in result["scores"].items()}
    assert set(scores) == {"model", "known_mean_fill", "reference_mean_colour_fill", "biharmonic"}
    assert all(isinstance(v, float) and 0 < v < 60 for v in scores.values())
    # Biharmonic inpainting of natural crops beats a flat fill.
    assert scores["biharmonic"] > scores["known_mean_fill"] > scores["reference_mean_colour_fill"]
    assert result["met"] == {"above_known_mean_fill": scores["model"] > scores["known_mean_fill"],
                             "above_biharmonic": scores["model"] > scores["biharmonic"]}
    assert result["hole"].startswith("the centre 12x12") and result["num_test_images"] == 16
    with Image.open(grid) as image:  # 8 rows of masked | filled | original, 32x32 tiles with 2-pixel padding
        assert image.size == (3 * 34 + 2, 8 * 34 + 2)
