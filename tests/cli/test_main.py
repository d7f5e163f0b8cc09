import json
import subprocess
import sys

import pytest

from kgan.cli.main import main
from kgan.models import FAMILIES


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_json_names_every_family_with_its_default_first(capsys):
    code, out, _ = run(capsys, "list", "--json")
    listing = json.loads(out)
    assert code == 0
    assert list(listing) == list(FAMILIES)
    assert listing["gan"][0] == "gan_mnist"
    for family, presets in listing.items():
        assert presets == list(FAMILIES[family].presets)


def test_list_text_marks_defaults(capsys):
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert "gan_mnist (default)" in out


def test_info_json_reports_each_network(capsys):
    code, out, _ = run(capsys, "info", "gan", "--preset", "gan_mnist", "--json")
    assert code == 0
    assert json.loads(out) == {
        "generator": {"trainable_params": 2_503_984, "output_shape": [None, 28, 28, 1]},
        "discriminator": {"trainable_params": 1_231_441, "output_shape": [None, 1]},
    }


@pytest.mark.parametrize("argv, message", [
    (["info", "nope"], "unknown family 'nope'; choose one of: gan, dcgan, cgan, wgan, wgan_gp, infogan"),
    (["info", "gan", "--preset", "gan_cifar"], "unknown preset 'gan_cifar' for gan; choose one of: gan_mnist"),
])
def test_bad_names_give_one_line_and_exit_2(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert err.strip() == f"kgan: error: {message}"


def test_console_script_is_installed():
    out = subprocess.run([sys.executable, "-m", "kgan.cli.main", "list", "--json"],
                         capture_output=True, text=True, check=True)
    assert "gan_mnist" in json.loads(out.stdout)["gan"]
