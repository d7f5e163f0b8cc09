"""A tiny DCGAN fitted on random 8x8 images, for the callback tests."""
import numpy as np
from keras import ops

from kgan.models import DCGAN
from tests.helpers import random_images


def tiny_dcgan(seed=1):
    model = DCGAN(image_size=8, channels=1, latent_dim=4, generator_filters=4, discriminator_filters=4, seed=seed)
    model.compile()
    return model


def images(count=32):
    return random_images((8, 8, 1), count=count)


def poison_discriminator_loss(monkeypatch, from_step):
    """From the step whose discriminator optimizer has made `from_step` updates, d_loss is NaN."""
    original = DCGAN.discriminator_loss

    def poisoned(self, batch, fake):
        loss, logs = original(self, batch, fake)
        done = self.player_optimizer("discriminator").iterations
        poison = ops.where(done >= from_step, np.float32("nan"), np.float32(0.0))
        return loss + poison, {**logs, "d_loss": logs["d_loss"] + poison}

    monkeypatch.setattr(DCGAN, "discriminator_loss", poisoned)
