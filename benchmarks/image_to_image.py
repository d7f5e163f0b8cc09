"""Quality of the image-to-image families' defaults on held-out embedded photos, and the data pipeline beside them.

Each family trains at its DEFAULT preset and recipe through `kgan.runs.train`, which is
what `kgan train FAMILY` with no options does (`--steps` or `--epochs` shorten it), then
is scored on held-out data (`kgan.data.photo_tasks`: the photos `chelsea` and `coffee`
are never in the photo tasks' training split):

- pix2pix (`unet_64`, `photos:colorize`): L1 and PSNR of the colours it predicts for the
  64 fixed test crops, against the grayscale-copy baseline (the grey source repeated to
  RGB). Target: beat the baseline on both.
- cyclegan (`resnet_3blocks_32`, `photos:unpaired`): cycle-reconstruction PSNR A->B->A and
  B->A->B; PSNR of G(A) against the true B (the test split is aligned: B is A with red and
  blue swapped); and the accuracy of a small domain classifier, trained on the real
  train-split A and B crops, on G(A) (should read B) and F(B) (should read A).
- context_encoder (`context_encoder_32`, `photos:train`): PSNR of the centre hole on crops of
  the test photos, against filling the hole with the mean of the image's known pixels,
  with the reference's fixed mean colour, and with biharmonic inpainting
  (`skimage.restoration.inpaint_biharmonic`). Target: beat the mean fill and biharmonic. The default
  trains on `photos:train`, which leaves these two photos out; the JSON says whether a run's
  data did.
- pipeline (with pix2pix): pairs/s of `kgan.data.load_task` streaming A|B JPEG files with
  the jitter (`paired_pipeline.py`) at the pix2pix default's size and batch, beside the
  images/s the pix2pix default's training consumed.

Pixel values are scored in [0, 1]: L1 is the mean absolute error, PSNR is
10 log10(1 / MSE) per image, averaged over images.

Usage (from the repository root):

    nice -n 5 .venv/bin/python benchmarks/image_to_image.py --family all
    .venv/bin/python benchmarks/image_to_image.py --family pix2pix --steps 2 --json-out /tmp/p.json \
        --grid-out /tmp/p.png     # a smoke run
"""
import argparse
import json
import os
import platform
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULTS = os.path.join(ROOT, "benchmarks", "results")
FAMILIES = ("pix2pix", "cyclegan", "context_encoder")
DEFAULT_WALL_SECONDS_MAX = 300  # `kgan train FAMILY` must give its result in about 5 minutes on 2 cores
GRID_ROWS = 8
PIPELINE_FILES = 128


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="The Keras backend is taken from KERAS_BACKEND (default tensorflow).")
    parser.add_argument("--family", default="all", choices=FAMILIES + ("all",))
    parser.add_argument("--steps", type=int, help="training steps instead of the recipe's length")
    parser.add_argument("--epochs", type=int, help="training epochs instead of the recipe's length")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                        help="a model argument replacing the preset's, as `kgan train --set` takes it (repeatable)")
    parser.add_argument("--classifier-epochs", type=int, default=3, help="cyclegan's domain classifier")
    parser.add_argument("--test-crops", type=int, default=256, help="context_encoder: held-out crops scored")
    parser.add_argument("--pipeline-examples", type=int, default=512, help="pairs timed out of the JPEG pipeline")
    parser.add_argument("--no-pipeline", action="store_true", help="skip the pipeline measurement (pix2pix)")
    parser.add_argument("--json-out", help="the results (default results/image_to_image_FAMILY.json; with "
                                           "--family all, FAMILY is put in before .json)")
    parser.add_argument("--grid-out", help="input | output | target grid (default results/"
                                           "image_to_image_FAMILY.png; with --family all, as --json-out)")
    parser.add_argument("--keep-runs", metavar="DIR", help="keep each run in DIR/FAMILY (default: a temporary folder)")
    parser.add_argument("--verbose", type=int, choices=(0, 1, 2), default=0, help="Keras fit verbosity")
    args = parser.parse_args(argv)
    if args.epochs is not None and args.steps is not None:
        parser.error("give --epochs or --steps, not both")
    for name in ("steps", "epochs", "classifier_epochs", "test_crops", "pipeline_examples"):
        if getattr(args, name) is not None and getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be >= 1, got {getattr(args, name)}")
    return args


