"""Per family: tiny valid constructor arguments, and a non-default alternative for every constructor parameter.

`ALTERNATIVES[family]` must name every parameter of the family's `__init__` and of
`AdversarialModel.__init__`, plus keras.Model's `name`; `tests/models/test_config.py`
checks that, so a new parameter cannot go untested.
"""
from kgan.models import FAMILIES

TINY = {
    "gan": dict(image_shape=(6, 6, 1), latent_dim=4, generator_units=(16,), discriminator_units=(8,),
                maxout_pieces=3),
    "dcgan": dict(image_size=8, channels=1, latent_dim=4, generator_filters=4, discriminator_filters=4),
    "cgan": dict(architecture="conv", image_shape=(8, 8, 1), num_classes=2, latent_dim=4, generator_filters=4,
                 discriminator_filters=4, generator_units=(8, 8, 16), discriminator_units=(8, 4, 8),
                 maxout_pieces=(2, 2, 2)),
    "wgan": dict(image_size=8, channels=1, latent_dim=4, generator_filters=4, critic_filters=4, critic_steps=2,
                 warmup_critic_steps=3, warmup_generator_steps=1, long_critic_every=0),
    "wgan_gp": dict(architecture="dcgan", image_size=8, channels=1, latent_dim=4, generator_filters=4,
                    critic_filters=4, critic_normalization="layer"),
    "infogan": dict(image_shape=(8, 8, 1), noise_dim=4, num_categories=3, num_continuous=2, generator_units=16,
                    generator_filters=(8, 4), discriminator_filters=(4, 8), discriminator_units=16, q_units=8),
    "pix2pix": dict(image_size=16, source_channels=1, target_channels=3, generator_filters=1, discriminator_filters=1,
                    n_layers=2),
    "context_encoder": dict(image_size=16, channels=3, mask="center", overlap=1, bottleneck=8, encoder_filters=2,
                            generator_filters=2, discriminator_filters=2),
    "cyclegan": dict(image_size=16, channels_a=1, channels_b=1, generator_filters=2, residual_blocks=0,
                     discriminator_filters=2, discriminator_layers=2, pool_size=2, identity_weight=0.0),
    # "mse": the VGG54 content loss would build VGG19's 20M weights in every shared test.
    "srgan": dict(scale=2, channels=3, patch_size=16, generator_filters=2, residual_blocks=1,
                  discriminator_filters=1, content_loss="mse", vgg_weights=None),
}

# AdversarialModel's own parameters, and a keras.Model keyword argument.
BASE_ALTERNATIVES = {"seed": 5, "ema_decay": 0.5, "ema_warmup": False, "name": "renamed"}

ALTERNATIVES = {
    "gan": dict(image_shape=(4, 4, 1), latent_dim=3, generator_units=(8,), discriminator_units=(4,),
                maxout_pieces=2, dropout=0.25, generator_loss="minimax", learning_rate=1e-3, beta_1=0.9),
    "dcgan": dict(image_size=16, channels=2, latent_dim=3, generator_filters=2, discriminator_filters=2,
                  generator_loss="minimax", learning_rate=1e-3, beta_1=0.9),
    "cgan": dict(image_shape=(8, 8, 2), num_classes=3, latent_dim=3, architecture="mlp",
                 generator_units=(4, 4, 8), discriminator_units=(4, 2, 4), maxout_pieces=(3, 2, 2), dropout=0.25,
                 generator_filters=2, discriminator_filters=2, generator_loss="minimax", learning_rate=1e-3,
                 beta_1=0.9, optimizer="sgd", momentum_steps=10),
    "wgan": dict(image_size=16, channels=2, latent_dim=3, generator_filters=2, critic_filters=2, clip_value=0.05,
                 critic_steps=3, warmup_critic_steps=4, warmup_generator_steps=2, long_critic_every=7,
                 learning_rate=1e-3, shared_critic_batch=True),
    "wgan_gp": dict(architecture="cifar", image_size=16, channels=2, latent_dim=3, generator_filters=2,
                    critic_filters=2, critic_normalization=None, gp_weight=3.0, critic_steps=2, learning_rate=1e-3,
                    beta_1=0.5, beta_2=0.99, shared_critic_batch=True),
    "infogan": dict(image_shape=(8, 8, 2), noise_dim=2, num_categories=2, num_continuous=1, generator_units=8,
                    generator_filters=(4, 2), discriminator_filters=(2, 4), discriminator_units=8, q_units=4,
                    mi_weight=0.5, generator_learning_rate=1e-4, discriminator_learning_rate=1e-4, beta_1=0.9),
    "pix2pix": dict(image_size=32, source_channels=2, target_channels=1, generator_filters=3, discriminator_filters=3,
                    n_layers=1, l1_weight=10.0, dropout=0.25, inference_dropout=True, learning_rate=1e-3, beta_1=0.9),
    "context_encoder": dict(image_size=32, channels=1, mask="random_block", overlap=2, bottleneck=4, encoder_filters=3,
                            generator_filters=3, discriminator_filters=3, reconstruction_weight=0.5,
                            adversarial_weight=0.5, overlap_weight=5.0, generator_learning_rate=1e-3,
                            discriminator_learning_rate=1e-3, beta_1=0.9),
    "cyclegan": dict(image_size=20, channels_a=2, channels_b=2, generator_filters=3, residual_blocks=1,
                     discriminator_filters=3, discriminator_layers=1, cycle_weight=5.0, identity_weight=0.0,
                     pool_size=3, learning_rate=1e-3, beta_1=0.9, constant_epochs=3, decay_epochs=4,
                     steps_per_epoch=5),
    "srgan": dict(scale=2, channels=1, patch_size=32, generator_filters=3, residual_blocks=2, prelu="per_channel",
                  discriminator_filters=2, content_loss="mse", adversarial_weight=0.5, vgg_weights=None,
                  learning_rate=1e-3, beta_1=0.5, learning_rate_drop_step=10),
}
ALTERNATIVES = {family: {**alternatives, **BASE_ALTERNATIVES} for family, alternatives in ALTERNATIVES.items()}


