"""`kgan generate`: npz contents, labels, determinism, grids, and one-line errors."""
import errno
import os
import shutil
import subprocess

import numpy as np
import pytest
from PIL import Image

from kgan import files, sampling
from kgan.images import make_grid, to_uint8
from kgan.cli.main import main
from kgan.runs import load_for_sampling, train
from tests.runs.tiny_runs import quiet, tiny_config


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def cgan_run(tmp_path_factory):
    run_dir = tmp_path_factory.mktemp("cgan") / "run"
    train(tiny_config("cgan", steps=3, checkpoint_every=3), run_dir, verbose=0, log=quiet)
    return run_dir


@pytest.fixture(scope="module")
def dcgan_run(tmp_path_factory):
    run_dir = tmp_path_factory.mktemp("dcgan") / "run"
    train(tiny_config("dcgan", steps=3, checkpoint_every=3), run_dir, verbose=0, log=quiet)
    return run_dir


def load_npz(path):
    with np.load(path) as archive:
        return {key: archive[key] for key in archive.files}


def test_npz_holds_uint8_images_and_evenly_spread_labels(cgan_run, tmp_path, capsys):
    code, out, _ = run(capsys, "generate", cgan_run, "--labels", "0,4,9", "--num", 7, "--seed", 3,
                       "--npz", tmp_path / "out.npz")
    assert code == 0
    assert out == f"kgan: generated 7 images (8x8x1) with CGAN, seed 3: {tmp_path / 'out.npz'}\n"
    arrays = load_npz(tmp_path / "out.npz")
    assert sorted(arrays) == ["images", "labels"]
    assert arrays["images"].dtype == np.uint8 and arrays["images"].shape == (7, 8, 8, 1)
    assert arrays["labels"].tolist() == [0, 0, 0, 4, 4, 9, 9]
    # the same images as the Python API's
    expected = sampling.generate(load_for_sampling(cgan_run), labels=[0, 0, 0, 4, 4, 9, 9], seed=3)
    np.testing.assert_array_equal(arrays["images"], expected)


def test_the_same_seed_gives_the_same_images(cgan_run, tmp_path, capsys):
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        code, _, _ = run(capsys, "generate", cgan_run, "--label", 2, "--seed", seed, "--npz", tmp_path / f"{name}.npz")
        assert code == 0
    a, b, c = (load_npz(tmp_path / f"{name}.npz") for name in "abc")
    np.testing.assert_array_equal(a["images"], b["images"])
    assert not np.array_equal(a["images"], c["images"])
    assert a["labels"].tolist() == [2] * 8


def test_default_grid_has_a_row_per_class(cgan_run, tmp_path, capsys):
    code, _, _ = run(capsys, "generate", cgan_run, "--out", tmp_path / "grid.png")
    assert code == 0
    assert Image.open(tmp_path / "grid.png").size == (8 * 10 + 2, 10 * 10 + 2)  # 8 per class, 10 classes


def test_unconditional_npz_has_no_labels(dcgan_run, tmp_path, capsys):
    code, out, _ = run(capsys, "generate", dcgan_run / "model.keras", "--num", 5, "--npz", tmp_path / "x.npz",
                       "--out", tmp_path / "x.png")
    assert code == 0, out
    arrays = load_npz(tmp_path / "x.npz")
    assert list(arrays) == ["images"] and arrays["images"].shape == (5, 8, 8, 1)
    assert Image.open(tmp_path / "x.png").size == (3 * 10 + 2, 2 * 10 + 2)


def test_a_run_without_its_final_model_samples_its_latest_checkpoint(dcgan_run, tmp_path, capsys):
    partial = tmp_path / "partial"
    shutil.copytree(dcgan_run, partial)
    os.remove(partial / "model.keras")
    for folder, name in ((dcgan_run, "full.npz"), (partial, "partial.npz")):
        assert run(capsys, "generate", folder, "--num", 4, "--npz", tmp_path / name)[0] == 0
    np.testing.assert_array_equal(load_npz(tmp_path / "full.npz")["images"],
                                  load_npz(tmp_path / "partial.npz")["images"])
    assert not (partial / "generated.png").exists()  # --npz alone writes no grid


