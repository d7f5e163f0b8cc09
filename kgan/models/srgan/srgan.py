"""SRResNet and SRGAN (Ledig et al. 2017): single-image super-resolution with a content loss and an adversarial one."""
import keras
import numpy as np
from keras import ops

from kgan import losses
from kgan import model_arguments as rules
from kgan.engine import AdversarialModel, Player, Step
from kgan.models.srgan.networks import OUTPUT_SKIPS, PRELU_SHARED_AXES, build_srgan_discriminator, build_srresnet
from kgan.models.srgan.presets import PRESETS
from kgan.models.srgan.vgg_features import build_vgg54, caffe_input
from kgan.side_by_side import side_by_side
from kgan.tasks import Task, TensorSpec

CONTENT_LOSSES = ("mse", "vgg54")
SRRESNET_LOGS = ("g_loss", "content_loss")
#: the paper rescales the VGG feature maps by 1/12.75 "to obtain VGG losses of a scale comparable to the MSE loss".
VGG_SCALE = 1.0 / 12.75


def scale_rule(name, value):
    rules.power_of_two(minimum=2)(name, value)
    return value


def patch_rule(name, value):
    rules.count(minimum=16)(name, value)
    return value


def optional_step(name, value):
    return None if value is None else rules.count()(name, value)


def vgg_weights_rule(name, value):
    if value is not None and not isinstance(value, str):
        raise ValueError(f"{name} must be 'imagenet', a path to a weights file or None, got {value!r}")
    return value


