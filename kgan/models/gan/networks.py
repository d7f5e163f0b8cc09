"""The MLP generator and maxout discriminator of Goodfellow et al. 2014 (MNIST)."""
import math

import keras
from keras import layers

from kgan.layers import Maxout


def build_generator(image_shape, latent_dim, units):
    z = keras.Input((latent_dim,), name="z")
    x = z
    for width in units:
        x = layers.Dense(width, activation="relu")(x)
    x = layers.Dense(math.prod(image_shape))(x)
    x = layers.Reshape(image_shape)(x)
    fake_images = layers.Activation("tanh", dtype="float32")(x)  # [N, H, W, C]
    return keras.Model(z, fake_images, name="generator")


def build_discriminator(image_shape, units, pieces, dropout):
    images = keras.Input(image_shape, name="images")
    x = layers.Flatten()(images)
    for width in units:
        x = layers.Dropout(dropout)(x)
        x = Maxout(width, pieces)(x)
    x = layers.Dropout(dropout)(x)
    logits = layers.Dense(1, dtype="float32")(x)  # [N, 1]
    return keras.Model(images, logits, name="discriminator")
