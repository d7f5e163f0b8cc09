"""CGAN presets: data, each naming the reference it reproduces. The first is the default: it learns the
digits in about a minute on 2 CPU cores."""

PRESETS = {
    "cgan_32": {
        "description": "Compact DCGAN-style conditional GAN for 32x32 grayscale digits: G from [z, y] via "
                       "4x4x128 and 3 transposed convs; D sees the label as 10 extra constant channels.",
        "reference": "Mirza & Osindero 2014 conditioning on a DCGAN (Radford et al. 2016) backbone: "
                     "BN + ReLU in G, strided convs + LeakyReLU 0.2 (BN after the first) in D, N(0, 0.02) init",
        "arguments": {
            "architecture": "conv", "image_shape": (32, 32, 1), "num_classes": 10, "latent_dim": 100,
            "generator_filters": 128, "discriminator_filters": 32,
        },
        "recipe": {"data": "digits", "batch_size": 64, "epochs": 40},
        "trainable_params": {"generator": 390_081, "discriminator": 171_937},
    },
    "cgan_mnist": {
        "description": "Mirza & Osindero 2014 MNIST: ReLU MLP generator and maxout discriminator, "
                       "both fed the one-hot label; tanh output for data in [-1, 1] (the paper: sigmoid, [0, 1]).",
        "reference": "Mirza & Osindero 2014, section 4.1: G z 100 -> 200, y 10 -> 1000, joint 1200, out 784; "
                     "D x -> maxout 240x5, y -> maxout 50x5, joint maxout 240x4, logit; dropout 0.5; batch 100. "
                     "The paper's SGD (lr 0.1 / 1.00004 per step, momentum 0.5 -> 0.7) is --set optimizer=sgd "
                     "--set learning_rate=0.1, but it diverges on digits; the preset trains with Adam(2e-4, 0.5)",
        "arguments": {
            "architecture": "mlp", "image_shape": (28, 28, 1), "num_classes": 10, "latent_dim": 100,
            "generator_units": (200, 1000, 1200), "discriminator_units": (240, 50, 240),
            "maxout_pieces": (5, 5, 4), "dropout": 0.5,
        },
        "recipe": {"data": "digits", "batch_size": 100, "epochs": 250},
        "trainable_params": {"generator": 2_413_984, "discriminator": 1_224_351},
    },
}
