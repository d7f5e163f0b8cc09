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

replicas, kwargs = int(sys.argv[1]), json.loads(sys.argv[2])
rng = np.random.default_rng(0)
z = rng.normal(size=(32, 3)).astype("float32")
real = rng.normal(size=(32, 2)).astype("float32")
strategy = tf.distribute.MirroredStrategy([f"/cpu:{i}" for i in range(replicas)])
with strategy.scope():
    model = LinearGAN(direct_weight=0.3, ema_decay=0.9, **kwargs)
    model.compile(discriminator=keras.optimizers.Adam(1e-2), generator=keras.optimizers.Adam(1e-2))
history = model.fit(z, real, batch_size=8, epochs=2, shuffle=False, verbose=0)
value = lambda v: v.value.numpy().tolist() if hasattr(v, "value") else v.numpy().tolist()
print(json.dumps({"replicas": strategy.num_replicas_in_sync,
                  "weights": [w.tolist() for w in model.get_weights()],
                  "iterations": [value(model.player_optimizer(n).iterations) for n in ("discriminator", "generator")],
                  "d_loss": history.history["d_loss"], "g_loss": history.history["g_loss"]}))
"""


def run(replicas, **kwargs):
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env = {**os.environ, "KERAS_BACKEND": "tensorflow", "PYTHONPATH": root}
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(replicas), json.dumps(kwargs)], env=env, cwd=root,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("kwargs, iterations", [
    ({"critic_steps": 2}, [16, 8]),
    # WGAN's kind of schedule: a dynamic critic count (3 in cycle 0, then 2), one real batch per critic step.
    # Found: a callable step count failed under MirroredStrategy ("merge_call called while defining a new graph").
    ({"critic_steps": 2, "warmup_critic_steps": 3, "fresh_data": True}, [8, 3]),
])
def test_two_replicas_match_one_device(kwargs, iterations):
    one, two = run(1, **kwargs), run(2, **kwargs)
    assert (one["replicas"], two["replicas"]) == (1, 2)
    assert one["iterations"] == two["iterations"] == iterations
    for a, b in zip(one["weights"], two["weights"], strict=True):
        np.testing.assert_allclose(a, b, atol=1e-5)
    np.testing.assert_allclose(one["d_loss"], two["d_loss"], atol=1e-5)
    np.testing.assert_allclose(one["g_loss"], two["g_loss"], atol=1e-5)
    # The run moved the weights: equality is not the trivial kind.
    assert one["d_loss"][0] != one["d_loss"][1]


def test_a_dynamic_repeat_on_one_batch_is_refused_under_distribution():
    with pytest.raises(AssertionError, match="fresh_data=True"):
        run(2, critic_steps=2, warmup_critic_steps=3)


WGAN_SCRIPT = r"""
import json
import numpy as np
import tensorflow as tf
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
from kgan.models import WGAN

strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
with strategy.scope():
    model = WGAN(image_size=8, channels=1, latent_dim=4, generator_filters=4, critic_filters=4, critic_steps=2,
                 warmup_critic_steps=3, warmup_generator_steps=1, long_critic_every=0, seed=1)
    model.compile()
images = np.random.default_rng(0).uniform(-1, 1, (28, 8, 8, 1)).astype("float32")
history = model.fit(images, batch_size=4, shuffle=False, verbose=0)
value = lambda v: v.value.numpy().tolist()
print(json.dumps({"critic": value(model.player_optimizer("critic").iterations),
                  "generator": value(model.player_optimizer("generator").iterations),
                  "finite": bool(all(np.isfinite(w).all() for w in model.get_weights()))}))
"""


def test_wgan_trains_under_mirrored_strategy():
    # Found: WGAN's callable critic count failed with "merge_call called while defining a new graph".
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env = {**os.environ, "KERAS_BACKEND": "tensorflow", "PYTHONPATH": root}
    out = subprocess.run([sys.executable, "-c", WGAN_SCRIPT], env=env, cwd=root, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    # 7 batches, one critic step each; cycles of 3 (warm-up), then 2, 2: 3 generator steps.
    assert result == {"critic": 7, "generator": 3, "finite": True}
