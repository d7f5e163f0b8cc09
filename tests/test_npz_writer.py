import os

import numpy as np
import pytest

from kgan.npz_writer import NpzWriter


def test_chunks_make_the_arrays_np_load_reads(tmp_path):
    images = np.random.default_rng(0).integers(0, 256, (10, 4, 4, 3)).astype("uint8")
    labels = np.arange(10, dtype="int32")
    with NpzWriter(tmp_path / "out.npz") as npz:
        npz.write("images", images.shape, "uint8", (images[i:i + 3] for i in range(0, 10, 3)))
        npz.write("labels", labels.shape, "int32", [labels])
    with np.load(tmp_path / "out.npz", allow_pickle=False) as archive:
        assert archive.files == ["images", "labels"]
        np.testing.assert_array_equal(archive["images"], images)
        assert archive["labels"].dtype == np.int32 and archive["labels"].tolist() == list(range(10))
    assert os.listdir(tmp_path) == ["out.npz"]


def test_too_few_rows_leave_no_file(tmp_path):
    with pytest.raises(ValueError, match=r"^images: 2 rows were written, but its shape is \(3, 2\)\.$"):
        with NpzWriter(tmp_path / "out.npz") as npz:
            npz.write("images", (3, 2), "uint8", [np.zeros((2, 2), "uint8")])
    assert os.listdir(tmp_path) == []


def test_too_many_rows(tmp_path):
    with pytest.raises(ValueError, match=r"does not fit the array's shape \(1, 2\) after 0 rows"):
        with NpzWriter(tmp_path / "out.npz") as npz:
            npz.write("images", (1, 2), "uint8", [np.zeros((2, 2), "uint8")])
    assert os.listdir(tmp_path) == []


def test_a_missing_folder_is_named():
    with pytest.raises(FileNotFoundError) as error:
        NpzWriter("/missing/dir/out.npz")
    assert error.value.filename == "/missing/dir/out.npz"
