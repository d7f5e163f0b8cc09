"""`--resume` never restarts a trained run, survives a damaged latest checkpoint and refuses changed data."""
import json
import os
import shutil

import numpy as np
import pytest
from PIL import Image

from kgan.callbacks import CheckpointStore
from tests.runs.safe_runs import kgan, run_copy, snapshot, tiny_train_argv, trained_run  # noqa: F401

pytestmark = pytest.mark.backend_independent  # runs once, in the TensorFlow pass


def one_line_error(code, err, expected_code=2):
    assert code == expected_code, err
    assert err.count("\n") == 1 and err.startswith("kgan: error: "), err
    return err.strip()


# --- item 1: a run that has trained is never started over ---

@pytest.mark.parametrize("damage", ["remove checkpoints/", "empty checkpoints/"])
def test_resume_refuses_a_trained_run_without_checkpoints(run_copy, capsys, damage):
    shutil.rmtree(run_copy / "checkpoints")
    if damage == "empty checkpoints/":
        (run_copy / "checkpoints").mkdir()
    before = snapshot(run_copy)
    code, _, err = kgan(capsys, "train", "--resume", run_copy, "--steps", 30)
    line = one_line_error(code, err)
    assert line == (f"kgan: error: {run_copy} has trained (it has model.keras) but {run_copy / 'checkpoints'} "
                    f"holds no usable checkpoint, so --resume would start it over; restore its checkpoints, or "
                    f"start a new run from its generator with --init-from {run_copy}")
    assert snapshot(run_copy) == before


def test_resume_refuses_a_run_that_logged_metrics_but_kept_no_checkpoint(run_copy, capsys):
    for name in ("checkpoints", "model.keras", "generator.keras"):
        path = run_copy / name
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    code, _, err = kgan(capsys, "train", "--resume", run_copy, "--steps", 30)
    assert "has trained (it has metrics.csv rows)" in one_line_error(code, err)


def test_a_run_that_never_trained_starts_from_step_0(run_copy, capsys):
    for name in os.listdir(run_copy):
        if name != "config.json":
            path = run_copy / name
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    code, out, err = kgan(capsys, "train", "--resume", run_copy, "--steps", 3, "--verbose", 0)
    assert code == 0, err
    assert "to step 3 " in out and "resumed at" not in out
    assert CheckpointStore(run_copy / "checkpoints").steps() == [3]


# --- item 3: a damaged latest checkpoint falls back to the newest complete one ---

def checkpoint(run_dir, step, ext):
    return run_dir / "checkpoints" / f"ckpt-{step:09d}.{ext}"


def test_every_checkpoint_records_the_checksum_of_its_model_file(trained_run):
    import hashlib

    for step in (7, 14, 20):
        record = json.loads(checkpoint(trained_run, step, "json").read_text())
        assert record["sha256"] == hashlib.sha256(checkpoint(trained_run, step, "keras").read_bytes()).hexdigest()


