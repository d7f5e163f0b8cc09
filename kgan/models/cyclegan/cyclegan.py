"""CycleGAN (Zhu et al. 2017): unpaired translation between two image domains."""
import keras
import numpy as np
from keras import ops

from kgan import losses
from kgan import model_arguments as rules
from kgan.checks import check_choice, check_int
from kgan.engine import AdversarialModel, Player, Step
from kgan.models.cyclegan.image_pool import ImagePool
from kgan.models.cyclegan.linear_decay import LinearDecay
from kgan.models.cyclegan.networks import build_resnet_generator
from kgan.models.cyclegan.presets import PRESETS
from kgan.models.patch_discriminator import build_patch_discriminator, check_depth_fits
from kgan.side_by_side import side_by_side
from kgan.tasks import Task, TensorSpec

DIRECTIONS = ("AtoB", "BtoA")


def multiple_of_four(name, value):
    check_int(name, value, 16)
    if value % 4:
        raise ValueError(f"{name} must be a multiple of 4 (the generator halves it twice), got {value!r}")
    return value


def layer_count(name, value):
    check_int(name, value, 1, maximum=5)
    return value


def optional_count(name, value):
    check_int(name, value, 1, allow_none=True)
    return value


def least_squares_real(logits):
    """The reference's LSGAN term `MSE(logits, 1)`, in float32."""
    return ops.mean(ops.square(ops.cast(logits, "float32") - 1.0))


def l1(a, b):
    return ops.mean(ops.abs(ops.cast(a, "float32") - ops.cast(b, "float32")))


