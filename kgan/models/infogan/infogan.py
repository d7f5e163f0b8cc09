"""InfoGAN (Chen et al. 2016): a GAN that maximizes the mutual information between latent codes and images."""
import math

import keras
import numpy as np
from keras import ops

from kgan import losses
from kgan import model_arguments as rules
from kgan.engine import AdversarialModel, Player, Step
from kgan.models.infogan.networks import build_discriminator, build_generator, build_q_head
from kgan.models.infogan.presets import PRESETS
from kgan.tasks import Task, TensorSpec

HALF_LOG_TWO_PI = 0.5 * math.log(2.0 * math.pi)


def mutual_information_loss(categorical_logits, continuous_means, categorical, continuous):
    """Q's negative log-likelihood of the codes the generator was given, averaged over the batch.

    Minimizing it maximizes the variational lower bound on I(c; G(z, c)) (the
    bound is the codes' prior entropy, a constant, minus this loss). The
    categorical part is the cross-entropy of Q's logits against the one-hot code;
    the continuous part is a factored Gaussian with unit standard deviation,
    `0.5 * (c - mean)^2 + 0.5 * log(2 pi)` summed over the codes.

    Args:
        categorical_logits: `[N, K]` Q's logits for the categorical code.
        continuous_means: `[N, C]` Q's means for the continuous codes.
        categorical: `[N, K]` the sampled one-hot categorical code.
        continuous: `[N, C]` the sampled continuous codes.
    """
    logits, means, one_hot, codes = (ops.cast(t, "float32") for t in
                                     (categorical_logits, continuous_means, categorical, continuous))
    cross_entropy = -ops.sum(one_hot * ops.log_softmax(logits, axis=-1), axis=-1)  # [N]
    gaussian_nll = ops.sum(0.5 * ops.square(codes - means) + HALF_LOG_TWO_PI, axis=-1)  # [N]
    return ops.mean(cross_entropy + gaussian_nll)


