"""The README says what the code does: synopses, exit codes, tables, install extras, the Python snippet."""
import configparser
import os
import re
import subprocess
import sys

import pytest

from kgan import exit_codes
from kgan.cli.main import build_parser

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
README = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()


# The synopses: inline code spans that start with the command and its first operand.
SYNOPSES = {"train": [r"`kgan train FAMILY \[[^`]*`", r"`kgan train --resume RUN_DIR \[[^`]*`"],
            "generate": [r"`kgan generate RUN_DIR\|MODEL.keras [^`]*`"],
            "inpaint": [r"`kgan inpaint RUN_DIR\|MODEL.keras IMAGE [^`]*`"],
            "translate": [r"`kgan translate RUN_DIR\|MODEL.keras INPUT [^`]*`",
                          r"`kgan translate --model NAME INPUT [^`]*`"]}


def synopsis(command):
    """The options that the README's synopses of `kgan COMMAND` name."""
    options = set()
    for pattern in SYNOPSES[command]:
        match = re.search(pattern, README)
        assert match, f"the README has no synopsis matching {pattern}"
        options.update(re.findall(r"--[a-z][a-z-]*", match.group(0)))
    return options


def parser_options(command):
    parser = build_parser()
    sub = next(action for action in parser._subparsers._group_actions)._name_parser_map[command]
    shown = set()
    for action in sub._actions:
        if action.help != "==SUPPRESS==":
            shown.update(option for option in action.option_strings if option.startswith("--"))
    return shown - {"--help"}


@pytest.mark.parametrize("command", ["train", "generate", "inpaint", "translate"])
def test_each_synopsis_names_every_option_of_its_command(command):
    options = parser_options(command)
    assert synopsis(command) == options


def test_the_exit_code_table_is_the_codes_the_command_uses():
    section = README[README.index("| code | meaning |"):]
    rows = re.findall(r"^\| (\d+) \|", section.split("\n\n")[0], flags=re.M)
    codes = {value for name, value in vars(exit_codes).items() if name.isupper()}
    assert sorted(map(int, rows)) == sorted(codes)


def test_every_table_ends_before_the_next_paragraph():
    lines = README.split("\n")
    for number, (line, after) in enumerate(zip(lines, lines[1:]), start=1):
        if line.startswith("|"):
            assert after.startswith("|") or after == "", f"README line {number + 1} runs on from a table: {after!r}"


def test_the_default_install_has_what_the_embedded_data_imports():
    """`pip install -e ".[cpu]"` (or `.[gpu]`) runs the README's `--data digits` and `--data photos`."""
    config = configparser.ConfigParser()
    config.read(os.path.join(ROOT, "setup.cfg"))
    extras = config["options.extras_require"]
    for extra in ("cpu", "gpu"):
        names = {re.split(r"[<>=\[ ]", line.strip())[0] for line in extras[extra].strip().splitlines()}
        assert {"scikit-learn", "scikit-image"} <= names, extra
    assert '. .venv/bin/activate' in README  # how to use the environment `make install` made


@pytest.mark.tensorflow_only
def test_the_python_snippet_runs_without_a_warning(tmp_path):
    snippet = re.search(r"```python\n(.*?)```", README, flags=re.S).group(1)
    assert "epochs=100" in snippet
    script = tmp_path / "snippet.py"
    script.write_text(snippet.replace("epochs=100", "epochs=1"))
    env = {**os.environ, "KERAS_BACKEND": "tensorflow", "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONPATH": ROOT}
    done = subprocess.run([sys.executable, "-W", "error::UserWarning", str(script)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert (tmp_path / "digits.png").exists() and (tmp_path / "cgan.keras").exists()
