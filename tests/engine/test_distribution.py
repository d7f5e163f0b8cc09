"""tf.distribute: 2 logical CPU devices must match 1 device on the same global batch."""
import json
import os
import subprocess
import sys

import numpy as np
import pytest

pytestmark = pytest.mark.tensorflow_only

SCRIPT = r"""
import json, sys
import numpy as np
import tensorflow as tf
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
import keras
from tests.engine.linear_gan import LinearGAN

replicas = int(sys.argv[1])
rng = np.random.default_rng(0)
z = rng.normal(size=(32, 3)).astype("float32")
real = rng.normal(size=(32, 2)).astype("float32")
strategy = tf.distribute.MirroredStrategy([f"/cpu:{i}" for i in range(replicas)])
with strategy.scope():
    model = LinearGAN(critic_steps=2, direct_weight=0.3)
    model.compile(discriminator=keras.optimizers.Adam(1e-2), generator=keras.optimizers.Adam(1e-2))
history = model.fit(z, real, batch_size=8, epochs=2, shuffle=False, verbose=0)
print(json.dumps({"replicas": strategy.num_replicas_in_sync,
                  "weights": [w.tolist() for w in model.get_weights()],
                  "d_loss": history.history["d_loss"]}))
"""


def run(replicas):
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env = {**os.environ, "KERAS_BACKEND": "tensorflow", "PYTHONPATH": root}
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(replicas)], env=env, cwd=root,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_two_replicas_match_one_device():
    one, two = run(1), run(2)
    assert (one["replicas"], two["replicas"]) == (1, 2)
    for a, b in zip(one["weights"], two["weights"], strict=True):
        np.testing.assert_allclose(a, b, atol=1e-5)
    np.testing.assert_allclose(one["d_loss"], two["d_loss"], atol=1e-5)
    # The run moved the weights: equality is not the trivial kind.
    assert one["d_loss"][0] != one["d_loss"][1]