@pytest.mark.parametrize("args, message", [
    (["--truncation", "0.7"], "DCGAN does not support --truncation (its sample() takes no truncation)"),
    (["--labels", "1,2"], "DCGAN is not class-conditional, so it takes no --labels/--label"),
    (["--num", "0"], "--num must be an integer in [1, 2147483647], got 0"),
    (["--truncation", "strong"], "--truncation must be a number, got 'strong'"),
    (["--out", "no/such/dir/grid.png"], "--out no/such/dir/grid.png: no such directory"),
])
def test_bad_dcgan_options(dcgan_run, capsys, args, message):
    code, _, err = run(capsys, "generate", dcgan_run, *args)
    assert code == 2 and err.count("\n") == 1
    assert err.startswith(f"kgan: error: {message}"), err


@pytest.mark.parametrize("args, message", [
    (["--label", "10"], "label 10 is not a class of this CGAN: its classes are 0..9"),
    (["--labels", "a,b"], "--labels must be comma-separated integers like 0,1,2, got 'a,b'"),
    (["--labels", "1,2", "--label", "3"], "give --labels or --label, not both"),
    (["--labels", "1,2,3", "--num", "2"], "3 labels do not fit in num_images=2"),
])
def test_bad_cgan_options(cgan_run, capsys, args, message):
    code, _, err = run(capsys, "generate", cgan_run, *args)
    assert code == 2 and err == f"kgan: error: {message}\n"


@pytest.fixture
def bare_generator(dcgan_run):
    return dcgan_run / "generator.keras"


def test_a_bare_generator_is_not_a_kgan_model(bare_generator, capsys):
    code, _, err = run(capsys, "generate", bare_generator)
    assert code == 2 and err == (f"kgan: error: {bare_generator} is not a kgan model (a bare generator?); "
                                 "pass the run directory or its model.keras\n")


@pytest.fixture
def run_without_models(tmp_path):
    (tmp_path / "config.json").write_text("{}")
    return tmp_path


def test_a_run_with_nothing_saved_yet(run_without_models, capsys):
    code, _, err = run(capsys, "generate", run_without_models)
    assert code == 2 and err == f"kgan: error: {run_without_models} has no model.keras and no checkpoint yet\n"


@pytest.fixture
def corrupt_model(tmp_path):
    path = tmp_path / "model.keras"
    path.write_bytes(b"not a zip")
    return path


def test_a_corrupt_model_file(corrupt_model, capsys):
    code, _, err = run(capsys, "generate", corrupt_model)
    # Keras says "File not found" for a file that is there
    assert code == 2 and err == f"kgan: error: cannot load {corrupt_model}: it is not a .keras zip archive\n"


