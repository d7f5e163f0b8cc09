"""Two `kgan train` processes on one --out, started together: one trains, the other is refused at once."""
import pytest

from kgan.callbacks import CheckpointStore
from tests.faults.harness import assert_checkpoints_whole, read_json, start, train_argv

pytestmark = pytest.mark.backend_independent  # runs once, in the TensorFlow pass


@pytest.mark.tensorflow_only
def test_two_runs_started_together_on_one_directory(tmp_path):
    run_dir, total = tmp_path / "run", 200  # ~3 s of training: the second arrives while the first holds the lock
    processes = {seed: start(*train_argv(run_dir, total, 50, "--seed", seed)) for seed in (1, 2)}
    results = {seed: (p.pid, *p.communicate(timeout=180), p.returncode) for seed, p in processes.items()}
    codes = sorted(code for *_, code in results.values())
    assert codes == [0, 3], results
    (winner, (_, out, _, _)), = [(seed, r) for seed, r in results.items() if r[3] == 0]
    loser, (_, _, err, _) = next((seed, r) for seed, r in results.items() if r[3] == 3)
    assert err == f"kgan: error: {run_dir} is in use by process {results[winner][0]}\n"
    assert f"to step {total} " in out
    # Everything in the directory is the winner's: its config, one header, its checkpoints.
    assert read_json(run_dir / "config.json")["seed"] == winner
    lines = (run_dir / "metrics.csv").read_text().splitlines()
    assert lines[0] == "step,epoch,d_loss,g_loss" and lines.count(lines[0]) == 1
    assert [line.split(",")[0] for line in lines[1:]] == ["112", "200"]
    assert assert_checkpoints_whole(run_dir) == [112, 150, 200]
    assert not (run_dir / ".lock").exists()
    model_seed = CheckpointStore(run_dir / "checkpoints").load().get_config()["seed"]
    assert model_seed == winner != loser
