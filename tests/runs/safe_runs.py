"""A finished tiny run to copy, and `kgan` called in-process, for the run-safety tests."""
import os
import shutil

import pytest

from kgan.cli.main import main
from kgan.runs import train
from tests.runs.tiny_runs import quiet, tiny_cli_options, tiny_config


def kgan(capsys, *argv):
    """`kgan ARGV` in this process: (exit code, stdout, stderr)."""
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def tiny_train_argv(*extra):
    return ["train", "dcgan", *tiny_cli_options("dcgan"), "--verbose", "0", *extra]


def snapshot(folder):
    """Every file under `folder` with its bytes, to show that nothing was touched."""
    found = {}
    for root, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            with open(path, "rb") as file:
                found[os.path.relpath(path, folder)] = file.read()
    return found


@pytest.fixture(scope="module")
def trained_run(tmp_path_factory):
    """20 steps of the tiny DCGAN with checkpoints at 7, 14 and 20."""
    run_dir = tmp_path_factory.mktemp("trained") / "run"
    train(tiny_config(steps=20, checkpoint_every=7), run_dir, verbose=0, log=quiet)
    return run_dir


@pytest.fixture
def run_copy(trained_run, tmp_path):
    copy = tmp_path / "run"
    shutil.copytree(trained_run, copy)
    return copy
