"""A deterministic two-player game for engine tests: linear G and D, z supplied by the data.

`fit(z, real_images)` makes every quantity known in closed form, so a train step
can be checked against gradients worked out by hand in NumPy.
"""
import keras
from keras import ops

from kgan import losses
from kgan.engine import AdversarialModel, Player, Step


@keras.saving.register_keras_serializable(package="kgan_tests")
class LinearGAN(AdversarialModel):
    def __init__(self, latent_dim=3, data_dim=2, critic_steps=1, direct_weight=0.0, fresh_data=False,
                 warmup_critic_steps=None, **kwargs):
        super().__init__(**kwargs)
        self.latent_dim, self.data_dim = latent_dim, data_dim
        self.critic_steps, self.direct_weight = critic_steps, direct_weight
        self.fresh_data, self.warmup_critic_steps = fresh_data, warmup_critic_steps
        init = keras.initializers.RandomNormal(stddev=0.5, seed=1)
        self.generator = keras.Sequential(
            [keras.Input((latent_dim,)), keras.layers.Dense(data_dim, kernel_initializer=init, bias_initializer=init)],
            name="generator")
        self.discriminator = keras.Sequential(
            [keras.Input((data_dim,)), keras.layers.Dense(1, kernel_initializer=init, bias_initializer=init)],
            name="discriminator")
        self.finish_networks()

    def training_schedule(self):
        repeat = self.critic_steps
        if self.warmup_critic_steps is not None:  # WGAN's kind of schedule: more critic steps in cycle 0
            repeat = lambda model: ops.where(model.schedule_state.cycle < 1, model.warmup_critic_steps,
                                             model.critic_steps)
        return [Step(Player("discriminator", [self.discriminator]), self.discriminator_loss, repeat=repeat,
                     fresh_data=self.fresh_data),
                Step(Player("generator", [self.generator]), self.generator_loss, through_fake=True)]

    def default_optimizers(self):
        return {"discriminator": keras.optimizers.SGD(0.1), "generator": keras.optimizers.SGD(0.1)}

    def unpack(self, data):
        z, real, _ = keras.utils.unpack_x_y_sample_weight(data)
        return {"z": z, "images": real}

    def generator_forward(self, batch):
        return self.generator(batch["z"], training=True)

    def discriminator_loss(self, batch, fake):
        d_loss = losses.minimax_discriminator_loss(
            self.discriminator(batch["images"]), self.discriminator(fake))
        return d_loss, {"d_loss": d_loss}

    def generator_loss(self, batch, fake):
        g_loss = losses.non_saturating_generator_loss(self.discriminator(fake))
        if self.direct_weight:
            # A term that calls the generator itself, as CycleGAN's cycle loss does.
            g_loss = g_loss + self.direct_weight * ops.mean(ops.square(self.generator(batch["z"])))
        return g_loss, {"g_loss": g_loss}
