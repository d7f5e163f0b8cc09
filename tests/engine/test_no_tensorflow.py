"""The core (engine, losses, layers, models) runs where TensorFlow cannot be imported."""
import os
import subprocess
import sys

SCRIPT = r"""
import sys
sys.modules["tensorflow"] = None  # any `import tensorflow` now raises ImportError
import numpy as np
import keras
assert keras.backend.backend() == "jax"
import kgan.engine, kgan.losses, kgan.layers, kgan.models
from kgan.models import FAMILIES
model = kgan.models.GAN(image_shape=(4, 4, 1), latent_dim=4, generator_units=(8,),
                        discriminator_units=(8,), maxout_pieces=2)
model.compile()
model.fit(np.zeros((8, 4, 4, 1), "float32"), batch_size=8, verbose=0)
assert int(model.player_optimizer("generator").iterations) == 1
assert not any(name == "tensorflow" or name.startswith("tensorflow.") for name, mod in sys.modules.items() if mod)
print("ok", sorted(FAMILIES))
"""


def test_core_imports_and_trains_without_tensorflow():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env = {**os.environ, "KERAS_BACKEND": "jax", "PYTHONPATH": root}
    out = subprocess.run([sys.executable, "-c", SCRIPT], env=env, cwd=root, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.startswith("ok")