def tiny(family, **overrides):
    return FAMILIES[family](**{**TINY[family], **overrides})


# Values each parameter must refuse, with a one-line ValueError naming it, before any network is built
# (`tests/models/test_argument_checks.py`). Every parameter has an entry, so a new one cannot go unchecked.
BASE_BAD_VALUES = {"seed": [-1, 2**32, 1.5, "3"], "ema_decay": [1, 2, 5, -1, 1.0, "abc", float("nan")],
                   "ema_warmup": ["yes", 1, None]}
LEARNING_RATE_BAD_VALUES = [0, -1, -1e-4, "1e-3", None, float("nan"), float("inf"), True]
FRACTION_BAD_VALUES = [1, -0.1, 1.5, "0.5", None]
COUNT_BAD_VALUES = [0, -1, 2.0, "4", None, True]

BAD_VALUES = {
    "gan": dict(image_shape=[32, (6, 6), (6, 6, 0), (6.0, 6, 1), "6,6,1"], latent_dim=COUNT_BAD_VALUES,
                generator_units=[16, (0,), (16.0,), "16"], discriminator_units=[8, (0,), (8, -1)],
                maxout_pieces=COUNT_BAD_VALUES, dropout=FRACTION_BAD_VALUES, generator_loss=["hinge", None, 1],
                learning_rate=LEARNING_RATE_BAD_VALUES, beta_1=FRACTION_BAD_VALUES),
    "dcgan": dict(image_size=[12, 4, 16.0, "16", 0], channels=COUNT_BAD_VALUES, latent_dim=COUNT_BAD_VALUES,
                  generator_filters=COUNT_BAD_VALUES, discriminator_filters=COUNT_BAD_VALUES,
                  generator_loss=["hinge", None], learning_rate=LEARNING_RATE_BAD_VALUES,
                  beta_1=FRACTION_BAD_VALUES),
    "cgan": dict(image_shape=[32, (8, 8), (8, 8, 0), "8,8,1"], num_classes=[1, 0, 2.0, "2", None],
                 latent_dim=COUNT_BAD_VALUES, architecture=["resnet", None],
                 generator_units=[(8, 8), 8, (0, 8, 16)], discriminator_units=[(8, 4), 8, (8, 4, 0.5)],
                 maxout_pieces=[0, (2, 2), (2, 2, 0), 2.0], dropout=FRACTION_BAD_VALUES,
                 generator_filters=COUNT_BAD_VALUES, discriminator_filters=COUNT_BAD_VALUES,
                 generator_loss=["hinge"], optimizer=["rmsprop", None], learning_rate=LEARNING_RATE_BAD_VALUES,
                 beta_1=FRACTION_BAD_VALUES, momentum_steps=COUNT_BAD_VALUES),
    "wgan": dict(image_size=[12, 4, 16.0], channels=COUNT_BAD_VALUES, latent_dim=COUNT_BAD_VALUES,
                 generator_filters=COUNT_BAD_VALUES, critic_filters=COUNT_BAD_VALUES,
                 clip_value=[0, -0.01, "0.01", None, float("nan")], critic_steps=COUNT_BAD_VALUES,
                 warmup_critic_steps=COUNT_BAD_VALUES, warmup_generator_steps=[-1, 1.5, "1"],
                 long_critic_every=[-1, 2.0], learning_rate=LEARNING_RATE_BAD_VALUES,
                 shared_critic_batch=["yes", 1, None]),
    "wgan_gp": dict(architecture=["resnet", None], image_size=[12, 4, 16.0], channels=COUNT_BAD_VALUES,
                    latent_dim=COUNT_BAD_VALUES, generator_filters=COUNT_BAD_VALUES,
                    critic_filters=COUNT_BAD_VALUES, critic_normalization=["batch", 1],
                    gp_weight=[-1, "10", None, float("nan")], critic_steps=COUNT_BAD_VALUES,
                    learning_rate=LEARNING_RATE_BAD_VALUES, beta_1=FRACTION_BAD_VALUES, beta_2=FRACTION_BAD_VALUES,
                    shared_critic_batch=["yes", 0]),
    "infogan": dict(image_shape=[8, (8, 8), (8, 8, 0), (6, 6, 1)], noise_dim=[-1, 2.0, "4", None],
                    num_categories=COUNT_BAD_VALUES, num_continuous=[-1, 1.0, None],
                    generator_units=COUNT_BAD_VALUES, generator_filters=[(), 8, (0, 4), (8.0, 4)],
                    discriminator_filters=[4, (0, 8), (4, 8.5)], discriminator_units=COUNT_BAD_VALUES,
                    q_units=COUNT_BAD_VALUES, mi_weight=[-1, "1", None, float("nan")],
                    generator_learning_rate=LEARNING_RATE_BAD_VALUES,
                    discriminator_learning_rate=LEARNING_RATE_BAD_VALUES, beta_1=FRACTION_BAD_VALUES),
    "pix2pix": dict(image_size=[12, 4, 16.0, "16", 0], source_channels=COUNT_BAD_VALUES,
                    target_channels=COUNT_BAD_VALUES, generator_filters=COUNT_BAD_VALUES,
                    discriminator_filters=COUNT_BAD_VALUES, n_layers=[0, 6, 2.0, "3", None, True],
                    l1_weight=[-1, "100", None, float("nan")], dropout=FRACTION_BAD_VALUES,
                    inference_dropout=["yes", 1, None], learning_rate=LEARNING_RATE_BAD_VALUES,
                    beta_1=FRACTION_BAD_VALUES),
    "context_encoder": dict(image_size=[12, 8, 16.0, "16", 0], channels=COUNT_BAD_VALUES, mask=["middle", None, 1],
                            overlap=[-1, 1.5, "1", None, 4], bottleneck=COUNT_BAD_VALUES,
                            encoder_filters=COUNT_BAD_VALUES, generator_filters=COUNT_BAD_VALUES,
                            discriminator_filters=COUNT_BAD_VALUES,
                            reconstruction_weight=[-1, "1", None, float("nan")],
                            adversarial_weight=[-0.5, "0.001", None, float("inf")],
                            overlap_weight=[-10, "10", None, float("nan")],
                            generator_learning_rate=LEARNING_RATE_BAD_VALUES,
                            discriminator_learning_rate=LEARNING_RATE_BAD_VALUES, beta_1=FRACTION_BAD_VALUES),
    "cyclegan": dict(image_size=[18, 12, 16.0, "16", None], channels_a=COUNT_BAD_VALUES, channels_b=COUNT_BAD_VALUES,
                     generator_filters=COUNT_BAD_VALUES, residual_blocks=[-1, 2.0, "3", None],
                     discriminator_filters=COUNT_BAD_VALUES, discriminator_layers=[0, 6, 2.0, None],
                     cycle_weight=[-1, "10", None, float("nan")], identity_weight=[-0.5, "0.5", None, float("nan")],
                     pool_size=[-1, 50.0, "50", None], learning_rate=LEARNING_RATE_BAD_VALUES,
                     beta_1=FRACTION_BAD_VALUES, constant_epochs=[-1, 1.5, "100", None],
                     decay_epochs=[-1, 1.5, "100", None], steps_per_epoch=[0, -1, 2.0, "10"]),
    "srgan": dict(scale=[3, 1, 0, 2.0, "4", None], channels=COUNT_BAD_VALUES, patch_size=[8, 0, 96.0, "96", None, 18],
                  generator_filters=COUNT_BAD_VALUES, residual_blocks=[-1, 2.0, "16", None],
                  prelu=["channel", None, 1], discriminator_filters=COUNT_BAD_VALUES,
                  content_loss=["l1", "vgg22", None], adversarial_weight=[-1e-3, "0.001", None, float("nan")],
                  vgg_weights=[1, 2.5, True], learning_rate=LEARNING_RATE_BAD_VALUES, beta_1=FRACTION_BAD_VALUES,
                  learning_rate_drop_step=[0, -1, 2.0, "100"]),
}
BAD_VALUES = {family: {**bad_values, **BASE_BAD_VALUES} for family, bad_values in BAD_VALUES.items()}
BAD_CASES = [(family, name, value) for family in FAMILIES for name, values in BAD_VALUES[family].items()
             for value in values]
