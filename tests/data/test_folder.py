"""Folders of images: layouts, formats, channels, sizes, and every kind of bad file, each in its own fixture."""
import re

import keras
import numpy as np
import pytest

pytestmark = pytest.mark.tensorflow_only
if keras.backend.backend() != "tensorflow":
    pytest.skip("tensorflow_only: runs in the TensorFlow pass", allow_module_level=True)

pytest.importorskip("PIL")
import kgan.data  # noqa: E402
from kgan.data import DataError  # noqa: E402
from tests.data import files  # noqa: E402
from tests.data.files import normalized, solid  # noqa: E402


def load(folder, **kwargs):
    kwargs.setdefault("batch_size", 1)
    kwargs.setdefault("shuffle", False)
    return kgan.data.load(str(folder), **kwargs)


def epoch(data):
    """Every image of an unshuffled source in stored order (and labels, when it has them)."""
    parts = [batch for batch in data.dataset().take(data.steps_per_epoch)]
    images = np.concatenate([p["images"].numpy() for p in parts])
    if "labels" in parts[0]:
        return images, np.concatenate([p["labels"].numpy() for p in parts])
    return images


def two_good_pngs(folder):
    files.write_png(folder / "good1.png", solid(4, 4, 10))
    files.write_png(folder / "good2.png", solid(4, 4, 250))


# Layouts


def test_class_subfolders_become_sorted_labels(tmp_path):
    files.write_png(tmp_path / "zebra" / "a.png", solid(4, 4, 10))
    files.write_png(tmp_path / "ant" / "b.PNG", solid(4, 4, 20))
    files.write_bmp(tmp_path / "ant" / "nested" / "c.bmp", solid(4, 4, 30))
    files.write_png(tmp_path / "mole" / ".hidden.png", solid(4, 4, 40))  # hidden: no class
    files.write(tmp_path / "README.txt", b"not an image, not counted")
    data = load(tmp_path)
    assert (data.num_classes, data.class_names, data.image_shape) == (2, ["ant", "zebra"], (4, 4, 1))
    assert data.skipped == [] and data.describe() == f"{tmp_path}: 3 images 4x4x1, 2 classes"
    images, labels = epoch(data)
    np.testing.assert_array_equal(images[:, 0, 0, 0], [normalized(20), normalized(30), normalized(10)])
    np.testing.assert_array_equal(labels, [0, 0, 1])


def test_images_in_the_root_make_the_folder_unlabeled(tmp_path):
    files.write_png(tmp_path / "a.png", solid(4, 4, 10))
    files.write_png(tmp_path / "more" / "b.png", solid(4, 4, 20))
    data = load(tmp_path)
    assert data.num_classes is None and data.class_names is None
    np.testing.assert_array_equal(epoch(data)[:, 0, 0, 0], [normalized(10), normalized(20)])


def test_empty_folder(tmp_path):
    (tmp_path / "empty_class").mkdir()
    files.write(tmp_path / "notes.txt", b"hello")
    with pytest.raises(DataError, match=f"no images in {tmp_path}: found no jpg, jpeg, png, bmp, gif, webp files"):
        load(tmp_path)


def test_folder_of_only_unreadable_files(tmp_path):
    files.write(tmp_path / "a.png", b"")
    files.write(tmp_path / "b.jpg", b"text")
    with pytest.raises(DataError, match=rf"no readable images in {tmp_path}: all 2 image files were skipped "
                                        rf"\(first: {tmp_path}/a.png: empty file \(0 bytes\)\)"):
        load(tmp_path)


# Bad files: skipped and counted, or in strict mode a one-line error naming the file


