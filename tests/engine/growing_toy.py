"""A tiny growing family for the stage tests: 4x4 images, then 8x8 with a fade-in, as ProGAN grows.

Layers are named after what they are, so that growing carries every layer the
next stage still has. `forward_traces` counts Python executions of
`generator_forward`, that is, traces of the train step.
"""
import keras

from kgan.engine import AdversarialModel
from kgan.engine.stage import Stage
from kgan.layers import FadeIn
from kgan.models.gaussian_latent import GaussianLatent
from kgan.models.standard_game import StandardGame

PRESETS = {"toy": {"description": "4x4 then 8x8 digits", "reference": "tests only", "arguments": {},
                   "trainable_params": None,
                   # The plan's length (4 + 12 steps); each stage's batch size is the plan's.
                   "recipe": {"data": "digits", "batch_size": 16, "steps": 16}}}


def _conv(filters, kernel, name, activation="leaky_relu"):
    return keras.layers.Conv2D(filters, kernel, padding="same", activation=activation, name=name)


def build_generator(stage, latent_dim, channels, filters):
    z = keras.Input((latent_dim,))
    h = keras.layers.Dense(4 * 4 * filters, activation="leaky_relu", name="g_dense")(z)
    h = keras.layers.Reshape((4, 4, filters))(h)
    h = _conv(filters, 3, "g_conv_4")(h)  # [N, 4, 4, F]
    to_rgb_4 = _conv(channels, 1, "g_rgb_4", activation="tanh")
    if stage == 0:
        return keras.Model(z, to_rgb_4(h), name="generator")
    old = keras.layers.UpSampling2D(name="g_up_rgb")(to_rgb_4(h))  # [N, 8, 8, C]
    h = _conv(filters, 3, "g_conv_8")(keras.layers.UpSampling2D(name="g_up")(h))  # [N, 8, 8, F]
    new = _conv(channels, 1, "g_rgb_8", activation="tanh")(h)
    return keras.Model(z, FadeIn(name="g_fade_8")([old, new]), name="generator")


def build_discriminator(stage, channels, filters):
    size = 4 * 2**stage
    images = keras.Input((size, size, channels))
    from_rgb_4 = _conv(filters, 1, "d_rgb_4")
    if stage == 0:
        h = from_rgb_4(images)
    else:
        old = from_rgb_4(keras.layers.AveragePooling2D(2, name="d_down_rgb")(images))  # [N, 4, 4, F]
        h = _conv(filters, 3, "d_conv_8")(_conv(filters, 1, "d_rgb_8")(images))
        h = FadeIn(name="d_fade_8")([old, keras.layers.AveragePooling2D(2, name="d_down")(h)])
    h = keras.layers.Flatten()(_conv(filters, 3, "d_conv_4")(h))
    return keras.Model(images, keras.layers.Dense(1, name="d_logit")(h), name="discriminator")


@keras.saving.register_keras_serializable(package="kgan_tests")
class GrowingToy(GaussianLatent, StandardGame, AdversarialModel):
    presets = PRESETS
    forward_traces = 0

    def __init__(self, stage=0, latent_dim=4, channels=1, filters=2, stage_steps=(4, 12), fade_steps=6,
                 batch_sizes=(16, 8), learning_rate=0.01, beta_1=0.5, carry_optimizers=False, **kwargs):
        super().__init__(**kwargs)
        self.stage = stage
        self.latent_dim, self.channels, self.filters = latent_dim, channels, filters
        self.stage_steps, self.fade_steps, self.batch_sizes = list(stage_steps), fade_steps, list(batch_sizes)
        self.learning_rate, self.beta_1 = learning_rate, beta_1
        self.generator_loss_name = "non_saturating"
        self.reset_optimizers_on_growth = not carry_optimizers
        self.generator = build_generator(stage, latent_dim, channels, filters)
        self.discriminator = build_discriminator(stage, channels, filters)
        self.finish_networks()

    def stage_plan(self):
        return [Stage(4, self.stage_steps[0], batch_size=self.batch_sizes[0]),
                Stage(8, self.stage_steps[1], batch_size=self.batch_sizes[1], fade_steps=self.fade_steps)]

    def generator_forward(self, batch):
        type(self).forward_traces += 1  # runs once per trace, not per step
        return super().generator_forward(batch)