@keras.saving.register_keras_serializable(package="kgan")
class InfoGAN(AdversarialModel):
    """InfoGAN: a DCGAN-style GAN whose generator is rewarded for codes that an auxiliary Q head can recover.

    The generator input is `[noise, one-hot categorical code, continuous codes]`,
    with noise ~ N(0, 1) and continuous codes ~ U(-1, 1). Q shares the
    discriminator's trunk and is trained with the discriminator player; both
    players add `mi_weight` times `mutual_information_loss` on the fakes.
    Logged `d_loss` and `g_loss` are the adversarial terms alone; `mi_loss` is the
    information term (the discriminator step's value).

    Args:
        image_shape: `(H, W, C)` of the images, in [-1, 1]; H and W divisible by
            `2 ** len(generator_filters)`.
        noise_dim: size of the incompressible noise `z`.
        num_categories: size of the categorical code.
        num_continuous: number of continuous codes.
        generator_units: width of the generator's first dense layer.
        generator_filters: depth of the reshaped map, then of each stride-2
            transposed convolution before the last (which makes the image).
        discriminator_filters: widths of the discriminator's stride-2 convolutions.
        discriminator_units: width of the shared trunk's dense feature layer.
        q_units: width of the Q head's hidden layer.
        mi_weight: lambda, the weight of the information term for both players.
        generator_learning_rate, discriminator_learning_rate, beta_1: Adam
            settings of `compile()`'s defaults (the discriminator's also trains Q).

    Example:
    ```python
    model = kgan.models.InfoGAN.from_preset("infogan_mnist")
    model.compile()
    model.fit(images, batch_size=128, epochs=50)
    digits = model.sample(categorical=list(range(10)), continuous=[0.0, 0.0], seed=1)
    ```

    Reference: Chen et al., "InfoGAN: Interpretable Representation Learning by
    Information Maximizing Generative Adversarial Nets", NeurIPS 2016; openai/InfoGAN.
    """

    presets = PRESETS
    log_names = ("d_loss", "g_loss", "mi_loss")
    network_names = ("generator", "discriminator", "q_head")
    argument_checks = {"noise_dim": rules.count(minimum=0), "num_categories": rules.count(),
                       "num_continuous": rules.count(minimum=0), "generator_units": rules.count(),
                       "generator_filters": rules.counts(minimum_length=1), "discriminator_filters": rules.counts(),
                       "discriminator_units": rules.count(), "q_units": rules.count(),
                       "mi_weight": rules.non_negative_number}

    def __init__(self, image_shape=(28, 28, 1), noise_dim=62, num_categories=10, num_continuous=2,
                 generator_units=1024, generator_filters=(128, 64), discriminator_filters=(64, 128),
                 discriminator_units=1024, q_units=128, mi_weight=1.0, generator_learning_rate=1e-3,
                 discriminator_learning_rate=2e-4, beta_1=0.5, **kwargs):
        super().__init__(**kwargs)
        scale = 2 ** len(generator_filters)
        if image_shape[0] % scale or image_shape[1] % scale:
            raise ValueError(f"image_shape {tuple(image_shape)} must have H and W divisible by {scale} "
                             f"(2 ** len(generator_filters)).")
        self.image_shape = tuple(image_shape)
        self.noise_dim = noise_dim
        self.num_categories = num_categories
        self.num_continuous = num_continuous
        self.generator_units = generator_units
        self.generator_filters = tuple(generator_filters)
        self.discriminator_filters = tuple(discriminator_filters)
        self.discriminator_units = discriminator_units
        self.q_units = q_units
        self.mi_weight = mi_weight
        self.generator_learning_rate = generator_learning_rate
        self.discriminator_learning_rate = discriminator_learning_rate
        self.beta_1 = beta_1
        self.generator = build_generator(self.image_shape, self.latent_dim, generator_units, self.generator_filters)
        self.discriminator = build_discriminator(self.image_shape, self.discriminator_filters, discriminator_units)
        self.q_head = build_q_head(discriminator_units, q_units, self.num_categories, self.num_continuous)
        self.finish_networks()

    @property
    def task(self):
        """Batches of images alone; the codes are drawn by the model, not read from the data."""
        return Task({"images": TensorSpec(self.image_shape)})

    def preview_grid(self, seed=0, per_row=8, batch=None):
        """`(images, rows)`: one row of `per_row` samples per value of the categorical code."""
        images = self.sample(categorical=np.repeat(np.arange(self.num_categories), per_row), seed=seed)
        return np.asarray(ops.convert_to_numpy(images), "float32"), self.num_categories

    @property
    def latent_dim(self):
        return self.noise_dim + self.num_categories + self.num_continuous

    # --- the game ---
    def training_schedule(self):
        return [Step(Player("discriminator", [self.discriminator, self.q_head]), self.discriminator_loss),
                Step(Player("generator", [self.generator]), self.generator_loss, through_fake=True)]

    def default_optimizers(self):
        return {
            "discriminator": keras.optimizers.Adam(self.discriminator_learning_rate, beta_1=self.beta_1),
            "generator": keras.optimizers.Adam(self.generator_learning_rate, beta_1=self.beta_1),
        }

    def generator_forward(self, batch):
        count = ops.shape(batch["images"])[0]
        noise = keras.random.normal((count, self.noise_dim), seed=self.seed_generator)
        labels = keras.random.randint((count,), 0, self.num_categories, seed=self.seed_generator)
        categorical = ops.one_hot(labels, self.num_categories, dtype="float32")  # [N, K]
        continuous = keras.random.uniform((count, self.num_continuous), -1.0, 1.0, seed=self.seed_generator)
        z = ops.concatenate([noise, categorical, continuous], axis=-1)  # [N, latent_dim]
        fake_images = self.generator(z, training=True)
        return {"images": fake_images, "categorical": categorical, "continuous": continuous}

    def information_loss(self, features, fake):
        """`mutual_information_loss` of Q's outputs on the fakes' trunk features."""
        q_outputs = self.q_head(features, training=True)  # [N, K + C]
        logits, means = q_outputs[:, : self.num_categories], q_outputs[:, self.num_categories:]
        return mutual_information_loss(logits, means, fake["categorical"], fake["continuous"])

    def discriminator_loss(self, batch, fake):
        real_logits, _ = self.discriminator(batch["images"], training=True)
        fake_logits, fake_features = self.discriminator(fake["images"], training=True)
        d_loss = losses.minimax_discriminator_loss(real_logits, fake_logits)
        mi_loss = self.information_loss(fake_features, fake)
        return d_loss + self.mi_weight * mi_loss, {"d_loss": d_loss, "mi_loss": mi_loss}

    def generator_loss(self, batch, fake):
        fake_logits, fake_features = self.discriminator(fake["images"], training=True)
        g_loss = losses.non_saturating_generator_loss(fake_logits)
        mi_loss = self.information_loss(fake_features, fake)
        return g_loss + self.mi_weight * mi_loss, {"g_loss": g_loss}

    # --- using a trained model ---
    def latent(self, num_images=None, categorical=None, continuous=None, noise=None, seed=None):
        """The generator input `[N, latent_dim]`, with any of the codes or the noise fixed.

        Args:
            num_images: N; may be left out when a per-image argument fixes it.
            categorical: an int category for every image, or one int per image.
            continuous: `[num_continuous]` codes for every image, or `[N, num_continuous]`
                (the paper sweeps a code over [-2, 2] with the rest fixed).
            noise: `[noise_dim]` for every image, or `[N, noise_dim]`.
            seed: seed of what is left random (noise ~ N(0, 1), codes from their priors).
        """
        categorical = _as_array(categorical, "categorical", integer=True)
        continuous = _as_array(continuous, "continuous")
        noise = _as_array(noise, "noise")
        count = _image_count(num_images, categorical=categorical, continuous=continuous, noise=noise)
        rng = keras.random.SeedGenerator(seed) if seed is not None else None

        if categorical is None:
            labels = keras.random.randint((count,), 0, self.num_categories, seed=rng)
        else:
            if np.any(categorical < 0) or np.any(categorical >= self.num_categories):
                raise ValueError(f"categorical values must be in [0, {self.num_categories}), "
                                 f"got {categorical.min()}..{categorical.max()}.")
            labels = np.broadcast_to(categorical, (count,))
        parts = [
            self._fixed_or_random(noise, "noise", count, self.noise_dim,
                                  lambda shape: keras.random.normal(shape, seed=rng)),
            ops.one_hot(ops.convert_to_tensor(labels, "int32"), self.num_categories, dtype="float32"),
            self._fixed_or_random(continuous, "continuous", count, self.num_continuous,
                                  lambda shape: keras.random.uniform(shape, -1.0, 1.0, seed=rng)),
        ]
        return ops.concatenate(parts, axis=-1)  # [N, latent_dim]

    @staticmethod
    def _fixed_or_random(values, name, count, dim, draw):
        if values is None:
            return ops.cast(draw((count, dim)), "float32")
        if values.shape[-1] != dim:
            raise ValueError(f"{name} must have {dim} values per image, got shape {values.shape}.")
        return ops.convert_to_tensor(np.broadcast_to(values, (count, dim)).astype("float32"))

    def sample(self, num_images=None, categorical=None, continuous=None, seed=None, noise=None):
        """Images in [-1, 1] from the sampling generator, with any codes fixed; see `latent`.

        Example: `model.sample(10, categorical=3, continuous=[[v, 0.0] for v in np.linspace(-2, 2, 10)])`.
        """
        z = self.latent(num_images, categorical=categorical, continuous=continuous, noise=noise, seed=seed)
        return self.sampling_generator(z, training=False)

    def predict_codes(self, images):
        """Q's inference on images: `{"categorical": [N, K] probabilities, "continuous": [N, C] means}`."""
        _, features = self.discriminator(images, training=False)
        q_outputs = self.q_head(features, training=False)
        return {"categorical": ops.softmax(q_outputs[:, : self.num_categories], axis=-1),
                "continuous": q_outputs[:, self.num_categories:]}



