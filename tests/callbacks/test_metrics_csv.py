"""`MetricsCSV`: one header, a row per epoch end and run end keyed by global step, and resumes that drop the future."""
import csv
import os

import keras
import pytest

from kgan.callbacks import MetricsCSV
from tests.callbacks.tiny_model import images, tiny_dcgan


def read(path):
    with open(path, newline="") as file:
        return list(csv.reader(file))


def fit(model, callback, initial_epoch=0, epochs=1, steps_per_epoch=None):
    history = keras.callbacks.History()
    model.fit(images(40), batch_size=8, initial_epoch=initial_epoch, epochs=epochs, steps_per_epoch=steps_per_epoch,
              shuffle=False, verbose=0, callbacks=[callback, history])
    return history.history


def test_one_header_then_a_row_per_epoch_with_the_global_step(tmp_path):
    path = tmp_path / "metrics.csv"
    logged = fit(tiny_dcgan(), MetricsCSV(path, initial_step=0), epochs=2)  # 5 steps per epoch
    header, *rows = read(path)
    assert header == ["step", "epoch", "d_loss", "g_loss"]
    assert [row[:2] for row in rows] == [["5", "1"], ["10", "2"]]
    assert [float(row[2]) for row in rows] == logged["d_loss"]
    assert [float(row[3]) for row in rows] == logged["g_loss"]


def test_a_run_that_ends_mid_epoch_and_goes_on_appends_under_the_same_header(tmp_path):
    # The run layer's fit calls for steps 0 -> 3 -> 5 with 5 steps per epoch: one callback, two fits.
    path, model = tmp_path / "metrics.csv", tiny_dcgan()
    callback = MetricsCSV(path, initial_step=0)
    first = fit(model, callback, steps_per_epoch=3)
    second = fit(model, callback, steps_per_epoch=2)
    header, *rows = read(path)
    assert header == ["step", "epoch", "d_loss", "g_loss"]
    assert [row[:2] for row in rows] == [["3", "1"], ["5", "1"]]
    assert [float(row[2]) for row in rows] == first["d_loss"] + second["d_loss"]


@pytest.fixture
def metrics_with_a_future(tmp_path):
    """A run's metrics whose last rows came after the checkpoint it resumes from (step 10), the last one torn."""
    path = tmp_path / "metrics.csv"
    path.write_text("step,epoch,d_loss,g_loss\n5,1,1.25,0.75\n10,2,1.5,0.5\n13,3,9.0,9.0\n15,3,9.")
    return path


def test_a_resume_drops_the_rows_after_its_step_and_rewrites_atomically(metrics_with_a_future):
    path = metrics_with_a_future
    logged = fit(tiny_dcgan(), MetricsCSV(path, initial_step=10), initial_epoch=2, epochs=3)
    assert read(path) == [["step", "epoch", "d_loss", "g_loss"], ["5", "1", "1.25", "0.75"],
                          ["10", "2", "1.5", "0.5"], ["15", "3", repr(logged["d_loss"][0]), repr(logged["g_loss"][0])]]
    assert os.listdir(path.parent) == ["metrics.csv"]  # no temporary file left


def test_a_resume_from_step_0_keeps_the_header_only(metrics_with_a_future):
    callback = MetricsCSV(metrics_with_a_future, initial_step=0)
    callback.set_model(tiny_dcgan())
    callback.on_train_begin()
    assert read(metrics_with_a_future) == [["step", "epoch", "d_loss", "g_loss"]]


def test_a_file_with_other_columns_is_an_error_and_is_kept(tmp_path):
    path = tmp_path / "metrics.csv"
    path.write_text("epoch,d_loss,g_loss,val_d_loss,val_g_loss\n0,1.3,0.7,NA,NA\n")
    callback = MetricsCSV(path, initial_step=5)
    callback.set_model(tiny_dcgan())
    with pytest.raises(ValueError, match=f"^{path} has the columns epoch,d_loss,g_loss,val_d_loss,val_g_loss, "
                                         "not step,epoch,d_loss,g_loss; move it away to go on"):
        callback.on_train_begin()
    assert path.read_text() == "epoch,d_loss,g_loss,val_d_loss,val_g_loss\n0,1.3,0.7,NA,NA\n"
