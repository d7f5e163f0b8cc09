"""Every preset of every family builds with the trainable parameter counts it declares, as README.md lists them."""
import os
import re

import keras
import pytest

from kgan.models import FAMILIES
from tests.helpers import trainable_params

pytestmark = pytest.mark.backend_independent  # runs once, in the TensorFlow pass

README = os.path.join(os.path.dirname(__file__), os.pardir, os.pardir, "README.md")
CASES = [(family, preset) for family, cls in FAMILIES.items() for preset in cls.presets]


def readme_counts():
    """`(family, preset)` -> {network: count} from the rows of README.md's table of presets."""
    with open(README, encoding="utf-8") as file:
        text = file.read()
    table = text[text.index("| family | class | preset |"):]
    table = table[: table.index("\n\n")]
    counts = {}
    for row in table.splitlines()[2:]:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        family, preset = cells[0].strip("`"), cells[2].strip("`")
        counts[family, preset] = {name: int(count.replace(",", ""))
                                  for name, count in re.findall(r"(\w+) ([\d,]+)", cells[-1])}
    return counts


def test_readme_lists_every_preset_once():
    assert sorted(readme_counts()) == sorted(CASES)


@pytest.mark.parametrize("family, preset", CASES)
def test_preset_builds_with_its_declared_counts(family, preset):
    cls = FAMILIES[family]
    declared = cls.presets[preset]["trainable_params"]
    model = cls.from_preset(preset)
    counted = {name: trainable_params(network) for name, network in model.networks().items()}
    del model
    keras.backend.clear_session()  # the reference-sized networks are the suite's largest
    assert counted == declared
    assert readme_counts()[family, preset] == declared
