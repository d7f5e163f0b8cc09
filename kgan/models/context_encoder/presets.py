"""Context Encoder presets: data, each naming the reference it reproduces. The first is the default: a 32x32
centre-hole model small enough to train on a CPU in minutes."""

PRESETS = {
    "context_encoder_32": {
        "description": "Centre-hole inpainting of 32x32 RGB images: the reference's design at a quarter of its "
                       "size, with 16 filters and a 256-d code.",
        "reference": "pathak22/context-encoder train.lua layer recipe (nef = ngf = ndf = 16, nBottleneck 256) "
                     "at fineSize 32 with a 2-pixel overlap; wtl2 0.999, overlapL2Weight 10, G lr 10x D's",
        "arguments": {
            "image_size": 32, "channels": 3, "mask": "center", "overlap": 2, "bottleneck": 256,
            "encoder_filters": 16, "generator_filters": 16, "discriminator_filters": 16,
        },
        "recipe": {"data": "photos:train", "batch_size": 64, "epochs": 40},
        "trainable_params": {"generator": 1_350_051, "discriminator": 136_641},
    },
    "context_encoder_128": {
        "description": "Pathak et al. 2016 centre-hole inpainting: 128x128 input, the central 64x64 predicted.",
        "reference": "pathak22/context-encoder train.lua with its README's command: nBottleneck 4000, "
                     "nef = ngf = ndf = 64, overlapPred 4, wtl2 0.999 (overlapL2Weight 10), Adam(2e-4, beta1 0.5) "
                     "for D and 10x for G, batch 64, niter 500",
        "arguments": {
            "image_size": 128, "channels": 3, "mask": "center", "overlap": 4, "bottleneck": 4000,
            "encoder_filters": 64, "generator_filters": 64, "discriminator_filters": 64,
        },
        "recipe": {"data": "photos:train", "batch_size": 64, "epochs": 500},
        "trainable_params": {"generator": 71_130_531, "discriminator": 2_766_529},
    },
    "context_encoder_128_random": {
        "description": "Pathak et al. 2016 random-region inpainting: the whole 128x128 image predicted and "
                       "judged, holes of smooth random shapes.",
        "reference": "pathak22/context-encoder train_random.lua with its README's command (fineSize 128, "
                     "nBottleneck 4000, wtl2 0.999, useOverlapPred 0: the known pixels weigh as the hole's)",
        "arguments": {
            "image_size": 128, "channels": 3, "mask": "random_region", "overlap": 4, "bottleneck": 4000,
            "encoder_filters": 64, "generator_filters": 64, "discriminator_filters": 64, "overlap_weight": 1.0,
        },
        "recipe": {"data": "photos:train", "batch_size": 64, "epochs": 500},
        "trainable_params": {"generator": 71_196_259, "discriminator": 2_832_257},
    },
}
