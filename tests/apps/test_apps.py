"""The applications in apps/: their --help says how to get the data, each --demo trains end to end and writes its
examples, and bad input is one line with exit code 2. In-process (`main(argv)`), on TensorFlow only: the apps
only call the library, whose backends are tested elsewhere."""
import json

import numpy as np
import pytest
from PIL import Image

from apps import facades_pix2pix, horse2zebra_cyclegan, streetview_inpainting
from kgan.images import make_grid

# Eager `tf.function`s warn that tf.data functions stay traced, which is as intended here.
pytestmark = [pytest.mark.tensorflow_only, pytest.mark.filterwarnings("ignore:Even though the:UserWarning")]

APPS = [facades_pix2pix, horse2zebra_cyclegan, streetview_inpainting]
#: what each --help must say about getting the data.
DATA_HELP = {
    facades_pix2pix: ["http://efrosgans.eecs.berkeley.edu/pix2pix/datasets/facades.tar.gz", "tar -xzf facades.tar.gz",
                      "photo on the LEFT", "--direction BtoA"],
    horse2zebra_cyclegan: ["--download", "tfds build cycle_gan/horse2zebra",
                           "http://efrosgans.eecs.berkeley.edu/cyclegan/datasets/horse2zebra.zip"],
    streetview_inpainting: ["Paris StreetView is not public", "on request", "https://github.com/pathak22/context-encoder"],
}
#: tiny networks, so that each demo's two steps take seconds.
TINY = {
    facades_pix2pix: dict(image_size=16, generator_filters=2, discriminator_filters=2, n_layers=1),
    horse2zebra_cyclegan: dict(image_size=16, generator_filters=2, residual_blocks=0, discriminator_filters=2,
                               discriminator_layers=1),
    streetview_inpainting: dict(image_size=16, overlap=1, bottleneck=4, encoder_filters=2, generator_filters=2,
                                discriminator_filters=2),
}


@pytest.fixture(autouse=True)
def _eager_steps():
    """Two steps run faster eagerly than traced; the traced steps are tested with the families (tests/models)."""
    import tensorflow as tf

    tf.config.run_functions_eagerly(True)
    yield
    tf.config.run_functions_eagerly(False)


def run(capsys, app, *argv):
    code = app.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def demo(capsys, tmp_path, app, *extra):
    tiny = [item for key, value in TINY[app].items() for item in ("--set", f"{key}={value}")]
    return run(capsys, app, "--demo", "--steps", 2, "--batch-size", 2, "--verbose", 0, "--out", tmp_path / "run",
               *tiny, *extra)


def tile_row_shape(tiles, size=16):
    """The shape of one written row of `tiles` images of `size`, as `write_rows` lays them out."""
    return make_grid(np.zeros((tiles, size, size, 3), np.uint8), rows=1).shape


def read(path):
    return np.asarray(Image.open(path).convert("RGB"))


@pytest.mark.parametrize("app", APPS, ids=lambda app: app.PROG)
def test_help_says_how_to_get_the_data(capsys, app):
    code, out, err = run(capsys, app, "--help")
    assert code == 0 and err == ""
    for text in DATA_HELP[app] + ["--demo", "Exit codes"]:
        assert text in out, text


@pytest.mark.parametrize("app", APPS, ids=lambda app: app.PROG)
def test_a_missing_data_folder_is_one_line_and_exit_code_2(capsys, tmp_path, app):
    code, out, err = run(capsys, app, "--data", tmp_path / "nowhere", "--out", tmp_path / "run")
    assert code == 2 and out == ""
    assert err == f"{app.PROG}: error: --data {tmp_path / 'nowhere'}: no such folder (see --help for how to get " \
                  "the dataset)\n"
    assert not (tmp_path / "run").exists()


def test_resume_refuses_the_options_of_a_new_run(capsys, tmp_path):
    code, out, err = run(capsys, facades_pix2pix, "--resume", tmp_path / "run", "--direction", "AtoB")
    assert code == 2 and err == "facades_pix2pix: error: --resume takes its settings from RUN_DIR/config.json; " \
                                "drop --direction\n"


