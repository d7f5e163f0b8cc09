import json
import os
import subprocess
import sys
import time

import keras
import pytest

from kgan.cli.framework_imports import import_frameworks
from kgan.cli.lost_interrupts import recover_lost_interrupts
from kgan.cli.main import build_parser, main
from kgan.models import FAMILIES

pytestmark = pytest.mark.backend_independent  # runs once, in the TensorFlow pass

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_json_names_every_family_with_its_default_first(capsys):
    code, out, _ = run(capsys, "list", "--json")
    listing = json.loads(out)
    assert code == 0
    assert list(listing) == list(FAMILIES)
    assert listing["gan"][0] == "gan_mnist"
    for family, presets in listing.items():
        assert presets == list(FAMILIES[family].presets)


def test_list_text_marks_defaults(capsys):
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert "gan_mnist (default)" in out


def test_info_json_reports_each_network(capsys):
    code, out, _ = run(capsys, "info", "gan", "--preset", "gan_mnist", "--json")
    assert code == 0
    assert json.loads(out) == {
        "generator": {"trainable_params": 2_503_984, "output_shape": [None, 28, 28, 1]},
        "discriminator": {"trainable_params": 1_231_441, "output_shape": [None, 1]},
    }


@pytest.mark.parametrize("argv, message", [
    (["info", "nope"], "unknown family 'nope'; choose one of: gan, dcgan, cgan, wgan, wgan_gp, infogan, pix2pix, cyclegan, context_encoder"),
    (["info", "gan", "--preset", "gan_cifar"], "unknown preset 'gan_cifar' for gan; choose one of: gan_mnist"),
])
def test_bad_names_give_one_line_and_exit_2(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert err.strip() == f"kgan: error: {message}"


def test_console_script_is_installed():
    out = subprocess.run([sys.executable, "-m", "kgan.cli.main", "list", "--json"],
                         capture_output=True, text=True, check=True)
    assert "gan_mnist" in json.loads(out.stdout)["gan"]


# --- stderr holds kgan's own lines only (TensorFlow's start-up lines need --tf-logs) ---

def kgan(*argv):
    """`kgan ARGV` in a fresh process, as a user runs it: TF_CPP_MIN_LOG_LEVEL unset."""
    env = {key: value for key, value in os.environ.items() if key != "TF_CPP_MIN_LOG_LEVEL"}
    env["KERAS_BACKEND"] = keras.backend.backend()
    return subprocess.run([sys.executable, "-m", "kgan.cli.main", *map(str, argv)], capture_output=True, text=True,
                          env=env, cwd=REPO, timeout=300)


def test_a_bad_input_error_is_the_only_line_on_stderr(tmp_path):
    # The data loader imports TensorFlow on both backends, so its start-up lines would show here.
    done = kgan("train", "dcgan", "--data", "/nonexistent/folder", "--out", tmp_path / "run")
    assert done.returncode == 2
    assert done.stderr == ("kgan: error: unknown data '/nonexistent/folder': no such source, file or folder; "
                           "choose digits, photos[:train|:test], tfds:NAME[:SPLIT], a folder of images, or a .npz file\n")
    assert done.stdout == ""


def test_list_writes_nothing_on_stderr():
    done = kgan("list")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines()[0] == "gan             gan_mnist (default)"


@pytest.mark.tensorflow_only
def test_tf_logs_lets_tensorflow_write_to_stderr(tmp_path):
    quiet_run = kgan("train", "dcgan", "--data", "/nonexistent/folder", "--out", tmp_path / "run")
    loud_run = kgan("--tf-logs", "train", "dcgan", "--data", "/nonexistent/folder", "--out", tmp_path / "run")
    assert loud_run.returncode == 2
    assert loud_run.stderr.endswith(quiet_run.stderr)
    # What TensorFlow prints depends on the machine (oneDNN, CPU features, CUDA), but on this stack it prints.
    assert len(loud_run.stderr.splitlines()) > 1, loud_run.stderr


@pytest.fixture
def noisy_module(tmp_path, monkeypatch):
    """A module that writes to file descriptor 2 while it imports, as TensorFlow's C++ does."""
    (tmp_path / "noisy_framework.py").write_text("import os\nos.write(2, b'I0000 port.cc:153] start-up line\\n')\n")
    (tmp_path / "broken_framework.py").write_text(
        "import os\nos.write(2, b'E0000 loader.cc:1] cannot load libfoo.so\\n')\nraise ImportError('libfoo.so')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield
    for name in ("noisy_framework", "broken_framework"):
        sys.modules.pop(name, None)


def test_start_up_lines_of_an_import_are_dropped(noisy_module, capfd):
    import_frameworks(["noisy_framework"], show_logs=False)
    assert "noisy_framework" in sys.modules
    assert capfd.readouterr().err == ""


def test_show_logs_keeps_them(noisy_module, capfd):
    import_frameworks(["noisy_framework"], show_logs=True)
    assert capfd.readouterr().err == "I0000 port.cc:153] start-up line\n"


def test_an_import_that_fails_shows_what_it_printed(noisy_module, capfd):
    with pytest.raises(ImportError, match="libfoo.so"):
        import_frameworks(["broken_framework"], show_logs=False)
    assert capfd.readouterr().err == "E0000 loader.cc:1] cannot load libfoo.so\n"
    os.write(2, b"stderr works again\n")
    assert capfd.readouterr().err == "stderr works again\n"


# Ctrl-C while TensorFlow imports JAX lands inside JAX's garbage-collector callback, where Python drops
# the KeyboardInterrupt ("Exception ignored in gc callback"): the run went on and exited 0 (found by CI).
GC_INTERRUPTED_MODULE = """
import gc, signal
def _callback(phase, info):
    if phase == "start":
        signal.raise_signal(signal.SIGINT)  # its handler runs here, inside the callback
gc.callbacks.append(_callback)
gc.collect()
gc.callbacks.remove(_callback)
"""


@pytest.mark.parametrize("show_logs", [False, True])
def test_ctrl_c_dropped_inside_a_gc_callback_is_raised_again(tmp_path, monkeypatch, show_logs):
    (tmp_path / "gc_interrupted_framework.py").write_text(GC_INTERRUPTED_MODULE)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(sys, "unraisablehook", sys.unraisablehook)  # restored afterwards
    recover_lost_interrupts()
    try:
        with pytest.raises(KeyboardInterrupt):
            import_frameworks(["gc_interrupted_framework"], show_logs=show_logs)
            time.sleep(5)  # the signal comes again from another thread, at once
    finally:
        sys.modules.pop("gc_interrupted_framework", None)


def test_a_missing_optional_framework_is_skipped(capfd):
    import_frameworks(["no_such_framework_kgan"], show_logs=False)
    assert "no_such_framework_kgan" not in sys.modules


# --- argparse's errors are one line too, with the closest valid name ---

@pytest.mark.parametrize("argv, message", [
    (["train", "dcgan", "--epoch", "3"], "unknown option --epoch for kgan train; did you mean --epochs?"),
    (["train", "dcgan", "--batch", "3"], "unknown option --batch for kgan train; did you mean --batch-size?"),
    (["generate", "run", "--seeds=1"], "unknown option --seeds for kgan generate; did you mean --seed?"),
    (["list", "--jsn"], "unknown option --jsn for kgan list; did you mean --json?"),
    (["list", "--zzz"], "unknown option --zzz for kgan list; see `kgan list --help`"),
    (["--tf-log", "list"], "unknown option --tf-log for kgan; did you mean --tf-logs?"),
    (["list", "extra"], "unexpected argument 'extra' for kgan list; see `kgan list --help`"),
    (["trian"], "unknown command 'trian' for kgan; did you mean train?"),
    (["zzz"], "unknown command 'zzz' for kgan; choose one of: list, info, train, generate, inpaint, translate, "
              "upscale"),
    ([], "name a command: list, info, train, generate, inpaint, translate or upscale (see `kgan --help`)"),
    (["info"], "kgan info: the following arguments are required: family"),
    (["generate"], "kgan generate: the following arguments are required: RUN_DIR|MODEL.keras"),
    (["train", "dcgan", "--epochs"], "kgan train: argument --epochs: expected one argument"),
    (["info", "gan", "--preset"], "kgan info: argument --preset: expected one argument"),
])
def test_command_line_mistakes_are_one_line_with_exit_code_2(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err == f"kgan: error: {message}\n"


def test_tf_logs_is_also_accepted_after_the_command(capsys):
    args = build_parser().parse_args(["list", "--tf-logs"])
    assert args.tf_logs is True
    assert build_parser().parse_args(["--tf-logs", "list"]).tf_logs is True
    assert build_parser().parse_args(["list"]).tf_logs is False


@pytest.mark.parametrize("argv, usage", [(["--help"], "usage: kgan "), (["train", "--help"], "usage: kgan train ")])
def test_help_still_prints_the_usage_to_stdout(capsys, argv, usage):
    with pytest.raises(SystemExit) as exit:
        main(argv)
    out, err = capsys.readouterr()
    assert (exit.value.code, err) == (0, "")
    assert out.startswith(usage)
    assert "--tf-logs" in out if argv == ["--help"] else "--epochs N" in out
