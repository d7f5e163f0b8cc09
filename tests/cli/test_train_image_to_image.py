"""`kgan train` on paired and unpaired data: `--set direction=BtoA`, and each bad input as one line with exit code 2."""
import json

import numpy as np
import pytest

pytest.importorskip("PIL")
from kgan.cli.main import main  # noqa: E402
from tests.data import files  # noqa: E402
from tests.runs.translator_family import translator_family  # noqa: E402, F401


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def pair(value=0, width=16, height=8):
    return np.full((height, width, 3), value, np.uint8)


def not_twice_as_wide(root):
    files.write_png(root / "train" / "1.png", pair(width=19))
    return f"{root / 'train' / '1.png'} is 19x8: a side-by-side A|B pair must be twice as wide as it is high"


def b_missing(root):
    files.write_png(root / "A" / "1.png", pair(width=8))
    files.write_png(root / "A" / "2.png", pair(width=8))
    files.write_png(root / "B" / "1.png", pair(width=8))
    return f"no B image for {root / 'A' / '2.png'}: expected {root / 'B' / '2'}.*"


def train_a_without_train_b(root):
    files.write_png(root / "trainA" / "1.png", pair(width=8))
    return f"{root} has trainA/ but no trainB/: unpaired data needs both domains"


def smaller_than_the_crop(root):
    files.write_png(root / "train" / "1.png", pair())
    files.write_png(root / "train" / "2.png", pair(width=12, height=6))
    return f"{root / 'train' / '2.png'}'s A and B halves is 6x6, smaller than the 8x8 crop"


def nothing_there(root):
    return f"no such file or folder: {root}"


@pytest.mark.tensorflow_only
@pytest.mark.parametrize("make", [not_twice_as_wide, b_missing, train_a_without_train_b, smaller_than_the_crop,
                                  nothing_there])
def test_bad_image_to_image_data_is_one_line_and_exit_code_2(tmp_path, capsys, translator_family, make):
    expected = make(tmp_path / "data")
    code, out, err = run(capsys, "train", "translator", "--data", tmp_path / "data", "--out", tmp_path / "run",
                         "--verbose", "0")
    assert code == 2 and err.startswith(f"kgan: error: {expected}") and err.count("\n") == 1, err
    assert not (tmp_path / "run").exists()


def test_direction_goes_to_the_data_and_into_the_run_config(tmp_path, capsys, translator_family):
    for k in range(2):
        files.write_png(tmp_path / "data" / f"{k}.png", np.concatenate([pair(10, 8), pair(200, 8)], axis=1))
    code, out, err = run(capsys, "train", "translator", "--data", tmp_path / "data", "--out", tmp_path / "run",
                         "--set", "direction=BtoA", "--steps", 1, "--verbose", "0")
    assert code == 0, err
    assert out.splitlines()[0] == f"{tmp_path / 'data'}: 2 examples of source 8x8x3, target 8x8x3, A|B side by " \
                                  "side, BtoA"
    config = json.loads((tmp_path / "run" / "config.json").read_text())
    assert config["data_options"] == {"direction": "BtoA"} and config["overrides"] == {}
    code, _, err = run(capsys, "train", "translator", "--data", tmp_path / "data", "--out", tmp_path / "run2",
                       "--set", "direction=up")
    assert code == 2 and err == "kgan: error: --set direction must be one of AtoB, BtoA, got 'up'\n"