def output_path(given, family, several, extension):
    """`given` (with `_FAMILY` before its extension when several families run), or the default under results/."""
    if given is None:
        return os.path.join(RESULTS, f"image_to_image_{family}{extension}")
    if not several:
        return given
    stem, ext = os.path.splitext(given)
    return f"{stem}_{family}{ext}"


# --- scores, on images in [-1, 1] ---
def unit(images):
    """[-1, 1] floats -> [0, 1] float64, clipped."""
    import numpy as np

    return np.clip((np.asarray(images, "float64") + 1.0) / 2.0, 0.0, 1.0)


def l1(a, b):
    """Mean absolute difference in [0, 1] units."""
    import numpy as np

    return float(np.mean(np.abs(unit(a) - unit(b))))


def psnr(a, b, where=None):
    """Mean over images of 10 log10(1 / MSE) in [0, 1] units; `where` `[N, H, W, 1]` limits it to those pixels."""
    import numpy as np

    squared = (unit(a) - unit(b)) ** 2  # [N, H, W, C]
    if where is None:
        mse = squared.reshape(len(squared), -1).mean(axis=1)
    else:
        weight = np.broadcast_to(np.asarray(where, "float64"), squared.shape)
        mse = (squared * weight).reshape(len(squared), -1).sum(axis=1) / weight.reshape(len(squared), -1).sum(axis=1)
    return float(np.mean(10.0 * np.log10(1.0 / np.maximum(mse, 1e-10))))


def grey_copy(source, channels=3):
    """The grayscale-copy baseline: the grey source repeated to RGB."""
    import numpy as np

    return np.repeat(np.asarray(source, "float32"), channels, axis=-1)


def known_mean_fill(images, holes):
    """Each image's hole filled with the mean colour of its known pixels."""
    import numpy as np

    images, known = np.asarray(images, "float64"), 1.0 - np.asarray(holes, "float64")  # [N,S,S,C], [N,S,S,1]
    means = (images * known).sum(axis=(1, 2)) / known.sum(axis=(1, 2))  # [N, C]
    return np.where(known > 0.5, images, means[:, None, None, :])


def fixed_fill(images, holes, values):
    import numpy as np

    return np.where(np.asarray(holes) > 0.5, np.asarray(values, "float64"), images)


def biharmonic_fill(images, holes):
    """`skimage.restoration.inpaint_biharmonic` of each image's hole, in [-1, 1]."""
    import numpy as np
    from skimage.restoration import inpaint_biharmonic

    filled = [inpaint_biharmonic(unit(image), hole[..., 0] > 0.5, channel_axis=-1)
              for image, hole in zip(np.asarray(images), np.asarray(holes))]
    return np.stack(filled) * 2.0 - 1.0


# --- training the default ---
def train_default(family, args, run_dir):
    """The family's default preset and recipe through `kgan.runs.train`; (model, description)."""
    import kgan.runs

    config = kgan.runs.RunConfig(family, steps=args.steps, epochs=args.epochs, seed=args.seed,
                                 overrides=kgan.runs.parse_overrides(args.overrides))
    started = time.perf_counter()
    result = kgan.runs.train(config, run_dir, verbose=args.verbose, log=lambda line: None)
    wall = time.perf_counter() - started
    config = result.config
    steps = result.step - result.start_step
    info = {
        "family": family, "preset": config.preset, "overrides": dict(config.overrides), "data": config.data, "batch_size": config.batch_size,
        "recipe_length": {k: v for k, v in (("epochs", config.epochs), ("steps", config.steps)) if v is not None},
        "steps": int(steps), "steps_per_epoch": int(result.steps_per_epoch),
        "train_wall_seconds": round(wall, 1), "fit_seconds": round(float(result.seconds), 1),
        "images_per_second": round(steps * config.batch_size / max(float(result.seconds), 1e-9), 1),
        "default_wall_seconds_max": DEFAULT_WALL_SECONDS_MAX,
        "within_default_wall_time": wall <= DEFAULT_WALL_SECONDS_MAX,
        "full_recipe": args.steps is None and args.epochs is None,
    }
    return result.model, info


