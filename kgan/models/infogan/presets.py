"""InfoGAN presets: data, each naming the reference it reproduces."""

PRESETS = {
    "infogan_mnist": {
        "description": "Chen et al. 2016 MNIST: 62 noise dims, a 10-way categorical code, 2 uniform continuous codes.",
        "reference": "openai/InfoGAN regularized_gan.py 'mnist' network and launchers/run_mnist_exp.py",
        "arguments": {
            "image_shape": (28, 28, 1), "noise_dim": 62, "num_categories": 10, "num_continuous": 2,
            "generator_units": 1024, "generator_filters": (128, 64),
            "discriminator_filters": (64, 128), "discriminator_units": 1024, "q_units": 128,
            "mi_weight": 1.0,
        },
        "recipe": {"data": "digits", "batch_size": 64, "epochs": 15},
        "trainable_params": {"generator": 6_652_481, "discriminator": 6_559_169, "q_head": 133_004},
    },
}
