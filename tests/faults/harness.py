"""The fault-injection harness: the real `kgan` command in a subprocess, a tmpfs where one can be mounted,
and the checks that no work was lost."""
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

import keras

from kgan.callbacks import CheckpointStore
from tests.runs.tiny_runs import tiny_cli_options

#: the tiny run the harness trains: 112 steps per epoch at batch 16.
BATCH = 16


def kgan_argv(*argv):
    return [sys.executable, "-m", "kgan.cli.main", *[str(a) for a in argv]]


def train_argv(out, steps, every, *extra):
    return ["train", "dcgan", *tiny_cli_options("dcgan"), "--verbose", "0", "--data", "digits", "--out", out,
            "--steps", steps, "--batch-size", BATCH, "--checkpoint-every", every, "--deterministic", *extra]


def environment():
    """This backend, quiet TensorFlow, and this checkout's kgan first on the path."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    path = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)
    return {**os.environ, "KERAS_BACKEND": keras.backend.backend(), "TF_CPP_MIN_LOG_LEVEL": "3",
            "PYTHONPATH": path}


def start(*argv, **kwargs):
    """`kgan ARGV` as a process, stdout and stderr captured as text."""
    return subprocess.Popen(kgan_argv(*argv), env=environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, **kwargs)


def run(*argv, timeout=120):
    process = start(*argv)
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err


def assert_checkpoints_whole(run_dir, temporaries_allowed=False):
    """Every complete checkpoint's `.keras` matches its recorded checksum; returns their steps.

    Only a killed writer leaves a temporary file (which `--resume` sweeps), so by default there is none.
    """
    store = CheckpointStore(os.path.join(run_dir, "checkpoints"))
    steps = store.steps()
    for step in steps:
        record = store.read(step)
        with open(store.model_path(step), "rb") as file:
            assert hashlib.sha256(file.read()).hexdigest() == record["sha256"], f"checkpoint {step}"
    leftovers = [n for n in os.listdir(store.directory) if n.startswith(".tmp-")]
    assert temporaries_allowed or not leftovers, leftovers
    return steps


def mount_failure():
    """Why a small tmpfs cannot be mounted here (`unshare -rm` + `mount -t tmpfs`), or None if it can."""
    if shutil.which("unshare") is None:
        return "there is no `unshare` command"
    with tempfile.TemporaryDirectory() as folder:
        try:
            done = subprocess.run(["unshare", "-rm", "sh", "-c", f"mount -t tmpfs -o size=64k tmpfs {folder}"],
                                  capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.SubprocessError) as error:
            return f"unshare failed: {error}"
    if done.returncode != 0:
        return f"`unshare -rm mount -t tmpfs` failed: {' '.join(done.stderr.split())}"
    return None


def in_mount_namespace(script, **kwargs):
    """Runs the sh `script` in a private mount namespace (as the namespace's root), with the harness's env."""
    return subprocess.run(["unshare", "-rm", "sh", "-c", script], env=environment(), capture_output=True, text=True,
                          **kwargs)


def read_json(path):
    with open(path) as file:
        return json.load(file)
