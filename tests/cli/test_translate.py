"""`kgan translate`: any size in, the same size out, as the model's own `translate` on the reflect-padded image
cropped back; grey <-> RGB conversion; folders; `--model NAME`; each bad input one line, exit 2 (3: OUT refused)."""
import os

import numpy as np
import pytest
from PIL import Image

from kgan.cli.main import main
from kgan.images import to_uint8
from kgan.runs import load_for_sampling
from kgan.saved_models import saved_models_folder
from kgan.size_fit import crop, reflect_pad
from kgan.translation import MAX_PIXELS
from tests.cli.test_generate import read_only_folder  # noqa: F401  (a fixture)
from tests.models.tiny_families import tiny

# File handling around `model.translate`, which tests/models/test_pix2pix.py and test_cyclegan.py run on both
# backends; the backend does not change what is read, padded, cropped and written.
pytestmark = pytest.mark.tensorflow_only

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def audible(model, *networks):
    """Kernels x 20: at N(0, 0.02) and 1-2 maps per level the outputs would all round to grey 127 or 128."""
    for network in networks:
        network.set_weights([w * 20.0 if w.ndim == 4 else w for w in network.get_weights()])
    return model


@pytest.fixture(scope="module")
def pix2pix_file(tmp_path_factory):
    """Grey 8x8 -> RGB, 3 levels: it takes multiples of 8."""
    model = tiny("pix2pix", image_size=8, n_layers=1, generator_filters=2, seed=3)
    path = tmp_path_factory.mktemp("pix2pix") / "model.keras"
    audible(model, model.generator).save(path)
    return path


@pytest.fixture(scope="module")
def cyclegan_file(tmp_path_factory):
    """G: RGB (A) -> grey (B), F: grey -> RGB; multiples of 4, at least 8."""
    model = tiny("cyclegan", channels_a=3, channels_b=1, seed=4)
    path = tmp_path_factory.mktemp("cyclegan") / "model.keras"
    audible(model, model.generator, model.inverse).save(path)
    return path


def photo(path, height, width, channels=3, seed=0):
    pixels = np.random.default_rng(seed).integers(0, 256, (height, width, channels), dtype="uint8")
    Image.fromarray(pixels[..., 0] if channels == 1 else pixels).save(path)
    return pixels


def read(path):
    image = np.asarray(Image.open(path))
    return image[..., None] if image.ndim == 2 else image


