"""WGAN presets: data, each naming the reference it reproduces."""

PRESETS = {
    "wgan_64": {
        "description": "WGAN with weight clipping for 64x64 RGB images (LSUN bedrooms in the paper).",
        "reference": "martinarjovsky/WassersteinGAN main.py defaults: DCGAN_G / DCGAN_D (BatchNorm in both, "
                     "no conv bias), isize 64, nz 100, ngf = ndf = 64; RMSprop 5e-5, clip 0.01, "
                     "Diters 5 (100 for the first 25 generator iterations and every 500th)",
        "arguments": {
            "image_size": 64, "channels": 3, "latent_dim": 100,
            "generator_filters": 64, "critic_filters": 64,
        },
        "recipe": {"data": "photos", "batch_size": 64, "epochs": 25},  # the reference's niter 25
        "trainable_params": {"generator": 3_576_704, "critic": 2_765_568},
    },
    "wgan_32": {
        "description": "WGAN with weight clipping for 32x32 images (CIFAR-10): the 64x64 design one stage shorter.",
        "reference": "martinarjovsky/WassersteinGAN main.py with --imageSize 32: DCGAN_G 256-128-64 maps, "
                     "DCGAN_D 64-128-256 maps, nz 100",
        "arguments": {
            "image_size": 32, "channels": 3, "latent_dim": 100,
            "generator_filters": 64, "critic_filters": 64,
        },
        "recipe": {"data": "photos", "batch_size": 64, "epochs": 25},  # the reference's niter 25
        "trainable_params": {"generator": 1_068_928, "critic": 663_296},
    },
}
