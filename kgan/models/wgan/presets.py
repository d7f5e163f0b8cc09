"""WGAN presets: data, each naming the reference it reproduces. The first is the default: a small
one that shows digits within minutes on a CPU."""

PRESETS = {
    "wgan_digits": {
        "description": "WGAN with weight clipping for 32x32 grayscale digits, small enough for a CPU: the "
                       "wgan_32 design with a quarter of its maps, 100 critic steps for the first 5 generator "
                       "steps instead of 25, and RMSprop at 5e-4 instead of 5e-5 (after about 1,090 generator "
                       "steps, at 5e-5 its digits were unreadable; at 2e-4, 64% were recognizable, Frechet "
                       "ratio 20.5; at 5e-4, 67% and 16.2).",
        "reference": "martinarjovsky/WassersteinGAN main.py with --imageSize 32 --nc 1 --ngf 16 --ndf 16 "
                     "--lrD 5e-4 --lrG 5e-4: clip 0.01, Diters 5, 100 for the first 5 generator iterations "
                     "(the reference's 25 would take 2,500 of the run's 6,000 critic steps) and every 500th",
        "arguments": {
            "image_size": 32, "channels": 1, "latent_dim": 100, "generator_filters": 16, "critic_filters": 16,
            "warmup_generator_steps": 5, "learning_rate": 5e-4,
        },
        # about 1,090 generator steps (6,000 critic batches), about 2.5 minutes on 2 CPU cores
        "recipe": {"data": "digits", "batch_size": 32, "steps": 6000},
        "trainable_params": {"generator": 143_840, "critic": 42_432},
    },
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
