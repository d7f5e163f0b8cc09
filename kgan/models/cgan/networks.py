"""Class-conditional generators and discriminators: both take a one-hot label.

Two architectures: Mirza & Osindero's MLP with a maxout discriminator, and a
compact DCGAN-style convolutional pair for small images.
"""
import math

import keras
from keras import layers

from kgan.layers import Maxout


def _init():
    return keras.initializers.RandomNormal(stddev=0.02)  # DCGAN's N(0, 0.02)


def _upsampling_steps(image_shape):
    height, width = image_shape[:2]
    steps = int(math.log2(max(height // 4, 1)))
    if height != width or height < 8 or height != 4 * 2**steps:
        raise ValueError(f"The convolutional CGAN needs square images of size 4 x 2^k (8, 16, 32, ...), "
                         f"got image_shape {tuple(image_shape)}.")
    return steps


def build_mlp_generator(image_shape, num_classes, latent_dim, units, dropout):
    """`units = (noise branch, label branch, joint)`: the paper's (200, 1000, 1200)."""
    noise_units, label_units, joint_units = units
    z = keras.Input((latent_dim,), name="z")
    y = keras.Input((num_classes,), name="one_hot_labels")
    hz = layers.Dense(noise_units, activation="relu")(z)  # [N, 200]
    hy = layers.Dense(label_units, activation="relu")(y)  # [N, 1000]
    h = layers.Concatenate()([hz, hy])
    h = layers.Dropout(dropout)(h)
    h = layers.Dense(joint_units, activation="relu")(h)  # [N, 1200]
    h = layers.Dropout(dropout)(h)
    x = layers.Dense(math.prod(image_shape), activation="tanh", dtype="float32")(h)
    fake_images = layers.Reshape(image_shape, dtype="float32")(x)  # [N, H, W, C]
    return keras.Model([z, y], fake_images, name="generator")


def build_mlp_discriminator(image_shape, num_classes, units, pieces, dropout):
    """`units` and `pieces`: (image branch, label branch, joint), the paper's (240, 50, 240) x (5, 5, 4)."""
    images = keras.Input(image_shape, name="images")
    y = keras.Input((num_classes,), name="one_hot_labels")
    hx = Maxout(units[0], pieces[0])(layers.Flatten()(images))  # [N, 240]
    hy = Maxout(units[1], pieces[1])(y)  # [N, 50]
    h = layers.Dropout(dropout)(layers.Concatenate()([hx, hy]))
    h = Maxout(units[2], pieces[2])(h)  # [N, 240]
    h = layers.Dropout(dropout)(h)
    logits = layers.Dense(1, dtype="float32")(h)  # [N, 1]
    return keras.Model([images, y], logits, name="discriminator")


def build_conv_generator(image_shape, num_classes, latent_dim, filters):
    """`[z, y]` -> dense 4x4x`filters` -> stride-2 transposed convs, halving the width, to `image_shape`."""
    steps = _upsampling_steps(image_shape)
    z = keras.Input((latent_dim,), name="z")
    y = keras.Input((num_classes,), name="one_hot_labels")
    h = layers.Concatenate()([z, y])  # [N, latent_dim + num_classes]
    h = layers.Dense(4 * 4 * filters, use_bias=False, kernel_initializer=_init())(h)
    h = layers.Reshape((4, 4, filters))(h)  # [N, 4, 4, F]
    h = layers.ReLU()(layers.BatchNormalization()(h))
    for step in range(1, steps):
        h = layers.Conv2DTranspose(filters // 2**step, 4, strides=2, padding="same", use_bias=False,
                                   kernel_initializer=_init())(h)  # [N, 4 * 2^step, ., F / 2^step]
        h = layers.ReLU()(layers.BatchNormalization()(h))
    fake_images = layers.Conv2DTranspose(image_shape[-1], 4, strides=2, padding="same", activation="tanh",
                                         kernel_initializer=_init(), dtype="float32")(h)
    return keras.Model([z, y], fake_images, name="generator")  # [N, H, W, C]


def build_conv_discriminator(image_shape, num_classes, filters):
    """Label maps as extra channels, then stride-2 convs (doubling the width) down to 4x4, then a logit."""
    steps = _upsampling_steps(image_shape)
    height, width = image_shape[:2]
    images = keras.Input(image_shape, name="images")
    y = keras.Input((num_classes,), name="one_hot_labels")
    maps = layers.UpSampling2D((height, width))(layers.Reshape((1, 1, num_classes))(y))  # [N, H, W, K]
    h = layers.Concatenate()([images, maps])  # [N, H, W, C + K]
    for step in range(steps):
        h = layers.Conv2D(filters * 2**step, 4, strides=2, padding="same", use_bias=step == 0,
                          kernel_initializer=_init())(h)  # [N, H / 2^(step+1), ., F * 2^step]
        if step > 0:
            h = layers.BatchNormalization()(h)
        h = layers.LeakyReLU(0.2)(h)
    h = layers.Flatten()(h)  # [N, 4 * 4 * F']
    logits = layers.Dense(1, kernel_initializer=_init(), dtype="float32")(h)  # [N, 1]
    return keras.Model([images, y], logits, name="discriminator")