def truncate_half(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def corrupt_json(path):
    path.write_text('{"step": 20, "model": "ckpt-0000')


@pytest.mark.parametrize("damage, ext, reason", [
    (truncate_half, "keras", "does not match the checksum in ckpt-000000020.json (damaged or cut short)"),
    (corrupt_json, "json", "is not valid JSON"),
])
def test_resume_falls_back_from_a_damaged_latest_checkpoint(run_copy, capsys, damage, ext, reason):
    damaged = checkpoint(run_copy, 20, ext)
    damage(damaged)
    damaged_bytes = damaged.read_bytes()
    code, out, err = kgan(capsys, "train", "--resume", run_copy, "--steps", 24, "--verbose", 0)
    assert code == 0, err
    lines = out.strip().splitlines()
    assert (f"kgan: {damaged} {reason}; resuming from {checkpoint(run_copy, 14, 'keras')} (step 14); the damaged "
            "files are kept as damaged-ckpt-000000020.json, damaged-ckpt-000000020.keras") in lines
    assert "to step 24 " in lines[-1] and "(resumed at step 14)" in lines[-1]
    # Set aside, the damaged checkpoint no longer counts among the kept three.
    assert CheckpointStore(run_copy / "checkpoints").steps() == [14, 21, 24]
    assert (run_copy / "checkpoints" / f"damaged-ckpt-000000020.{ext}").read_bytes() == damaged_bytes


def test_a_checkpoint_without_a_checksum_is_still_used(run_copy, capsys):
    """Runs written before checksums were recorded resume as before."""
    path = checkpoint(run_copy, 20, "json")
    record = json.loads(path.read_text())
    del record["sha256"]
    path.write_text(json.dumps(record))
    code, out, err = kgan(capsys, "train", "--resume", run_copy, "--steps", 22, "--verbose", 0)
    assert code == 0, err
    assert "(resumed at step 20)" in out and "damaged" not in out


def test_resume_refuses_when_every_checkpoint_is_damaged(run_copy, capsys):
    for step in (7, 14, 20):
        truncate_half(checkpoint(run_copy, step, "keras"))
    before = snapshot(run_copy)
    code, _, err = kgan(capsys, "train", "--resume", run_copy, "--steps", 30)
    line = one_line_error(code, err)
    assert "holds no usable checkpoint, so --resume would start it over" in line
    assert f"{checkpoint(run_copy, 7, 'keras')} does not match the checksum" in line
    assert snapshot(run_copy) == before


# --- item 4: the data's content fingerprint ---

def write_npz(path, seed):
    images = np.random.default_rng(seed).integers(0, 256, (80, 8, 8), dtype=np.uint8)
    np.savez(path, images=images)


def write_folder(folder, value):
    folder.mkdir(exist_ok=True)
    for index in range(16):
        Image.fromarray(np.full((8, 8), (index * 10 + value) % 256, "uint8")).save(folder / f"{index:02d}.png")


@pytest.mark.parametrize("kind", ["npz", "folder"])
def test_resume_refuses_data_whose_content_changed(tmp_path, capsys, kind):
    data = tmp_path / ("images.npz" if kind == "npz" else "images")
    write = write_npz if kind == "npz" else write_folder
    write(data, 1)
    run_dir = tmp_path / "run"
    code, _, err = kgan(capsys, *tiny_train_argv("--data", data, "--out", run_dir, "--steps", 2,
                                                 "--batch-size", 8, "--checkpoint-every", 2))
    assert code == 0, err
    recorded = json.loads((run_dir / "config.json").read_text())["data_fingerprint"]
    assert len(recorded["sha256"]) == 64

    code, out, err = kgan(capsys, "train", "--resume", run_dir, "--steps", 3, "--verbose", 0)
    assert code == 0, err  # unchanged data resumes

    write(data, 2)  # the same number of images of the same size, other pixels
    before = snapshot(run_dir)
    code, _, err = kgan(capsys, "train", "--resume", run_dir, "--steps", 4, "--verbose", 0)
    line = one_line_error(code, err)
    assert line.startswith(f"kgan: error: {data} changed since the run started (its content fingerprint differs")
    assert line.endswith(f"; resume with `kgan train --resume {run_dir} --allow-data-change` to train on it anyway")
    assert snapshot(run_dir) == before

    code, out, err = kgan(capsys, "train", "--resume", run_dir, "--steps", 4, "--verbose", 0, "--allow-data-change")
    assert code == 0, err
    assert "(resumed at step 3)" in out
    assert json.loads((run_dir / "config.json").read_text())["data_fingerprint"] != recorded


def test_allow_data_change_goes_with_resume(tmp_path, capsys):
    code, _, err = kgan(capsys, *tiny_train_argv("--data", "digits", "--out", tmp_path / "run",
                                                 "--allow-data-change"))
    assert one_line_error(code, err) == "kgan: error: --allow-data-change goes with --resume RUN_DIR"
    assert not (tmp_path / "run").exists()