def held_out_batch(spec, task):
    """All held-out examples of a photo task, in stored order, as numpy arrays by the task's names."""
    import numpy as np

    import kgan.data

    data = kgan.data.load_task(spec, task, batch_size=1, split="test", shuffle=False)
    batches = list(data.dataset().take(data.num_examples).as_numpy_iterator())
    return {name: np.concatenate([b[name] for b in batches]) for name in batches[0]}, data.describe()


def save_rows(path, *columns):
    import kgan.images
    from kgan.side_by_side import side_by_side

    images, rows = side_by_side(*[column[:GRID_ROWS] for column in columns])
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    kgan.images.save_grid(images, path, rows=rows)


# --- the families ---
def pix2pix(args, run_dir, grid):
    import numpy as np

    model, run = train_default("pix2pix", args, run_dir)
    batch, described = held_out_batch(run["data"], model.task)
    source, target = batch["source"], batch["target"]
    output = np.asarray(model.sample(source=source), "float32")
    baseline = grey_copy(source)
    scores = {"model": {"l1": l1(output, target), "psnr_db": psnr(output, target)},
              "grey_copy": {"l1": l1(baseline, target), "psnr_db": psnr(baseline, target)}}
    save_rows(grid, source, output, target)
    result = {
        "training_set": "photos:colorize train split: random 64x64 crops (1,024, seed 0, jittered: resize 72, "
                        "crop 64, mirror) of the 6 scikit-image photos astronaut, hubble_deep_field, "
                        "immunohistochemistry, motorcycle (stereo left), retina, rocket",
        "test_set": described, "num_test_images": int(len(source)),
        "scores": scores,
        "targets": {"beat_grey_copy": "model L1 below and PSNR above the grey copy's"},
        "met": {"l1_below_grey_copy": scores["model"]["l1"] < scores["grey_copy"]["l1"],
                "psnr_above_grey_copy": scores["model"]["psnr_db"] > scores["grey_copy"]["psnr_db"]},
    }
    if not args.no_pipeline:
        result["pipeline"] = pipeline(args, run)
    return run, result


def pipeline(args, run):
    """The JPEG pipeline's pairs/s at the default's size and batch, beside what its training consumed."""
    sys.path.insert(0, os.path.join(ROOT, "benchmarks"))
    import paired_pipeline

    size, batch = 64, run["batch_size"]
    record = paired_pipeline.main(["--size", str(size), "--files", str(PIPELINE_FILES), "--batch-sizes", str(batch),
                                   "--examples", str(args.pipeline_examples)])
    row = record["results"][f"batch_{batch}"]
    supplied = row["streamed_jpeg_images_per_second"]
    return {
        "what": f"pairs/s of kgan.data.load_task from {PIPELINE_FILES} streamed 512x256 A|B JPEGs (quality 90), "
                f"both halves resized to {round(size * 286 / 256)}, crop {size}, mirror, batch {batch} "
                f"(benchmarks/paired_pipeline.py), beside the "
                f"images/s the pix2pix default's training step consumed",
        "cpus_available": record["cpus_available"], "load_average_1min": record["load_average_1min"],
        "streamed_jpeg_images_per_second": supplied,
        "cached_images_per_second": row["cached_images_per_second"],
        "training_images_per_second": run["images_per_second"],
        "supply_over_consumption": round(supplied / max(run["images_per_second"], 1e-9), 2),
        "met": {"pipeline_not_the_bottleneck": supplied > run["images_per_second"]},
    }


def build_domain_classifier(size):
    import keras
    from keras import layers

    images = keras.Input((size, size, 3))
    h = images
    for filters in (16, 32):
        h = layers.Conv2D(filters, 3, padding="same", activation="relu")(h)
        h = layers.MaxPooling2D()(h)
    h = layers.GlobalAveragePooling2D()(h)
    return keras.Model(images, layers.Dense(1)(h), name="domain_classifier")  # logit of "domain B"