@keras.saving.register_keras_serializable(package="kgan")
class SRGAN(AdversarialModel):
    """Upscales images by `scale`: the SRResNet generator, trained alone (MSE) or against a discriminator (SRGAN).

    Batches hold `low_res` `[N, p/scale, p/scale, C]` and `high_res` `[N, p, p, C]`
    crops in [-1, 1] (`p` = `patch_size`). The generator minimizes a content loss,
    `"mse"` (pixel MSE) or `"vgg54"` (MSE between VGG19 conv5_4 features, after
    the ReLU, of the upscaled and the true image, each scaled by 1/12.75), plus
    `adversarial_weight` times the non-saturating loss of the discriminator's
    logits. With `adversarial_weight=0` the model is SRResNet: no discriminator
    is built and each train step is one generator step. Otherwise the
    discriminator steps first on the detached fake (binary cross-entropy), then
    the generator through the same forward.

    VGG19 is a frozen network (`self.frozen_networks["content"]`): never trained,
    not saved in checkpoints or `.keras` files, rebuilt from `vgg_weights` when a
    model is loaded.

    Args:
        scale: the upscaling factor, 2, 4 or 8 (one pixel-shuffle x2 block each).
        channels: image channels.
        patch_size: side of the HR training crops (96); the discriminator's input size, a multiple of 16.
        generator_filters, residual_blocks: SRResNet's maps (64) and residual blocks (16).
        prelu: `"shared"` (one PReLU slope per layer) or `"per_channel"`.
        output_skip: `"none"` (the paper's tanh output) or `"bilinear"` (the output is the
            bilinearly enlarged input plus the last conv's, no parameters: the CPU presets).
        discriminator_filters: maps of the discriminator's first conv (64).
        content_loss: `"mse"` or `"vgg54"`.
        adversarial_weight: weight of the adversarial term (1e-3); 0 means SRResNet, no discriminator.
        vgg_weights: `"imagenet"` (Keras's VGG19 file, cached after one download), a path to
            that file, or None (random weights, for tests). Used only by `"vgg54"`.
        learning_rate, beta_1: Adam settings of `compile()`'s defaults (1e-4, 0.9).
        learning_rate_drop_step: if set, the default optimizers' rate falls to a tenth after
            this many of their steps (SRGAN: 10^5).

    Example:
    ```python
    srresnet = kgan.models.SRGAN.from_preset("srresnet_x4")
    srresnet.compile()
    srresnet.fit(low_res, high_res, batch_size=16, epochs=100)  # [N, 24, 24, 3] and [N, 96, 96, 3]
    big = srresnet.upscale(small)  # any [N, h, w, 3] -> [N, 4h, 4w, 3]
    ```

    Reference: Ledig et al., "Photo-Realistic Single Image Super-Resolution Using a
    Generative Adversarial Network", CVPR 2017.
    """

    presets = PRESETS
    log_names = ("d_loss", "g_loss", "content_loss", "g_adversarial")
    argument_checks = {
        "scale": scale_rule,
        "patch_size": patch_rule,
        "residual_blocks": rules.count(minimum=0),
        "prelu": rules.choice(tuple(PRELU_SHARED_AXES)),
        "output_skip": rules.choice(OUTPUT_SKIPS),
        "content_loss": rules.choice(CONTENT_LOSSES),
        "adversarial_weight": rules.non_negative_number,
        "vgg_weights": vgg_weights_rule,
        "learning_rate_drop_step": optional_step,
    }

    def __init__(self, scale=4, channels=3, patch_size=96, generator_filters=64, residual_blocks=16, prelu="shared",
                 output_skip="none", discriminator_filters=64, content_loss="vgg54", adversarial_weight=1e-3,
                 vgg_weights="imagenet", learning_rate=1e-4, beta_1=0.9, learning_rate_drop_step=None, **kwargs):
        super().__init__(**kwargs)
        if patch_size % scale:
            raise ValueError(f"patch_size must be a multiple of scale ({scale}), got {patch_size!r}")
        if adversarial_weight and patch_size % 16:
            raise ValueError(f"patch_size must be a multiple of 16 for the discriminator, got {patch_size!r}")
        self.scale = scale
        self.channels = channels
        self.patch_size = patch_size
        self.generator_filters = generator_filters
        self.residual_blocks = residual_blocks
        self.prelu = prelu
        self.output_skip = output_skip
        self.discriminator_filters = discriminator_filters
        self.content_loss = content_loss
        self.adversarial_weight = adversarial_weight
        self.vgg_weights = vgg_weights
        self.learning_rate = learning_rate
        self.beta_1 = beta_1
        self.learning_rate_drop_step = learning_rate_drop_step
        self.generator = build_srresnet(scale, channels, generator_filters, residual_blocks, prelu, output_skip)
        self.discriminator = None
        if adversarial_weight:
            self.discriminator = build_srgan_discriminator(patch_size, channels, discriminator_filters)
        else:  # SRResNet logs only what its one generator step reports
            self.log_names = SRRESNET_LOGS
            self.trackers = [tracker for tracker in self.trackers if tracker.name in SRRESNET_LOGS]
        if content_loss == "vgg54":
            if channels != 3:
                raise ValueError(f"content_loss='vgg54' needs RGB images (channels=3), got channels={channels!r}")
            self.frozen_networks.add("content", build_vgg54(vgg_weights))
        self.finish_networks()

    @property
    def network_names(self):
        return ("generator",) if self.discriminator is None else ("generator", "discriminator")

    @property
    def task(self):
        """Batches of (low_res, high_res) crops; sampling upscales given `low_res` images."""
        low, high = self.patch_size // self.scale, self.patch_size
        return Task({"low_res": TensorSpec((low, low, self.channels)),
                     "high_res": TensorSpec((high, high, self.channels))},
                    conditioning=("low_res",), output="high_res")

    def training_schedule(self):
        generator_step = Step(Player("generator", [self.generator]), self.generator_loss, through_fake=True)
        if self.discriminator is None:
            return [generator_step]
        return [Step(Player("discriminator", [self.discriminator]), self.discriminator_loss), generator_step]

    def default_optimizers(self):
        rate = self.learning_rate
        if self.learning_rate_drop_step is not None:
            rate = keras.optimizers.schedules.PiecewiseConstantDecay(
                [self.learning_rate_drop_step], [self.learning_rate, self.learning_rate / 10])
        names = ("generator",) if self.discriminator is None else ("discriminator", "generator")
        return {name: keras.optimizers.Adam(rate, beta_1=self.beta_1) for name in names}

    # --- the step ---
    def generator_forward(self, batch):
        return self.generator(batch["low_res"], training=True)  # [N, p, p, C]

    def discriminator_loss(self, batch, fake_images):
        real_logits = self.discriminator(batch["high_res"], training=True)  # [N, 1]
        fake_logits = self.discriminator(fake_images, training=True)  # [N, 1]
        d_loss = losses.minimax_discriminator_loss(real_logits, fake_logits)
        return d_loss, {"d_loss": d_loss}

    def content(self, fake_images, real_images):
        """The content loss of `fake_images` against `real_images`, float32."""
        fake, real = ops.cast(fake_images, "float32"), ops.cast(real_images, "float32")
        if self.content_loss == "mse":
            return ops.mean(ops.square(fake - real))
        vgg = self.frozen_networks["content"]
        fake_features = ops.cast(vgg(caffe_input(fake), training=False), "float32") * VGG_SCALE
        real_features = ops.stop_gradient(ops.cast(vgg(caffe_input(real), training=False), "float32")) * VGG_SCALE
        return ops.mean(ops.square(fake_features - real_features))

    def generator_loss(self, batch, fake_images):
        content_loss = self.content(fake_images, batch["high_res"])
        if self.discriminator is None:
            return content_loss, {"g_loss": content_loss, "content_loss": content_loss}
        g_adversarial = losses.non_saturating_generator_loss(self.discriminator(fake_images, training=True))
        g_loss = content_loss + self.adversarial_weight * g_adversarial
        return g_loss, {"g_loss": g_loss, "content_loss": content_loss, "g_adversarial": g_adversarial}

    # --- using it ---
    def upscale(self, images):
        """`[N, h, w, C]` in [-1, 1], any h and w -> `[N, scale * h, scale * w, C]` (the EMA generator if any)."""
        images = ops.convert_to_tensor(images, "float32")
        shape = tuple(images.shape)
        if len(shape) != 4 or shape[-1] != self.channels:
            raise ValueError(f"upscale needs images of shape [N, h, w, {self.channels}], got {list(shape)}")
        return self.sampling_generator(images, training=False)

    def sample(self, num_images=None, seed=None, low_res=None):
        """HR images `[N, p, p, C]` upscaled from `low_res`; nothing is random (`seed` is for the common signature)."""
        if low_res is None:
            raise ValueError("SRGAN upscales images: pass low_res=[N, h, w, C] values in [-1, 1]")
        if num_images is not None and num_images != len(low_res):
            raise ValueError(f"num_images={num_images} but {len(low_res)} low_res images were given")
        return self.upscale(low_res)

    def preview_grid(self, seed=0, per_row=8, batch=None):
        """`(images, rows)`: per example of `batch`, its LR input enlarged (nearest), the upscaled image and the HR truth."""
        if batch is None or "low_res" not in batch:
            raise ValueError("SRGAN's preview grid upscales real examples: it needs a batch holding 'low_res' "
                             "(and 'high_res') images")
        low = np.asarray(ops.convert_to_numpy(batch["low_res"]), "float32")[:per_row]
        columns = [low.repeat(self.scale, axis=1).repeat(self.scale, axis=2),
                   np.asarray(ops.convert_to_numpy(self.upscale(low)), "float32")]
        if batch.get("high_res") is not None:
            columns.append(np.asarray(ops.convert_to_numpy(batch["high_res"]), "float32")[:per_row])
        return side_by_side(*columns)
