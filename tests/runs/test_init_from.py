"""`init_from`: a run that starts from another run's generator weights."""
import json

import numpy as np
import pytest

from kgan.runs import RunError, train
from kgan.runs.init_from import initialize_from
from tests.cli.test_train import assert_one_line_error, run, tiny_train
from tests.runs.tiny_runs import quiet, tiny_config


@pytest.fixture(scope="module")
def source_run(tmp_path_factory):
    run_dir = tmp_path_factory.mktemp("source") / "run"
    result = train(tiny_config(steps=6), run_dir, verbose=0, log=quiet)
    return run_dir, result.model


def test_the_new_models_generators_start_from_the_source(source_run):
    run_dir, source = source_run
    model = tiny_config(seed=5).build_model()
    assert not np.allclose(model.generator.get_weights()[0], source.generator.get_weights()[0])
    initialize_from(model, run_dir)
    for a, b in zip(model.generator.get_weights(), source.generator.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
    # Only the generators: the discriminator keeps its own initial weights.
    assert not np.allclose(model.discriminator.get_weights()[0], source.discriminator.get_weights()[0])


def test_a_run_records_where_it_started(source_run, tmp_path, capsys):
    run_dir, _ = source_run
    code, out, err = run(capsys, *tiny_train("--data", "digits", "--out", tmp_path / "b", "--steps", 2,
                                             "--batch-size", 16, "--init-from", run_dir))
    assert code == 0, err
    assert json.loads((tmp_path / "b" / "config.json").read_text())["init_from"] == str(run_dir)


def test_a_source_that_does_not_fit_is_one_line(source_run, tmp_path, capsys):
    run_dir, _ = source_run
    code, _, err = run(capsys, *tiny_train("--data", "digits", "--out", tmp_path / "c", "--steps", 2,
                                           "--set", "latent_dim=6", "--init-from", run_dir))
    assert_one_line_error(code, err, "generator")
    assert not (tmp_path / "c").exists()
    code, _, err = run(capsys, *tiny_train("--data", "digits", "--out", tmp_path / "d", "--steps", 2,
                                           "--init-from", tmp_path / "nowhere"))
    assert_one_line_error(code, err, "nowhere")
    with pytest.raises(RunError, match="shapes"):
        initialize_from(tiny_config(family="cgan").build_model(), run_dir)
