"""A corrupted latest checkpoint: `kgan train --resume` says so, uses the one before, and loses nothing."""
import shutil

import pytest

from kgan.callbacks import CheckpointStore
from tests.runs.safe_runs import kgan, trained_run  # noqa: F401
from tests.runs.tiny_runs import assert_same_state


@pytest.mark.parametrize("damage", ["flip a byte", "garbage JSON"])
def test_a_corrupted_latest_checkpoint_resumes_from_the_one_before_bit_identically(trained_run, tmp_path, capsys,
                                                                                   damage):
    run_dir = tmp_path / "run"
    shutil.copytree(trained_run, run_dir)
    store = CheckpointStore(run_dir / "checkpoints")
    if damage == "flip a byte":  # same size, one bit: only the checksum tells
        path = store.model_path(20)
        data = bytearray(path_bytes := open(path, "rb").read())
        data[len(path_bytes) // 2] ^= 1
        open(path, "wb").write(bytes(data))
    else:
        open(store.info_path(20), "wb").write(b"\x00\xff not json")
    code, out, err = kgan(capsys, "train", "--resume", run_dir, "--verbose", 0)
    assert code == 0, err
    assert f"; resuming from {store.model_path(14)} (step 14);" in out
    assert "(resumed at step 14)" in out
    assert_same_state(CheckpointStore(trained_run / "checkpoints").load(), store.load())
