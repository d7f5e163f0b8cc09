"""The original GAN (Goodfellow et al. 2014)."""
import keras
from keras import ops

from kgan import losses
from kgan.engine import AdversarialModel, Player
from kgan.models.gan.networks import build_discriminator, build_generator
from kgan.models.gan.presets import PRESETS

GENERATOR_LOSSES = {
    "minimax": losses.minimax_generator_loss,
    "non_saturating": losses.non_saturating_generator_loss,
}


@keras.saving.register_keras_serializable(package="kgan")
class GAN(AdversarialModel):
    """Unconditional MLP GAN.

    Args:
        image_shape: `(H, W, C)` of the images, in [-1, 1].
        latent_dim: size of the Gaussian noise `z`.
        generator_units: widths of the generator's hidden ReLU layers.
        discriminator_units: widths of the discriminator's maxout layers.
        maxout_pieces: linear pieces per maxout unit.
        dropout: dropout rate before each discriminator layer.
        generator_loss: `"non_saturating"` (the paper's practical choice) or
            `"minimax"` (the game as written, which saturates early).
        learning_rate, beta_1: Adam settings of `compile()`'s defaults.

    Example:
    ```python
    gan = kgan.models.GAN.from_preset("gan_mnist")
    gan.compile()
    gan.fit(images, batch_size=64, epochs=10)
    ```

    Reference: Goodfellow et al., "Generative Adversarial Nets", NeurIPS 2014.
    """

    presets = PRESETS

    def __init__(self, image_shape=(28, 28, 1), latent_dim=100, generator_units=(1200, 1200),
                 discriminator_units=(240, 240), maxout_pieces=5, dropout=0.5,
                 generator_loss="non_saturating", learning_rate=2e-4, beta_1=0.5, **kwargs):
        super().__init__(**kwargs)
        if generator_loss not in GENERATOR_LOSSES:
            raise ValueError(f"Unknown generator_loss {generator_loss!r}; choose one of {sorted(GENERATOR_LOSSES)}.")
        self.image_shape = tuple(image_shape)
        self.latent_dim = latent_dim
        self.generator_units = tuple(generator_units)
        self.discriminator_units = tuple(discriminator_units)
        self.maxout_pieces = maxout_pieces
        self.dropout = dropout
        self.generator_loss_name = generator_loss
        self.learning_rate = learning_rate
        self.beta_1 = beta_1
        self.generator = build_generator(self.image_shape, latent_dim, self.generator_units)
        self.discriminator = build_discriminator(self.image_shape, self.discriminator_units, maxout_pieces, dropout)
        self.finish_networks()

    def players(self):
        return [Player("discriminator", [self.discriminator], self.discriminator_loss),
                Player("generator", [self.generator], self.generator_loss, through_fake=True)]

    def default_optimizers(self):
        return {name: keras.optimizers.Adam(self.learning_rate, beta_1=self.beta_1)
                for name in ("discriminator", "generator")}

    def generate(self, batch):
        z = keras.random.normal((ops.shape(batch["images"])[0], self.latent_dim), seed=self.seed_generator)
        return self.generator(z, training=True)

    def discriminator_loss(self, batch, fake_images):
        real_logits = self.discriminator(batch["images"], training=True)
        fake_logits = self.discriminator(fake_images, training=True)
        d_loss = losses.minimax_discriminator_loss(real_logits, fake_logits)
        return d_loss, {"d_loss": d_loss}

    def generator_loss(self, batch, fake_images):
        fake_logits = self.discriminator(fake_images, training=True)
        g_loss = GENERATOR_LOSSES[self.generator_loss_name](fake_logits)
        return g_loss, {"g_loss": g_loss}

    def sample(self, num_images, seed=None):
        """`num_images` images in [-1, 1] from the sampling generator."""
        z = keras.random.normal((num_images, self.latent_dim), seed=seed)
        return self.sampling_generator(z, training=False)

    def get_config(self):
        config = super().get_config()
        config.update(
            image_shape=self.image_shape, latent_dim=self.latent_dim,
            generator_units=self.generator_units, discriminator_units=self.discriminator_units,
            maxout_pieces=self.maxout_pieces, dropout=self.dropout,
            generator_loss=self.generator_loss_name, learning_rate=self.learning_rate, beta_1=self.beta_1)
        return config
