"""GAN presets: data, each naming the reference it reproduces."""

PRESETS = {
    "gan_mnist": {
        "description": "Goodfellow et al. 2014 MNIST: ReLU MLP generator, maxout discriminator.",
        "reference": "goodfeli/adversarial mnist.yaml: G 100-1200-1200-784, D maxout 240x5, 240x5",
        "arguments": {
            "image_shape": (28, 28, 1), "latent_dim": 100,
            "generator_units": (1200, 1200), "discriminator_units": (240, 240),
            "maxout_pieces": 5, "dropout": 0.5,
        },
        "recipe": {"data": "digits", "batch_size": 64, "epochs": 150},
        "trainable_params": {"generator": 2_503_984, "discriminator": 1_231_441},
    },
}