def domain_classifier(model, args):
    """A small CNN trained on the real train-split A (0) vs B (1) crops, without jitter."""
    import keras
    import numpy as np

    import kgan.data

    data = kgan.data.load_task("photos:unpaired", model.task, batch_size=64, seed=args.seed, jitter=False)
    batches = list(data.dataset().take(data.steps_per_epoch).as_numpy_iterator())
    a = np.concatenate([b["domain_a"] for b in batches])
    b = np.concatenate([b["domain_b"] for b in batches])
    images, labels = np.concatenate([a, b]), np.concatenate([np.zeros(len(a)), np.ones(len(b))]).astype("float32")
    keras.utils.set_random_seed(args.seed)
    classifier = build_domain_classifier(model.image_size)
    classifier.compile(optimizer=keras.optimizers.Adam(1e-3),
                       loss=keras.losses.BinaryCrossentropy(from_logits=True))
    classifier.fit(images, labels, batch_size=64, epochs=args.classifier_epochs, shuffle=True, verbose=0)
    return classifier, {"architecture": "conv3x3 16, maxpool, conv3x3 32, maxpool, global average, dense 1",
                        "train_images": int(len(images)), "epochs": args.classifier_epochs}


def reads_b(classifier, images):
    import numpy as np

    return np.asarray(classifier.predict(np.asarray(images, "float32"), batch_size=256, verbose=0))[:, 0] > 0


def cyclegan(args, run_dir, grid):
    import numpy as np

    model, run = train_default("cyclegan", args, run_dir)
    batch, described = held_out_batch(run["data"], model.task)
    a, b = batch["domain_a"], batch["domain_b"]
    fake_b, fake_a = (np.asarray(model.translate(a, "AtoB")), np.asarray(model.translate(b, "BtoA")))
    back_a, back_b = np.asarray(model.translate(fake_b, "BtoA")), np.asarray(model.translate(fake_a, "AtoB"))
    classifier, classifier_info = domain_classifier(model, args)
    real = {"a_read_as_a": float(np.mean(~reads_b(classifier, a))),
            "b_read_as_b": float(np.mean(reads_b(classifier, b)))}
    translated = {"g_a_read_as_b": float(np.mean(reads_b(classifier, fake_b))),
                  "f_b_read_as_a": float(np.mean(~reads_b(classifier, fake_a)))}
    untranslated = {"a_read_as_b": 1.0 - real["a_read_as_a"]}
    scores = {
        "cycle_psnr_db": {"a_to_b_to_a": psnr(back_a, a), "b_to_a_to_b": psnr(back_b, b)},
        "translation_psnr_db": {"g_a_vs_true_b": psnr(fake_b, b), "f_b_vs_true_a": psnr(fake_a, a),
                                "identity_a_vs_true_b": psnr(a, b)},
        "domain_classifier_accuracy": {"real_test": real, "translated": translated,
                                       "untranslated_baseline": untranslated},
    }
    save_rows(grid, np.concatenate([a, b]), np.concatenate([fake_b, fake_a]), np.concatenate([b, a]))
    result = {
        "training_set": "photos:unpaired train split: 1,024 random 32x32 crops per domain (seed 0, jittered) of the "
                        "6 training photos, A from their left halves, B from their right halves with red and "
                        "blue swapped; no pairing",
        "test_set": described, "num_test_images": int(len(a)),
        "domain_classifier": classifier_info, "scores": scores,
        "targets": {"g_a_read_as_b": "above 0.5 (the untranslated A mostly reads as A)",
                    "g_a_vs_true_b": "above the untranslated A's PSNR against B"},
        "met": {"g_a_read_as_b": translated["g_a_read_as_b"] > 0.5,
                "g_a_closer_to_true_b_than_a_is": scores["translation_psnr_db"]["g_a_vs_true_b"]
                > scores["translation_psnr_db"]["identity_a_vs_true_b"]},
        "grid": "rows: A | G(A) | true B (first 8 test crops), then B | F(B) | true A",
    }
    return run, result


def held_out_crops(size, count=256, seed=0):
    """`count` crops of the held-out photos, prepared as the `photos` source prepares its training crops."""
    from kgan.data.photo_tasks import TEST_PHOTOS
    from kgan.data.photos import PHOTOS, random_crops, read_photos, rescale

    photos = [rescale(photo, size) for name, photo in zip(PHOTOS, read_photos()) if name in TEST_PHOTOS]
    crops = random_crops(photos, size, count, seed)  # [N, S, S, 3] uint8
    return crops.astype("float32") / 127.5 - 1.0


