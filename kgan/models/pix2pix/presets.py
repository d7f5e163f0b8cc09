"""Pix2Pix presets: data, each naming the reference it reproduces. The first is the default: a 64x64
colorization model that trains in minutes on a CPU."""

PRESETS = {
    "unet_64": {
        "description": "Colorization at 64x64 (grey in, RGB out): the reference's design scaled down for a CPU, "
                       "a 6-level U-Net with ngf 32 and a 2-layer PatchGAN (34x34 patches).",
        "reference": "junyanz/pytorch-CycleGAN-and-pix2pix `unet_256` recipe with log2(64) = 6 downsamplings, "
                     "ngf = ndf = 32; dropout 0.5 in the one decoder block outside the innermost; "
                     "L1 weight 100, Adam(2e-4, beta1 0.5)",
        "arguments": {
            "image_size": 64, "source_channels": 1, "target_channels": 3,
            "generator_filters": 32, "discriminator_filters": 32, "n_layers": 2,
        },
        "recipe": {"data": "photos:colorize", "batch_size": 16, "epochs": 10},
        "trainable_params": {"generator": 7_313_731, "discriminator": 168_353},
    },
    "unet_256": {
        "description": "Pix2Pix at 256x256 (facades, maps, edges2shoes): U-Net generator, 70x70 PatchGAN.",
        "reference": "junyanz/pytorch-CycleGAN-and-pix2pix `--netG unet_256 --netD basic --norm batch`: "
                     "8 downsamplings, ngf = ndf = 64, dropout 0.5 in 3 decoder blocks, L1 weight 100, batch 1, "
                     "Adam(2e-4, beta1 0.5); D outputs 30x30 for a 256x256 input",
        "arguments": {
            "image_size": 256, "source_channels": 3, "target_channels": 3,
            "generator_filters": 64, "discriminator_filters": 64, "n_layers": 3,
        },
        "recipe": {"data": "photos:colorize", "batch_size": 1, "epochs": 200},  # the reference's 100 + 100 epochs
        "trainable_params": {"generator": 54_413_955, "discriminator": 2_768_705},
    },
    "unet_128": {
        "description": "Pix2Pix at 128x128: the 256 design with one downsampling fewer (7, to a 1x1 bottleneck).",
        "reference": "junyanz/pytorch-CycleGAN-and-pix2pix `--netG unet_128 --netD basic --norm batch`: "
                     "7 downsamplings, ngf = ndf = 64, dropout 0.5 in 2 decoder blocks, L1 weight 100",
        "arguments": {
            "image_size": 128, "source_channels": 3, "target_channels": 3,
            "generator_filters": 64, "discriminator_filters": 64, "n_layers": 3,
        },
        "recipe": {"data": "photos:colorize", "batch_size": 1, "epochs": 200},
        "trainable_params": {"generator": 41_828_995, "discriminator": 2_768_705},
    },
}
