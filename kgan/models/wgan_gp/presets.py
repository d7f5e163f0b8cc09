"""WGAN-GP presets: data, each naming the reference it reproduces. The first is the default: a small
one that shows digits within minutes on a CPU."""

PRESETS = {
    "wgan_gp_digits": {
        "description": "WGAN-GP for 32x32 grayscale digits, small enough for a CPU: the wgan_gp_64 design "
                       "(layer norm in the critic) one stage shorter, with a quarter of its maps, and Adam at "
                       "4e-4 instead of 1e-4 (at 1e-4, 61% of its digits were recognizable after 1,000 generator "
                       "steps, Frechet ratio 34; at 4e-4, 76% and 5.8; at 8e-4, 73% and 25).",
        "reference": "Gulrajani et al. 2017 Algorithm 1 on the WassersteinGAN DCGAN pair with ngf = ndf = 16, "
                     "nc 1: GP weight 10, 5 critic steps, Adam(4e-4, 0.5, 0.9) (igul222/improved_wgan_training "
                     "gan_mnist.py: 1e-4)",
        "arguments": {
            "architecture": "dcgan", "image_size": 32, "channels": 1, "latent_dim": 100,
            "generator_filters": 16, "critic_filters": 16, "critic_normalization": "layer", "beta_1": 0.5,
            "learning_rate": 4e-4,
        },
        # 1,000 generator steps (5,000 critic batches), about 2.5 minutes on 2 CPU cores
        "recipe": {"data": "digits", "batch_size": 32, "steps": 5000},
        "trainable_params": {"generator": 143_840, "critic": 42_432},
    },
    "wgan_gp_64": {
        "description": "WGAN-GP for 64x64 RGB images: the WGAN DCGAN pair, the critic's BatchNorm replaced "
                       "by layer normalization.",
        "reference": "martinarjovsky/WassersteinGAN DCGAN_G / DCGAN_D (nz 100, ngf = ndf = 64, no conv bias) "
                     "with layer norm in the critic, as Gulrajani et al. 2017 section 4 recommends and "
                     "igul222/improved_wgan_training gan_64x64.py does in wgan-gp mode; "
                     "GP weight 10, 5 critic steps, Adam(1e-4, 0, 0.9)",
        "arguments": {
            "architecture": "dcgan", "image_size": 64, "channels": 3, "latent_dim": 100,
            "generator_filters": 64, "critic_filters": 64, "critic_normalization": "layer",
        },
        "recipe": {"data": "photos", "batch_size": 64, "steps": 200_000},  # the reference's ITERS
        "trainable_params": {"generator": 3_576_704, "critic": 2_765_568},
    },
    "wgan_gp_32": {
        "description": "WGAN-GP for 32x32 RGB images (CIFAR-10): the official CIFAR-10 model.",
        "reference": "igul222/improved_wgan_training gan_cifar.py, MODE wgan-gp: DIM 128, z 128, 5x5 kernels "
                     "with biases, no critic normalization; LAMBDA 10, CRITIC_ITERS 5, Adam(1e-4, 0.5, 0.9)",
        "arguments": {
            "architecture": "cifar", "image_size": 32, "channels": 3, "latent_dim": 128,
            "generator_filters": 128, "critic_filters": 128, "critic_normalization": None, "beta_1": 0.5,
        },
        "recipe": {"data": "photos", "batch_size": 64, "steps": 200_000},  # the reference's ITERS
        "trainable_params": {"generator": 5_179_907, "critic": 4_114_689},
    },
}
