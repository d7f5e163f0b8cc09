"""The original GAN (Goodfellow et al. 2014)."""
import keras

from kgan import model_arguments as rules
from kgan.engine import AdversarialModel
from kgan.models.gan.networks import build_discriminator, build_generator
from kgan.models.gan.presets import PRESETS
from kgan.models.gaussian_latent import GaussianLatent
from kgan.models.standard_game import GENERATOR_LOSSES, StandardGame


@keras.saving.register_keras_serializable(package="kgan")
class GAN(GaussianLatent, StandardGame, AdversarialModel):
    """Unconditional MLP GAN.

    The discriminator minimizes the binary cross-entropy of its logits; the
    generator minimizes `generator_loss` (the game of `StandardGame`).

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
    argument_checks = {"generator_units": rules.counts(), "discriminator_units": rules.counts(),
                       "maxout_pieces": rules.count(), "generator_loss": rules.choice(GENERATOR_LOSSES)}

    def __init__(self, image_shape=(28, 28, 1), latent_dim=100, generator_units=(1200, 1200),
                 discriminator_units=(240, 240), maxout_pieces=5, dropout=0.5,
                 generator_loss="non_saturating", learning_rate=2e-4, beta_1=0.5, **kwargs):
        super().__init__(**kwargs)
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

