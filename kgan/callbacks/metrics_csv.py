"""The run's loss table, `metrics.csv`: a row at each epoch end and at the run's end, keyed by the global step."""
import csv
import io
import os

import numpy as np

from kgan import files
from kgan.callbacks.global_step_callback import GlobalStepCallback


def _encode(rows):
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    return text.getvalue()


class MetricsCSV(GlobalStepCallback):
    """Writes the header `step,epoch,<the model's log_names>` once, then one row at every epoch end.

    A `fit` call that stops inside an epoch (the run layer's last one, when the
    total ends mid-epoch) also ends with an epoch end, so the run's last step gets
    a row. A row holds the means `fit` logged since its epoch began, or since the
    run resumed inside it: a run stopped mid-epoch and resumed has two rows for
    that epoch, at different steps. When training begins at step S, rows after S
    (written by a run that went on past the checkpoint it resumes from) are
    dropped, and the file is rewritten atomically; a last row cut short by a kill
    is dropped too.

    Args:
        path: the CSV file, e.g. `RUN_DIR/metrics.csv`.
        initial_step: see `GlobalStepCallback`.

    Example:
    ```python
    model.fit(data, epochs=10, callbacks=[kgan.callbacks.MetricsCSV("run/metrics.csv")])
    ```
    """

    def __init__(self, path, initial_step=None):
        super().__init__(initial_step)
        self.path = os.fspath(path)
        self.columns = None

    def on_train_begin(self, logs=None):
        super().on_train_begin(logs)
        self.prepare(self.model, self.step)

    def prepare(self, model, step):
        """Writes the header if there is no file, else keeps the rows up to `step` (ValueError: other columns)."""
        names = getattr(model, "log_names", None)
        if names is None:
            raise ValueError(f"MetricsCSV needs a model with `log_names`; {type(model).__name__} has none.")
        self.columns = ["step", "epoch", *names]
        if not os.path.exists(self.path):
            files.write_bytes(_encode([self.columns]).encode(), self.path)
            return
        rows, torn = self._read()
        kept = [row for row in rows if int(row[0]) <= step]
        if torn or kept != rows:
            files.write_bytes(_encode([self.columns, *kept]).encode(), self.path)

    def _read(self):
        """The rows under the header, and whether a last line was cut short."""
        with open(self.path, newline="") as file:
            text = file.read()
        # Rows are appended whole with their newline; a last line without one was cut short by a kill.
        torn = bool(text) and not text.endswith("\n")
        lines = text.split("\n")[:-1]
        header, *rows = list(csv.reader(lines)) or [[]]
        if header != self.columns:
            raise ValueError(f"{self.path} has the columns {','.join(header)}, not {','.join(self.columns)}; "
                             "move it away to go on")
        for number, row in enumerate(rows, start=2):
            if len(row) != len(self.columns) or not row[0].isdigit():
                raise ValueError(f"{self.path} line {number} is not a row of {','.join(self.columns)}: "
                                 f"{','.join(row)!r}")
        return rows, torn

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        values = [float(np.asarray(logs[name])) if name in logs else "" for name in self.columns[2:]]
        with open(self.path, "a", newline="") as file:
            file.write(_encode([[self.step, epoch + 1, *values]]))
            file.flush()
            os.fsync(file.fileno())
