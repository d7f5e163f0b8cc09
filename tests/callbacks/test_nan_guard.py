import os

import numpy as np
import pytest

from kgan.callbacks import Checkpoint, CheckpointStore, NaNGuard, TrainingDiverged
from tests.callbacks.tiny_model import images, poison_discriminator_loss, tiny_dcgan


def test_stops_at_the_first_non_finite_loss_and_keeps_the_last_good_checkpoint(tmp_path, monkeypatch):
    poison_discriminator_loss(monkeypatch, from_step=3)
    model = tiny_dcgan()
    callbacks = [NaNGuard(initial_step=0), Checkpoint(tmp_path, every_steps=1, keep=5, initial_step=0)]
    with pytest.raises(TrainingDiverged, match=r"^d_loss is nan at step 4$") as caught:
        model.fit(images(48), batch_size=8, epochs=1, shuffle=False, verbose=0, callbacks=callbacks)
    assert (caught.value.step, caught.value.key) == (4, "d_loss")
    store = CheckpointStore(tmp_path)
    assert store.steps() == [1, 2, 3]
    good = store.load()
    assert all(np.all(np.isfinite(w)) for w in good.get_weights())
    assert sorted(os.listdir(tmp_path))[-1] == "ckpt-000000003.keras"


def test_finite_losses_pass(tmp_path):
    model = tiny_dcgan()
    history = model.fit(images(16), batch_size=8, epochs=1, shuffle=False, verbose=0, callbacks=[NaNGuard()])
    assert np.isfinite(history.history["d_loss"][0])
