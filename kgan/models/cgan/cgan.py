"""Conditional GAN (Mirza & Osindero 2014): the class label goes into G and D."""
import keras
import numpy as np
from keras import ops

from kgan import model_arguments as rules
from kgan.checks import check_int
from kgan.engine import AdversarialModel
from kgan.models.cgan import networks
from kgan.models.cgan.presets import PRESETS
from kgan.models.momentum_ramp_sgd import MomentumRampSGD
from kgan.models.standard_game import GENERATOR_LOSSES, StandardGame
from kgan.tasks import Task, TensorSpec

ARCHITECTURES = ("mlp", "conv")
OPTIMIZERS = ("adam", "sgd")
# Mirza & Osindero 2014, section 4.1: lr 0.1 "exponentially decreased down to .000001 with decay
# factor of 1.00004", momentum "initial value of .5 which was increased up to 0.7".
PAPER_SGD = {"decay_factor": 1.00004, "min_learning_rate": 1e-6, "initial_momentum": 0.5, "final_momentum": 0.7}


@keras.saving.register_keras_serializable(package="kgan")
class CGAN(StandardGame, AdversarialModel):
    """Class-conditional GAN: `G(z, y)` and `D(x, y)`, with `y` a one-hot class label.

    Trains on `fit(images, labels)` with integer labels of shape `[N]` or `[N, 1]`.
    Each batch's fakes are drawn for that batch's real labels, so the real and
    fake halves of the discriminator step share one label distribution.
    Both networks take `[input, one_hot_labels]`.

    Args:
        image_shape: `(H, W, C)` of the images, in [-1, 1].
        num_classes: number of classes; labels are integers in `[0, num_classes)`.
        latent_dim: size of the Gaussian noise `z`.
        architecture: `"mlp"` (the paper's fully connected nets) or `"conv"`
            (a DCGAN-style pair; square images of size 8, 16, 32, ...).
        generator_units: `"mlp"`: widths of G's noise branch, label branch and
            joint ReLU layer.
        discriminator_units: `"mlp"`: maxout units of D's image branch, label
            branch and joint layer.
        maxout_pieces: `"mlp"`: linear pieces per maxout unit, per D layer.
        dropout: `"mlp"`: dropout rate on the hidden layers of G and D.
        generator_filters: `"conv"`: G's width at 4x4, halved at each upsampling.
        discriminator_filters: `"conv"`: D's first width, doubled at each
            downsampling.
        generator_loss: `"non_saturating"` or `"minimax"`; D uses the minimax loss.
        optimizer: `compile()`'s default for G and D: `"adam"` (Adam with
            `learning_rate` and `beta_1`) or `"sgd"` (the paper's: `MomentumRampSGD`
            from `learning_rate`, decayed by 1.00004 per step down to 1e-6, with
            momentum rising from 0.5 to 0.7 over `momentum_steps` steps).
        learning_rate, beta_1: the default optimizers' settings (`beta_1`: Adam only).
        momentum_steps: `"sgd"`: steps of the momentum ramp (default: 250 epochs
            of `digits` at batch 100; the paper does not give its length).

    Example:
    ```python
    cgan = kgan.models.CGAN.from_preset("cgan_32")
    cgan.compile()
    cgan.fit(images, labels, batch_size=64, epochs=30)
    sevens = cgan.sample(labels=[7] * 8)  # [8, 32, 32, 1]
    ```

    Reference: Mirza & Osindero, "Conditional Generative Adversarial Nets",
    arXiv:1411.1784, 2014.
    """

    presets = PRESETS
    argument_checks = {
        "num_classes": rules.count(minimum=2),
        "architecture": rules.choice(ARCHITECTURES),
        "generator_units": rules.counts(length=3),
        "discriminator_units": rules.counts(length=3),
        "maxout_pieces": rules.count_or_counts(length=3),
        "generator_loss": rules.choice(GENERATOR_LOSSES),
        "optimizer": rules.choice(OPTIMIZERS),
        "momentum_steps": rules.count(),
    }

    def __init__(self, image_shape=(32, 32, 1), num_classes=10, latent_dim=100, architecture="conv",
                 generator_units=(200, 1000, 1200), discriminator_units=(240, 50, 240), maxout_pieces=(5, 5, 4),
                 dropout=0.5, generator_filters=128, discriminator_filters=32, generator_loss="non_saturating",
                 optimizer="adam", learning_rate=2e-4, beta_1=0.5, momentum_steps=4250, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(maxout_pieces, (list, tuple)):  # one count for every maxout layer (checked)
            maxout_pieces = (maxout_pieces,) * 3
        self.image_shape = tuple(image_shape)
        self.num_classes = num_classes
        self.latent_dim = latent_dim
        self.architecture = architecture
        self.generator_units = tuple(generator_units)
        self.discriminator_units = tuple(discriminator_units)
        self.maxout_pieces = tuple(maxout_pieces)
        self.dropout = dropout
        self.generator_filters = generator_filters
        self.discriminator_filters = discriminator_filters
        self.generator_loss_name = generator_loss
        self.optimizer_name = optimizer
        self.learning_rate = learning_rate
        self.beta_1 = beta_1
        self.momentum_steps = momentum_steps
        if architecture == "mlp":
            self.generator = networks.build_mlp_generator(
                self.image_shape, self.num_classes, latent_dim, self.generator_units, dropout)
            self.discriminator = networks.build_mlp_discriminator(
                self.image_shape, self.num_classes, self.discriminator_units, self.maxout_pieces, dropout)
        else:
            self.generator = networks.build_conv_generator(
                self.image_shape, self.num_classes, latent_dim, generator_filters)
            self.discriminator = networks.build_conv_discriminator(
                self.image_shape, self.num_classes, discriminator_filters)
        self.finish_networks()

    def default_optimizers(self):
        if self.optimizer_name == "adam":
            return super().default_optimizers()
        return {name: MomentumRampSGD(self.learning_rate, momentum_steps=self.momentum_steps, **PAPER_SGD)
                for name in ("discriminator", "generator")}

    @property
    def task(self):
        """Batches of images with their class labels; sampling takes the labels."""
        return Task({"images": TensorSpec(self.image_shape),
                     "labels": TensorSpec((), "int32", num_classes=self.num_classes)}, conditioning=("labels",))

    def preview_grid(self, seed=0, per_row=8, batch=None):
        """`(images, rows)`: one row of `per_row` samples per class, from one fixed latent batch."""
        images = self.sample(labels=np.repeat(np.arange(self.num_classes), per_row), seed=seed)
        return np.asarray(ops.convert_to_numpy(images), "float32"), self.num_classes

    def one_hot(self, labels):
        labels = ops.reshape(ops.cast(labels, "int32"), (-1,))  # [N]
        return ops.one_hot(labels, self.num_classes)  # [N, K]

    def generator_forward(self, batch):
        y = self.one_hot(batch["labels"])
        z = keras.random.normal((ops.shape(batch["images"])[0], self.latent_dim), seed=self.seed_generator)
        return self.generator([z, y], training=True)

    def discriminate(self, batch, images):
        # Real images and the fakes generated for them share the batch's labels.
        return self.discriminator([images, self.one_hot(batch["labels"])], training=True)  # [N, 1]

    def sample(self, num_images=None, labels=None, seed=None):
        """Images in [-1, 1] for the integer `labels`, or `num_images` with labels spread evenly.

        With `num_images` alone, labels run in blocks (0, 0, ..., 1, 1, ...), so a
        grid of `num_classes` rows shows one class per row.
        """
        labels = self.check_labels(num_images, labels)
        z = keras.random.normal((len(labels), self.latent_dim), seed=seed)
        return self.sampling_generator([z, self.one_hot(labels)], training=False)

    def check_labels(self, num_images, labels):
        """Integer labels as a numpy array; a ValueError names any label out of range."""
        if labels is None:
            if num_images is None:
                raise ValueError("sample() needs labels or a positive num_images, got num_images=None.")
            check_int("num_images", num_images)
            return np.arange(num_images) * self.num_classes // num_images
        labels = np.asarray(ops.convert_to_numpy(labels)).reshape(-1)
        if not (np.issubdtype(labels.dtype, np.integer) or np.issubdtype(labels.dtype, np.floating)):
            raise ValueError(f"Labels must be integers, got dtype {labels.dtype}.")
        for label in labels:
            if not (np.isfinite(label) and label == np.floor(label) and 0 <= label < self.num_classes):
                raise ValueError(f"Label {label} is not a class of this CGAN: labels are integers "
                                 f"in [0, {self.num_classes}).")
        if num_images is not None:
            check_int("num_images", num_images)
        if num_images is not None and num_images != len(labels):
            raise ValueError(f"num_images={num_images} but {len(labels)} labels were given.")
        return labels.astype("int32")