@keras.saving.register_keras_serializable(package="kgan")
class CycleGAN(AdversarialModel):
    """Two generators, G: A -> B (`generator`) and F: B -> A (`inverse`), each judged by a PatchGAN of its domain.

    Trains on `fit(domain_a, domain_b)` (or a dict dataset with those keys) with
    unpaired batches of the two domains. One train step runs as the reference's
    `optimize_parameters`: one generator forward (`fake_b = G(a)`, `fake_a =
    F(b)`); the generators' step on the least-squares adversarial terms, the cycle
    terms `cycle_weight * |F(G(a)) - a|_1` and `cycle_weight * |G(F(b)) - b|_1`
    and the identity terms `identity_weight * cycle_weight * |G(b) - b|_1` (and
    `|F(a) - a|_1`); then the discriminators' step on that same forward's fakes,
    each drawn through its own `ImagePool`, with the loss
    `0.5 * (MSE(D(real), 1) + MSE(D(fake), 0))` per discriminator. G and F share
    one Adam, the two discriminators another, as in the reference.

    `discriminator_b` scores domain B (real B against G's fakes; the reference's
    `netD_A`), `discriminator_a` domain A. Logs `d_loss` (both discriminators'),
    `g_loss` (both adversarial terms), `cycle_loss` and `identity_loss` (weighted).
    With `ema_decay`, both generators keep averages (`ema_generator`, `ema_inverse`),
    which `sample` and `translate` use.

    The learning rate is `learning_rate` for `constant_epochs` epochs, then falls
    linearly towards 0 over `decay_epochs` more (`LinearDecay`), once per epoch.
    `fit` cannot tell the model an epoch's length: pass `steps_per_epoch` (batches per
    epoch) to get that schedule; without it (None) the rate stays constant.

    Args:
        image_size: side of the square training images, a multiple of 4; the
            generators are fully convolutional and translate any multiple of 4.
        channels_a, channels_b: channels of domain A and of domain B images, in [-1, 1].
        generator_filters: `ngf`, maps of the generators' first conv.
        residual_blocks: residual blocks at a quarter of the size (9 or 6 in the reference).
        discriminator_filters: `ndf` of the PatchGANs.
        discriminator_layers: stride-2 convs of the PatchGANs (3: 70x70 patches).
        cycle_weight: `lambda_A = lambda_B`, the weight of each cycle term.
        identity_weight: `lambda_identity`, the identity terms' weight as a fraction of
            `cycle_weight`; 0 turns them off (they need `channels_a == channels_b`).
        pool_size: fakes kept per discriminator; 0 shows it the current fakes only.
        learning_rate, beta_1: Adam settings of `compile()`'s defaults.
        constant_epochs, decay_epochs: the learning-rate schedule, in epochs.
        steps_per_epoch: batches per epoch, for the schedule; None keeps the rate constant.

    Example:
    ```python
    model = kgan.models.CycleGAN.from_preset("resnet_9blocks_256", steps_per_epoch=1067)
    model.compile()
    model.fit(horses, zebras, batch_size=1, epochs=200)
    zebras_made = model.sample(domain_a=horses[:4])          # G: A -> B
    horses_made = model.translate(zebras[:4], "BtoA")       # F: B -> A
    ```

    Reference: Zhu et al., "Unpaired Image-to-Image Translation using Cycle-Consistent
    Adversarial Networks", ICCV 2017; junyanz/pytorch-CycleGAN-and-pix2pix `cycle_gan_model.py`.
    """

    presets = PRESETS
    log_names = ("d_loss", "g_loss", "cycle_loss", "identity_loss")
    network_names = ("generator", "inverse", "discriminator_a", "discriminator_b")
    ema_networks = ("generator", "inverse")
    argument_checks = {
        "image_size": multiple_of_four,
        "channels_a": rules.count(),
        "channels_b": rules.count(),
        "residual_blocks": rules.count(minimum=0),
        "discriminator_layers": layer_count,
        "cycle_weight": rules.non_negative_number,
        "identity_weight": rules.non_negative_number,
        "pool_size": rules.count(minimum=0),
        "constant_epochs": rules.count(minimum=0),
        "decay_epochs": rules.count(minimum=0),
        "steps_per_epoch": optional_count,
    }

    def __init__(self, image_size=256, channels_a=3, channels_b=3, generator_filters=64, residual_blocks=9,
                 discriminator_filters=64, discriminator_layers=3, cycle_weight=10.0, identity_weight=0.5,
                 pool_size=50, learning_rate=2e-4, beta_1=0.5, constant_epochs=100, decay_epochs=100,
                 steps_per_epoch=None, **kwargs):
        check_depth_fits(image_size, discriminator_layers, "discriminator_layers")
        if identity_weight and channels_a != channels_b:
            raise ValueError(f"identity_weight must be 0 when channels_a ({channels_a}) != channels_b "
                             f"({channels_b}): G(b) cannot be compared with b, got {identity_weight!r}")
        super().__init__(**kwargs)
        self.image_size = image_size
        self.channels_a = channels_a
        self.channels_b = channels_b
        self.generator_filters = generator_filters
        self.residual_blocks = residual_blocks
        self.discriminator_filters = discriminator_filters
        self.discriminator_layers = discriminator_layers
        self.cycle_weight = cycle_weight
        self.identity_weight = identity_weight
        self.pool_size = pool_size
        self.learning_rate = learning_rate
        self.beta_1 = beta_1
        self.constant_epochs = constant_epochs
        self.decay_epochs = decay_epochs
        self.steps_per_epoch = steps_per_epoch
        self.generator = build_resnet_generator(channels_a, channels_b, generator_filters, residual_blocks,
                                                name="generator")
        self.inverse = build_resnet_generator(channels_b, channels_a, generator_filters, residual_blocks,
                                              name="inverse")
        self.discriminator_a = build_patch_discriminator(
            (image_size, image_size, channels_a), discriminator_filters, discriminator_layers, "instance",
            name="discriminator_a")
        self.discriminator_b = build_patch_discriminator(
            (image_size, image_size, channels_b), discriminator_filters, discriminator_layers, "instance",
            name="discriminator_b")
        self.pool_a = ImagePool(pool_size, (image_size, image_size, channels_a), name="pool_a")  # F's fakes
        self.pool_b = ImagePool(pool_size, (image_size, image_size, channels_b), name="pool_b")  # G's fakes
        self.finish_networks()

    # --- declaration ---
    @property
    def task(self):
        """Unpaired batches of both domains; sampling translates `domain_a` into domain B (G)."""
        return Task({"domain_a": TensorSpec((self.image_size, self.image_size, self.channels_a)),
                     "domain_b": TensorSpec((self.image_size, self.image_size, self.channels_b))},
                    conditioning=("domain_a",), output="domain_b")

    def training_schedule(self):
        return [Step(Player("generators", [self.generator, self.inverse]), self.generators_loss,
                     through_fake=True),
                Step(Player("discriminators", [self.discriminator_a, self.discriminator_b]),
                     self.discriminators_loss)]

    def learning_rate_schedule(self):
        """The default optimizers' learning rate: a `LinearDecay`, or the constant rate without `steps_per_epoch`."""
        if self.steps_per_epoch is None:
            return self.learning_rate
        return LinearDecay(self.learning_rate, self.constant_epochs, self.decay_epochs, self.steps_per_epoch)

    def default_optimizers(self):
        return {name: keras.optimizers.Adam(self.learning_rate_schedule(), beta_1=self.beta_1)
                for name in ("generators", "discriminators")}

    # --- the step ---
    def generator_forward(self, batch):
        return {"fake_b": self.generator(batch["domain_a"], training=True),  # [N, S, S, Cb]
                "fake_a": self.inverse(batch["domain_b"], training=True)}  # [N, S, S, Ca]

    def discriminator_view(self, batch, fake):
        """The discriminators see each fake drawn through its domain's history pool."""
        return {"fake_b": self.pool_b.query(fake["fake_b"], self.seed_generator),
                "fake_a": self.pool_a.query(fake["fake_a"], self.seed_generator)}

    def generators_loss(self, batch, fake):
        real_a, real_b = batch["domain_a"], batch["domain_b"]
        g_loss = least_squares_real(self.discriminator_b(fake["fake_b"], training=True)) + \
            least_squares_real(self.discriminator_a(fake["fake_a"], training=True))
        # The reconstructions call the other generator on this forward's fakes: gradients reach both.
        cycle_loss = self.cycle_weight * (l1(self.inverse(fake["fake_b"], training=True), real_a) +
                                          l1(self.generator(fake["fake_a"], training=True), real_b))
        loss = g_loss + cycle_loss
        identity_loss = ops.zeros((), "float32")
        if self.identity_weight:
            identity_loss = self.identity_weight * self.cycle_weight * (
                l1(self.generator(real_b, training=True), real_b) + l1(self.inverse(real_a, training=True), real_a))
            loss = loss + identity_loss
        return loss, {"g_loss": g_loss, "cycle_loss": cycle_loss, "identity_loss": identity_loss}

    def discriminators_loss(self, batch, fake):
        d_loss = losses.least_squares_discriminator_loss(  # 0.5 * (MSE(real, 1) + MSE(fake, 0)), as the reference
            self.discriminator_b(batch["domain_b"], training=True), self.discriminator_b(fake["fake_b"], training=True))
        d_loss = d_loss + losses.least_squares_discriminator_loss(
            self.discriminator_a(batch["domain_a"], training=True), self.discriminator_a(fake["fake_a"], training=True))
        return d_loss, {"d_loss": d_loss}

    # --- using it ---
    #: what `translate` and `kgan translate` take: G (A to B) and F (B to A).
    translation_directions = DIRECTIONS
    #: the generators halve the size twice, so `translate` takes sides that are multiples of 4 ...
    size_multiple = 4
    #: ... of at least 8: the residual blocks reflect-pad the quarter-size maps by 1, which needs 2 pixels.
    minimum_size = 8

    def translation_channels(self, direction="AtoB"):
        """(source, target) channels of `translate(images, direction)`."""
        check_choice("direction", direction, DIRECTIONS)
        return (self.channels_a, self.channels_b) if direction == "AtoB" else (self.channels_b, self.channels_a)

    def translator(self, direction):
        """The network that translates in `direction` ("AtoB": G, "BtoA": F), its EMA copy when there is one."""
        check_choice("direction", direction, DIRECTIONS)
        name = "generator" if direction == "AtoB" else "inverse"
        return self.ema.averages[name] if self.ema is not None else getattr(self, name)

    def translate(self, images, direction="AtoB"):
        """`images` `[N, H, W, C]` in [-1, 1] of the source domain -> `[N, H, W, C']` of the other.

        H and W may be any multiples of 4 from 8 (the generators are fully convolutional).
        """
        network = self.translator(direction)
        channels = self.translation_channels(direction)[0]
        images = ops.convert_to_tensor(images, "float32")
        shape = tuple(images.shape)
        if len(shape) != 4 or shape[-1] != channels or any(
                d is not None and (d % self.size_multiple or d < self.minimum_size) for d in shape[1:3]):
            raise ValueError(f"translate({direction}) needs images of shape [N, H, W, {channels}] with H and W "
                             f"multiples of 4, at least 8, got {list(shape)}")
        return network(images, training=False)

    def sample(self, num_images=None, seed=None, domain_a=None, domain_b=None, direction="AtoB"):
        """Translations of `domain_a` into domain B (the task's sampling, G), or of `domain_b` into A with
        `direction="BtoA"` (F). Nothing is random: `seed` is accepted for the common signature."""
        check_choice("direction", direction, DIRECTIONS)
        images = domain_a if direction == "AtoB" else domain_b
        if images is None:
            raise ValueError(f"CycleGAN.sample({direction}) translates images: pass "
                             f"{'domain_a' if direction == 'AtoB' else 'domain_b'}=[N, H, W, C] values")
        if num_images is not None and num_images != len(images):
            raise ValueError(f"num_images={num_images} but {len(images)} images were given")
        return self.translate(images, direction)

    def preview_grid(self, seed=0, per_row=8, batch=None):
        """`(images, rows)`: rows of `a | G(a) | F(G(a))` for up to `per_row` examples of `batch`, then
        rows of `b | F(b) | G(F(b))`."""
        if batch is None:
            raise ValueError("CycleGAN's preview grid translates a fixed batch: pass batch={'domain_a': ..., "
                             "'domain_b': ...}")
        columns = []
        for name, forward, back in (("domain_a", "AtoB", "BtoA"), ("domain_b", "BtoA", "AtoB")):
            real = np.asarray(ops.convert_to_numpy(batch[name]), "float32")[:per_row]
            there = ops.convert_to_numpy(self.translate(real, forward))
            columns.append(side_by_side(real, there, ops.convert_to_numpy(self.translate(there, back))))
        images = np.concatenate([images for images, _ in columns]).astype("float32")
        return images, sum(rows for _, rows in columns)
