import json
import os

import keras
import numpy as np
import pytest

from kgan import files
from kgan.callbacks import Checkpoint, CheckpointStore, TrainingDiverged
from kgan.environment_fault import EnvironmentFault
from tests.callbacks.tiny_model import images, tiny_dcgan
from tests.runs.tiny_runs import assert_same_state


def trained(steps=2):
    model = tiny_dcgan()
    model.fit(images(8 * steps), batch_size=8, epochs=1, shuffle=False, verbose=0)
    return model


def test_checkpoint_round_trips_weights_optimizers_and_seed_generators(tmp_path):
    model = trained()
    store = CheckpointStore(tmp_path)
    store.save(model, 2, epoch=0)
    record = store.latest()
    assert (record["step"], record["epoch"], record["model"]) == (2, 0, "ckpt-000000002.keras")
    # seed 1, then one noise draw per step (shared by both players): the engine saves it.
    plain = keras.models.load_model(record["path"])
    assert keras.ops.convert_to_numpy(plain.seed_generator.state).tolist() == [1, 2]
    assert_same_state(model, store.load())


def test_keeps_the_newest_checkpoints(tmp_path):
    model, store = trained(), CheckpointStore(tmp_path, keep=2)
    for step in (1, 2, 3):
        store.save(model, step)
    assert store.steps() == [2, 3]
    assert sorted(os.listdir(tmp_path)) == ["ckpt-000000002.json", "ckpt-000000002.keras",
                                            "ckpt-000000003.json", "ckpt-000000003.keras"]


@pytest.fixture
def store_with_one_checkpoint(tmp_path):
    model, store = trained(), CheckpointStore(tmp_path)
    store.save(model, 10)
    with open(store.model_path(10), "rb") as file:
        saved = file.read()
    return model, store, saved


def test_crash_before_the_model_rename_leaves_the_previous_checkpoint_latest(store_with_one_checkpoint,
                                                                               monkeypatch):
    model, store, saved = store_with_one_checkpoint

    def crash(source, target):
        raise OSError("simulated crash before the rename")

    monkeypatch.setattr(files.os, "replace", crash)
    # The OS error becomes one line naming the checkpoint (`kgan train` exits 3 with it).
    with pytest.raises(EnvironmentFault, match=r"^cannot write .*ckpt-000000020\.keras: simulated crash"):
        store.save(model, 20)
    monkeypatch.undo()
    assert store.latest()["step"] == 10
    assert not os.path.exists(store.model_path(20))
    with open(store.model_path(10), "rb") as file:
        assert file.read() == saved
    assert_same_state(model, store.load())


def test_crash_between_the_model_and_its_json_leaves_the_previous_checkpoint_latest(store_with_one_checkpoint,
                                                                                      monkeypatch):
    model, store, _ = store_with_one_checkpoint
    monkeypatch.setattr(files, "write_json", lambda value, path: (_ for _ in ()).throw(OSError("killed")))
    with pytest.raises(EnvironmentFault, match=r"^cannot write .*ckpt-000000020\.json: killed$"):
        store.save(model, 20)
    assert os.path.exists(store.model_path(20))  # renamed into place, but not committed by its JSON
    assert store.steps() == [10]
    assert store.load() is not None


def test_leftover_temporary_files_are_ignored_and_swept(store_with_one_checkpoint):
    _, store, _ = store_with_one_checkpoint
    leftover = os.path.join(store.directory, ".tmp-123-ckpt-000000020.keras")
    with open(leftover, "wb") as file:
        file.write(b"half a zip")
    assert store.latest()["step"] == 10
    store.remove_temporary_files()
    assert not os.path.exists(leftover)


def test_callback_saves_every_k_steps_and_at_epoch_end(tmp_path):
    model = tiny_dcgan()
    callback = Checkpoint(tmp_path, every_steps=2, keep=10, initial_step=0, steps_per_epoch=5)
    model.fit(images(40), batch_size=8, epochs=2, shuffle=False, verbose=0, callbacks=[callback])
    assert CheckpointStore(tmp_path).steps() == [2, 4, 5, 6, 8, 10]
    with open(os.path.join(tmp_path, "ckpt-000000006.json")) as file:
        assert json.load(file)["epoch"] == 1
    assert_same_state(model, CheckpointStore(tmp_path).load())


def test_callback_refuses_to_save_non_finite_weights(tmp_path):
    model = trained()
    model.generator.weights[0].assign(np.full(model.generator.weights[0].shape, np.nan, "float32"))
    callback = Checkpoint(tmp_path, initial_step=7)
    callback.set_model(model)
    with pytest.raises(TrainingDiverged, match=r"weight .*kernel is not finite at step 7"):
        callback.save()
    assert CheckpointStore(tmp_path).steps() == []
