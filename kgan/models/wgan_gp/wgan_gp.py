"""Wasserstein GAN with gradient penalty (Gulrajani et al. 2017)."""
import keras
from keras import ops

from kgan import losses
from kgan.checks import check_int, check_number
from kgan.engine import AdversarialModel, input_gradient
from kgan.models.gaussian_latent import GaussianLatent
from kgan.models.wasserstein_game import WassersteinGame
from kgan.models.wgan_gp.networks import build_networks
from kgan.models.wgan_gp.presets import PRESETS


@keras.saving.register_keras_serializable(package="kgan")
class WGANGP(GaussianLatent, WassersteinGame, AdversarialModel):
    """WGAN-GP: a Wasserstein critic kept 1-Lipschitz by a gradient penalty instead of clipping.

    The critic minimizes `mean(critic(fake)) - mean(critic(real)) + gp_weight * gp`,
    where `gp = mean((||grad_x critic(x_hat)||_2 - 1)^2)` at points
    `x_hat = real + alpha * (fake - real)` with `alpha ~ U(0, 1)` drawn per sample.
    It steps `critic_steps` times per generator step, each time on its own real
    batch and fresh noise, as in the reference (`shared_critic_batch=True`: all
    on one batch). The generator minimizes `-mean(critic(fake))`.

    Logs `d_loss` (the critic's whole loss), `g_loss`, `gp` and
    `wasserstein_distance` (`mean(critic(real)) - mean(critic(fake))`, the
    critic's estimate, whose decrease tracks sample quality).

    Args:
        architecture: `"dcgan"` (the WGAN reference's DCGAN pair: 4x4 kernels, no
            biases, BatchNorm in the generator; image_size a power of 2) or
            `"cifar"` (the WGAN-GP reference's `gan_cifar.py` pair: 5x5 kernels
            with biases, Dense stem and score; image_size a multiple of 8).
        image_size: side of the square images, in [-1, 1].
        channels: image channels.
        latent_dim: size of the Gaussian noise `z`.
        generator_filters: `ngf` (`"dcgan"`) or `DIM` (`"cifar"`) of the generator.
        critic_filters: `ndf` (`"dcgan"`) or `DIM` (`"cifar"`) of the critic.
        critic_normalization: `None` or `"layer"` (per-sample layer norm with
            per-channel affine parameters); never BatchNorm, which would make
            the per-sample penalty depend on the rest of the batch.
        gp_weight: the penalty weight `lambda`.
        critic_steps: critic steps per generator step.
        learning_rate, beta_1, beta_2: Adam settings of `compile()`'s defaults.
        shared_critic_batch: all critic steps of a generator iteration score one
            real batch instead of one batch each.

    Example:
    ```python
    wgan = kgan.models.WGANGP.from_preset("wgan_gp_32")
    wgan.compile()
    wgan.fit(cifar_images, batch_size=64, epochs=100)
    samples = wgan.sample(16)  # [16, 32, 32, 3]
    ```

    Reference: Gulrajani et al., "Improved Training of Wasserstein GANs",
    NeurIPS 2017 (Algorithm 1); igul222/improved_wgan_training.
    """

    log_names = ("d_loss", "g_loss", "gp", "wasserstein_distance")
    network_names = ("generator", "critic")
    presets = PRESETS

    def __init__(self, architecture="dcgan", image_size=64, channels=3, latent_dim=100, generator_filters=64,
                 critic_filters=64, critic_normalization="layer", gp_weight=10.0, critic_steps=5,
                 learning_rate=1e-4, beta_1=0.0, beta_2=0.9, shared_critic_batch=False, **kwargs):
        super().__init__(**kwargs)
        for name, value in (("channels", channels), ("latent_dim", latent_dim),
                            ("generator_filters", generator_filters), ("critic_filters", critic_filters),
                            ("critic_steps", critic_steps)):
            check_int(name, value)
        check_number("gp_weight", gp_weight, minimum=0)
        self.architecture = architecture
        self.image_size = image_size
        self.channels = channels
        self.latent_dim = latent_dim
        self.generator_filters = generator_filters
        self.critic_filters = critic_filters
        self.critic_normalization = critic_normalization
        self.gp_weight = gp_weight
        self.critic_steps = critic_steps
        self.learning_rate = learning_rate
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.shared_critic_batch = shared_critic_batch
        self.generator, self.critic = build_networks(
            architecture, image_size, channels, latent_dim, generator_filters, critic_filters, critic_normalization)
        self.finish_networks()

    def critic_repeat(self):
        return self.critic_steps

    def default_optimizers(self):
        # epsilon 1e-8 as TensorFlow 1's Adam in the reference (same update formula as Keras's).
        return {name: keras.optimizers.Adam(self.learning_rate, beta_1=self.beta_1, beta_2=self.beta_2,
                                            epsilon=1e-8)
                for name in ("critic", "generator")}

    def gradient_penalty(self, real_images, fake_images):
        """`mean((||grad critic(x_hat)|| - 1)^2)` at random points between real and fake images."""
        shape = (ops.shape(real_images)[0],) + (1,) * (len(real_images.shape) - 1)
        alpha = keras.random.uniform(shape, seed=self.seed_generator)  # [N, 1, 1, 1]
        interpolates = losses.interpolate(real_images, fake_images, alpha)  # [N, S, S, C]
        _, gradients = input_gradient(lambda x: self.critic(x, training=True), interpolates)
        return losses.gradient_penalty(gradients)

    def critic_loss(self, batch, fake_images):
        real_images = batch["images"]
        real_logits = self.critic(real_images, training=True)  # [N, 1]
        fake_logits = self.critic(fake_images, training=True)  # [N, 1]
        wasserstein = losses.wasserstein_discriminator_loss(real_logits, fake_logits)
        gp = self.gradient_penalty(real_images, fake_images)
        d_loss = wasserstein + self.gp_weight * gp
        return d_loss, {"d_loss": d_loss, "gp": gp, "wasserstein_distance": -wasserstein}

