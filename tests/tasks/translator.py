"""A toy image-to-image family declared as `source` -> `target`, which no kgan code outside it names.

Its generator is a 1x1 convolution of the source, its discriminator scores target
images; the losses are the standard game plus L1, as pix2pix's. The tests use it to
show that sampling, `SampleGrid`, `unpack`, the runs' data checks and `kgan generate`
work from the declaration alone.
"""
import keras
import numpy as np
from keras import ops

from kgan import losses
from kgan.engine import AdversarialModel, Player, Step
from kgan.tasks import Task, TensorSpec


@keras.saving.register_keras_serializable(package="kgan_tests")
class Translator(AdversarialModel):
    """Translates `[N, S, S, C]` source images to target images.

    Args:
        image_size: side S of the square images.
        channels: C, of the source and of the target.

    Example:
    ```python
    model = Translator(image_size=8)
    model.compile()
    model.fit(sources, targets, batch_size=4)  # or a dict dataset of "source" and "target"
    ```
    """

    def __init__(self, image_size=8, channels=3, **kwargs):
        super().__init__(**kwargs)
        self.image_size = image_size
        self.channels = channels
        shape = (image_size, image_size, channels)
        self.generator = keras.Sequential([keras.Input(shape), keras.layers.Conv2D(channels, 1, activation="tanh")])
        self.discriminator = keras.Sequential([keras.Input(shape), keras.layers.Flatten(), keras.layers.Dense(1)])
        self.finish_networks()

    @property
    def task(self):
        shape = (self.image_size, self.image_size, self.channels)
        return Task({"source": TensorSpec(shape), "target": TensorSpec(shape)}, conditioning=("source",),
                    output="target")

    def training_schedule(self):
        return [Step(Player("discriminator", [self.discriminator]), self.discriminator_loss),
                Step(Player("generator", [self.generator]), self.generator_loss, through_fake=True)]

    def default_optimizers(self):
        return {name: keras.optimizers.Adam(1e-3) for name in ("discriminator", "generator")}

    def generator_forward(self, batch):
        return self.generator(batch["source"], training=True)  # [N, S, S, C]

    def discriminator_loss(self, batch, fake):
        d_loss = losses.minimax_discriminator_loss(self.discriminator(batch["target"]), self.discriminator(fake))
        return d_loss, {"d_loss": d_loss}

    def generator_loss(self, batch, fake):
        g_loss = losses.non_saturating_generator_loss(self.discriminator(fake))
        return g_loss + ops.mean(ops.abs(fake - batch["target"])), {"g_loss": g_loss}

    def sample(self, num_images=None, source=None, seed=None):
        """The translations of `source` (`num_images` must match it when given)."""
        return self.sampling_generator(ops.convert_to_tensor(source, "float32"), training=False)

    def preview_grid(self, seed=0, per_row=8, batch=None):
        """Three rows: `per_row` sources of `batch`, their translations, and their targets."""
        source = np.asarray(ops.convert_to_numpy(batch["source"]))[:per_row]
        target = np.asarray(ops.convert_to_numpy(batch["target"]))[:per_row]
        fake = np.asarray(ops.convert_to_numpy(self.sample(source=source, seed=seed)))
        return np.concatenate([source, fake, target]).astype("float32"), 3
