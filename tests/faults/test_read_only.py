"""`kgan train --resume` on a run directory that cannot be written: one line, exit code 3, nothing touched.

Read-only is real here: a read-only bind mount in a private mount namespace (`unshare -rm`), or
`chmod a-w` for a user other than root. Root without `unshare` cannot make it: that case is skipped,
and tests/cli/test_train_environment.py covers it in-process with the write wrapper.
"""
import os
import shutil

import pytest

from tests.faults.harness import in_mount_namespace, kgan_argv, mount_failure, run
from tests.faults.wrappers import make_writable
from tests.runs.safe_runs import snapshot, trained_run  # noqa: F401

pytestmark = pytest.mark.backend_independent  # runs once, in the TensorFlow pass


@pytest.mark.tensorflow_only
def test_resume_of_a_read_only_run_directory(trained_run, tmp_path):
    run_dir = tmp_path / "run"
    shutil.copytree(trained_run, run_dir)
    before = snapshot(run_dir)
    argv = ["train", "--resume", run_dir, "--steps", 30, "--verbose", 0]
    if os.geteuid() != 0:
        os.chmod(run_dir, 0o555)
        try:
            code, _, err = run(*argv)
        finally:
            make_writable(run_dir)
        reason = "Permission denied"
    else:
        why = mount_failure()
        if why:
            pytest.skip(f"as root only a read-only mount stops writes, and none can be made here ({why})")
        command = " ".join(f"'{a}'" for a in kgan_argv(*argv))
        done = in_mount_namespace(f"mount --bind '{run_dir}' '{run_dir}' && "
                                  f"mount -o remount,ro,bind '{run_dir}' || exit 99; exec {command}", timeout=120)
        code, err = done.returncode, done.stderr
        reason = "Read-only file system"
    assert code == 3, err
    assert err == f"kgan: error: cannot write {run_dir / '.lock'}: {reason}\n"
    assert snapshot(run_dir) == before
