"""The shipped models: each file is the one savedmodels/MANIFEST.md names, and it does what the manifest says."""
import hashlib
import os
import re

import numpy as np
import pytest

ROOT = os.path.join(os.path.dirname(__file__), os.pardir)
SAVEDMODELS = os.path.join(ROOT, "savedmodels")


def manifest_rows():
    with open(os.path.join(SAVEDMODELS, "MANIFEST.md"), encoding="utf-8") as file:
        text = file.read()
    return {name: (int(size.replace(",", "")), digest)
            for name, size, digest in re.findall(r"^\| `(\w+)` \|.*\| ([\d,]+) bytes \| `([0-9a-f]{64})` \|$", text,
                                                 re.M)}


def test_every_shipped_file_is_in_the_manifest_with_its_size_and_digest():
    rows = manifest_rows()
    files = sorted(name[:-len(".keras")] for name in os.listdir(SAVEDMODELS) if name.endswith(".keras"))
    assert sorted(rows) == files == ["colorize"]
    for name, (size, digest) in rows.items():
        with open(os.path.join(SAVEDMODELS, f"{name}.keras"), "rb") as file:
            content = file.read()
        assert (len(content), hashlib.sha256(content).hexdigest()) == (size, digest)


@pytest.mark.tensorflow_only  # the held-out photos come through tf.data
def test_colorize_beats_the_grey_copy_on_the_held_out_photos():
    import kgan.data
    from kgan.runs.loading import load_for_sampling

    model = load_for_sampling(os.path.join(SAVEDMODELS, "colorize.keras"))
    data = kgan.data.load_task("photos:colorize", model.task, batch_size=64, seed=0, split="test", shuffle=False)
    batch = next(iter(data.dataset()))
    grey, colour = np.asarray(batch["source"]), np.asarray(batch["target"])  # [64, 64, 64, 1], [64, 64, 64, 3]
    guess = np.asarray(model.sample(source=grey))
    model_l1 = np.mean(np.abs(guess - colour)) / 2  # on [0, 1] pixels, as the manifest reports
    grey_l1 = np.mean(np.abs(np.repeat(grey, 3, axis=-1) - colour)) / 2
    assert grey_l1 == pytest.approx(0.1512, abs=1e-3)
    assert model_l1 == pytest.approx(0.128, abs=2e-3) and model_l1 < grey_l1
