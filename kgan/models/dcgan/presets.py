"""DCGAN presets: data, each naming the reference it reproduces. The first is the default: 32x32 trains
about 6x faster than 64x64 on a CPU."""

PRESETS = {
    "dcgan_32": {
        "description": "DCGAN for 32x32 images (CIFAR-10, SVHN): the 64x64 design with one stage fewer.",
        "reference": "pytorch/examples dcgan/main.py layer recipe with 3 stride-2 stages from 4x4 "
                     "(G 256-128-64 maps, D 64-128-256); Radford et al. 2016 hyperparameters",
        "arguments": {
            "image_size": 32, "channels": 3, "latent_dim": 100,
            "generator_filters": 64, "discriminator_filters": 64,
        },
        "recipe": {"data": "digits", "batch_size": 64, "epochs": 20},  # about 4 minutes on 2 CPU cores
        "trainable_params": {"generator": 1_068_928, "discriminator": 663_296},
    },
    "dcgan_64": {
        "description": "DCGAN for 64x64 RGB images, as in pytorch/examples (LSUN, CelebA, ImageNet crops).",
        "reference": "pytorch/examples dcgan/main.py: nz 100, ngf = ndf = 64, nc 3, no conv bias, "
                     "init N(0, 0.02), Adam(2e-4, beta1 0.5)",
        "arguments": {
            "image_size": 64, "channels": 3, "latent_dim": 100,
            "generator_filters": 64, "discriminator_filters": 64,
        },
        "recipe": {"data": "photos", "batch_size": 64, "epochs": 25},  # the reference's niter 25
        "trainable_params": {"generator": 3_576_704, "discriminator": 2_765_568},
    },
}
