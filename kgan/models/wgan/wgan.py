"""Wasserstein GAN with weight clipping (Arjovsky et al. 2017)."""
import keras
from keras import ops

from kgan import losses
from kgan.checks import check_int, check_number, check_power_of_two
from kgan.engine import AdversarialModel
from kgan.models.gaussian_latent import GaussianLatent
from kgan.models.wasserstein_game import WassersteinGame
from kgan.models.wgan.networks import build_critic, build_generator
from kgan.models.wgan.presets import PRESETS


@keras.saving.register_keras_serializable(package="kgan")
class WGAN(GaussianLatent, WassersteinGame, AdversarialModel):
    """WGAN: a critic without sigmoid estimates the Wasserstein-1 distance; its weights are clipped.

    The critic maximizes `mean(critic(real)) - mean(critic(fake))` (so `d_loss`
    is minus the distance estimate) and the generator maximizes
    `mean(critic(fake))`. After every critic optimizer step, each critic weight
    (BatchNorm scales and offsets included) is clipped to
    `[-clip_value, clip_value]`, which keeps the critic K-Lipschitz; the critic
    also starts inside that box, as the reference clamps before its first update.

    The critic steps `critic_steps` times per generator step, but
    `warmup_critic_steps` times for the first `warmup_generator_steps` generator
    steps and on every `long_critic_every`-th one (counted from 0), so that it
    stays near its optimum. Each critic step takes its own real batch, as in
    the reference (so a generator iteration consumes 5 or 100 batches);
    `shared_critic_batch=True` scores one batch in all of them instead.

    Args:
        image_size: side of the square images, a power of 2 >= 8; images in [-1, 1].
        channels: image channels.
        latent_dim: size of the Gaussian noise `z`.
        generator_filters: maps of the generator's last hidden stage (`ngf`).
        critic_filters: maps of the critic's first stage (`ndf`).
        clip_value: the clipping bound `c`.
        critic_steps: critic steps per generator step in the regular regime.
        warmup_critic_steps: critic steps per generator step in the long regime.
        warmup_generator_steps: generator steps run in the long regime at the start.
        long_critic_every: every this many generator steps, one runs in the long
            regime; 0 turns this off.
        learning_rate: RMSprop learning rate of `compile()`'s defaults.
        shared_critic_batch: all critic steps of a generator iteration score one
            real batch (each with fresh noise) instead of one batch each.

    Example:
    ```python
    wgan = kgan.models.WGAN.from_preset("wgan_64")
    wgan.compile()  # RMSprop(5e-5) for the critic and the generator
    wgan.fit(images, batch_size=64, epochs=25)
    samples = wgan.sample(16)  # [16, 64, 64, 3]
    ```

    Reference: Arjovsky, Chintala and Bottou, "Wasserstein Generative Adversarial
    Networks", ICML 2017; martinarjovsky/WassersteinGAN.
    """

    network_names = ("generator", "critic")
    presets = PRESETS

    def __init__(self, image_size=64, channels=3, latent_dim=100, generator_filters=64, critic_filters=64,
                 clip_value=0.01, critic_steps=5, warmup_critic_steps=100, warmup_generator_steps=25,
                 long_critic_every=500, learning_rate=5e-5, shared_critic_batch=False, **kwargs):
        super().__init__(**kwargs)
        check_power_of_two("image_size", image_size, minimum=8)
        for name, value, minimum in (("channels", channels, 1), ("latent_dim", latent_dim, 1),
                                     ("generator_filters", generator_filters, 1),
                                     ("critic_filters", critic_filters, 1), ("critic_steps", critic_steps, 1),
                                     ("warmup_critic_steps", warmup_critic_steps, 1),
                                     ("warmup_generator_steps", warmup_generator_steps, 0),
                                     ("long_critic_every", long_critic_every, 0)):
            check_int(name, value, minimum)
        check_number("clip_value", clip_value, minimum=0, exclusive=True)
        self.image_size = image_size
        self.channels = channels
        self.latent_dim = latent_dim
        self.generator_filters = generator_filters
        self.critic_filters = critic_filters
        self.clip_value = clip_value
        self.critic_steps = critic_steps
        self.warmup_critic_steps = warmup_critic_steps
        self.warmup_generator_steps = warmup_generator_steps
        self.long_critic_every = long_critic_every
        self.learning_rate = learning_rate
        self.shared_critic_batch = shared_critic_batch
        self.generator = build_generator(image_size, channels, latent_dim, generator_filters)
        self.critic = build_critic(image_size, channels, critic_filters, normalization="batch")
        # Keras optimizers apply a variable's constraint after each of their steps, on both
        # backends and inside the engine's loop of repeated critic steps.
        for variable in self.critic.trainable_variables:
            variable.constraint = self.clip_weight
            variable.assign(self.clip_weight(variable))
        self.finish_networks()

    def clip_weight(self, weight):
        """The clipping applied to every critic weight."""
        return ops.clip(weight, -self.clip_value, self.clip_value)

    def scheduled_critic_steps(self):
        """Critic steps before the coming generator step, an int32 tensor."""
        done = ops.convert_to_tensor(self.schedule_state.cycle)  # generator iterations so far
        long_regime = ops.less(done, self.warmup_generator_steps)
        if self.long_critic_every:
            long_regime = ops.logical_or(long_regime, ops.equal(ops.mod(done, self.long_critic_every), 0))
        return ops.cast(ops.where(long_regime, self.warmup_critic_steps, self.critic_steps), "int32")

    def critic_repeat(self):
        return lambda model: model.scheduled_critic_steps()

    def default_optimizers(self):
        # PyTorch's RMSprop (the reference) uses alpha 0.99 and adds eps 1e-8 outside the
        # square root; Keras adds epsilon inside it, hence its square.
        return {name: keras.optimizers.RMSprop(self.learning_rate, rho=0.99, epsilon=1e-16)
                for name in ("critic", "generator")}

    def critic_loss(self, batch, fake_images):
        # Real and fake go through the critic as separate batches, as in the reference.
        real_logits = self.critic(batch["images"], training=True)  # [N, 1]
        fake_logits = self.critic(fake_images, training=True)  # [N, 1]
        d_loss = losses.wasserstein_discriminator_loss(real_logits, fake_logits)
        return d_loss, {"d_loss": d_loss}