def test_facades_demo_trains_and_translates_held_out_edges(capsys, tmp_path):
    code, out, err = demo(capsys, tmp_path, facades_pix2pix)
    assert code == 0, err
    assert "kgan: trained pix2pix/unet_64 to step 2" in out
    assert (tmp_path / "run" / "model.keras").exists()
    config = (tmp_path / "run" / "config.json").read_text()
    assert '"data": "photos:edges"' in config and '"direction": "AtoB"' in config
    written = sorted((tmp_path / "run" / "translated").iterdir())
    assert [path.name for path in written] == [f"{k:03d}.png" for k in range(8)]
    row = read(written[0])
    assert row.shape == tile_row_shape(3)  # edges | output | photo
    left, right = row[2:18, 2:18], row[2:18, -18:-2]
    assert (left[..., 0] == left[..., 2]).all() and not (right[..., 0] == right[..., 2]).all()  # grey edges, colour


def test_horse2zebra_demo_trains_and_translates_both_ways(capsys, tmp_path):
    code, out, err = demo(capsys, tmp_path, horse2zebra_cyclegan)
    assert code == 0, err
    assert "kgan: trained cyclegan/resnet_3blocks_32 to step 2" in out
    names = sorted(path.name for path in (tmp_path / "run" / "translated").iterdir())
    assert names == [f"{direction}_{k:03d}.png" for direction in ("AtoB", "BtoA") for k in range(8)]
    a, b = read(tmp_path / "run" / "translated" / "AtoB_000.png"), read(tmp_path / "run" / "translated" / "BtoA_000.png")
    assert a.shape == b.shape == tile_row_shape(2)
    # photos:unpaired's held-out B is A with red and blue swapped, so the first inputs mirror each other.
    np.testing.assert_array_equal(a[2:18, 2:18], b[2:18, 2:18, ::-1])


def test_horse2zebra_without_prepared_tfds_data_says_how_to_get_it(capsys, tmp_path, monkeypatch):
    constants = pytest.importorskip("tensorflow_datasets.core.constants")
    monkeypatch.setattr(constants, "DATA_DIR", str(tmp_path))
    code, out, err = run(capsys, horse2zebra_cyclegan, "--out", tmp_path / "run")
    assert code == 2 and err.count("\n") == 1
    assert err.startswith(f"horse2zebra_cyclegan: error: tfds:cycle_gan/horse2zebra is not prepared in {tmp_path}")
    assert "rerun with --download" in err and "tfds build cycle_gan/horse2zebra" in err
    assert not (tmp_path / "run").exists()


def test_streetview_demo_trains_and_inpaints_with_random_blocks(capsys, tmp_path):
    code, out, err = demo(capsys, tmp_path, streetview_inpainting, "--mask", "random_block", "--num-test", 3)
    assert code == 0, err
    assert "kgan: trained context_encoder/context_encoder_32 to step 2" in out
    assert '"mask": "random_block"' in (tmp_path / "run" / "config.json").read_text()
    assert json.loads((tmp_path / "run" / "config.json").read_text())["data"] == "photos:train"
    assert "inpainted 3 images of photos:test" in out  # the held-out photos, not the training ones
    written = sorted((tmp_path / "run" / "inpainted").iterdir())
    assert [path.name for path in written] == ["000.png", "001.png", "002.png"]
    row = read(written[0])
    assert row.shape == tile_row_shape(3)  # masked | filled | original
    filled, original = row[2:18, 20:36].astype(int), row[2:18, -18:-2].astype(int)
    known = (filled == original).all(axis=-1)
    assert 0 < known.mean() < 1  # the known pixels are kept, the holes filled


def test_an_app_started_as_a_script_loads_no_framework_before_its_backend_is_chosen():
    """`import kgan` registers the families with Keras, but not under an app: its --backend comes first."""
    import os
    import subprocess
    import sys

    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    done = subprocess.run([sys.executable, "-X", "importtime", os.path.join("apps", "facades_pix2pix.py"),
                           "--data", "nowhere"], cwd=root, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": root})
    assert done.returncode == 2 and done.stdout == ""
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert "kgan.cli.options" in imported and not imported & {"keras", "tensorflow", "jax"}
    assert done.stderr.splitlines()[-1] == "facades_pix2pix: error: --data nowhere: no such folder (see --help for " \
                                           "how to get the dataset)"
