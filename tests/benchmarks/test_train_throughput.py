"""CI runs the throughput benchmark at its smallest setting: it must run and compare like with like."""
import json
import os
import subprocess
import sys

import keras

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_smallest_setting_runs_and_both_contenders_do_the_same_work(tmp_path):
    out = tmp_path / "result.json"
    command = [sys.executable, "benchmarks/train_throughput.py", "--image-size", "16", "--batch-size", "8",
               "--filters", "8", "--steps", "2", "--repeats", "1", "--warmup", "1", "--json-out", str(out)]
    env = {**os.environ, "KERAS_BACKEND": keras.backend.backend()}
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True, timeout=600)
    result = json.loads(out.read_text())
    assert result["backend"] == keras.backend.backend()
    assert result["checks"]["kgan_and_keras_baseline_same_work"] is True
    assert result["checks"]["kgan_vs_keras_baseline_max_loss_difference"] < 1e-5
    assert result["ratios"]["kgan/keras_baseline"]["median_of_paired"] > 0
