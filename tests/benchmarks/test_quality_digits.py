"""CI runs the digits quality benchmark at its smallest setting: it must run and report sane numbers."""
import json
import os
import subprocess
import sys

import pytest
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.mark.tensorflow_only  # kgan.data's tf.data pipeline
def test_smallest_setting_writes_every_field(tmp_path):
    out, grid = tmp_path / "quality.json", tmp_path / "grid.png"
    command = [sys.executable, "benchmarks/quality_digits.py", "--epochs", "1", "--classifier-epochs", "1",
               "--samples-per-class", "5", "--verbose", "0", "--json-out", str(out), "--grid-out", str(grid)]
    env = {**os.environ, "KERAS_BACKEND": "tensorflow", "TF_CPP_MIN_LOG_LEVEL": "3"}
    completed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr[-2000:]
    result = json.loads(out.read_text())

    assert result["machine"]["backend"] == "tensorflow"
    assert result["command"].endswith("--grid-out " + str(grid))
    assert result["gan"]["steps"] == 28 and result["gan"]["epochs"] == 1  # 1,797 digits // 64
    assert all(isinstance(v, float) and v == v for v in result["gan"]["final_logs"].values())
    assert set(result["gan"]["final_logs"]) == {"d_loss", "g_loss"}
    assert result["generated"] == {"num_images": 50, "per_class": 5, "sample_seed": 0, "grid": str(grid)}
    classifier = result["classifier"]
    assert classifier["train_examples"] + classifier["test_examples"] == 1797
    assert 340 <= classifier["test_examples"] <= 380  # a stratified 20%
    assert 0.1 < classifier["test_accuracy"] <= 1.0  # better than chance after one epoch
    accuracy = result["class_conditional_accuracy"]
    assert 0.0 <= accuracy <= 1.0
    assert len(result["per_class_accuracy"]) == 10
    assert sum(result["per_class_accuracy"]) / 10 == pytest.approx(accuracy)  # equal class counts
    assert all(a in (0.0, 0.2, 0.4, 0.6, 0.8, 1.0) for a in result["per_class_accuracy"])  # 5 per class

    frechet = result["frechet_distance"]
    assert frechet["real_vs_real"] > 0
    assert frechet["generated_vs_real"] >= 0 and all(d >= 0 for d in frechet["generated_vs_real_halves"])
    assert frechet["generated_vs_real"] == pytest.approx(sum(frechet["generated_vs_real_halves"]) / 2)
    assert frechet["ratio"] == pytest.approx(frechet["generated_vs_real"] / frechet["real_vs_real"])
    assert frechet["sizes"] == {"generated": 50, "real_half_a": 898, "real_half_b": 899}
    # One epoch of GAN training is far from the real digits.
    assert frechet["generated_vs_real"] > frechet["real_vs_real"]
    assert result["targets"] == {"class_conditional_accuracy_min": 0.9, "frechet_ratio_max": 3.0}
    assert result["met"] == {"class_conditional_accuracy": accuracy >= 0.9, "frechet_ratio": frechet["ratio"] <= 3.0}
    assert result["wall_seconds"] > 0

    with Image.open(grid) as image:  # 10 rows of 5 digits, 32x32 with 2-pixel padding
        assert image.size == (5 * 34 + 2, 10 * 34 + 2)


@pytest.mark.tensorflow_only
def test_an_unconditional_family_is_scored_by_recognizable_digits_and_class_shares(tmp_path):
    out, grid = tmp_path / "quality.json", tmp_path / "grid.png"
    command = [sys.executable, "benchmarks/quality_digits.py", "--family", "wgan", "--steps", "6",
               "--classifier-epochs", "1", "--samples-per-class", "3", "--verbose", "0", "--json-out", str(out),
               "--grid-out", str(grid)]
    env = {**os.environ, "KERAS_BACKEND": "tensorflow", "TF_CPP_MIN_LOG_LEVEL": "3"}
    completed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr[-2000:]
    result = json.loads(out.read_text())

    assert (result["gan"]["family"], result["gan"]["preset"], result["gan"]["steps"]) == ("wgan", "wgan_digits", 6)
    assert result["gan"]["batch_size"] == 32  # the recipe's
    assert "class_conditional_accuracy" not in result
    assert result["generated"]["num_images"] == 30
    shares = result["class_shares"]
    assert len(shares) == 10 and sum(shares) == pytest.approx(1.0)
    assert all(share * 30 == pytest.approx(round(share * 30)) for share in shares)  # counts of 30 digits
    assert 0.0 <= result["recognizable_fraction"] <= 1.0 and 0.0 <= result["real_recognizable_fraction"] <= 1.0
    assert result["targets"] == {"recognizable_fraction_min": 0.75, "class_share_min": 0.03, "frechet_ratio_max": 3.0}
    assert result["met"] == {"recognizable_fraction": result["recognizable_fraction"] >= 0.75,
                             "class_shares": min(shares) >= 0.03,
                             "frechet_ratio": result["frechet_distance"]["ratio"] <= 3.0}
    assert result["frechet_distance"]["sizes"]["generated"] == 30
    with Image.open(grid) as image:  # 10 rows of 3 digits
        assert image.size == (3 * 34 + 2, 10 * 34 + 2)
