"""Two `kgan train` processes on one --out, started together: one trains, the other is refused at once."""
import signal
import time

import pytest

from kgan.callbacks import CheckpointStore
from tests.faults.harness import assert_checkpoints_whole, read_json, start, train_argv

pytestmark = pytest.mark.backend_independent  # runs once, in the TensorFlow pass

# Far more steps than the test lets run: however long the loser takes to start on a loaded machine, the
# winner still holds the directory when it arrives. The winner is then stopped with SIGTERM.
TOTAL, EVERY = 100_000, 50


def first_to_exit(processes, timeout=180):
    deadline = time.time() + timeout
    while time.time() < deadline:
        for seed, process in processes.items():
            if process.poll() is not None:
                return seed
        time.sleep(0.05)
    raise AssertionError(f"neither run ended within {timeout} s")


@pytest.mark.tensorflow_only
def test_two_runs_started_together_on_one_directory(tmp_path):
    run_dir = tmp_path / "run"
    processes = {seed: start(*train_argv(run_dir, TOTAL, EVERY, "--seed", seed)) for seed in (1, 2)}
    try:
        loser = first_to_exit(processes)
        winner = 3 - loser
        _, err = processes[loser].communicate(timeout=60)
        assert processes[loser].returncode == 3, err
        assert err == f"kgan: error: {run_dir} is in use by process {processes[winner].pid}\n"
        store = CheckpointStore(run_dir / "checkpoints")
        deadline = time.time() + 120
        while not store.steps() and processes[winner].poll() is None and time.time() < deadline:
            time.sleep(0.05)
        processes[winner].send_signal(signal.SIGTERM)
        _, err = processes[winner].communicate(timeout=60)
        assert processes[winner].returncode == 143, err
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.kill()
                process.communicate()
    # Everything in the directory is the winner's: its config, one header, its checkpoints.
    assert read_json(run_dir / "config.json")["seed"] == winner
    lines = (run_dir / "metrics.csv").read_text().splitlines()
    assert lines[0] == "step,epoch,d_loss,g_loss" and lines.count(lines[0]) == 1
    assert assert_checkpoints_whole(run_dir)  # at least one, each complete (every 50 steps, epoch ends, the stop)
    assert not (run_dir / ".lock").exists()
    model_seed = CheckpointStore(run_dir / "checkpoints").load().get_config()["seed"]
    assert model_seed == winner != loser
