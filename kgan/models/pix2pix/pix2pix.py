"""Pix2Pix (Isola et al. 2017): paired image-to-image translation with a U-Net and a conditional PatchGAN."""
import keras
import numpy as np
from keras import ops

from kgan import losses
from kgan import model_arguments as rules
from kgan.checks import check_int
from kgan.engine import AdversarialModel
from kgan.layers.sampling_dropout import SamplingDropout
from kgan.models.patch_discriminator import build_patch_discriminator, check_depth_fits
from kgan.models.pix2pix.networks import build_unet_generator
from kgan.models.pix2pix.presets import PRESETS
from kgan.models.standard_game import StandardGame
from kgan.side_by_side import side_by_side
from kgan.tasks import Task, TensorSpec


def patch_layers(name, value):
    """The PatchGAN's stride-2 convs: an integer in 1..5."""
    check_int(name, value, 1, maximum=5)
    return value


@keras.saving.register_keras_serializable(package="kgan")
class Pix2Pix(StandardGame, AdversarialModel):
    """Paired translation `source -> target`: a U-Net G and a PatchGAN D that sees (source, image) pairs.

    Trains on `fit(source, target)` (or dicts with those keys), both `[N, S, S, C]`
    in [-1, 1]. Each train step runs the generator once: the discriminator steps
    first on the detached fake, then the generator steps through the same fake,
    scored by the updated D, as the reference does. D minimizes half the binary
    cross-entropy of its logits on `concat(source, target)` (real) and
    `concat(source, fake)` (fake), each pair its own batch; G minimizes the
    non-saturating loss of D's logits on its fakes plus `l1_weight * mean|fake - target|`.

    There is no noise input: dropout in the U-Net decoder is the only noise. It is
    always on in training. At sampling, BatchNorm uses its moving statistics (the
    reference, run without `--eval`, normalizes with the test batch's own
    statistics instead), and dropout is on iff `inference_dropout` (the reference
    keeps it on), or as `sample(..., dropout=...)` says. Export traces the sampling
    generator in the mode the model was built with: with `inference_dropout=True`
    an exported model draws new dropout masks on each call.

    The U-Net is fully convolutional: `translate(images)` takes sources of any
    sides that are multiples of `image_size` (`size_multiple`), e.g. 512x768 for a
    256 model; `kgan translate` pads other sizes by reflection and crops back.

    Args:
        image_size: side of the square training images, a power of two >= 8; the
            U-Net downsamples `log2(image_size)` times, to a 1x1 bottleneck (8 for 256).
        source_channels: channels of the source images (1 for colorization's grey input).
        target_channels: channels of the target images (3 for RGB).
        generator_filters: maps of the U-Net's first conv (`ngf`); each level doubles them up to 8x.
        discriminator_filters: maps of the PatchGAN's first conv (`ndf`).
        n_layers: stride-2 convs of the PatchGAN, 1-5 (3: 70x70 patches).
        l1_weight: weight of the L1 term in G's loss (the reference's lambda_L1, 100).
        dropout: rate of the decoder's dropout (0.5).
        inference_dropout: keep dropout on at sampling and in exported models.
        learning_rate, beta_1: Adam settings of `compile()`'s defaults.

    Example:
    ```python
    model = kgan.models.Pix2Pix.from_preset("pix2pix_64")  # grey 64x64 -> RGB
    model.compile()
    model.fit(grey, colour, batch_size=16, epochs=10)
    colour_guess = model.sample(source=grey[:8])  # [8, 64, 64, 3]
    ```

    Reference: Isola et al., "Image-to-Image Translation with Conditional Adversarial
    Networks", CVPR 2017; junyanz/pytorch-CycleGAN-and-pix2pix (`unet_256`, `basic` D).
    """

    presets = PRESETS
    log_names = ("d_loss", "g_loss", "g_gan", "g_l1")
    argument_checks = {
        "image_size": rules.power_of_two(minimum=8),
        "source_channels": rules.count(),
        "target_channels": rules.count(),
        "n_layers": patch_layers,
        "l1_weight": rules.non_negative_number,
        "inference_dropout": rules.flag,
    }

    def __init__(self, image_size=256, source_channels=3, target_channels=3, generator_filters=64,
                 discriminator_filters=64, n_layers=3, l1_weight=100.0, dropout=0.5, inference_dropout=False,
                 learning_rate=2e-4, beta_1=0.5, **kwargs):
        super().__init__(**kwargs)
        check_depth_fits(image_size, n_layers)
        self.image_size = image_size
        self.source_channels = source_channels
        self.target_channels = target_channels
        self.generator_filters = generator_filters
        self.discriminator_filters = discriminator_filters
        self.n_layers = n_layers
        self.l1_weight = l1_weight
        self.dropout = dropout
        self.inference_dropout = inference_dropout
        self.learning_rate = learning_rate
        self.beta_1 = beta_1
        self.generator = build_unet_generator(image_size, source_channels, target_channels, generator_filters,
                                              dropout, inference_dropout)
        self.discriminator = build_patch_discriminator(
            (image_size, image_size, source_channels + target_channels), discriminator_filters, n_layers)
        self.finish_networks()

    @property
    def task(self):
        """Batches of (source, target) image pairs; sampling translates given sources."""
        size = self.image_size
        return Task({"source": TensorSpec((size, size, self.source_channels)),
                     "target": TensorSpec((size, size, self.target_channels))},
                    conditioning=("source",), output="target")

    def generator_forward(self, batch):
        return self.generator(batch["source"], training=True)  # [N, S, S, target_channels]

    def discriminate(self, batch, images):
        pairs = ops.concatenate([ops.cast(batch["source"], images.dtype), images], axis=-1)  # [N, S, S, Cs + Ct]
        return self.discriminator(pairs, training=True)  # [N, S', S', 1] patch logits

    def discriminator_loss(self, batch, fake_images):
        real_logits = self.discriminate(batch, batch["target"])
        fake_logits = self.discriminate(batch, fake_images)
        # The reference halves D's loss, which slows D relative to G.
        d_loss = 0.5 * losses.minimax_discriminator_loss(real_logits, fake_logits)
        return d_loss, {"d_loss": d_loss}

    def generator_loss(self, batch, fake_images):
        g_gan = losses.non_saturating_generator_loss(self.discriminate(batch, fake_images))
        target = ops.cast(batch["target"], "float32")
        g_l1 = ops.mean(ops.abs(ops.cast(fake_images, "float32") - target))
        g_loss = g_gan + self.l1_weight * g_l1
        return g_loss, {"g_loss": g_loss, "g_gan": g_gan, "g_l1": g_l1}

    # --- translating ---
    #: what `translate` and `kgan translate` take: source to target only (there is no inverse generator).
    translation_directions = ("AtoB",)

    @property
    def size_multiple(self):
        """`translate` takes sides that are multiples of this: `image_size`, `2**levels` of the U-Net."""
        return self.image_size

    @property
    def minimum_size(self):
        """The smallest side `translate` takes: one bottleneck pixel, `image_size`."""
        return self.image_size

    def translation_channels(self, direction="AtoB"):
        """(source, target) channels of `translate(images, direction)`."""
        self._check_direction(direction)
        return self.source_channels, self.target_channels

    def _check_direction(self, direction):
        if direction not in self.translation_directions:
            raise ValueError(f"Pix2Pix translates source to target only: direction must be one of "
                             f"{', '.join(self.translation_directions)}, got {direction!r}")

    def translate(self, images, direction="AtoB", dropout=None, seed=None):
        """Target images `[N, H, W, target_channels]` in [-1, 1] from source images `[N, H, W, source_channels]`.

        The U-Net is fully convolutional: H and W may be any multiples of
        `size_multiple` (the training size). It runs the sampling generator (the EMA
        copy when there is one) with dropout as `sample` says.
        """
        self._check_direction(direction)
        images = np.asarray(ops.convert_to_numpy(images), "float32")
        multiple = self.size_multiple
        if images.ndim != 4 or images.shape[-1] != self.source_channels or any(
                side % multiple or side < self.minimum_size for side in images.shape[1:3]):
            raise ValueError(f"Pix2Pix.translate needs images of shape [N, H, W, {self.source_channels}] with H and W "
                             f"multiples of {multiple}, got {list(images.shape)}")
        return self._generate(images, dropout, seed)

    def _generate(self, source, dropout, seed):
        active = self.inference_dropout if dropout is None else bool(dropout)
        with SamplingDropout.mode(self.sampling_generator, active, seed):
            return self.sampling_generator(ops.convert_to_tensor(source), training=False)

    def sample(self, num_images=None, seed=None, source=None, dropout=None):
        """Target images in [-1, 1], `[N, S, S, target_channels]`, translated from `source` `[N, S, S, source_channels]`.

        `dropout`: keep the decoder's dropout on (the default is `inference_dropout`);
        then `seed` fixes the masks (None: new masks each call). Without dropout the
        output depends on `source` alone.
        """
        if source is None:
            raise ValueError(f"Pix2Pix translates images: pass source=[N, {self.image_size}, {self.image_size}, "
                             f"{self.source_channels}] values.")
        source = np.asarray(ops.convert_to_numpy(source), "float32")
        if num_images is not None and num_images != source.shape[0]:
            raise ValueError(f"num_images={num_images} but {source.shape[0]} source images were given.")
        return self._generate(source, dropout, seed)

    def preview_grid(self, seed=0, per_row=8, batch=None):
        """`(images, rows)`: up to `per_row` examples of `batch`, each row its source, output and target."""
        if batch is None or "source" not in batch:
            raise ValueError("Pix2Pix's preview grid shows translations of real examples: it needs a batch "
                             "holding 'source' (and 'target') images.")
        source = np.asarray(ops.convert_to_numpy(batch["source"]), "float32")[:per_row]
        columns = [source, np.asarray(ops.convert_to_numpy(self.sample(source=source, seed=seed)), "float32")]
        if batch.get("target") is not None:
            columns.append(np.asarray(ops.convert_to_numpy(batch["target"]), "float32")[:per_row])
        return side_by_side(*columns)
