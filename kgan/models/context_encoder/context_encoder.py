"""Context Encoders (Pathak et al. 2016): inpainting with a reconstruction loss and an adversarial one."""
import keras
import numpy as np
from keras import ops

from kgan import losses
from kgan import model_arguments as rules
from kgan.engine import AdversarialModel, Player, Step
from kgan.models.context_encoder import masks as policies
from kgan.models.context_encoder.networks import build_discriminator, build_generator
from kgan.models.context_encoder.presets import PRESETS
from kgan.models.context_encoder.reconstruction import overlap_weighted_l2
from kgan.side_by_side import side_by_side
from kgan.tasks import Task, TensorSpec


@keras.saving.register_keras_serializable(package="kgan")
class ContextEncoder(AdversarialModel):
    """Fills the holes of images: an encoder-decoder generator, a DCGAN-like discriminator on what it fills.

    Each train step drops pixels from every real image by the `mask` policy (drawn
    from the model's seed generator), fills them with the dataset mean as the
    reference does, and the generator predicts them from the rest. `"center"` is
    the reference's: the hole is the central S/2 square less an `overlap` border,
    and the generator predicts the whole central square, overlapping the known
    border; the discriminator sees that square. The random policies use the
    reference's `train_random.lua` design instead: the generator predicts the
    whole image and the discriminator sees it. Training runs D then G on one
    generator forward, as the reference does.

    The generator minimizes `adversarial_weight * BCE(D(fake), real)` plus
    `reconstruction_weight * mean(W * (fake - real)**2)` over the predicted region,
    where W is 1 on the hole and `overlap_weight` on the known pixels around it: the
    reference's `wtl2 = 0.999` with `overlapL2Weight = 10`. The discriminator
    minimizes the binary cross-entropy of real and fake regions. The reference's
    convolutions have biases, which its loop zeroes before every forward; here a
    constraint holds them at zero (`ZeroBias`), so they count but stay 0.

    Args:
        image_size: side S of the square images, a power of 2 >= 16.
        channels: image channels; images in [-1, 1].
        mask: `"center"`, `"random_block"` (4 rectangles covering up to 1/4) or
            `"random_region"` (smooth random shapes covering 20-30%); see `masks.py`.
        overlap: `"center"`: the known border, in pixels, that the prediction overlaps
            on each side of the hole (`2 * overlap < S / 2`).
        bottleneck: size of the encoder's code (`nBottleneck`).
        encoder_filters, generator_filters, discriminator_filters: the first
            (encoder, discriminator) or last (decoder) layer's maps: `nef`, `ngf`, `ndf`.
        reconstruction_weight, adversarial_weight: the weights of the two generator terms.
        overlap_weight: the reconstruction weight of known pixels in the predicted
            region, relative to the hole's.
        generator_learning_rate, discriminator_learning_rate, beta_1: Adam settings;
            the reference runs G at 10x D's rate when `0 < wtl2 < 1`.

    Example:
    ```python
    model = kgan.models.ContextEncoder.from_preset("context_encoder_128")
    model.compile()
    model.fit(images, batch_size=64, epochs=500)  # images [N, 128, 128, 3] in [-1, 1]
    filled = model.sample(images=images[:8])  # the centre holes filled, [8, 128, 128, 3]
    ```

    Reference: Pathak et al., "Context Encoders: Feature Learning by Inpainting",
    CVPR 2016; pathak22/context-encoder `train.lua` and `train_random.lua`.
    """

    presets = PRESETS
    log_names = ("d_loss", "g_loss", "l2_loss")
    argument_checks = {
        "image_size": rules.power_of_two(minimum=16),
        "mask": rules.choice(policies.MASKS),
        "overlap": rules.count(minimum=0),
        "bottleneck": rules.count(),
        "encoder_filters": rules.count(),
        "reconstruction_weight": rules.non_negative_number,
        "adversarial_weight": rules.non_negative_number,
        "overlap_weight": rules.non_negative_number,
    }

    def __init__(self, image_size=128, channels=3, mask="center", overlap=4, bottleneck=4000, encoder_filters=64,
                 generator_filters=64, discriminator_filters=64, reconstruction_weight=0.999,
                 adversarial_weight=0.001, overlap_weight=10.0, generator_learning_rate=2e-3,
                 discriminator_learning_rate=2e-4, beta_1=0.5, **kwargs):
        super().__init__(**kwargs)
        if 4 * overlap >= image_size:
            raise ValueError(f"overlap must leave a hole: 2 * overlap < image_size / 2 = {image_size // 2}, "
                             f"got overlap={overlap!r}")
        self.image_size = image_size
        self.channels = channels
        self.mask = mask
        self.overlap = overlap
        self.bottleneck = bottleneck
        self.encoder_filters = encoder_filters
        self.generator_filters = generator_filters
        self.discriminator_filters = discriminator_filters
        self.reconstruction_weight = reconstruction_weight
        self.adversarial_weight = adversarial_weight
        self.overlap_weight = overlap_weight
        self.generator_learning_rate = generator_learning_rate
        self.discriminator_learning_rate = discriminator_learning_rate
        self.beta_1 = beta_1
        self.region_size = image_size if policies.PREDICTS_WHOLE_IMAGE[mask] else image_size // 2
        self.generator = build_generator(image_size, channels, self.region_size, bottleneck, encoder_filters,
                                         generator_filters)
        self.discriminator = build_discriminator(self.region_size, channels, discriminator_filters)
        self.finish_networks()

    @property
    def task(self):
        """Batches of images; sampling takes images and returns them with their holes filled (`inpainted`)."""
        spec = TensorSpec((self.image_size, self.image_size, self.channels))
        return Task({"images": spec}, conditioning=("images",), output="inpainted", output_spec=spec)

    def training_schedule(self):
        return [Step(Player("discriminator", [self.discriminator]), self.discriminator_loss),
                Step(Player("generator", [self.generator]), self.generator_loss, through_fake=True)]

    def default_optimizers(self):
        return {"discriminator": keras.optimizers.Adam(self.discriminator_learning_rate, beta_1=self.beta_1),
                "generator": keras.optimizers.Adam(self.generator_learning_rate, beta_1=self.beta_1)}

    # --- masks and regions ---
    def training_holes(self, count, seed=None):
        """`[N, S, S, 1]` float32 holes (1 = missing) of the model's policy, from `seed` (a `SeedGenerator`)."""
        seed = self.seed_generator if seed is None else seed
        return policies.holes(self.mask, count, self.image_size, self.overlap, seed)

    def center_holes(self, count):
        """The central hole: the reference's for `"center"`; the central S/2 square for the random policies."""
        overlap = self.overlap if self.mask == "center" else 0
        return policies.center_holes(count, self.image_size, overlap)

    def region(self, images):
        """The part of `[N, S, S, ...]` that the generator predicts: the central S/2 square, or all of it."""
        if self.region_size == self.image_size:
            return images
        start = self.image_size // 4
        return images[:, start:start + self.region_size, start:start + self.region_size]

    def masked(self, images, holes):
        """The generator's input: `images` with their holes set to the mean colour (`masks.fill_values`)."""
        fill = ops.convert_to_tensor(policies.fill_values(self.channels), "float32")  # [C]
        return ops.where(holes > 0.5, fill, ops.cast(images, "float32"))

    def composed(self, images, holes, region):
        """`images` with their holes taken from the predicted `region`."""
        if self.region_size != self.image_size:
            border = (self.image_size // 4, self.image_size - self.image_size // 4 - self.region_size)
            region = ops.pad(region, [(0, 0), border, border, (0, 0)])  # [N, S, S, C]
        return ops.where(holes > 0.5, region, ops.cast(images, "float32"))

    # --- training ---
    def generator_forward(self, batch):
        images = batch["images"]  # [N, S, S, C]
        holes = self.training_holes(ops.shape(images)[0])  # [N, S, S, 1]
        region = self.generator(self.masked(images, holes), training=True)  # [N, s, s, C]
        # The holes ride along as booleans, which carry no gradient.
        return {"region": region, "holes": holes > 0.5}

    def discriminator_loss(self, batch, fake):
        real_logits = self.discriminator(self.region(batch["images"]), training=True)  # [N, 1]
        fake_logits = self.discriminator(fake["region"], training=True)  # [N, 1]
        d_loss = losses.minimax_discriminator_loss(real_logits, fake_logits)
        return d_loss, {"d_loss": d_loss}

    def generator_loss(self, batch, fake):
        real = ops.cast(self.region(batch["images"]), "float32")  # [N, s, s, C]
        region = ops.cast(fake["region"], "float32")
        weights = ops.where(self.region(fake["holes"]), 1.0, self.overlap_weight)  # [N, s, s, 1]
        g_loss = losses.non_saturating_generator_loss(self.discriminator(fake["region"], training=True))
        reconstruction = overlap_weighted_l2(region, real, weights)
        l2_loss = ops.mean(ops.square(region - real))  # the reference's logged Err_G_L2
        total = self.adversarial_weight * g_loss + self.reconstruction_weight * reconstruction
        return total, {"g_loss": g_loss, "l2_loss": l2_loss}

    # --- using a trained model ---
    def checked_holes(self, images, masks, seed):
        """Float32 holes `[N, S, S, 1]`: `masks` (`[N, S, S]` or `[N, S, S, 1]`, nonzero = missing) or the policy's."""
        count = int(ops.shape(images)[0])
        if masks is None:
            generator = None if self.mask == "center" else keras.random.SeedGenerator(seed)  # center: fixed holes
            return policies.holes(self.mask, count, self.image_size, self.overlap, generator)
        holes = np.asarray(ops.convert_to_numpy(masks), dtype="float32")
        if holes.ndim == 3:
            holes = holes[..., None]
        if holes.shape != (count, self.image_size, self.image_size, 1):
            raise ValueError(f"masks must have shape [{count}, {self.image_size}, {self.image_size}(, 1)] for "
                             f"{count} images, got {list(np.shape(masks))}")
        holes = (holes > 0.5).astype("float32")
        if self.region_size != self.image_size:
            inside = np.zeros_like(holes)
            start = self.image_size // 4
            inside[:, start:start + self.region_size, start:start + self.region_size] = 1.0
            if (holes * (1.0 - inside)).any():
                raise ValueError(f"this ContextEncoder (mask='center') fills only the central "
                                 f"{self.region_size}x{self.region_size} square of its {self.image_size}x"
                                 f"{self.image_size} images; the masks have holes outside it")
        return ops.convert_to_tensor(holes)

    def sample(self, num_images=None, images=None, masks=None, seed=None):
        """`images` (`[N, S, S, C]` in [-1, 1]) with their holes filled by the sampling generator.

        Args:
            num_images: N, if given, must match `images`.
            images: the images to fill.
            masks: the holes, `[N, S, S]` or `[N, S, S, 1]`, nonzero where a pixel is
                missing; None draws the model's own policy with `seed` (the
                reference's fixed centre hole for `"center"`).
            seed: the seed of drawn random masks.
        """
        if images is None:
            raise ValueError("ContextEncoder fills the holes of images: pass images=[N, S, S, C] values")
        images = ops.convert_to_tensor(images, "float32")
        if num_images is not None and num_images != int(ops.shape(images)[0]):
            raise ValueError(f"num_images={num_images} but {int(ops.shape(images)[0])} images were given")
        holes = self.checked_holes(images, masks, seed)
        region = self.sampling_generator(self.masked(images, holes), training=False)
        return self.composed(images, holes, region)

    def preview_grid(self, seed=0, per_row=8, batch=None):
        """`(images, rows)`: per image of `batch` (up to `per_row`), its masked input, its filling, the original.

        The masks are the model's policy drawn with `seed`, so a run's grids show the same holes.
        """
        if batch is None or batch.get("images") is None:
            raise ValueError("a ContextEncoder preview fills the holes of real images: pass batch={'images': ...}")
        images = ops.convert_to_tensor(np.asarray(ops.convert_to_numpy(batch["images"]))[:per_row], "float32")
        holes = self.checked_holes(images, None, seed)
        filled = self.sample(images=images, masks=holes)
        return side_by_side(ops.convert_to_numpy(self.masked(images, holes)), ops.convert_to_numpy(filled),
                            ops.convert_to_numpy(images))