def context_encoder(args, run_dir, grid):
    import numpy as np

    from kgan.data.photos import SUBSETS as PHOTO_SETS, TEST_PHOTOS
    from kgan.models.context_encoder.masks import fill_values

    model, run = train_default("context_encoder", args, run_dir)
    images = held_out_crops(model.image_size, args.test_crops)
    holes = np.asarray(model.center_holes(len(images)), "float32")  # [N, S, S, 1]
    filled = np.asarray(model.sample(images=images, masks=holes), "float32")
    candidates = {"model": filled, "known_mean_fill": known_mean_fill(images, holes),
                  "reference_mean_colour_fill": fixed_fill(images, holes, fill_values(model.channels)),
                  "biharmonic": biharmonic_fill(images, holes)}
    scores = {name: {"hole_psnr_db": psnr(value, images, holes)} for name, value in candidates.items()}
    save_rows(grid, np.asarray(model.masked(images, holes)), filled, images)
    side = int(holes[0, :, :, 0].sum(axis=0).max())
    result = {
        "training_set": f"{run['data']}: 1,024 random crops (seed {args.seed}) of "
                        f"{', '.join(PHOTO_SETS.get(run['data'], (run['data'],)))}",
        "test_set": f"{len(images)} random {model.image_size}x{model.image_size} crops (seed 0) of "
                    f"{', '.join(TEST_PHOTOS)}, rescaled as `photos` does; held out: "
                    f"{'no' if set(TEST_PHOTOS) & set(PHOTO_SETS.get(run['data'], ())) else 'yes'}",
        "hole": f"the centre {side}x{side} (the model's own centre hole)",
        "num_test_images": int(len(images)), "scores": scores,
        "targets": {"beat": ["known_mean_fill", "biharmonic"]},
        "met": {f"above_{name}": scores["model"]["hole_psnr_db"] > scores[name]["hole_psnr_db"]
                for name in ("known_mean_fill", "biharmonic")},
    }
    return run, result


def command_line(argv):
    import keras

    python = sys.executable
    if python.startswith(ROOT + os.sep):
        python = os.path.relpath(python, ROOT)
    arguments = sys.argv[1:] if argv is None else list(argv)
    return " ".join([f"KERAS_BACKEND={keras.backend.backend()}", python, "benchmarks/image_to_image.py", *arguments])


def machine():
    import keras

    info = {"platform": platform.platform(), "processor": platform.processor() or platform.machine(),
            "cpu_count": os.cpu_count(), "python": platform.python_version(),
            "backend": keras.backend.backend(), "keras": keras.__version__,
            "load_average_1min_after_training": round(os.getloadavg()[0], 2)}
    if keras.backend.backend() == "tensorflow":
        import tensorflow as tf

        info["tensorflow"] = tf.__version__
    if keras.backend.backend() == "jax":
        import jax

        info["jax"] = jax.__version__
    return info


def main(argv=None):
    args = parse_args(argv)
    if ROOT not in sys.path:
        sys.path.insert(0, ROOT)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    families = FAMILIES if args.family == "all" else (args.family,)
    runners = {"pix2pix": pix2pix, "cyclegan": cyclegan, "context_encoder": context_encoder}
    written = []
    for family in families:
        started = time.perf_counter()
        json_out = output_path(args.json_out, family, len(families) > 1, ".json")
        grid_out = output_path(args.grid_out, family, len(families) > 1, ".png")
        with tempfile.TemporaryDirectory() as scratch:
            run_dir = os.path.join(args.keep_runs or scratch, family if args.keep_runs else "run")
            run, result = runners[family](args, run_dir, grid_out)
        record = {"benchmark": "image_to_image", "family": family, "command": command_line(argv),
                  "machine": machine(), "seed": args.seed, "run": run, **result,
                  "grid_file": os.path.relpath(os.path.abspath(grid_out), ROOT)
                  if os.path.abspath(grid_out).startswith(ROOT + os.sep) else os.path.abspath(grid_out),
                  "wall_seconds": round(time.perf_counter() - started, 1)}
        os.makedirs(os.path.dirname(os.path.abspath(json_out)), exist_ok=True)
        with open(json_out, "w") as file:
            json.dump(record, file, indent=2)
            file.write("\n")
        print(f"{family}: {json.dumps(result['scores'])}; met {result['met']}; train "
              f"{run['train_wall_seconds']} s; wrote {json_out} and {grid_out}", flush=True)
        written.append(record)
    return written


if __name__ == "__main__":
    main()
