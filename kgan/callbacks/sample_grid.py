"""A PNG grid of samples per epoch, from one fixed latent batch."""
import os

import keras
import numpy as np

from kgan import sampling
from kgan.callbacks.global_step_callback import GlobalStepCallback
from kgan.images import make_grid, save_png, to_uint8


def grid_batch(model, per_row=8, seed=0):
    """`(images, rows)` for a model's sample grid, the same for the same weights and seed.

    Conditional models (CGAN) get one row per class; InfoGAN one row per value of
    its categorical code; the others `per_row` x `per_row` images.
    """
    parameters = sampling._sample_parameters(model)
    if sampling.is_conditional(model):
        rows = model.num_classes
        images, _ = sampling.sample_images(model, labels=np.repeat(np.arange(rows), per_row), seed=seed)
    elif "categorical" in parameters and getattr(model, "num_categories", None):
        rows = model.num_categories
        images = keras.ops.convert_to_numpy(model.sample(categorical=np.repeat(np.arange(rows), per_row), seed=seed))
    else:
        rows = per_row
        images, _ = sampling.sample_images(model, num_images=per_row * per_row, seed=seed)
    return images, rows


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
    """

    def __init__(self, directory, per_row=8, seed=0, writer=None, initial_step=None):
        super().__init__(initial_step)
        self.directory = os.fspath(directory)
        self.per_row = per_row
        self.seed = seed
        self.writer = writer
        self.last_path = None

    def on_epoch_end(self, epoch, logs=None):
        os.makedirs(self.directory, exist_ok=True)
        images, rows = grid_batch(self.model, self.per_row, self.seed)
        grid = make_grid(to_uint8(images), rows=rows)
        self.last_path = save_png(grid, os.path.join(self.directory, f"epoch_{epoch + 1:04d}.png"))
        if self.writer is not None:
            self.writer.image("samples", grid, self.step)
            self.writer.flush()
