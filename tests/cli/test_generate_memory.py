"""`kgan generate` makes its images in batches and streams them to the grid and the .npz: memory stays bounded."""
import os
import subprocess
import sys

import numpy as np
import pytest

from kgan.models import DCGAN

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# In one fresh process: `kgan generate MODEL --num N ...` for each N in turn, printing the peak resident memory
# after each (ru_maxrss, in KiB on Linux). The peak never falls, so the difference is what the larger N added.
PEAK = """
import resource, sys
from kgan.cli.main import main
model, folder, *counts = sys.argv[1:]
for num in counts:
    code = main(["generate", model, "--num", num, "--seed", "1", "--npz", f"{folder}/{num}.npz",
                 "--out", f"{folder}/{num}.png"])
    assert code == 0, code
    print("peak", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


@pytest.mark.tensorflow_only  # the batching is kgan's, the same on both backends; the fresh process costs ~10 s
def test_peak_memory_does_not_grow_with_the_number_of_images(tmp_path):
    model = DCGAN.from_preset("dcgan_32", image_size=8, channels=1, latent_dim=8, generator_filters=4,
                              discriminator_filters=4)
    model.save(tmp_path / "model.keras")
    env = {**os.environ, "PYTHONPATH": REPO, "TF_CPP_MIN_LOG_LEVEL": "3"}
    done = subprocess.run([sys.executable, "-c", PEAK, tmp_path / "model.keras", tmp_path, "1000", "60000"],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    small, large = (int(line.split()[1]) for line in done.stdout.splitlines() if line.startswith("peak "))
    # Made all at once, 60,000 images took 124 MB more than 1,000 (activations and copies); in batches the
    # difference is the grid (60,000 tiles of 10x10 pixels: 6 MB) and its PNG encoding: 8 MB measured.
    assert large - small < 40 * 1024, (small, large)
    with np.load(tmp_path / "60000.npz") as archive:
        assert archive["images"].shape == (60_000, 8, 8, 1) and archive["images"].dtype == np.uint8