def _as_array(values, name, integer=False):
    if values is None:
        return None
    array = np.asarray(values)
    if integer:
        if not np.issubdtype(array.dtype, np.integer):
            raise ValueError(f"{name} must be an int or a sequence of ints, got dtype {array.dtype}.")
        if array.ndim > 1:
            raise ValueError(f"{name} must be an int or a 1-D sequence of ints, got shape {array.shape}.")
        return array
    if not np.issubdtype(array.dtype, np.number):
        raise ValueError(f"{name} must be numbers, got dtype {array.dtype}.")
    if array.ndim not in (1, 2):
        raise ValueError(f"{name} must be 1-D (shared by every image) or 2-D (one row per image), "
                         f"got shape {array.shape}.")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite.")
    return array


def _image_count(num_images, **per_image):
    """N from `num_images` and the arguments that give one row per image; they must agree."""
    sizes = {name: len(array) for name, array in per_image.items()
             if array is not None and array.ndim == (1 if name == "categorical" else 2)}
    if num_images is not None:
        if isinstance(num_images, bool) or not isinstance(num_images, (int, np.integer)) or num_images < 1:
            raise ValueError(f"num_images must be a positive int, got {num_images!r}.")
        sizes = {"num_images": int(num_images), **sizes}
    if not sizes:
        raise ValueError("sample needs num_images, or a per-image categorical, continuous or noise.")
    if len(set(sizes.values())) > 1:
        raise ValueError(f"Inconsistent numbers of images: {sizes}.")
    return next(iter(sizes.values()))
