"""CycleGAN presets: data, each naming the reference it reproduces. The first is the default: it trains on a CPU
in minutes (about 0.15 s per step of 4 images on 2 cores, TensorFlow).

`photos:unpaired` is the embedded unpaired demo (two domains made from the embedded photos, no pairing used).
"""

PRESETS = {
    "resnet_3blocks_32": {
        "description": "A small CycleGAN for 32x32 images on a CPU: the reference design with 16 filters, "
                       "3 residual blocks and a 2-layer (34x34) PatchGAN.",
        "reference": "junyanz/pytorch-CycleGAN-and-pix2pix ResnetGenerator and NLayerDiscriminator, scaled down; "
                     "LSGAN, cycle weight 10, identity 0.5, pool 50, Adam(2e-4, beta1 0.5)",
        "arguments": {
            "image_size": 32, "channels_a": 3, "channels_b": 3, "generator_filters": 16, "residual_blocks": 3,
            "discriminator_filters": 16, "discriminator_layers": 2,
        },
        "recipe": {"data": "photos:unpaired", "batch_size": 4, "steps": 2000},  # about 5 minutes on 2 CPU cores
        "trainable_params": {"generator": 272_515, "inverse": 272_515,
                             "discriminator_a": 42_865, "discriminator_b": 42_865},
    },
    "resnet_9blocks_256": {
        "description": "CycleGAN for 256x256 images, as in the paper (horse2zebra, monet2photo, cityscapes).",
        "reference": "junyanz/pytorch-CycleGAN-and-pix2pix `resnet_9blocks` (ngf 64, instance norm, reflection "
                     "padding) and `basic` 70x70 PatchGAN; 100 epochs at 2e-4, then 100 of linear decay",
        "arguments": {
            "image_size": 256, "channels_a": 3, "channels_b": 3, "generator_filters": 64, "residual_blocks": 9,
            "discriminator_filters": 64, "discriminator_layers": 3,
        },
        "recipe": {"data": "photos:unpaired", "batch_size": 1, "epochs": 200},  # the reference's batch and length
        "trainable_params": {"generator": 11_378_179, "inverse": 11_378_179,
                             "discriminator_a": 2_764_737, "discriminator_b": 2_764_737},
    },
    "resnet_6blocks_128": {
        "description": "CycleGAN for 128x128 images: the reference's choice of 6 residual blocks at that size.",
        "reference": "junyanz/pytorch-CycleGAN-and-pix2pix `resnet_6blocks` (used for 128x128 training) and "
                     "`basic` 70x70 PatchGAN",
        "arguments": {
            "image_size": 128, "channels_a": 3, "channels_b": 3, "generator_filters": 64, "residual_blocks": 6,
            "discriminator_filters": 64, "discriminator_layers": 3,
        },
        "recipe": {"data": "photos:unpaired", "batch_size": 1, "epochs": 200},
        "trainable_params": {"generator": 7_837_699, "inverse": 7_837_699,
                             "discriminator_a": 2_764_737, "discriminator_b": 2_764_737},
    },
}
