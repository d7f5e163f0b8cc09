"""`kgan train`: a whole run, every bad input as one line with exit code 2, divergence, and kill -9 + resume."""
import json
import os
import shutil

import keras
import numpy as np
import pytest
from PIL import Image

from kgan.callbacks import CheckpointStore
from kgan.cli.main import main
from kgan.runs import train
from tests.callbacks.tiny_model import poison_discriminator_loss
from tests.runs.tiny_runs import quiet, tiny_cli_options, tiny_config


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def tiny_train(*extra, family="dcgan"):
    return ["train", family, *tiny_cli_options(family), "--verbose", "0", *extra]


def test_a_run_writes_everything_and_says_where(tmp_path, capsys):
    out_dir = tmp_path / "run"
    code, out, err = run(capsys, *tiny_train("--data", "digits", "--out", out_dir, "--steps", 30, "--batch-size", 16,
                                             "--seed", 3, "--checkpoint-every", 10))
    assert code == 0, err
    lines = out.strip().splitlines()
    assert lines[0] == "digits: 1,797 images 8x8x1, 10 classes"
    assert lines[-1].startswith(f"kgan: trained dcgan/dcgan_32 to step 30 (0.267857 epochs) in ")
    assert lines[-1].endswith(f"; in {out_dir}/: model.keras, generator.keras, checkpoints/, "
                              "samples/epoch_0001.png, logs/ (TensorBoard), metrics.csv, config.json")
    config = json.loads((out_dir / "config.json").read_text())
    assert {k: config[k] for k in ("family", "preset", "data", "batch_size", "seed", "precision", "backend",
                                   "steps", "total_steps", "steps_per_epoch", "checkpoint_every")} == {
        "family": "dcgan", "preset": "dcgan_32", "data": "digits", "batch_size": 16, "seed": 3,
        "precision": "float32", "backend": keras.backend.backend(), "steps": 30, "total_steps": 30,
        "steps_per_epoch": 112, "checkpoint_every": 10}
    assert config["overrides"] == {"image_size": 8, "channels": 1, "latent_dim": 8, "generator_filters": 4,
                                   "discriminator_filters": 4}
    assert CheckpointStore(out_dir / "checkpoints").steps() == [10, 20, 30]
    assert Image.open(out_dir / "samples" / "epoch_0001.png").size == (82, 82)
    assert (out_dir / "metrics.csv").read_text().splitlines()[0] == "step,epoch,d_loss,g_loss"
    assert any(name.startswith("events.out.tfevents") for name in os.listdir(out_dir / "logs" / "train"))
    model = keras.models.load_model(out_dir / "model.keras")
    generator = keras.models.load_model(out_dir / "generator.keras")
    assert int(keras.ops.convert_to_numpy(model.optimizer.iterations)) == 30
    z = np.random.default_rng(0).normal(size=(2, 8)).astype("float32")
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(generator(z)),
                                  keras.ops.convert_to_numpy(model.sampling_generator(z)))


# --- bad input: one line, exit code 2, nothing written or lost ---

def assert_one_line_error(code, err, message):
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("kgan: error: "), err
    assert message in err, err


@pytest.fixture
def existing_run(tmp_path):
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    (run_dir / "config.json").write_text('{"family": "dcgan"}')
    (run_dir / "model.keras").write_bytes(b"trained for a week")
    return run_dir


def test_an_existing_run_is_never_overwritten(existing_run, capsys):
    code, _, err = run(capsys, *tiny_train("--data", "digits", "--out", existing_run))
    assert_one_line_error(code, err, f"{existing_run} already holds a run; continue it with "
                                     f"`kgan train --resume {existing_run}` or choose another --out")
    assert (existing_run / "model.keras").read_bytes() == b"trained for a week"
    assert sorted(os.listdir(existing_run)) == ["config.json", "model.keras"]


@pytest.fixture
def folder_with_metrics(tmp_path):
    folder = tmp_path / "results"
    folder.mkdir()
    (folder / "metrics.csv").write_text("mine\n")
    return folder


