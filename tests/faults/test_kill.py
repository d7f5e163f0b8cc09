"""kill -9 inside a checkpoint write and at a random moment: every resume goes on bit-identically.

The random moment comes from KGAN_FAULT_SEED (default: the time); a failure prints the seed to rerun it.
"""
import os
import random
import signal
import time

import pytest

from kgan.callbacks import CheckpointStore
from kgan.runs import resume, train
from tests.faults.harness import assert_checkpoints_whole, start, train_argv
from tests.runs.tiny_runs import assert_same_state, quiet, tiny_config

pytestmark = pytest.mark.backend_independent  # runs once, in the TensorFlow pass

TOTAL, EVERY = 130, 4  # 112 steps per epoch: the run crosses an epoch end


def wait_for(condition, process, timeout=120):
    deadline = time.time() + timeout
    while not condition():
        if process.poll() is not None or time.time() > deadline:
            return False
        time.sleep(0.001)
    return True


def kill_9(process):
    process.send_signal(signal.SIGKILL)
    process.communicate()
    assert process.returncode == -signal.SIGKILL


def test_kill_9_inside_a_checkpoint_write_and_at_a_random_moment_loses_nothing(tmp_path):
    seed = int(os.environ.get("KGAN_FAULT_SEED", time.time()))
    chance = random.Random(seed)
    run_dir = tmp_path / "run"
    store = CheckpointStore(run_dir / "checkpoints")

    # 1. Killed while a checkpoint's temporary file is being written.
    process = start(*train_argv(run_dir, TOTAL, EVERY))
    writing = lambda: os.path.isdir(store.directory) and any(  # noqa: E731
        name.startswith(".tmp-") for name in os.listdir(store.directory))
    assert wait_for(lambda: store.steps() and writing(), process), process.communicate()
    kill_9(process)
    assert [n for n in os.listdir(store.directory) if n.startswith(".tmp-")], "the kill missed the write"
    first = assert_checkpoints_whole(run_dir, temporaries_allowed=True)[-1]

    # 2. The real command resumes (past the dead process's lock file), and is killed at a random step.
    assert (run_dir / ".lock").exists()
    target = chance.randrange(first + EVERY, TOTAL - EVERY)
    process = start("train", "--resume", run_dir, "--verbose", "0")
    wait_for(lambda: (store.latest() or {"step": 0})["step"] >= target, process)
    time.sleep(chance.uniform(0, 0.05))
    kill_9(process)
    second = assert_checkpoints_whole(run_dir, temporaries_allowed=True)[-1]
    assert first < second < TOTAL, f"KGAN_FAULT_SEED={seed}: killed at {second}"

    # 3. The last resume finishes; the result is the uninterrupted run's, bit for bit.
    resumed = resume(run_dir, verbose=0, log=quiet)
    assert (resumed.start_step, resumed.step) == (second, TOTAL)
    rows = (run_dir / "metrics.csv").read_text().splitlines()
    assert rows[0] == "step,epoch,d_loss,g_loss"  # one header, then one row per epoch end and the last step
    assert [tuple(map(int, row.split(",")[:2])) for row in rows[1:]] == [(112, 1), (130, 2)]
    # (how often a run checkpoints does not change what it trains)
    whole = train(tiny_config(steps=TOTAL, checkpoint_every=None), tmp_path / "whole", verbose=0, log=quiet)
    assert_same_state(whole.model, resumed.model)
