"""SIGTERM stops a real run as Ctrl-C does (message, exit 143, resumable); Ctrl-C while it starts is one line."""
import signal
import time

import pytest

from kgan.callbacks import CheckpointStore
from kgan.runs import resume
from tests.faults.harness import assert_checkpoints_whole, start, train_argv
from tests.runs.tiny_runs import quiet

pytestmark = pytest.mark.backend_independent  # runs once, in the TensorFlow pass


@pytest.mark.tensorflow_only
def test_sigterm_mid_training_is_a_clean_stop(tmp_path):
    run_dir = tmp_path / "run"
    store = CheckpointStore(run_dir / "checkpoints")
    process = start(*train_argv(run_dir, 400, 5))
    deadline = time.time() + 120
    while not store.steps() and process.poll() is None and time.time() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 143, err
    assert err == (f"kgan: error: terminated (SIGTERM); continue from the last checkpoint with "
                   f"`kgan train --resume {run_dir}`\n")
    stopped = assert_checkpoints_whole(run_dir)[-1]
    assert not (run_dir / ".lock").exists()
    assert resume(run_dir, steps=stopped + 5, verbose=0, log=quiet).start_step == stopped


@pytest.mark.tensorflow_only
def test_ctrl_c_while_the_frameworks_load_is_one_line(tmp_path):
    process = start(*train_argv(tmp_path / "run", 10, 5))
    time.sleep(1.0)  # inside `import tensorflow`, which takes seconds
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert (process.returncode, err) == (130, "kgan: error: interrupted before the run started\n")
    assert not (tmp_path / "run").exists()
