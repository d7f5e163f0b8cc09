"""Deep convolutional GAN (Radford et al. 2016)."""
import keras

from kgan import model_arguments as rules
from kgan.engine import AdversarialModel
from kgan.models.dcgan.networks import build_discriminator, build_generator
from kgan.models.dcgan.presets import PRESETS
from kgan.models.standard_game import GENERATOR_LOSSES, StandardGame
from kgan.models.gaussian_latent import GaussianLatent


@keras.saving.register_keras_serializable(package="kgan")
class DCGAN(GaussianLatent, StandardGame, AdversarialModel):
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
    argument_checks = {"image_size": rules.power_of_two(minimum=8), "generator_loss": rules.choice(GENERATOR_LOSSES)}

    def __init__(self, image_size=64, channels=3, latent_dim=100, generator_filters=64,
                 discriminator_filters=64, generator_loss="non_saturating", learning_rate=2e-4,
                 beta_1=0.5, **kwargs):
        super().__init__(**kwargs)
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

