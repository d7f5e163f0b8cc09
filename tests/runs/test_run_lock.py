"""A run directory is locked: a second process is refused with the holder's PID; a dead holder blocks nothing."""
import os

import pytest

from kgan.runs import RunDirectory, RunError
from kgan.runs.run_claim import RunClaim
from kgan.runs.run_lock import RunLock
from tests.runs.safe_runs import kgan, run_copy, snapshot, tiny_train_argv, trained_run  # noqa: F401

pytestmark = pytest.mark.backend_independent  # runs once, in the TensorFlow pass


def test_resume_is_refused_while_another_process_holds_the_run(run_copy, capsys):
    with RunLock(run_copy):
        before = snapshot(run_copy)
        code, _, err = kgan(capsys, "train", "--resume", run_copy, "--steps", 30, "--verbose", 0)
        assert code == 3
        assert err == f"kgan: error: {run_copy} is in use by process {os.getpid()}\n"
        assert snapshot(run_copy) == before


def test_a_new_run_is_refused_in_a_directory_being_started(tmp_path, capsys):
    out_dir = tmp_path / "run"
    out_dir.mkdir()
    with RunLock(out_dir):
        code, _, err = kgan(capsys, *tiny_train_argv("--out", out_dir, "--steps", 2))
        assert code == 3
        assert err == f"kgan: error: {out_dir} is in use by process {os.getpid()}\n"
        assert os.listdir(out_dir) == [".lock"]  # the holder's directory and lock are left alone


def test_a_lock_left_by_a_dead_process_does_not_block_resume(run_copy, capsys):
    (run_copy / ".lock").write_text("999999999\n")  # as after kill -9: the file stays, the kernel's lock is gone
    code, out, err = kgan(capsys, "train", "--resume", run_copy, "--steps", 22, "--verbose", 0)
    assert code == 0, err
    assert "(resumed at step 20)" in out
    assert not (run_copy / ".lock").exists()


def test_the_lock_is_released_when_a_run_ends_or_is_refused(run_copy, tmp_path, capsys):
    code, _, err = kgan(capsys, "train", "--resume", run_copy, "--steps", 4)
    assert code == 2 and "already at step 20" in err
    assert not (run_copy / ".lock").exists()
    code, _, err = kgan(capsys, *tiny_train_argv("--out", tmp_path / "new", "--steps", 2))
    assert code == 0, err
    assert ".lock" not in os.listdir(tmp_path / "new")
    with RunLock(tmp_path / "new"):  # free again
        pass


def test_a_run_that_finished_while_another_waited_for_the_lock_is_left_whole(run_copy):
    """The loser of a race passed the first check before the winner wrote config.json; under the lock it is
    refused, and the winner's run stays as it was."""
    before = snapshot(run_copy)
    with pytest.raises(RunError, match="already holds a run"):
        with RunClaim(RunDirectory(run_copy)):
            pass
    assert snapshot(run_copy) == before


def test_a_new_run_on_a_run_being_trained_names_the_process_not_resume(run_copy, capsys):
    """Found when two runs started together on a loaded machine: the second arrived after the first had
    written config.json and was told to `--resume` a run that another process was training."""
    with RunLock(run_copy):
        before = snapshot(run_copy)
        code, _, err = kgan(capsys, *tiny_train_argv("--out", run_copy, "--steps", 2))
        assert code == 3
        assert err == f"kgan: error: {run_copy} is in use by process {os.getpid()}\n"
        assert snapshot(run_copy) == before