def expected(network, image, multiple, minimum):
    """What the command must write: `network` on the image reflect-padded to the next size it takes, cropped back."""
    height, width = image.shape[:2]
    sizes = [max(minimum, -(-side // multiple) * multiple) for side in (height, width)]
    padded, corner = reflect_pad(image / 127.5 - 1.0, *sizes)
    out = np.asarray(network(padded[None].astype("float32")))[0]
    return to_uint8(crop(out, corner, height, width))


def test_an_odd_size_comes_back_at_its_size_as_the_model_translates_the_padded_image(pix2pix_file, tmp_path, capsys):
    pixels = photo(tmp_path / "in.png", 37, 50)  # RGB in, for a grey-source model
    code, out, err = run(capsys, "translate", pix2pix_file, tmp_path / "in.png", "--out", tmp_path / "out.png")
    assert (code, err) == (0, "")
    assert out == f"kgan: translated {tmp_path / 'in.png'} (50x37) AtoB with Pix2Pix: {tmp_path / 'out.png'}\n"
    written = read(tmp_path / "out.png")
    assert written.shape == (37, 50, 3)
    grey = np.asarray(Image.fromarray(pixels).convert("L"))[..., None]
    luma = pixels @ np.array([0.299, 0.587, 0.114])  # ITU-R 601
    assert np.abs(grey[..., 0] - luma).max() <= 1.0
    model = load_for_sampling(pix2pix_file)
    want = expected(model.translate, grey, 8, 8)  # padded to 40x56
    np.testing.assert_array_equal(written, want)
    assert want.std() > 5  # the images differ from pixel to pixel: the check above could fail


def test_cyclegan_both_ways_with_grey_and_rgb_inputs(cyclegan_file, tmp_path, capsys):
    model = load_for_sampling(cyclegan_file)
    rgb = photo(tmp_path / "rgb.png", 21, 30)
    grey = photo(tmp_path / "grey.png", 13, 9, channels=1, seed=1)
    # BtoA is F, on RGB converted to grey; AtoB is G, on grey repeated to RGB (9 wide pads to the minimum, 12).
    code, _, err = run(capsys, "translate", cyclegan_file, tmp_path / "rgb.png", "--out", tmp_path / "a.png",
                       "--direction", "BtoA")
    assert (code, err) == (0, "")
    luma = np.asarray(Image.fromarray(rgb).convert("L"))[..., None]
    written = read(tmp_path / "a.png")
    assert written.shape == (21, 30, 3)
    np.testing.assert_array_equal(written, expected(lambda x: model.inverse(x, training=False), luma, 4, 8))
    code, _, err = run(capsys, "translate", cyclegan_file, tmp_path / "grey.png", "--out", tmp_path / "b.png")
    assert (code, err) == (0, "")
    written = read(tmp_path / "b.png")
    assert written.shape == (13, 9, 1)
    np.testing.assert_array_equal(written, expected(lambda x: model.generator(x, training=False),
                                                    np.repeat(grey, 3, -1), 4, 8))
    assert written.std() > 5


def test_a_folder_is_translated_into_another_under_the_same_names(pix2pix_file, tmp_path, capsys):
    source = tmp_path / "in"
    (source / "sub").mkdir(parents=True)
    photos = {"a.png": photo(source / "a.png", 8, 8), "c.bmp": photo(source / "c.bmp", 9, 17, seed=2)}
    Image.fromarray(photo(tmp_path / "b.png", 16, 12, seed=3)).save(source / "b.jpg", quality=100)
    photos["b.jpg"] = read(source / "b.jpg")
    code, out, err = run(capsys, "translate", pix2pix_file, source, "--out", tmp_path / "out")
    assert (code, err) == (0, "")
    assert out == f"kgan: translated 3 images of {source} AtoB with Pix2Pix into {tmp_path / 'out'} " \
                  f"(not translated: sub/)\n"
    assert sorted(os.listdir(tmp_path / "out")) == ["a.png", "b.jpg", "c.png"]  # .bmp is written as PNG
    assert Image.open(tmp_path / "out" / "b.jpg").format == "JPEG"
    model = load_for_sampling(pix2pix_file)
    for name, target in (("a.png", "a.png"), ("c.bmp", "c.png")):
        grey = np.asarray(Image.fromarray(photos[name]).convert("L"))[..., None]
        np.testing.assert_array_equal(read(tmp_path / "out" / target), expected(model.translate, grey, 8, 8))
    assert read(tmp_path / "out" / "b.jpg").shape == (16, 12, 3)


def test_an_unreadable_file_in_a_folder_stops_it_and_keeps_what_was_written(pix2pix_file, tmp_path, capsys):
    source = tmp_path / "in"
    source.mkdir()
    photo(source / "a.png", 8, 8)
    photo(tmp_path / "whole.png", 64, 64, seed=1)
    (source / "b.png").write_bytes((tmp_path / "whole.png").read_bytes()[:200])  # its header reads, its data not
    photo(source / "c.png", 8, 8, seed=2)
    code, out, err = run(capsys, "translate", pix2pix_file, source, "--out", tmp_path / "out")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith(f"kgan: error: INPUT {source / 'b.png'}: cannot read it as an image (")
    assert err.endswith(f"; the 1 translated before it are kept in {tmp_path / 'out'}\n")
    assert os.listdir(tmp_path / "out") == ["a.png"]


@pytest.fixture(scope="module")
def images(tmp_path_factory):
    folder = tmp_path_factory.mktemp("images")
    photo(folder / "in.png", 10, 12)
    (folder / "garbage.png").write_bytes(b"not an image")
    Image.new("L", (2050, 2050)).save(folder / "huge.png")
    (folder / "empty").mkdir()
    return folder


def bad(capsys, tmp_path, *argv):
    code, out, err = run(capsys, "translate", *argv)
    assert (code, out) == (2, "") and err.count("\n") == 1, err
    assert not (tmp_path / "out.png").exists()
    return err


def test_a_missing_input(pix2pix_file, images, tmp_path, capsys):
    err = bad(capsys, tmp_path, pix2pix_file, images / "none.png", "--out", tmp_path / "out.png")
    assert err == f"kgan: error: INPUT {images / 'none.png'}: no such file or folder\n"


def test_an_unreadable_image(pix2pix_file, images, tmp_path, capsys):
    err = bad(capsys, tmp_path, pix2pix_file, images / "garbage.png", "--out", tmp_path / "out.png")
    assert err.startswith(f"kgan: error: INPUT {images / 'garbage.png'}: cannot read it as an image (cannot "
                          f"identify image file")


def test_an_empty_folder(pix2pix_file, images, tmp_path, capsys):
    err = bad(capsys, tmp_path, pix2pix_file, images / "empty", "--out", tmp_path / "out")
    assert err == f"kgan: error: INPUT {images / 'empty'}: the folder holds no image files\n"
    assert not (tmp_path / "out").exists()


def test_a_model_that_does_not_translate(images, tmp_path, capsys):
    path = tmp_path / "dcgan.keras"
    tiny("dcgan").save(path)
    err = bad(capsys, tmp_path, path, images / "in.png", "--out", tmp_path / "out.png")
    assert err == f"kgan: error: {path} holds a DCGAN, which does not translate; give a pix2pix or cyclegan run " \
                  f"or model\n"


def test_a_direction_the_model_lacks(pix2pix_file, images, tmp_path, capsys):
    err = bad(capsys, tmp_path, pix2pix_file, images / "in.png", "--out", tmp_path / "out.png", "--direction", "BtoA")
    assert err == f"kgan: error: --direction BtoA: {pix2pix_file} holds a Pix2Pix, which translates AtoB only\n"


def test_an_unknown_direction(pix2pix_file, images, tmp_path, capsys):
    err = bad(capsys, tmp_path, pix2pix_file, images / "in.png", "--out", tmp_path / "out.png", "--direction", "AtoC")
    assert err == "kgan: error: unknown direction 'AtoC' for kgan translate; did you mean AtoB?\n"


def test_a_bad_out_extension(pix2pix_file, images, tmp_path, capsys):
    err = bad(capsys, tmp_path, pix2pix_file, images / "in.png", "--out", tmp_path / "out.gif")
    assert err == f"kgan: error: --out {tmp_path / 'out.gif'}: kgan translate writes PNG (.png) or JPEG (.jpg, " \
                  f".jpeg); got the extension '.gif'\n"


def test_an_image_too_large_to_translate_in_one_piece(pix2pix_file, images, tmp_path, capsys):
    err = bad(capsys, tmp_path, pix2pix_file, images / "huge.png", "--out", tmp_path / "out.png")
    assert err == f"kgan: error: INPUT {images / 'huge.png'} is 2050x2050, padded to 2056x2056 = 4,227,136 pixels, " \
                  f"over the {MAX_PIXELS:,} translated in one piece; resize it first\n"


@pytest.mark.parametrize("argv, message", [
    (["{image}"], "name the model: kgan translate RUN_DIR|MODEL.keras INPUT, or --model NAME INPUT"),
    (["--model", "colorize", "{model}", "{image}"], "give RUN_DIR|MODEL.keras ({model}) or --model colorize, not both"),
])
def test_neither_or_both_models(pix2pix_file, images, tmp_path, capsys, argv, message):
    names = {"model": pix2pix_file, "image": images / "in.png"}
    err = bad(capsys, tmp_path, *[a.format(**names) for a in argv], "--out", tmp_path / "out.png")
    assert err == f"kgan: error: {message.format(**names)}\n"


def test_out_onto_an_existing_directory_is_exit_3(pix2pix_file, images, tmp_path, capsys):
    (tmp_path / "out.png").mkdir()
    code, out, err = run(capsys, "translate", pix2pix_file, images / "in.png", "--out", tmp_path / "out.png")
    assert (code, out) == (3, "")
    assert err == f"kgan: error: --out {tmp_path / 'out.png'}: cannot write it: Is a directory\n"


def test_out_folder_that_cannot_be_made_is_exit_3(pix2pix_file, images, read_only_folder, capsys):  # noqa: F811
    source = images.parent / "folder-in"
    source.mkdir(exist_ok=True)
    photo(source / "a.png", 8, 8)
    code, out, err = run(capsys, "translate", pix2pix_file, source, "--out", read_only_folder / "out")
    assert (code, out) == (3, "")
    assert err.startswith(f"kgan: error: --out {read_only_folder / 'out'}: cannot create it: ")


def test_model_name_from_the_saved_models_folder(pix2pix_file, images, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("KGAN_SAVEDMODELS", raising=False)
    assert saved_models_folder() == os.path.join(ROOT, "savedmodels")  # beside the package: the repository's
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    (shipped / "colorize.keras").write_bytes(pix2pix_file.read_bytes())
    (shipped / "notes.md").write_text("not a model")
    monkeypatch.setenv("KGAN_SAVEDMODELS", str(shipped))
    code, out, err = run(capsys, "translate", "--model", "colorize", images / "in.png", "--out", tmp_path / "a.png")
    assert (code, err) == (0, "") and out.endswith(f"AtoB with Pix2Pix: {tmp_path / 'a.png'}\n")
    assert run(capsys, "translate", pix2pix_file, images / "in.png", "--out", tmp_path / "b.png")[0] == 0
    np.testing.assert_array_equal(read(tmp_path / "a.png"), read(tmp_path / "b.png"))
    err = bad(capsys, tmp_path, "--model", "colourise", images / "in.png", "--out", tmp_path / "out.png")
    assert err == f"kgan: error: --model colourise: no saved model 'colourise' in {shipped} ($KGAN_SAVEDMODELS " \
                  f"sets the folder); the models there: colorize\n"