def test_a_truncated_model_file(dcgan_run, tmp_path, capsys):
    path = tmp_path / "half.keras"
    whole = (dcgan_run / "model.keras").read_bytes()
    path.write_bytes(whole[:len(whole) // 2])
    code, _, err = run(capsys, "generate", path)
    assert code == 2 and err == f"kgan: error: cannot load {path}: it is not a .keras zip archive\n"


def test_inputs_that_are_not_an_archive(translator_file, tmp_path, capsys):
    (tmp_path / "in.npz").write_bytes(b"not a zip")
    code, _, err = run(capsys, "generate", translator_file, "--inputs", tmp_path / "in.npz")
    assert code == 2 and err == f"kgan: error: --inputs {tmp_path / 'in.npz'}: cannot read it as a .npz (it is not " \
                                "a zip file)\n"


def test_a_jpeg_grid_is_jpeg(dcgan_run, tmp_path, capsys):
    code, _, _ = run(capsys, "generate", dcgan_run, "--num", 4, "--out", tmp_path / "grid.jpg")
    assert code == 0
    assert Image.open(tmp_path / "grid.jpg").format == "JPEG"


@pytest.mark.parametrize("args, message", [
    (["--seed", "1e20"], "--seed must be an integer, got '1e20'"),
    (["--seed", "100000000000000000000"], "--seed must be an integer in [0, 4294967295], got 100000000000000000000"),
    (["--seed", "4294967296"], "--seed must be an integer in [0, 4294967295], got 4294967296"),
    (["--out", "grid.gif"], "--out grid.gif: a grid is written as PNG (.png) or JPEG (.jpg, .jpeg); got the "
                            "extension '.gif'"),
])
def test_bad_values_are_named_before_loading_anything(capsys, args, message):
    code, _, err = run(capsys, "generate", "no/such/run", *args)
    assert code == 2 and err == f"kgan: error: {message}\n"


def test_a_missing_path(tmp_path, capsys):
    code, _, err = run(capsys, "generate", tmp_path / "nope")
    assert code == 2 and err == f"kgan: error: no such run directory or model file: {tmp_path / 'nope'}\n"


@pytest.fixture
def translator_file(tmp_path):
    from tests.tasks.translator import Translator

    model = Translator(image_size=8, channels=1, seed=0)
    path = tmp_path / "translator.keras"
    model.save(path)
    return path


def test_an_image_conditioned_model_translates_its_inputs(translator_file, tmp_path, capsys):
    sources = np.random.default_rng(0).integers(0, 256, (3, 8, 8, 1)).astype("uint8")
    np.savez(tmp_path / "in.npz", source=sources)
    code, out, _ = run(capsys, "generate", translator_file, "--inputs", tmp_path / "in.npz",
                       "--npz", tmp_path / "out.npz")
    assert code == 0, out
    arrays = load_npz(tmp_path / "out.npz")
    assert sorted(arrays) == ["source", "target"] and arrays["target"].shape == (3, 8, 8, 1)
    np.testing.assert_array_equal(arrays["source"], sources)
    expected = sampling.generate(load_for_sampling(translator_file), source=sources / 127.5 - 1.0)
    np.testing.assert_array_equal(arrays["target"], expected)


def test_an_image_conditioned_model_needs_inputs(translator_file, tmp_path, capsys):
    code, _, err = run(capsys, "generate", translator_file)
    assert code == 2 and err == "kgan: error: Translator samples from source: give them with --inputs FILE.npz\n"
    np.savez(tmp_path / "wrong.npz", images=np.zeros((2, 8, 8, 1), "uint8"))
    code, _, err = run(capsys, "generate", translator_file, "--inputs", tmp_path / "wrong.npz")
    assert code == 2 and err == f"kgan: error: --inputs {tmp_path / 'wrong.npz'} has no 'source' array (found images)\n"


# --- batches streamed to the files; absurd counts refused at once ---

def test_a_grid_made_in_batches_is_the_grid_of_all_the_images(dcgan_run, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sampling, "MAX_BATCH", 3)
    code, _, _ = run(capsys, "generate", dcgan_run, "--num", 10, "--seed", 2, "--npz", tmp_path / "x.npz",
                     "--out", tmp_path / "x.png")
    assert code == 0
    images = load_npz(tmp_path / "x.npz")["images"]
    batches = sampling.sample_batches(load_for_sampling(dcgan_run), num_images=10, seed=2, batch_size=3)
    np.testing.assert_array_equal(images, np.concatenate([to_uint8(b["images"]) for b in batches]))
    np.testing.assert_array_equal(np.asarray(Image.open(tmp_path / "x.png"))[..., None], make_grid(images))


def test_an_absurd_count_is_refused_before_anything_loads(capsys):
    code, _, err = run(capsys, "generate", "no/such/run", "--num", "99999999999999999999")
    assert code == 2 and err == "kgan: error: --num must be an integer in [1, 2147483647], got 99999999999999999999\n"


def test_a_grid_too_large_to_open_is_refused(dcgan_run, tmp_path, capsys):
    code, out, err = run(capsys, "generate", dcgan_run, "--num", 2_000_000, "--out", tmp_path / "x.png")
    assert (code, out) == (2, "")
    assert err == ("kgan: error: a grid of 2,000,000 images of 8x8 would be 14,152 x 14,142 pixels, over the limit "
                   "of 67,108,864; ask for fewer with --num, or write only --npz\n")
    assert not os.listdir(tmp_path)


def test_an_npz_larger_than_the_free_disk_is_refused(dcgan_run, tmp_path, capsys, monkeypatch):
    free = 1_000_000
    monkeypatch.setattr(shutil, "disk_usage", lambda folder: shutil._ntuple_diskusage(10 ** 9, 10 ** 9 - free, free))
    code, _, err = run(capsys, "generate", dcgan_run, "--num", 20_000, "--npz", tmp_path / "x.npz")
    assert code == 3
    assert err == (f"kgan: error: --npz {tmp_path / 'x.npz'}: 20,000 images take 1.3 MB, more than the 1.0 MB "
                   f"free in {tmp_path}\n")
    assert not os.listdir(tmp_path)


# --- the environment refuses: one line naming the path and the OS error, exit code 3 ---

@pytest.mark.parametrize("option", ["--out", "--npz"])
def test_onto_an_existing_directory(dcgan_run, tmp_path, capsys, option):
    target = tmp_path / ("grid.png" if option == "--out" else "x.npz")
    target.mkdir()
    code, out, err = run(capsys, "generate", dcgan_run, option, target)
    assert (code, out) == (3, "")
    assert err == f"kgan: error: {option} {target}: cannot write it: Is a directory\n"
    assert os.listdir(target) == []


@pytest.fixture
def read_only_folder(tmp_path):
    """A folder this process cannot write into: by its mode, or for root (who ignores modes) by a read-only mount."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    mounted = False
    if os.access(folder, os.W_OK):
        mounted = subprocess.run(["mount", "--bind", "-o", "ro", folder, folder], capture_output=True).returncode == 0
        if not mounted:
            folder.chmod(0o755)
            pytest.skip("running as root where a read-only bind mount is not allowed: no folder is read-only")
    yield folder
    if mounted:
        subprocess.run(["umount", folder], check=True)
    folder.chmod(0o755)


@pytest.mark.parametrize("option, name", [("--out", "grid.png"), ("--npz", "x.npz")])
def test_into_a_read_only_folder(dcgan_run, read_only_folder, capsys, option, name):
    code, out, err = run(capsys, "generate", dcgan_run, option, read_only_folder / name)
    assert (code, out) == (3, "")
    assert err in (f"kgan: error: {option} {read_only_folder / name}: cannot write it: {reason}\n"
                   for reason in ("Permission denied", "Read-only file system"))


@pytest.mark.parametrize("option, name", [("--out", "grid.png"), ("--npz", "x.npz")])
def test_a_full_disk_while_writing(dcgan_run, tmp_path, capsys, monkeypatch, option, name):
    def full(temporary, path):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), temporary)

    monkeypatch.setattr(files, "commit", full)
    code, out, err = run(capsys, "generate", dcgan_run, option, tmp_path / name)
    assert (code, out) == (3, "")
    assert err == f"kgan: error: {option} {tmp_path / name}: cannot write it: No space left on device\n"
    assert not os.listdir(tmp_path)  # no temporary file left behind


def test_ctrl_c_while_streaming_leaves_no_file(dcgan_run, tmp_path, capsys, monkeypatch):
    batches = sampling.sample_batches

    def interrupted(*args, **kwargs):
        for index, batch in enumerate(batches(*args, **kwargs)):
            if index == 1:
                raise KeyboardInterrupt
            yield batch

    monkeypatch.setattr(sampling, "sample_batches", interrupted)
    monkeypatch.setattr(sampling, "MAX_BATCH", 2)
    code, out, err = run(capsys, "generate", dcgan_run, "--num", 6, "--npz", tmp_path / "x.npz")
    assert (code, out, err) == (130, "", "kgan: error: interrupted\n")
    assert not os.listdir(tmp_path)