def truncated_jpeg(path):
    data = files.encode(np.random.default_rng(0).integers(0, 256, (16, 16, 3)), "JPEG")
    return files.write(path.with_suffix(".jpg"), data[:len(data) // 2])


def truncated_png(path):
    data = files.encode(np.random.default_rng(0).integers(0, 256, (16, 16, 3)), "PNG")
    return files.write(path.with_suffix(".png"), data[:len(data) // 2])


def zero_byte_png(path):
    return files.write(path.with_suffix(".png"), b"")


def text_named_png(path):
    return files.write(path.with_suffix(".png"), b"Just some notes, saved with the wrong name.\n")


BAD_FILES = [
    (truncated_jpeg, r"truncated JPEG \(no end-of-image marker\)"),
    (truncated_png, r"not a readable image: Invalid PNG data"),
    (zero_byte_png, r"empty file \(0 bytes\)"),
    (text_named_png, r"not a readable image: Unknown image file format"),
]


@pytest.mark.parametrize("write_bad, reason", BAD_FILES, ids=[w.__name__ for w, _ in BAD_FILES])
def test_bad_file_is_skipped_and_counted(tmp_path, write_bad, reason):
    two_good_pngs(tmp_path)
    bad = write_bad(tmp_path / "bad")
    data = load(tmp_path)
    assert data.num_examples == 2
    [(path, why)] = data.skipped
    assert path == str(bad)
    assert re.fullmatch(reason + ".*", why), why
    assert data.describe() == f"{tmp_path}: 2 images 4x4x1, skipped 1 unreadable file"
    np.testing.assert_array_equal(epoch(data)[:, 0, 0, 0], [normalized(10), normalized(250)])


@pytest.mark.parametrize("write_bad, reason", BAD_FILES, ids=[w.__name__ for w, _ in BAD_FILES])
def test_strict_mode_names_the_bad_file(tmp_path, write_bad, reason):
    two_good_pngs(tmp_path)
    bad = write_bad(tmp_path / "bad")
    with pytest.raises(DataError, match=rf"^unreadable image {bad}: {reason}.*\(strict mode") as error:
        load(tmp_path, strict=True)
    assert "\n" not in str(error.value)


def test_several_bad_files_are_all_listed(tmp_path):
    two_good_pngs(tmp_path)
    bad = [zero_byte_png(tmp_path / "x1"), text_named_png(tmp_path / "x2"), truncated_jpeg(tmp_path / "x3")]
    data = load(tmp_path)
    assert [path for path, _ in data.skipped] == [str(p) for p in bad]
    assert data.describe().endswith(", skipped 3 unreadable files")


# Formats and channels


def test_rgba_png_drops_alpha(tmp_path):
    files.write_png(tmp_path / "rgba.png", solid(3, 3, (200, 100, 50, 7)))
    data = load(tmp_path)
    assert data.image_shape == (3, 3, 3)
    np.testing.assert_array_equal(epoch(data)[0, 1, 1], [normalized(200), normalized(100), normalized(50)])
    grey = epoch(load(tmp_path, channels=1))
    np.testing.assert_array_equal(grey[0, 1, 1], [normalized(files.luma(200, 100, 50))])


def test_grayscale_png_stays_grey_or_repeats_to_rgb(tmp_path):
    files.write_png(tmp_path / "grey.png", solid(3, 3, 77))
    assert load(tmp_path).image_shape == (3, 3, 1)
    rgb = load(tmp_path, channels=3)
    assert rgb.image_shape == (3, 3, 3)
    np.testing.assert_array_equal(epoch(rgb)[0, 0, 0], [normalized(77)] * 3)


def test_mixed_grey_and_color_default_to_rgb(tmp_path):
    files.write_png(tmp_path / "a_grey.png", solid(3, 3, 77))
    files.write_png(tmp_path / "b_rgb.png", solid(3, 3, (1, 2, 3)))
    images = epoch(load(tmp_path))
    assert images.shape == (2, 3, 3, 3)
    np.testing.assert_array_equal(images[:, 0, 0], [[normalized(77)] * 3, normalized(np.array([1, 2, 3]))])


def test_gif_gives_its_first_frame(tmp_path):
    files.write_gif(tmp_path / "two_frames.gif", [solid(4, 4, (255, 0, 0)), solid(4, 4, (0, 0, 255))])
    images = epoch(load(tmp_path))
    assert images.shape == (1, 4, 4, 3)
    np.testing.assert_array_equal(images[0, 2, 2], [1.0, -1.0, -1.0])  # red, not the blue second frame


def test_bmp_pixels_exactly(tmp_path):
    pixels = np.random.default_rng(1).integers(0, 256, (5, 7, 3)).astype(np.uint8)
    files.write_bmp(tmp_path / "picture.bmp", pixels)
    np.testing.assert_array_equal(epoch(load(tmp_path))[0], normalized(pixels))


def test_webp_pixels_exactly(tmp_path):
    from PIL import features

    if not features.check("webp"):
        pytest.skip("this Pillow cannot write WebP")
    pixels = np.random.default_rng(2).integers(0, 256, (6, 5, 3)).astype(np.uint8)
    files.write_webp(tmp_path / "picture.webp", pixels)
    np.testing.assert_array_equal(epoch(load(tmp_path))[0], normalized(pixels))


def test_jpeg_pixels_closely(tmp_path):
    files.write_jpeg(tmp_path / "photo.jpeg", solid(16, 16, (200, 60, 30)))
    pixel = epoch(load(tmp_path))[0, 8, 8]
    np.testing.assert_allclose(pixel, normalized(np.array([200, 60, 30])), atol=4 / 127.5)


# Sizes


def test_image_size_center_crops_then_resizes(tmp_path):
    pixels = np.zeros((4, 8, 1), np.uint8)
    pixels[:, 2:6] = 200  # the central square is bright, the side bands dark
    files.write_png(tmp_path / "wide.png", pixels[..., 0])
    data = load(tmp_path, image_size=2)
    assert data.image_shape == (2, 2, 1)
    np.testing.assert_array_equal(epoch(data)[0, ..., 0], np.full((2, 2), normalized(200)))


def test_one_shared_size_is_kept_even_when_not_square(tmp_path):
    files.write_png(tmp_path / "a.png", solid(3, 5, 1))
    files.write_png(tmp_path / "b.png", solid(3, 5, 2))
    assert load(tmp_path).image_shape == (3, 5, 1)


def test_mixed_sizes_default_to_the_median_shorter_side(tmp_path):
    for name, (height, width) in {"a": (4, 4), "b": (6, 8), "c": (10, 10)}.items():
        files.write_png(tmp_path / f"{name}.png", solid(height, width, 90))
    data = load(tmp_path)
    assert data.image_shape == (6, 6, 1)
    assert "mixed sizes resized to 6x6 (the median shorter side" in data.describe()
    np.testing.assert_array_equal(epoch(data), np.full((3, 6, 6, 1), normalized(90)))


# Streaming a folder too large to cache


def test_streamed_folder_gives_the_same_batches_as_the_cached_one(tmp_path):
    rng = np.random.default_rng(3)
    for k in range(7):
        shape = [(6, 9, 3), (8, 8), (7, 5, 4)][k % 3]
        writer = [files.write_png, files.write_bmp][k % 2]
        writer(tmp_path / f"class{k % 2}" / f"img{k}.{'png' if k % 2 == 0 else 'bmp'}",
               rng.integers(0, 256, shape).astype(np.uint8))
    zero_byte_png(tmp_path / "class0" / "broken")
    options = dict(image_size=4, channels=3, batch_size=3, seed=2, shuffle=True)
    cached, streamed = load(tmp_path, **options), load(tmp_path, cache_limit_bytes=0, **options)
    assert cached.cached and not streamed.cached
    assert streamed.describe() == (f"{tmp_path}: 7 images 4x4x3, 2 classes, streamed from storage, "
                                   "skipped 1 unreadable file")
    for start in (0, 3):
        for one, two in zip(cached.dataset(start).take(4), streamed.dataset(start).take(4)):
            assert sorted(one) == sorted(two) == ["images", "labels"]
            np.testing.assert_array_equal(one["images"].numpy(), two["images"].numpy())
            np.testing.assert_array_equal(one["labels"].numpy(), two["labels"].numpy())


# Labels against the model


def test_class_count_must_match_the_model_before_any_decoding(tmp_path):
    files.write_png(tmp_path / "cat" / "a.png", solid(4, 4, 1))
    zero_byte_png(tmp_path / "dog" / "b")  # strict would fail on this, but the class count is checked first
    with pytest.raises(DataError, match=rf"^{tmp_path} has 2 classes but the model has 3$"):
        load(tmp_path, num_classes=3, strict=True)


def test_unlabeled_folder_for_a_conditional_model(tmp_path):
    two_good_pngs(tmp_path)
    with pytest.raises(DataError, match=r"has no labels, but the model needs labels for 10 classes"):
        load(tmp_path, num_classes=10)


def test_batch_larger_than_the_folder(tmp_path):
    two_good_pngs(tmp_path)
    with pytest.raises(DataError, match=rf"batch size 64 is larger than the 2 images in {tmp_path}"):
        load(tmp_path, batch_size=64)
