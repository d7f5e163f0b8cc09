"""InfoGAN networks (Chen et al. 2016, openai/InfoGAN MNIST): DCGAN-style G, D with a shared trunk, Q head."""
import math

import keras
from keras import layers


# The reference initializes weights from N(0, 0.02) and BatchNorm scales from N(1, 0.02). A new
# initializer per layer: one made at import would give every layer the same seed, fixed at import.
def _kernel_init():
    return keras.initializers.RandomNormal(stddev=0.02)


def _gamma_init():
    return keras.initializers.RandomNormal(mean=1.0, stddev=0.02)


LEAK = 0.1  # the paper's appendix; the released code uses 0.01


def _batch_norm(name):
    # The reference's moving averages decay by 0.9, with epsilon 1e-5.
    return layers.BatchNormalization(momentum=0.9, epsilon=1e-5, gamma_initializer=_gamma_init(), name=name)


def build_generator(image_shape, latent_dim, units, filters):
    """`latent_dim` -> images in [-1, 1]; each of `filters` but the first is a stride-2 upsampling."""
    height, width, channels = image_shape
    scale = 2 ** len(filters)
    z = keras.Input((latent_dim,), name="z")
    x = layers.Dense(units, kernel_initializer=_kernel_init(), name="dense_1")(z)
    x = layers.ReLU()(_batch_norm("bn_1")(x))
    start = (height // scale, width // scale, filters[0])
    x = layers.Dense(math.prod(start), kernel_initializer=_kernel_init(), name="dense_2")(x)
    x = layers.ReLU()(_batch_norm("bn_2")(x))
    x = layers.Reshape(start)(x)  # [N, H/s, W/s, F0]
    for i, width_ in enumerate(filters[1:]):
        x = layers.Conv2DTranspose(width_, 4, strides=2, padding="same", kernel_initializer=_kernel_init(),
                                   name=f"deconv_{i + 1}")(x)
        x = layers.ReLU()(_batch_norm(f"deconv_bn_{i + 1}")(x))
    fake_images = layers.Conv2DTranspose(channels, 4, strides=2, padding="same", activation="tanh",
                                         kernel_initializer=_kernel_init(), dtype="float32", name="to_image")(x)
    return keras.Model(z, fake_images, name="generator")  # [N, H, W, C]


def build_discriminator(image_shape, filters, units):
    """Images -> `[logits, features]`: the D head's logit and the shared trunk's features for Q."""
    images = keras.Input(image_shape, name="images")
    x = images
    for i, width in enumerate(filters):
        x = layers.Conv2D(width, 4, strides=2, padding="same", kernel_initializer=_kernel_init(),
                          name=f"conv_{i + 1}")(x)
        if i > 0:  # no normalization on the input layer
            x = _batch_norm(f"conv_bn_{i + 1}")(x)
        x = layers.LeakyReLU(LEAK)(x)
    x = layers.Flatten()(x)  # [N, H/2^k * W/2^k * F]
    x = layers.Dense(units, kernel_initializer=_kernel_init(), name="dense")(x)
    features = layers.LeakyReLU(LEAK, name="features")(_batch_norm("dense_bn")(x))  # [N, units]
    logits = layers.Dense(1, kernel_initializer=_kernel_init(), dtype="float32", name="logits")(features)  # [N, 1]
    return keras.Model(images, [logits, features], name="discriminator")


def build_q_head(feature_dim, units, num_categories, num_continuous):
    """Trunk features -> `num_categories` categorical logits then `num_continuous` Gaussian means."""
    features = keras.Input((feature_dim,), name="features")
    x = layers.Dense(units, kernel_initializer=_kernel_init(), name="dense")(features)
    x = layers.LeakyReLU(LEAK)(_batch_norm("dense_bn")(x))
    q_outputs = layers.Dense(num_categories + num_continuous, kernel_initializer=_kernel_init(),
                             dtype="float32", name="q_outputs")(x)  # [N, K + C]
    return keras.Model(features, q_outputs, name="q_head")
