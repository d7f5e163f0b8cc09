"""`kgan train` under read-only folders, a failed first write, SIGTERM and Ctrl-C: one line, its exit code.

(A full disk and a file-size limit are in tests/faults/test_full_disk.py.)

As root (CI containers), `chmod` does not stop writes: the read-only cases then use the write
wrapper of `tests/faults/wrappers.py`, which refuses them with EACCES as the kernel would.
"""
import os
import signal

import pytest

import kgan.cli.main as cli_main
import kgan.cli.train_command as train_command
from kgan.callbacks import Checkpoint, CheckpointStore
from tests.faults.wrappers import full_disk, make_writable, read_only
from tests.runs.safe_runs import kgan, run_copy, snapshot, tiny_train_argv, trained_run  # noqa: F401

pytestmark = pytest.mark.backend_independent  # runs once, in the TensorFlow pass

TINY_RUN = ("--steps", 22, "--batch-size", 16, "--checkpoint-every", 7)


@pytest.fixture
def read_only_folder(tmp_path, monkeypatch):
    folder = tmp_path / "read-only"
    folder.mkdir()
    yield folder, monkeypatch
    make_writable(folder)


def test_out_in_a_read_only_folder_is_one_line(read_only_folder, capsys):
    folder, monkeypatch = read_only_folder
    read_only(monkeypatch, folder)
    code, _, err = kgan(capsys, *tiny_train_argv("--data", "digits", "--out", folder / "run", "--steps", 2))
    assert code == 3
    assert err == f"kgan: error: cannot create {folder / 'run'}: Permission denied\n"
    assert os.listdir(folder) == []


def test_resume_of_a_run_that_cannot_be_written_is_one_line(run_copy, capsys, monkeypatch):
    before = snapshot(run_copy)
    read_only(monkeypatch, run_copy)
    try:
        code, _, err = kgan(capsys, "train", "--resume", run_copy, "--steps", 30, "--verbose", 0)
    finally:
        make_writable(run_copy)
    assert code == 3
    assert err == f"kgan: error: cannot write {run_copy / '.lock'}: Permission denied\n"
    assert snapshot(run_copy) == before


@pytest.mark.parametrize("existing", [False, True])
def test_an_error_before_training_starts_leaves_no_run_directory(tmp_path, capsys, monkeypatch, existing):
    out_dir = tmp_path / "new" / "run"
    if existing:
        out_dir.mkdir(parents=True)
    full_disk(monkeypatch, lambda path: path.endswith("config.json"), room=10)
    code, _, err = kgan(capsys, *tiny_train_argv("--data", "digits", "--out", out_dir, "--steps", 2))
    assert code == 3
    assert err == f"kgan: error: cannot write {out_dir / 'config.json'}: No space left on device\n"
    if existing:
        assert os.listdir(out_dir) == []  # the user's folder stays, as it was
    else:
        assert not (tmp_path / "new").exists()  # and the folders made for it go


def test_sigterm_stops_a_run_like_ctrl_c_with_exit_code_143(tmp_path, capsys, monkeypatch):
    real_save = Checkpoint.save

    def save_then_terminate(self):
        path = real_save(self)
        if self.step == 14:
            os.kill(os.getpid(), signal.SIGTERM)  # as a scheduler would
        return path

    monkeypatch.setattr(Checkpoint, "save", save_then_terminate)
    before = signal.getsignal(signal.SIGTERM)
    run_dir = tmp_path / "run"
    code, _, err = kgan(capsys, *tiny_train_argv("--data", "digits", "--out", run_dir, *TINY_RUN))
    assert code == 143
    assert err == (f"kgan: error: terminated (SIGTERM); continue from the last checkpoint with "
                   f"`kgan train --resume {run_dir}`\n")
    assert CheckpointStore(run_dir / "checkpoints").steps() == [7, 14]
    assert not (run_dir / ".lock").exists()
    assert signal.getsignal(signal.SIGTERM) is before  # the command's handler is gone again


def interrupt(*args, **kwargs):
    raise KeyboardInterrupt


def test_ctrl_c_while_the_frameworks_load_is_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(train_command, "import_frameworks", interrupt)
    code, out, err = kgan(capsys, *tiny_train_argv("--data", "digits", "--out", tmp_path / "run"))
    assert (code, err) == (130, "kgan: error: interrupted before the run started\n")
    assert not (tmp_path / "run").exists()


def test_ctrl_c_while_any_command_starts_is_one_line(capsys, monkeypatch):
    monkeypatch.setattr(cli_main, "import_frameworks", interrupt)
    code, out, err = kgan(capsys, "info", "dcgan")  # `list` loads no framework at all
    assert (code, out, err) == (130, "", "kgan: error: interrupted\n")