def test_a_folder_with_a_run_file_is_not_used(folder_with_metrics, capsys):
    code, _, err = run(capsys, *tiny_train("--data", "digits", "--out", folder_with_metrics))
    assert_one_line_error(code, err, "already has metrics.csv; choose an empty or new --out")
    assert (folder_with_metrics / "metrics.csv").read_text() == "mine\n"


@pytest.fixture
def unlabeled_npz(tmp_path):
    path = tmp_path / "unlabeled.npz"
    np.savez(path, images=np.zeros((80, 8, 8), "uint8"))
    return path


def test_a_conditional_model_needs_labels(unlabeled_npz, tmp_path, capsys):
    code, _, err = run(capsys, *tiny_train("--data", unlabeled_npz, "--out", tmp_path / "run", family="cgan"))
    assert_one_line_error(code, err, f"{unlabeled_npz} has no labels, but the model needs labels for 10 classes")
    assert not (tmp_path / "run").exists()


@pytest.fixture
def twelve_class_npz(tmp_path):
    path = tmp_path / "twelve.npz"
    np.savez(path, images=np.zeros((96, 8, 8), "uint8"), labels=np.arange(96) % 12)
    return path


def test_data_classes_must_fit_the_model(twelve_class_npz, tmp_path, capsys):
    # Labels covering only some of the model's classes are taken, as by fit (tests/runs/test_model_data.py).
    code, _, err = run(capsys, *tiny_train("--data", twelve_class_npz, "--out", tmp_path / "run", family="cgan"))
    assert_one_line_error(code, err, f"'labels' in {twelve_class_npz} go up to 11, outside [0, 10) for the "
                                     "model's 10 classes")
    assert not (tmp_path / "run").exists()


