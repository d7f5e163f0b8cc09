"""`import kgan` is enough for Keras to load a saved kgan model (the command line's lazy start is in tests/cli)."""
import os
import subprocess
import sys

import pytest

from kgan.models import CGAN

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

LOAD = """
import sys
import kgan
import keras
model = keras.models.load_model(sys.argv[1])
print(type(model).__module__, type(model).__name__, model.count_params())
"""


@pytest.mark.tensorflow_only  # registration is the same on both backends; one fresh process is enough
def test_import_kgan_registers_the_families_for_load_model(tmp_path):
    model = CGAN.from_preset("cgan_32", image_shape=(8, 8, 1), latent_dim=8, generator_filters=4,
                             discriminator_filters=4)
    model.compile()
    model.save(tmp_path / "cgan.keras")
    env = {**os.environ, "PYTHONPATH": REPO}
    done = subprocess.run([sys.executable, "-c", LOAD, str(tmp_path / "cgan.keras")], capture_output=True,
                          text=True, env=env, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["kgan.models.cgan.cgan", "CGAN", str(model.count_params())]
