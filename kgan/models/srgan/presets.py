"""SRGAN presets: data, each naming the reference it reproduces.

Training runs in the paper's two stages: an `srresnet_*` preset (MSE alone, no
discriminator), then the matching `srgan_*` preset started from its generator
(`kgan train srgan --preset srgan_x4 --init-from RUN_DIR`).
"""

PRESETS = {
    "srresnet_x4": {
        "description": "SRResNet x4 (stage 1): the generator alone, trained with MSE on 96x96 HR crops.",
        "reference": "Ledig et al. 2017, SRResNet: 16 residual blocks of 64 maps, PReLU with one slope per layer "
                     "(PyTorch's nn.PReLU()), two pixel-shuffle x2 blocks, 9x9 first and last conv; MSE, "
                     "Adam(1e-4, beta1 0.9), batch 16, 10^6 updates",
        "arguments": {
            "scale": 4, "channels": 3, "patch_size": 96, "generator_filters": 64, "residual_blocks": 16,
            "prelu": "shared", "content_loss": "mse", "adversarial_weight": 0.0,
        },
        "recipe": {"data": "photos:train", "batch_size": 16, "steps": 1_000_000},
        "trainable_params": {"generator": 1_549_462},
    },
    "srgan_x4": {
        "description": "SRGAN x4 (stage 2): VGG54 content loss plus 1e-3 adversarial loss, from an SRResNet.",
        "reference": "Ledig et al. 2017, SRGAN-VGG54: VGG19 conv5_4 (after ReLU) features / 12.75, adversarial "
                     "weight 1e-3, the 8-conv discriminator with dense 1024 on 96x96 crops; Adam(beta1 0.9) at "
                     "1e-4 for 10^5 updates, then 1e-5 for 10^5",
        "arguments": {
            "scale": 4, "channels": 3, "patch_size": 96, "generator_filters": 64, "residual_blocks": 16,
            "prelu": "shared", "discriminator_filters": 64, "content_loss": "vgg54", "adversarial_weight": 1e-3,
            "learning_rate_drop_step": 100_000,
        },
        "recipe": {"data": "photos:train", "batch_size": 16, "steps": 200_000},
        "trainable_params": {"generator": 1_549_462, "discriminator": 23_565_505},
    },
    "srresnet_x2": {
        "description": "SRResNet x2 (stage 1): the x4 design with one pixel-shuffle block.",
        "reference": "Ledig et al. 2017 SRResNet with log2(2) = 1 upsampling block; MSE, Adam(1e-4, beta1 0.9)",
        "arguments": {
            "scale": 2, "channels": 3, "patch_size": 96, "generator_filters": 64, "residual_blocks": 16,
            "prelu": "shared", "content_loss": "mse", "adversarial_weight": 0.0,
        },
        "recipe": {"data": "photos:train", "batch_size": 16, "steps": 1_000_000},
        "trainable_params": {"generator": 1_401_749},
    },
    "srgan_x2": {
        "description": "SRGAN x2 (stage 2): VGG54 content loss plus 1e-3 adversarial loss, from an SRResNet x2.",
        "reference": "Ledig et al. 2017 SRGAN-VGG54 with one upsampling block",
        "arguments": {
            "scale": 2, "channels": 3, "patch_size": 96, "generator_filters": 64, "residual_blocks": 16,
            "prelu": "shared", "discriminator_filters": 64, "content_loss": "vgg54", "adversarial_weight": 1e-3,
            "learning_rate_drop_step": 100_000,
        },
        "recipe": {"data": "photos:train", "batch_size": 16, "steps": 200_000},
        "trainable_params": {"generator": 1_401_749, "discriminator": 23_565_505},
    },
}
