import glob
import io

import numpy as np
from PIL import Image

from kgan.callbacks import SampleGrid, SummaryWriter, TensorBoardScalars
from kgan.callbacks.sample_grid import grid_batch
from kgan.models import CGAN
from tests.callbacks.tiny_model import images, tiny_dcgan


def tiny_cgan():
    model = CGAN(image_shape=(8, 8, 1), num_classes=3, latent_dim=4, generator_filters=4, discriminator_filters=4)
    model.compile()
    return model


def test_conditional_grid_has_one_row_per_class_and_a_fixed_latent_batch():
    model = tiny_cgan()
    first, rows = grid_batch(model, per_row=4, seed=5)
    again, _ = grid_batch(model, per_row=4, seed=5)
    other, _ = grid_batch(model, per_row=4, seed=6)
    assert rows == 3 and first.shape == (12, 8, 8, 1)
    np.testing.assert_array_equal(first, again)
    assert not np.array_equal(first, other)
    assert first.dtype == np.float32 and -1.0 <= first.min() and first.max() <= 1.0


def event_values(log_dir):
    import tensorflow as tf
    from tensorflow.core.util import event_pb2

    values = []
    for path in glob.glob(f"{log_dir}/events.out.tfevents.*"):
        for record in tf.data.TFRecordDataset(path):
            event = event_pb2.Event.FromString(record.numpy())
            values += [(event.step, value) for value in event.summary.value]
    return values


def test_writes_a_png_per_epoch_and_logs_it_with_the_losses(tmp_path):
    model = tiny_dcgan()
    writer = SummaryWriter(str(tmp_path / "logs"))
    grid = SampleGrid(tmp_path / "samples", per_row=3, seed=0, writer=writer, initial_step=100)
    scalars = TensorBoardScalars(writer, every_steps=2, initial_step=100)
    model.fit(images(32), batch_size=8, epochs=2, shuffle=False, verbose=0, callbacks=[grid, scalars])
    writer.close()
    assert sorted(p.name for p in (tmp_path / "samples").iterdir()) == ["epoch_0001.png", "epoch_0002.png"]
    png = Image.open(tmp_path / "samples" / "epoch_0002.png")
    assert (png.size, png.mode) == ((3 * 10 + 2, 3 * 10 + 2), "L")  # 3 x 3 images of 8 px, 2 px apart
    events = event_values(tmp_path / "logs")
    logged = {(step, value.tag, value.metadata.plugin_data.plugin_name) for step, value in events}
    assert {(104, "samples", "images"), (108, "samples", "images"), (104, "epoch_d_loss", "scalars"),
            (102, "g_loss", "scalars"), (108, "epoch_g_loss", "scalars")} <= logged
    image = next(v for s, v in events if v.tag == "samples" and s == 108)
    width, height, encoded = image.tensor.string_val
    assert (width, height) == (b"32", b"32")
    assert np.array_equal(np.asarray(Image.open(io.BytesIO(encoded))), np.asarray(png))


def test_an_image_conditioned_grid_comes_from_the_declaration_and_a_fixed_batch(tmp_path):
    from tests.tasks.translator import Translator

    model = Translator(image_size=8, channels=1, seed=0)
    model.compile()
    rng = np.random.default_rng(0)
    batch = {"source": rng.uniform(-1, 1, (5, 8, 8, 1)).astype("float32"),
             "target": rng.uniform(-1, 1, (5, 8, 8, 1)).astype("float32")}
    images, rows = grid_batch(model, per_row=4, seed=0, batch=batch)
    assert rows == 3 and images.shape == (12, 8, 8, 1)
    np.testing.assert_array_equal(images[:4], batch["source"][:4])
    np.testing.assert_allclose(images[4:8], np.asarray(model.generator(batch["source"][:4])), atol=1e-6)
    np.testing.assert_array_equal(images[8:], batch["target"][:4])
    grid = SampleGrid(tmp_path / "samples", per_row=4, batch=batch)
    model.fit(batch["source"], batch["target"], batch_size=5, epochs=1, verbose=0, callbacks=[grid])
    png = Image.open(grid.last_path)
    assert png.size == (4 * 10 + 2, 3 * 10 + 2)  # 4 per row, 3 rows
