"""`kgan` starts without Keras or TensorFlow for what needs neither: help, version, list, and bad names or values."""
import json
import os
import subprocess
import sys

import pytest

import kgan
from kgan.cli.main import main
from kgan.models import FAMILIES

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FRAMEWORKS = ("tensorflow", "keras", "jax")

# Runs at interpreter start-up (before kgan): at exit, writes which frameworks the process imported.
SITECUSTOMIZE = """
import atexit, json, os, sys
def _report():
    with open(os.environ["KGAN_TEST_LOADED"], "w") as file:
        json.dump([name for name in {frameworks!r} if name in sys.modules], file)
atexit.register(_report)
"""

# The console script as pip writes it (`kgan = kgan.cli.main:main` in setup.cfg).
CONSOLE_SCRIPT = """import sys
from kgan.cli.main import main
if __name__ == '__main__':
    sys.argv[0] = sys.argv[0].removesuffix('.exe')
    sys.exit(main())
"""


@pytest.fixture(scope="module")
def start(tmp_path_factory):
    """`start(argv, script=False)` runs `python -m kgan.cli.main ARGV` (or the console script `kgan ARGV`) in a
    fresh process; returns (exit code, stdout, stderr, the frameworks it imported)."""
    folder = tmp_path_factory.mktemp("startup")
    (folder / "sitecustomize.py").write_text(SITECUSTOMIZE.format(frameworks=FRAMEWORKS))
    (folder / "kgan").write_text(CONSOLE_SCRIPT)
    report = folder / "loaded.json"

    def run(argv, script=False):
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(folder), REPO]), "KGAN_TEST_LOADED": str(report)}
        command = [str(folder / "kgan")] if script else ["-m", "kgan.cli.main"]
        done = subprocess.run([sys.executable, *command, *argv], capture_output=True, text=True, env=env, cwd=REPO,
                              timeout=120)
        return done.returncode, done.stdout, done.stderr, json.loads(report.read_text())

    return run


@pytest.mark.tensorflow_only  # the backend plays no part: nothing imports it
@pytest.mark.parametrize("script", [False, True], ids=["python -m", "console script"])
def test_list_loads_no_framework(start, script):
    code, out, err, loaded = start(["list", "--json"], script=script)
    assert (code, err, loaded) == (0, "", [])
    assert json.loads(out) == {name: list(cls.presets) for name, cls in FAMILIES.items()}


@pytest.mark.tensorflow_only
@pytest.mark.parametrize("argv, code, message", [
    (["--help"], 0, None),
    (["info", "--help"], 0, None),
    (["train", "--help"], 0, None),
    (["--version"], 0, None),
    (["info", "nope"], 2, "unknown family 'nope'; choose one of: gan, dcgan, cgan, wgan, wgan_gp, infogan, pix2pix, cyclegan, context_encoder"),
    (["info", "gan", "--preset", "gan_cifar"], 2, "unknown preset 'gan_cifar' for gan; choose one of: gan_mnist"),
    (["train", "stylegan9", "--data", "digits"], 2,
     "unknown family 'stylegan9'; choose one of: gan, dcgan, cgan, wgan, wgan_gp, infogan, pix2pix, cyclegan, context_encoder"),
    (["train", "dcgan", "--preset", "dcgan_1024"], 2,
     "unknown preset 'dcgan_1024' for dcgan; choose one of: dcgan_32, dcgan_64"),
    (["train", "dcgan", "--batch-size", "0"], 2, "--batch-size must be an integer >= 1, got 0"),
    (["train", "dcgan", "--seed", "-1"], 2, "--seed must be an integer in [0, 4294967295], got -1"),
    (["train", "dcgan", "--precision", "float8"], 2,
     "--precision must be one of float32, mixed_float16, mixed_bfloat16, got 'float8'"),
    (["train", "dcgan", "--checkpoint-every", "0"], 2, "--checkpoint-every must be an integer >= 1, got 0"),
    (["generate", "runs/x", "--num", "0"], 2, "--num must be an integer in [1, 2147483647], got 0"),
])
def test_help_version_and_bad_input_load_no_framework(start, argv, code, message):
    done_code, out, err, loaded = start(argv)
    assert (done_code, loaded) == (code, [])
    if message is None:
        assert err == "" and out
    else:
        assert (out, err) == ("", f"kgan: error: {message}\n")


def test_version(capsys):
    with pytest.raises(SystemExit) as exit:
        main(["--version"])
    assert exit.value.code == 0
    assert capsys.readouterr() == (f"kgan {kgan.__version__}\n", "")
