"""`kgan upscale`: .keras and .tflite upscalers, tiles equal to the whole image, folders, grey/RGBA inputs converted,
and each bad input one line with exit 2 (a model of another scale, a non-image, a missing file, no shipped model)."""
import os

import keras
import numpy as np
import pytest
from PIL import Image

from kgan.cli.main import main
from kgan.images import to_uint8
from kgan.models.srgan import SRGAN

# File handling around the generator and the TFLite export, which tests/models/test_srgan.py and tests/export/
# check; the command itself reads, tiles and writes the same way on every backend.
pytestmark = pytest.mark.tensorflow_only


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    from kgan.export.tflite import export_tflite

    folder = tmp_path_factory.mktemp("upscalers")
    model = SRGAN(scale=2, patch_size=16, generator_filters=8, residual_blocks=1, output_skip="bilinear",
                  content_loss="mse", adversarial_weight=0.0, seed=0)
    head = model.generator.get_layer("head_conv")  # a visible residual, so the output is not plain bilinear
    head.set_weights([w * 20.0 if w.ndim == 4 else w for w in head.get_weights()])
    model.save(folder / "x2.keras")
    export_tflite(model.generator, str(folder / "x2.tflite"))
    return model, folder


def photo(path, height, width, mode="RGB", seed=0):
    pixels = np.random.default_rng(seed).integers(0, 256, (height, width, len(mode)), dtype="uint8")
    Image.fromarray(pixels[..., 0] if mode == "L" else pixels, mode).save(path)
    return pixels


def whole(model, pixels):
    return to_uint8(keras.ops.convert_to_numpy(model.upscale(pixels[None] / 127.5 - 1.0))[0])


@pytest.mark.parametrize("kind", [".keras", ".tflite"])
def test_an_image_upscales_in_tiles_as_the_whole_image_does(models, kind, tmp_path, capsys):
    model, folder = models
    pixels = photo(tmp_path / "in.png", 21, 30)
    code, out, err = run(capsys, "upscale", tmp_path / "in.png", "--model", folder / f"x2{kind}", "--out",
                         tmp_path / "out.png", "--tile", 8, "--overlap", 12, "--threads", 1)
    assert (code, err) == (0, ""), err
    assert out == f"kgan: upscaled {tmp_path / 'in.png'} (30x21) x2 to 60x42 with x2{kind} " \
                  f"({'SRGAN' if kind == '.keras' else 'LiteRT'}): {tmp_path / 'out.png'}\n"
    written = np.asarray(Image.open(tmp_path / "out.png"))
    assert written.shape == (42, 60, 3)
    # The 1-block generator sees 8 input pixels each way, inside the 12-pixel overlap; rounding may differ by 1.
    assert np.abs(written.astype(int) - whole(model, pixels)).max() <= 1


def test_a_folder_with_grey_and_rgba_images(models, tmp_path, capsys):
    model, folder = models
    source = tmp_path / "in"
    source.mkdir()
    grey = photo(source / "grey.png", 9, 11, "L")
    rgba = photo(source / "rgba.png", 10, 8, "RGBA", seed=1)
    (source / "notes").mkdir()
    code, out, err = run(capsys, "upscale", source, "--model", folder / "x2.keras", "--out", tmp_path / "out")
    assert (code, err) == (0, ""), err
    assert out == f"kgan: upscaled 2 images of {source} x2 with x2.keras (SRGAN) into {tmp_path / 'out'} " \
                  f"(not upscaled: notes/)\n"
    assert sorted(os.listdir(tmp_path / "out")) == ["grey.png", "rgba.png"]
    np.testing.assert_array_equal(np.asarray(Image.open(tmp_path / "out" / "grey.png")),
                                  whole(model, np.repeat(grey, 3, axis=-1)))
    np.testing.assert_array_equal(np.asarray(Image.open(tmp_path / "out" / "rgba.png")), whole(model, rgba[..., :3]))


def bad(capsys, tmp_path, *argv):
    code, out, err = run(capsys, "upscale", *argv)
    assert (code, out) == (2, "") and err.count("\n") == 1, err
    assert not (tmp_path / "out.png").exists()
    return err


def test_bad_inputs_are_one_line(models, tmp_path, capsys):
    _, folder = models
    photo(tmp_path / "in.png", 8, 8)
    (tmp_path / "garbage.png").write_bytes(b"not an image")
    out = tmp_path / "out.png"
    keras_model, tflite_model = folder / "x2.keras", folder / "x2.tflite"
    assert bad(capsys, tmp_path, tmp_path / "none.png", "--model", keras_model, "--out", out) == \
        f"kgan: error: INPUT {tmp_path / 'none.png'}: no such file or folder\n"
    assert bad(capsys, tmp_path, tmp_path / "garbage.png", "--model", keras_model, "--out", out).startswith(
        f"kgan: error: INPUT {tmp_path / 'garbage.png'}: cannot read it as an image (")
    for model in (keras_model, tflite_model):
        assert bad(capsys, tmp_path, tmp_path / "in.png", "--model", model, "--out", out, "--scale", 4) == \
            f"kgan: error: --scale 4: {model} upscales x2\n"
    assert bad(capsys, tmp_path, tmp_path / "in.png", "--model", tmp_path / "none.tflite", "--out", out) == \
        f"kgan: error: no such model file: {tmp_path / 'none.tflite'}\n"
    assert bad(capsys, tmp_path, tmp_path / "in.png", "--model", tmp_path / "in.png", "--out", out) == \
        f"kgan: error: {tmp_path / 'in.png'}: kgan upscale reads .keras or .tflite models or a run directory\n"
    assert bad(capsys, tmp_path, tmp_path / "in.png", "--model", keras_model, "--out", out, "--tile", -1) == \
        "kgan: error: --tile must be at least 0, got -1\n"


def test_with_no_model_and_no_shipped_upscaler_the_error_says_so(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("KGAN_SAVEDMODELS", str(tmp_path))
    photo(tmp_path / "in.png", 8, 8)
    err = bad(capsys, tmp_path, tmp_path / "in.png", "--out", tmp_path / "out.png")
    assert err == f"kgan: error: no --model given and no shipped upscaler: no saved model 'upscale_x4' in " \
                  f"{tmp_path} ($KGAN_SAVEDMODELS sets the folder); the models there: none\n"
