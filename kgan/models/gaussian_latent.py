"""Noise in, images out: the generator forward pass and sampling of the unconditional families."""
import keras
import numpy as np
from keras import ops

from kgan.tasks import Task, TensorSpec


class GaussianLatent:
    """`generator_forward` and `sample` for an `AdversarialModel` whose `generator` maps `z ~ N(0, I)` to images.

    The host class sets `latent_dim` and `generator` and declares its `task`; list this mixin before
    `AdversarialModel` among the bases so that its `generator_forward` is the one used.

    Example:
    ```python
    class MyGAN(GaussianLatent, AdversarialModel):
        ...
    ```
    """

    @property
    def task(self):
        """Unconditional: batches of real images shaped as the generator's output, sampled from noise."""
        return Task({"images": TensorSpec(tuple(self.generator.output_shape[1:]))})

    def generator_forward(self, batch):
        """The training forward pass: one fake image per real image of `batch`."""
        z = keras.random.normal((ops.shape(batch["images"])[0], self.latent_dim),
                                seed=self.seed_generator)  # [N, latent_dim]
        return self.generator(z, training=True)  # [N, H, W, C]

    def sample(self, num_images, seed=None):
        """`num_images` images in [-1, 1], `[num_images, H, W, C]`, from the sampling generator."""
        z = keras.random.normal((num_images, self.latent_dim), seed=seed)  # [num_images, latent_dim]
        return self.sampling_generator(z, training=False)

    def preview_grid(self, seed=0, per_row=8, batch=None):
        """`(images, rows)`: `per_row` x `per_row` samples of one fixed latent batch."""
        images = self.sample(per_row * per_row, seed=seed)  # [per_row ** 2, H, W, C]
        return np.asarray(ops.convert_to_numpy(images), "float32"), per_row
