import numpy as np
import pytest
from PIL import Image

from kgan.images import make_grid, save_grid, to_uint8


def test_to_uint8_maps_minus_one_to_zero_and_one_to_255():
    assert to_uint8([-1.0, -0.5, 0.0, 1.0, 2.0, -3.0]).tolist() == [0, 64, 128, 255, 255, 0]


def test_grid_places_images_row_by_row_with_padding():
    tiles = np.stack([np.full((2, 3, 1), i + 1, "uint8") for i in range(5)])  # 5 images 2x3
    grid = make_grid(tiles, rows=2, padding=1)
    assert grid.shape == (2 * 3 + 1, 3 * 4 + 1, 1)
    assert grid[1, 1, 0] == 1 and grid[1, 5, 0] == 2 and grid[4, 1, 0] == 4 and grid[4, 9, 0] == 0
    assert grid[0].max() == 0  # padding row


def test_save_grid_writes_a_png(tmp_path):
    path = save_grid(np.zeros((4, 8, 8, 3), "float32"), tmp_path / "grid.png", rows=1)
    image = Image.open(path)
    assert image.size == (4 * 10 + 2, 12) and image.mode == "RGB"
    assert np.asarray(image)[2, 2].tolist() == [128, 128, 128]


def test_save_grid_writes_jpeg_for_a_jpeg_name(tmp_path):
    for name in ("grid.jpg", "grid.JPEG"):
        path = save_grid(np.zeros((4, 8, 8, 1), "float32"), tmp_path / name)
        image = Image.open(path)
        assert (image.format, image.mode, image.size) == ("JPEG", "L", (2 * 10 + 2, 2 * 10 + 2))
        assert abs(int(np.asarray(image)[5, 5]) - 128) <= 2  # lossy, but the grey it was given


@pytest.mark.parametrize("name", ["grid.gif", "grid"])
def test_save_grid_refuses_a_name_it_cannot_honour(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError, match=rf"^{name}: a grid is written as PNG \(.png\) or JPEG \(.jpg, .jpeg\); "
                                         rf"got the extension '{name[4:]}'$"):
        save_grid(np.zeros((1, 2, 2, 1), "uint8"), name)
    assert not list(tmp_path.iterdir())


def test_jpeg_has_no_alpha(tmp_path):
    with pytest.raises(ValueError, match=r"^.*grid.jpg: JPEG has no alpha channel; use a .png name for 4-channel "
                                         r"images$"):
        save_grid(np.zeros((1, 2, 2, 4), "uint8"), tmp_path / "grid.jpg")


def test_a_missing_folder_is_named_not_the_temporary_file():
    with pytest.raises(FileNotFoundError) as error:
        save_grid(np.zeros((1, 2, 2, 1), "uint8"), "/missing/dir/x.png")
    assert error.value.filename == "/missing/dir/x.png"
    assert str(error.value) == "[Errno 2] No such file or directory: '/missing/dir/x.png'"
