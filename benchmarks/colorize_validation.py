"""Pix2Pix colorization on a validation set made from the training photos: which training photos help.

The test photos (chelsea, coffee) are not used. Two of the six training photos of
`photos:colorize`, astronaut and motorcycle, become the validation photos; `unet_64` is
trained with its recipe (batch 16, 640 steps, Adam 2e-4) on 1,024 random 64x64 crops
(mirrored at random) of the other four, or of those four plus scikit-learn's two sample
photos (`--variant plus_sklearn`: china, flower), and scored on 128 crops of the validation
photos against the grayscale copy, with BatchNorm's moving statistics (as `sample` runs)
and with each batch's own and dropout on (as the reference runs without `--eval`).

Usage (from the repository root):

    nice -n 10 .venv/bin/python benchmarks/colorize_validation.py --variant default \
        --json-out benchmarks/results/colorize_validation_default.json
"""
import argparse
import json
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VALIDATION_PHOTOS = ("astronaut", "motorcycle")
BASE_PHOTOS = ("hubble_deep_field", "immunohistochemistry", "retina", "rocket")


def crop_pairs(photos, names, count, seed):
    """(grey, colour) `[N, 64, 64, 1]`, `[N, 64, 64, 3]` in [-1, 1]: crops of the photos, shrunk as photos:colorize
    shrinks them."""
    from kgan.data import transforms
    from kgan.data.photos import random_crops, rescale

    crops = random_crops([rescale(photos[name], 72) for name in names], 64, count, seed)  # [N, 64, 64, 3] uint8
    grey = transforms.to_channels(crops, 1).numpy()
    return grey.astype("float32") / 127.5 - 1.0, crops.astype("float32") / 127.5 - 1.0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--variant", choices=("default", "plus_sklearn"), default="default")
    parser.add_argument("--steps", type=int, default=640)
    parser.add_argument("--json-out")
    args = parser.parse_args(argv)
    sys.path.insert(0, ROOT)
    sys.path.insert(0, os.path.join(ROOT, "benchmarks"))
    import keras
    import numpy as np
    from sklearn.datasets import load_sample_images

    import image_to_image as bench
    from kgan.data.photos import PHOTOS, read_photos
    from kgan.models import Pix2Pix

    photos = dict(zip(PHOTOS, read_photos()))
    photos["china"], photos["flower"] = load_sample_images().images
    names = list(BASE_PHOTOS) + (["china", "flower"] if args.variant == "plus_sklearn" else [])
    grey, colour = crop_pairs(photos, names, 1024, 0)
    mirror = np.random.default_rng(1).random(len(grey)) < 0.5
    grey[mirror], colour[mirror] = grey[mirror, :, ::-1], colour[mirror, :, ::-1]
    val_grey, val_colour = crop_pairs(photos, VALIDATION_PHOTOS, 128, 5)
    keras.utils.set_random_seed(0)
    model = Pix2Pix.from_preset("unet_64", seed=0)
    model.compile()
    started = time.time()
    model.fit(grey, colour, batch_size=16, epochs=max(1, args.steps // 64), verbose=0)
    moving = np.asarray(model.sample(source=val_grey))
    batch_stats = np.asarray(model.generator(val_grey, training=True))
    copy = bench.grey_copy(val_grey)
    record = {
        "command": "python " + " ".join(["benchmarks/colorize_validation.py"] + list(sys.argv[1:] if argv is None
                                                                                 else argv)),
        "variant": args.variant, "train_photos": names, "validation_photos": list(VALIDATION_PHOTOS),
        "steps": max(1, args.steps // 64) * 64, "train_seconds": round(time.time() - started),
        "model": {"l1": bench.l1(moving, val_colour), "psnr_db": bench.psnr(moving, val_colour)},
        "model_batch_statistics": {"l1": bench.l1(batch_stats, val_colour),
                                   "psnr_db": bench.psnr(batch_stats, val_colour)},
        "grey_copy": {"l1": bench.l1(copy, val_colour), "psnr_db": bench.psnr(copy, val_colour)},
    }
    print(json.dumps(record))
    if args.json_out:
        with open(args.json_out, "w") as file:
            json.dump(record, file, indent=2)
            file.write("\n")
    return record


if __name__ == "__main__":
    main()
