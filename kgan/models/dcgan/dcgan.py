"""Deep convolutional GAN (Radford et al. 2016)."""
import keras
from keras import ops

from kgan import losses
from kgan.engine import AdversarialModel, Player
from kgan.models.dcgan.networks import build_discriminator, build_generator
from kgan.models.dcgan.presets import PRESETS

GENERATOR_LOSSES = {
    "minimax": losses.minimax_generator_loss,
    "non_saturating": losses.non_saturating_generator_loss,
}


def _check_positive_int(name, value):
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name} must be a positive integer, got {value!r}.")


@keras.saving.register_keras_serializable(package="kgan")
class DCGAN(AdversarialModel):
    """Unconditional DCGAN: transposed-conv generator, strided-conv discriminator.

    Both networks have BatchNorm, no conv biases, and weights drawn from
    N(0, 0.02) (BatchNorm gammas from N(1, 0.02)). The discriminator ends in a
    logit; the game is the standard binary cross-entropy one.

    Args:
        image_size: side of the square images, a power of two >= 8.
        channels: image channels (3 for RGB, 1 for grayscale); images in [-1, 1].
        latent_dim: size of the Gaussian noise `z`.
        generator_filters: maps of the generator's last hidden layer (`ngf`);
            each earlier stage has twice as many.
        discriminator_filters: maps of the discriminator's first layer (`ndf`);
            each later stage has twice as many.
        generator_loss: `"non_saturating"` (the usual choice) or `"minimax"`.
        learning_rate, beta_1: Adam settings of `compile()`'s defaults.

    Example:
    ```python
    dcgan = kgan.models.DCGAN.from_preset("dcgan_64")
    dcgan.compile()
    dcgan.fit(images, batch_size=128, epochs=5)
    samples = dcgan.sample(16)  # [16, 64, 64, 3]
    ```

    Reference: Radford et al., "Unsupervised Representation Learning with Deep
    Convolutional Generative Adversarial Networks", ICLR 2016; pytorch/examples `dcgan`.
    """

    presets = PRESETS

    def __init__(self, image_size=64, channels=3, latent_dim=100, generator_filters=64,
                 discriminator_filters=64, generator_loss="non_saturating", learning_rate=2e-4,
                 beta_1=0.5, **kwargs):
        super().__init__(**kwargs)
        if isinstance(image_size, bool) or not isinstance(image_size, int) or image_size < 8 \
                or image_size & (image_size - 1):
            raise ValueError(f"image_size must be a power of two >= 8, got {image_size!r}.")
        for name, value in (("channels", channels), ("latent_dim", latent_dim),
                            ("generator_filters", generator_filters),
                            ("discriminator_filters", discriminator_filters)):
            _check_positive_int(name, value)
        if generator_loss not in GENERATOR_LOSSES:
            raise ValueError(f"Unknown generator_loss {generator_loss!r}; choose one of {sorted(GENERATOR_LOSSES)}.")
        self.image_size = image_size
        self.channels = channels
        self.latent_dim = latent_dim
        self.generator_filters = generator_filters
        self.discriminator_filters = discriminator_filters
        self.generator_loss_name = generator_loss
        self.learning_rate = learning_rate
        self.beta_1 = beta_1
        self.generator = build_generator(image_size, channels, latent_dim, generator_filters)
        self.discriminator = build_discriminator(image_size, channels, discriminator_filters)
        self.finish_networks()

    def players(self):
        return [Player("discriminator", [self.discriminator], self.discriminator_loss),
                Player("generator", [self.generator], self.generator_loss, through_fake=True)]

    def default_optimizers(self):
        return {name: keras.optimizers.Adam(self.learning_rate, beta_1=self.beta_1)
                for name in ("discriminator", "generator")}

    def generate(self, batch):
        z = keras.random.normal((ops.shape(batch["images"])[0], self.latent_dim), seed=self.seed_generator)
        return self.generator(z, training=True)  # [N, S, S, C]

    def discriminator_loss(self, batch, fake_images):
        # Real and fake go through D as separate batches, so each gets its own BatchNorm statistics.
        real_logits = self.discriminator(batch["images"], training=True)
        fake_logits = self.discriminator(fake_images, training=True)
        d_loss = losses.minimax_discriminator_loss(real_logits, fake_logits)
        return d_loss, {"d_loss": d_loss}

    def generator_loss(self, batch, fake_images):
        fake_logits = self.discriminator(fake_images, training=True)
        g_loss = GENERATOR_LOSSES[self.generator_loss_name](fake_logits)
        return g_loss, {"g_loss": g_loss}

    def sample(self, num_images, seed=None):
        """`num_images` images in [-1, 1], `[num_images, S, S, C]`, from the sampling generator."""
        z = keras.random.normal((num_images, self.latent_dim), seed=seed)
        return self.sampling_generator(z, training=False)

    def get_config(self):
        config = super().get_config()
        config.update(
            image_size=self.image_size, channels=self.channels, latent_dim=self.latent_dim,
            generator_filters=self.generator_filters, discriminator_filters=self.discriminator_filters,
            generator_loss=self.generator_loss_name, learning_rate=self.learning_rate, beta_1=self.beta_1)
        return config
