"""A full disk and a file-size limit while checkpointing: one line, exit code 3, the last good checkpoint intact.

The full disk is real where a small tmpfs can be mounted (`unshare -rm`, no root needed where user
namespaces are allowed); elsewhere that case is skipped, saying why, and the write wrapper of
`tests/faults/wrappers.py` (ENOSPC part-way through a write) stands in for it, in-process.
"""
import os
import re
import resource

import pytest

from kgan.callbacks import CheckpointStore
from kgan.runs import resume, train
from tests.faults.harness import assert_checkpoints_whole, in_mount_namespace, kgan_argv, mount_failure, train_argv
from tests.faults.wrappers import full_disk
from tests.runs.safe_runs import kgan, tiny_train_argv
from tests.runs.tiny_runs import assert_same_state, quiet, tiny_config

pytestmark = pytest.mark.backend_independent  # runs once, in the TensorFlow pass

TINY_RUN = ("--steps", 22, "--batch-size", 16, "--checkpoint-every", 7)


def checkpoint_files(run_dir):
    return sorted(os.listdir(run_dir / "checkpoints"))


@pytest.mark.tensorflow_only
def test_a_real_full_disk_keeps_the_last_good_checkpoint(tmp_path):
    why = mount_failure()
    if why:
        pytest.skip(f"cannot mount a small tmpfs here ({why}); test_a_full_disk_while_checkpointing_keeps_"
                    "the_last_good_checkpoint covers a full disk with a write wrapper instead")
    mount, outside = tmp_path / "disk", tmp_path / "outside"
    mount.mkdir()
    outside.mkdir()
    total, every = 60, 3
    command = " ".join(f"'{a}'" for a in kgan_argv(*train_argv(mount / "run", total, every)))
    second = mount / "run" / "checkpoints" / f"ckpt-{2 * every:09d}.json"
    # The disk fills up (dd) once two checkpoints are on it; the run dir is copied out before the namespace goes.
    script = f"""
        mount -t tmpfs -o size=4m tmpfs '{mount}' || exit 99
        {command} >'{outside}/out' 2>'{outside}/err' & pid=$!
        while [ ! -e '{second}' ] && kill -0 $pid 2>/dev/null; do sleep 0.01; done
        dd if=/dev/zero of='{mount}/filler' bs=64k 2>/dev/null
        wait $pid; echo $? >'{outside}/rc'
        rm -f '{mount}/filler'; cp -a '{mount}/run' '{outside}/run'
    """
    done = in_mount_namespace(script, timeout=180)
    assert done.returncode == 0, done.stderr
    code, err = int((outside / "rc").read_text()), (outside / "err").read_text()
    assert code == 3, err
    run_dir = outside / "run"
    match = re.fullmatch(r"kgan: error: cannot write (\S+): No space left on device; the last good checkpoint is "
                         r"(\S+) \(step (\d+)\)\n", err)
    assert match, err
    assert match.group(1).startswith(f"{mount}/run/")
    steps = assert_checkpoints_whole(run_dir)  # and no temporary left behind
    assert steps[-1] == int(match.group(3)) >= 2 * every
    assert match.group(2) == str(CheckpointStore(mount / "run" / "checkpoints").model_path(steps[-1]))
    resumed = resume(run_dir, verbose=0, log=quiet)  # nothing was lost
    assert (resumed.start_step, resumed.step) == (steps[-1], total)
    whole = train(tiny_config(steps=total, checkpoint_every=None), tmp_path / "whole", verbose=0, log=quiet)
    assert_same_state(whole.model, resumed.model)


def test_a_full_disk_while_checkpointing_keeps_the_last_good_checkpoint(tmp_path, capsys, monkeypatch):
    run_dir = tmp_path / "run"
    store = CheckpointStore(run_dir / "checkpoints")
    # The disk fills once two checkpoints are on it: the third (step 21, mid-epoch) is cut short.
    full_disk(monkeypatch, lambda path: path.startswith(str(run_dir)) and len(store.steps()) >= 2)
    code, _, err = kgan(capsys, *tiny_train_argv("--data", "digits", "--out", run_dir, *TINY_RUN))
    assert code == 3
    assert err == (f"kgan: error: cannot write {store.model_path(21)}: No space left on device; the last good "
                   f"checkpoint is {store.model_path(14)} (step 14)\n")
    assert checkpoint_files(run_dir) == ["ckpt-000000007.json", "ckpt-000000007.keras", "ckpt-000000014.json",
                                         "ckpt-000000014.keras"]  # no temporary left
    monkeypatch.undo()  # space again: nothing was lost
    resumed = resume(run_dir, verbose=0, log=quiet)
    assert (resumed.start_step, resumed.step) == (14, 22)
    whole = train(tiny_config(steps=22, checkpoint_every=7), tmp_path / "whole", verbose=0, log=quiet)
    assert_same_state(whole.model, resumed.model)


def test_a_file_size_limit_while_checkpointing_is_one_line(tmp_path, capsys):
    run_dir = tmp_path / "run"
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    # Python ignores SIGXFSZ, so a write past the limit fails with EFBIG. A checkpoint is ~76 kB, config.json 1 kB.
    resource.setrlimit(resource.RLIMIT_FSIZE, (40_000, hard))
    try:
        code, _, err = kgan(capsys, *tiny_train_argv("--data", "digits", "--out", run_dir, *TINY_RUN))
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    assert code == 3
    path = CheckpointStore(run_dir / "checkpoints").model_path(7)
    assert err == f"kgan: error: cannot write {path}: File too large; no checkpoint was written\n"
    assert checkpoint_files(run_dir) == []
