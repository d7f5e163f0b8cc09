"""`kgan inpaint`: the filled image keeps the input's size and known pixels; each bad input is one line, exit 2."""
import numpy as np
import pytest
from PIL import Image

from kgan.cli.main import main
from kgan.inpainting import inpaint_image
from kgan.runs import load_for_sampling
from tests.models.tiny_families import tiny

# The command is backend-independent file handling around `model.sample`, which tests/models/test_context_encoder.py
# runs on both backends; on JAX the eager sampling here cost 100 s on the 2 loaded cores.
pytestmark = pytest.mark.tensorflow_only


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def model_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("ce") / "model.keras"
    tiny("context_encoder", seed=3).save(path)  # 16x16 RGB, centre hole 6x6 (overlap 1)
    return path


@pytest.fixture(scope="module")
def photo(tmp_path_factory):
    """A 20x12 RGB PNG: not the model's 16x16, nor square."""
    path = tmp_path_factory.mktemp("images") / "photo.png"
    pixels = np.random.default_rng(0).integers(0, 256, (12, 20, 3), dtype="uint8")
    Image.fromarray(pixels).save(path)
    return path, pixels


def read(path):
    return np.asarray(Image.open(path))


def test_the_centre_hole_of_an_image_of_another_size(model_file, photo, tmp_path, capsys):
    path, pixels = photo
    code, out, err = run(capsys, "inpaint", model_file, path, "--out", tmp_path / "out.png")
    assert (code, err) == (0, "")
    assert out == f"kgan: inpainted {path} (20x12) with ContextEncoder: {tmp_path / 'out.png'}\n"
    filled = read(tmp_path / "out.png")
    assert filled.shape == (12, 20, 3)
    # The model's 6x6 hole at rows/columns 5..10 of 16, scaled to 12 rows and 20 columns (nearest).
    changed = np.any(filled != pixels, axis=-1)
    rows, columns = np.nonzero(changed)
    assert rows.min() >= 3 and rows.max() <= 8 and columns.min() >= 6 and columns.max() <= 13
    assert changed.sum() > 20
    np.testing.assert_array_equal(filled, inpaint_image(load_for_sampling(model_file), pixels))


def test_a_mask_fills_its_holes_alone(model_file, tmp_path, capsys):
    pixels = np.random.default_rng(1).integers(0, 256, (16, 16, 3), dtype="uint8")
    Image.fromarray(pixels).save(tmp_path / "in.png")
    mask = np.zeros((16, 16), "uint8")
    mask[6:9, 7:10] = 255
    Image.fromarray(mask).save(tmp_path / "mask.png")
    code, _, err = run(capsys, "inpaint", model_file, tmp_path / "in.png", "--mask", tmp_path / "mask.png",
                       "--out", tmp_path / "out.png")
    assert (code, err) == (0, "")
    filled = read(tmp_path / "out.png")
    np.testing.assert_array_equal(filled[mask == 0], pixels[mask == 0])
    model = load_for_sampling(model_file)
    expected = np.asarray(model.sample(images=pixels[None] / 127.5 - 1.0, masks=(mask[None] > 127) * 1.0))[0]
    np.testing.assert_array_equal(filled[mask > 0], np.round((expected[mask > 0] + 1.0) * 127.5).astype("uint8"))


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory, photo):
    folder = tmp_path_factory.mktemp("bad")
    (folder / "garbage.png").write_bytes(b"not an image")
    Image.fromarray(np.zeros((8, 8), "uint8")).save(folder / "small_mask.png")
    Image.fromarray(np.zeros((12, 20), "uint8")).save(folder / "empty_mask.png")
    corner = np.zeros((12, 20), "uint8")
    corner[0, 0] = 255
    Image.fromarray(corner).save(folder / "corner_mask.png")
    return folder


@pytest.mark.parametrize("argv, message", [
    (["{photo}", "--mask", "{bad}/none.png"], "--mask {bad}/none.png: no such file"),
    (["{bad}/none.png"], "IMAGE {bad}/none.png: no such file"),
    (["{bad}/garbage.png"], "IMAGE {bad}/garbage.png: cannot read it as an image (cannot identify image file"),
    (["{photo}", "--mask", "{bad}/garbage.png"], "--mask {bad}/garbage.png: cannot read it as an image"),
    (["{photo}", "--mask", "{bad}/small_mask.png"],
     "--mask {bad}/small_mask.png is 8x8 but {photo} is 20x12; give a mask of the image's size"),
    (["{photo}", "--mask", "{bad}/empty_mask.png"], "--mask {bad}/empty_mask.png has no hole: no pixel is above 127"),
    (["{photo}", "--mask", "{bad}/corner_mask.png"],
     "--mask {bad}/corner_mask.png: this ContextEncoder (mask='center') fills only the central 8x8 square of its "
     "16x16 images; the masks have holes outside it"),
    (["{photo}", "--out", "{bad}/out.gif"], "--out {bad}/out.gif: a grid is written as PNG"),
])
def test_bad_inputs_are_one_line(model_file, photo, bad_inputs, tmp_path, capsys, argv, message):
    names = {"photo": photo[0], "bad": bad_inputs}
    argv = [a.format(**names) for a in argv]
    if "--out" not in argv:
        argv += ["--out", str(tmp_path / "out.png")]
    code, out, err = run(capsys, "inpaint", model_file, *argv)
    assert code == 2 and out == "" and err.count("\n") == 1, err
    assert err.startswith("kgan: error: " + message.format(**names)), err
    assert not (tmp_path / "out.png").exists()


def test_a_model_that_does_not_inpaint(photo, tmp_path, capsys):
    path = tmp_path / "dcgan.keras"
    tiny("dcgan").save(path)
    code, _, err = run(capsys, "inpaint", path, photo[0], "--out", tmp_path / "out.png")
    assert code == 2
    assert err == f"kgan: error: {path} holds a DCGAN, which does not inpaint; give a context_encoder run or model\n"


def test_out_is_required(model_file, photo, capsys):
    code, _, err = run(capsys, "inpaint", model_file, photo[0])
    assert code == 2 and err == "kgan: error: kgan inpaint: the following arguments are required: --out\n"


def test_generate_fills_the_centre_holes_of_its_inputs(model_file, tmp_path, capsys):
    # The task's output, `inpainted`, is not in its batch: `kgan generate` reads its shape from `output_spec`.
    pixels = np.random.default_rng(2).integers(0, 256, (3, 16, 16, 3), dtype="uint8")
    np.savez(tmp_path / "in.npz", images=pixels)
    code, out, _ = run(capsys, "generate", model_file, "--inputs", tmp_path / "in.npz", "--npz", tmp_path / "o.npz")
    assert code == 0 and out.startswith("kgan: generated 3 images (16x16x3) with ContextEncoder")
    with np.load(tmp_path / "o.npz") as arrays:
        assert sorted(arrays.files) == ["images", "inpainted"]
        np.testing.assert_array_equal(arrays["images"], pixels)
        expected = [inpaint_image(load_for_sampling(model_file), image) for image in pixels]
        np.testing.assert_array_equal(arrays["inpainted"], expected)