@pytest.fixture
def empty_folder(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    return folder


def test_an_empty_folder_is_a_data_error(empty_folder, tmp_path, capsys):
    code, _, err = run(capsys, *tiny_train("--data", empty_folder, "--out", tmp_path / "run"))
    assert_one_line_error(code, err, str(empty_folder))
    assert not (tmp_path / "run").exists()


@pytest.fixture
def folder_with_a_corrupt_image(tmp_path):
    folder = tmp_path / "images"
    folder.mkdir()
    for index in range(16):
        Image.fromarray(np.full((8, 8), index * 10, "uint8")).save(folder / f"{index:02d}.png")
    (folder / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n truncated")
    return folder


def test_skipped_files_are_counted_at_the_start(folder_with_a_corrupt_image, tmp_path, capsys):
    code, out, _ = run(capsys, *tiny_train("--data", folder_with_a_corrupt_image, "--out", tmp_path / "run",
                                           "--steps", 1, "--batch-size", 8))
    assert code == 0
    assert "skipped 1 unreadable file" in out.splitlines()[0]


def test_strict_turns_a_corrupt_file_into_an_error(folder_with_a_corrupt_image, tmp_path, capsys):
    code, _, err = run(capsys, *tiny_train("--data", folder_with_a_corrupt_image, "--out", tmp_path / "run",
                                           "--strict"))
    assert_one_line_error(code, err, "broken.png")
    assert not (tmp_path / "run").exists()


def test_data_and_run_directory_default_to_the_recipe_and_runs_family(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for expected in ("runs/dcgan", "runs/dcgan-2"):  # a second run never lands in the first's directory
        code, out, err = run(capsys, *tiny_train("--steps", 2, "--batch-size", 16))
        assert code == 0, err
        assert json.loads((tmp_path / expected / "config.json").read_text())["data"] == "digits"  # the recipe's
        assert f"in {expected}/:" in out


@pytest.mark.backend_independent
@pytest.mark.parametrize("argv, message", [
    (["train", "stylegan9", "--data", "digits"], "unknown family 'stylegan9'; choose one of: gan, dcgan"),
    (["train", "dcgan", "--preset", "dcgan_1024", "--data", "digits"], "unknown preset 'dcgan_1024' for dcgan"),
    (["train", "--data", "digits"], "name a family to train (see `kgan list`), or --resume RUN_DIR"),
    (["train", "dcgan", "--data", "digits", "--epochs", "2", "--steps", "5"], "give --epochs or --steps, not both"),
    (["train", "dcgan", "--data", "digits", "--epochs", "0"], "--epochs must be an integer >= 1, got 0"),
    (["train", "dcgan", "--data", "digits", "--steps", "ten"], "--steps must be an integer, got 'ten'"),
    (["train", "dcgan", "--data", "digits", "--batch-size", "0"], "--batch-size must be an integer >= 1, got 0"),
    (["train", "dcgan", "--data", "digits", "--seed", "-1"], "--seed must be an integer in [0, 4294967295], got -1"),
    (["train", "dcgan", "--data", "digits", "--seed", "4294967296"],
     "--seed must be an integer in [0, 4294967295], got 4294967296"),
    (["train", "dcgan", "--data", "digits", "--set", "ema_decay=abc"],
     "--set ema_decay: ema_decay must be a number in [0, 1) or None, got 'abc'"),
    (["train", "dcgan", "--data", "digits", "--precision", "float8"], "--precision must be one of float32, "),
    (["train", "dcgan", "--data", "digits", "--backend", "torch"], "--backend must be one of tensorflow, jax"),
    (["train", "dcgan", "--data", "digits", "--set", "num_classes=3"], "dcgan has no argument 'num_classes'"),
    (["train", "dcgan", "--data", "digits", "--set", "image_size=12"],
     "--set image_size: image_size must be a power of 2 and at least 8, got 12"),
    (["train", "dcgan", "--data", "digits", "--set", "seed=1"], "--set seed=... is not allowed; use --seed"),
    (["train", "dcgan", "--data", "digits", "--set", "image_size"], "--set needs key=value, got 'image_size'"),
    (["train", "dcgan", "--data", "no/such/folder"], "no/such/folder"),
    (["train", "dcgan", "--data", "digits", "--batch-size", "5000"], "batch size 5000 is larger than the 1,797"),
])
def test_bad_arguments(tmp_path, capsys, argv, message):
    out_dir = tmp_path / "run"
    code, _, err = run(capsys, *argv, "--out", out_dir)
    assert_one_line_error(code, err, message)
    assert not out_dir.exists()


# --- resume ---

@pytest.fixture(scope="module")
def finished_run(tmp_path_factory):
    run_dir = tmp_path_factory.mktemp("finished") / "run"
    train(tiny_config(steps=6, checkpoint_every=3), run_dir, verbose=0, log=quiet)
    return run_dir


def snapshot(folder):
    return {os.path.relpath(os.path.join(root, name), folder): os.path.getmtime(os.path.join(root, name))
            for root, _, names in os.walk(folder) for name in names}


@pytest.mark.backend_independent
@pytest.mark.parametrize("extra, message", [
    (["--steps", "4"], "is already at step 6; ask for more than that (--steps > 6 or --epochs > 0.0535714)"),
    (["--set", "image_size=16"], "--resume takes its settings from RUN_DIR/config.json; drop overrides"),
    (["--data", "photos"], "--resume takes its settings from RUN_DIR/config.json; drop data"),
])
def test_bad_resumes(finished_run, capsys, extra, message):
    before = snapshot(finished_run)
    code, _, err = run(capsys, "train", "--resume", finished_run, *extra)
    assert_one_line_error(code, err, message)
    assert snapshot(finished_run) == before


def test_resume_needs_a_run(tmp_path, capsys):
    code, _, err = run(capsys, "train", "--resume", tmp_path)
    assert_one_line_error(code, err, f"{tmp_path} holds no run (no config.json)")


@pytest.fixture
def run_from_the_other_backend(finished_run, tmp_path):
    other = {"tensorflow": "jax", "jax": "tensorflow"}[keras.backend.backend()]
    config = json.loads((finished_run / "config.json").read_text())
    (tmp_path / "config.json").write_text(json.dumps({**config, "backend": other}))
    return tmp_path, other


def test_resume_stays_on_the_runs_backend(run_from_the_other_backend, capsys):
    run_dir, other = run_from_the_other_backend
    code, _, err = run(capsys, "train", "--resume", run_dir, "--backend", keras.backend.backend())
    assert_one_line_error(code, err, f"the run uses the {other} backend but Keras is running on "
                                     f"{keras.backend.backend()}; pass --backend {other}")


def metrics(run_dir):
    """metrics.csv as (header, [(step, epoch), ...]), with each row's loss values checked finite."""
    header, *rows = (run_dir / "metrics.csv").read_text().splitlines()
    cells = [row.split(",") for row in rows]
    assert all(len(row) == len(header.split(",")) and all(np.isfinite(float(v)) for v in row[2:]) for row in cells)
    return header, [(int(row[0]), int(row[1])) for row in cells]


def test_metrics_of_a_run_stopped_mid_epoch_and_resumed_have_one_header_and_a_row_per_step(tmp_path, capsys):
    run_dir = tmp_path / "run"
    code, _, err = run(capsys, *tiny_train("--data", "digits", "--out", run_dir, "--steps", 30, "--batch-size", 16,
                                           "--checkpoint-every", 10))
    assert code == 0, err
    assert metrics(run_dir) == ("step,epoch,d_loss,g_loss", [(30, 1)])  # 112 steps per epoch: a partial row
    code, _, err = run(capsys, "train", "--resume", run_dir, "--epochs", 1, "--verbose", 0)
    assert code == 0, err
    assert metrics(run_dir) == ("step,epoch,d_loss,g_loss", [(30, 1), (112, 1)])


@pytest.fixture
def run_with_old_metrics(finished_run, tmp_path):
    run_dir = tmp_path / "run"
    shutil.copytree(finished_run, run_dir)
    (run_dir / "metrics.csv").write_text("epoch,d_loss,g_loss,val_d_loss,val_g_loss\n0,1.3,0.7,NA,NA\n")
    return run_dir


def test_resume_refuses_a_metrics_file_with_other_columns(run_with_old_metrics, capsys):
    before = snapshot(run_with_old_metrics)
    code, _, err = run(capsys, "train", "--resume", run_with_old_metrics, "--steps", 9, "--verbose", 0)
    assert_one_line_error(code, err, f"{run_with_old_metrics / 'metrics.csv'} has the columns epoch,d_loss,g_loss,"
                                     "val_d_loss,val_g_loss, not step,epoch,d_loss,g_loss; move it away to go on")
    assert snapshot(run_with_old_metrics) == before


# --- divergence ---

def test_a_nan_loss_stops_the_run_with_one_line_and_keeps_the_last_good_checkpoint(tmp_path, capsys, monkeypatch):
    poison_discriminator_loss(monkeypatch, from_step=5)
    out_dir = tmp_path / "run"
    code, _, err = run(capsys, *tiny_train("--data", "digits", "--out", out_dir, "--steps", 20, "--batch-size", 16,
                                           "--checkpoint-every", 2))
    good = out_dir / "checkpoints" / "ckpt-000000004.keras"
    assert code == 1
    assert err == (f"kgan: error: training diverged: d_loss is nan at step 6; stopped, and the last good "
                   f"checkpoint is {good} (step 4)\n")
    assert CheckpointStore(out_dir / "checkpoints").steps() == [2, 4]
    assert not (out_dir / "model.keras").exists()
    model = CheckpointStore(out_dir / "checkpoints").load()
    assert all(np.all(np.isfinite(w)) for w in model.get_weights())


# kill -9 at any moment, then resume: tests/faults/test_kill.py (the real command, both backends).
