"""A PNG grid of samples per epoch, from one fixed latent batch."""
import os

import keras
import numpy as np

from kgan.callbacks.global_step_callback import GlobalStepCallback
from kgan.images import make_grid, save_png, to_uint8


def grid_batch(model, per_row=8, seed=0, batch=None):
    """`(images, rows)` for a model's sample grid, the same for the same weights and seed.

    The family's `preview_grid` says what its grid shows: one row per class or per
    code value, `per_row` x `per_row` samples of noise, or rows of the inputs in
    `batch` and the outputs made from them.
    """
    images, rows = model.preview_grid(seed=seed, per_row=per_row, batch=batch)
    return np.asarray(keras.ops.convert_to_numpy(images), dtype="float32"), int(rows)


class SampleGrid(GlobalStepCallback):
    """Writes `directory/epoch_0001.png`, ... at each epoch end, and logs the grid to TensorBoard.

    Every grid samples the same latent batch (`seed`), so the grids of a run show
    how the generator changes. Sampling reads the sampling generator (the EMA copy
    when there is one) in inference mode and changes no model state.

    Args:
        directory: where the PNGs go.
        per_row: images per row (conditional models: per class).
        seed: the seed of the fixed latent batch.
        writer: an optional `SummaryWriter` for the TensorBoard image.
        initial_step: see `GlobalStepCallback`.
        batch: a fixed dict batch whose conditioning inputs (source images, ...) the grid
            is drawn from, for families that sample from inputs; None for the others.
    """

    def __init__(self, directory, per_row=8, seed=0, writer=None, initial_step=None, batch=None):
        super().__init__(initial_step)
        self.batch = batch
        self.directory = os.fspath(directory)
        self.per_row = per_row
        self.seed = seed
        self.writer = writer
        self.last_path = None

    def on_epoch_end(self, epoch, logs=None):
        os.makedirs(self.directory, exist_ok=True)
        images, rows = grid_batch(self.model, self.per_row, self.seed, self.batch)
        grid = make_grid(to_uint8(images), rows=rows)
        self.last_path = save_png(grid, os.path.join(self.directory, f"epoch_{epoch + 1:04d}.png"))
        if self.writer is not None:
            self.writer.image("samples", grid, self.step)
            self.writer.flush()
