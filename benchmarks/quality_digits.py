"""Sample quality of a family's preset on `digits`, judged by a digit classifier trained on the real digits.

1. Trains a preset (`--family`, default cgan; `--preset`, default: the family's default preset)
   on kgan's `digits` data (scikit-learn's 1,797 real handwritten digits, at the preset's image
   size) through the Python API, with the preset's recipe (batch size, epochs or steps) and its
   default optimizers unless `--epochs`, `--steps`, `--batch-size`, `--learning-rate` or
   `--beta-1` say otherwise.
2. Generates `--samples-per-class` digits of each class (100 by default) with `sample(labels=...)`
   for a class-conditional family, or ten times that many from noise for the others; resized
   bilinearly to 32x32 for the judge when the preset makes another size (`cgan_mnist`: 28x28).
3. Trains a separate small CNN classifier on a stratified 80% of the real digits (its accuracy
   on the other 20% is reported), then reports:
   - conditional families: the class-conditional accuracy, the fraction of generated digits it
     assigns to the class they were generated for (target >= 0.90);
   - the others: the recognizable fraction, the share of generated digits the judge reads as
     some digit with softmax confidence >= 0.9 (target >= 0.75; the real held-out digits'
     share is reported next to it), and the share of each class among them (target: every
     class at least 3%, so no digit is missing);
   - for both, the Fréchet distance in its penultimate feature space between the generated
     digits and real digits, next to the same distance between two random halves of the real
     digits, and their ratio (target <= 3).

Usage (from the repository root):

    KERAS_BACKEND=tensorflow .venv/bin/python benchmarks/quality_digits.py
    KERAS_BACKEND=tensorflow .venv/bin/python benchmarks/quality_digits.py --preset cgan_mnist \
        --json-out benchmarks/results/quality_digits_cgan_mnist.json \
        --grid-out benchmarks/results/quality_digits_cgan_mnist_grid.png
    KERAS_BACKEND=tensorflow .venv/bin/python benchmarks/quality_digits.py --family wgan \
        --json-out benchmarks/results/quality_digits_wgan_digits.json \
        --grid-out benchmarks/results/quality_digits_wgan_digits_grid.png
    KERAS_BACKEND=tensorflow .venv/bin/python benchmarks/quality_digits.py --epochs 1 --classifier-epochs 1 \
        --samples-per-class 10 --json-out /tmp/q.json --grid-out /tmp/q.png     # the CI smoke setting
"""
import argparse
import json
import os
import platform
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULTS = os.path.join(ROOT, "benchmarks", "results")
TARGET_ACCURACY = 0.90
TARGET_FRECHET_RATIO = 3.0
TARGET_RECOGNIZABLE = 0.75
CONFIDENT = 0.9  # the judge's softmax confidence that makes a digit "recognizable"
TARGET_CLASS_SHARE = 0.03


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="The Keras backend is taken from KERAS_BACKEND (default tensorflow).")
    parser.add_argument("--family", default="cgan", help="the family (default cgan)")
    parser.add_argument("--preset", help="the family's preset (default: its default preset)")
    parser.add_argument("--epochs", type=int, help="training epochs (default: the preset's recipe)")
    parser.add_argument("--steps", type=int, help="training steps, instead of epochs")
    parser.add_argument("--batch-size", type=int, help="batch size (default: the preset's recipe)")
    parser.add_argument("--learning-rate", type=float, help="learning rate of G and D (default: the preset's)")
    parser.add_argument("--beta-1", type=float, help="Adam beta_1 of G and D (default: the preset's)")
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                        help="another model argument, as `kgan train --set` takes it (repeatable)")
    parser.add_argument("--seed", type=int, default=0, help="seeds the GAN, data order, samples and classifier")
    parser.add_argument("--classifier-epochs", type=int, default=30)
    parser.add_argument("--samples-per-class", type=int, default=100)
    parser.add_argument("--json-out", default=os.path.join(RESULTS, "quality_digits.json"))
    parser.add_argument("--grid-out", default=os.path.join(RESULTS, "quality_digits_grid.png"),
                        help="10x10 PNG grid of generated digits, one row per class")
    parser.add_argument("--verbose", type=int, choices=(0, 1, 2), default=2, help="Keras fit verbosity")
    parser.add_argument("--check-targets", action="store_true", help="exit with status 1 when a target is missed")
    args = parser.parse_args(argv)
    if args.epochs is not None and args.steps is not None:
        parser.error("give --epochs or --steps, not both")
    for name in ("epochs", "steps", "batch_size", "classifier_epochs"):
        if getattr(args, name) is not None and getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be >= 1, got {getattr(args, name)}")
    if args.samples_per_class < 2:
        parser.error(f"--samples-per-class must be >= 2, got {args.samples_per_class}")
    if args.seed < 0:
        parser.error(f"--seed must be >= 0, got {args.seed}")
    return args


def build_classifier(num_classes=10, feature_size=64):
    """A small CNN for 32x32x1 digits; the `features` layer is the penultimate feature space."""
    import keras
    from keras import layers

    images = keras.Input((32, 32, 1), name="images")
    h = images
    for filters in (32, 64, 64):
        h = layers.Conv2D(filters, 3, padding="same", activation="relu")(h)
        h = layers.MaxPooling2D()(h)  # [N, 16, 16, 32] -> [N, 8, 8, 64] -> [N, 4, 4, 64]
    h = layers.Flatten()(h)  # [N, 1024]
    features = layers.Dense(feature_size, activation="relu", name="features")(h)  # [N, 64]
    h = layers.Dropout(0.3)(features)
    logits = layers.Dense(num_classes, name="logits")(h)  # [N, 10]
    return keras.Model(images, logits, name="digit_classifier")


def stratified_split(labels, test_fraction, rng):
    """Index arrays (train, test) holding `test_fraction` of every class in test."""
    import numpy as np

    train, test = [], []
    for label in np.unique(labels):
        members = rng.permutation(np.flatnonzero(labels == label))
        cut = int(round(len(members) * test_fraction))
        test.extend(members[:cut])
        train.extend(members[cut:])
    return rng.permutation(np.array(train)), np.sort(np.array(test))


def train_classifier(images, labels, args):
    import keras
    import numpy as np

    keras.utils.set_random_seed(args.seed)
    train, test = stratified_split(labels, 0.2, np.random.default_rng(args.seed))
    classifier = build_classifier()
    classifier.compile(optimizer=keras.optimizers.Adam(1e-3),
                       loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
    start = time.perf_counter()
    classifier.fit(images[train], labels[train], batch_size=64, epochs=args.classifier_epochs,
                   verbose=2 if args.verbose else 0)
    seconds = time.perf_counter() - start
    test_predictions = predict_classes(classifier, images[test])
    return classifier, {
        "architecture": "conv3x3 32-64-64 with 2x2 max-pooling, dense 64 (features), dropout 0.3, dense 10",
        "trainable_params": int(sum(np.prod(w.shape) for w in classifier.trainable_weights)),
        "epochs": args.classifier_epochs, "batch_size": 64, "optimizer": "Adam(1e-3)",
        "train_examples": int(len(train)), "test_examples": int(len(test)),
        "test_accuracy": float(np.mean(test_predictions == labels[test])),
        "train_seconds": round(seconds, 2),
    }


def predict_classes(classifier, images):
    import numpy as np

    return np.argmax(classifier.predict(images, batch_size=256, verbose=0), axis=-1)


def resolve_recipe(args):
    """Fills in `args.preset`, `args.batch_size` and `args.epochs` or `args.steps` from the family's presets."""
    from kgan.models import FAMILIES

    if args.family not in FAMILIES:
        raise SystemExit(f"unknown family {args.family!r}; choose one of: {', '.join(FAMILIES)}")
    presets = FAMILIES[args.family].presets
    if args.preset is None:
        args.preset = next(iter(presets))
    if args.preset not in presets:
        raise SystemExit(f"unknown {args.family} preset {args.preset!r}; choose one of: {', '.join(presets)}")
    recipe = presets[args.preset]["recipe"]
    args.batch_size = args.batch_size or recipe["batch_size"]
    if args.epochs is None and args.steps is None:
        args.epochs, args.steps = recipe.get("epochs"), recipe.get("steps")
    return args


def describe_optimizer(optimizer):
    config = optimizer.get_config()
    keys = [k for k in ("learning_rate", "beta_1", "beta_2", "decay_factor", "min_learning_rate",
                        "initial_momentum", "final_momentum", "momentum_steps") if k in config]
    return f"{type(optimizer).__name__}({', '.join(f'{k}={config[k]:g}' for k in keys)})"


def train_gan(args):
    import keras

    import kgan.data
    from kgan.models import FAMILIES

    keras.utils.set_random_seed(args.seed)
    from kgan.runs import parse_overrides

    changes = {k: v for k, v in (("learning_rate", args.learning_rate), ("beta_1", args.beta_1)) if v is not None}
    model = FAMILIES[args.family].from_preset(args.preset, seed=args.seed, **changes,
                                              **parse_overrides(args.overrides))
    height, _, channels = model.task.batch["images"].shape
    data = kgan.data.load("digits", image_size=height, channels=channels, batch_size=args.batch_size,
                          seed=args.seed, num_classes=model.task.num_classes)
    model.compile()
    # A recipe in steps is one long epoch: the data pipeline never ends.
    steps_per_epoch, epochs = (data.steps_per_epoch, args.epochs) if args.steps is None else (args.steps, 1)
    start = time.perf_counter()
    history = model.fit(data.dataset(), steps_per_epoch=steps_per_epoch, epochs=epochs, verbose=args.verbose)
    seconds = time.perf_counter() - start
    last = {key: float(values[-1]) for key, values in history.history.items()}
    return model, {
        "family": args.family, "preset": args.preset, "overrides": list(args.overrides), "image_shape": list(model.task.batch["images"].shape),
        "epochs": args.epochs, "batch_size": args.batch_size, "steps": steps_per_epoch * epochs,
        "steps_per_epoch": data.steps_per_epoch,
        "optimizers": {name: describe_optimizer(opt) for name, opt in model.optimizer.optimizers.items()},
        "final_logs": last, "train_seconds": round(seconds, 2),
    }


def real_digits():
    """All 1,797 real digits in stored order, `[N, 32, 32, 1]` in [-1, 1], and labels `[N]`, via kgan.data."""
    import kgan.data

    data = kgan.data.load("digits", batch_size=1797, shuffle=False)
    batch = next(iter(data.dataset()))  # {"images", "labels"}
    return batch["images"].numpy(), batch["labels"].numpy()


def frechet_distances(feature_model, real_images, fake_images, seed):
    """Generated-vs-real next to real-vs-real, in `feature_model`'s space.

    The real digits are split into two random halves A and B. Real-vs-real is FD(A, B);
    generated-vs-real is the mean of FD(generated, A) and FD(generated, B), so both
    compare against reference sets of the same size.
    """
    import numpy as np

    from kgan.metrics import frechet_distance

    real = feature_model.predict(real_images, batch_size=256, verbose=0).astype("float64")  # [N, 64]
    fake = feature_model.predict(fake_images, batch_size=256, verbose=0).astype("float64")  # [M, 64]
    order = np.random.default_rng(seed + 1).permutation(len(real))
    half_a, half_b = real[order[: len(real) // 2]], real[order[len(real) // 2:]]
    real_vs_real = frechet_distance(half_a, half_b)
    to_halves = [frechet_distance(fake, half_a), frechet_distance(fake, half_b)]
    generated_vs_real = float(np.mean(to_halves))
    return {
        "feature_space": "digit classifier's penultimate layer (dense 64, ReLU)",
        "generated_vs_real": generated_vs_real,
        "generated_vs_real_halves": to_halves,
        "real_vs_real": real_vs_real,
        "ratio": generated_vs_real / real_vs_real if real_vs_real > 0 else float("inf"),
        "sizes": {"generated": int(len(fake)), "real_half_a": int(len(half_a)), "real_half_b": int(len(half_b))},
    }


def display_path(path):
    """`path` relative to the repository root when it lies inside it, else absolute."""
    path = os.path.abspath(path)
    return os.path.relpath(path, ROOT) if path.startswith(ROOT + os.sep) else path


def command_line(argv):
    """The command as run from the repository root."""
    import keras

    python = sys.executable
    if python.startswith(ROOT + os.sep):
        python = os.path.relpath(python, ROOT)
    arguments = sys.argv[1:] if argv is None else list(argv)
    return " ".join([f"KERAS_BACKEND={keras.backend.backend()}", python, "benchmarks/quality_digits.py", *arguments])


def machine():
    import keras

    info = {"platform": platform.platform(), "processor": platform.processor() or platform.machine(),
            "cpu_count": os.cpu_count(), "python": platform.python_version(),
            "backend": keras.backend.backend(), "keras": keras.__version__}
    if "tensorflow" in sys.modules or keras.backend.backend() == "tensorflow":
        import tensorflow as tf

        info["tensorflow"] = tf.__version__
        info["devices"] = [d.name for d in tf.config.list_physical_devices()]
    if keras.backend.backend() == "jax":
        import jax

        info["jax"] = jax.__version__
        info["devices"] = [str(d) for d in jax.devices()]
    return info


def for_the_judge(images):
    """Generated images as the judge sees them: float32 in [-1, 1], 32x32, like the real digits."""
    import keras
    import numpy as np

    if tuple(images.shape[1:3]) != (32, 32):
        images = keras.ops.image.resize(images, (32, 32), interpolation="bilinear")
    return np.clip(np.asarray(images, dtype="float32"), -1.0, 1.0)  # [N, 32, 32, 1]


def conditional_scores(model, classifier, args):
    """Digits of each class in turn, and how many the judge reads as the class they were made for."""
    import numpy as np

    labels = np.repeat(np.arange(10, dtype="int32"), args.samples_per_class)  # [10 * K], class blocks
    fake_images = for_the_judge(model.sample(labels=labels, seed=args.seed))  # [10 * K, 32, 32, 1]
    hits = predict_classes(classifier, fake_images) == labels
    accuracy = float(np.mean(hits))
    scores = {"class_conditional_accuracy": accuracy,
              "per_class_accuracy": [float(np.mean(hits[labels == k])) for k in range(10)]}
    targets = {"class_conditional_accuracy_min": TARGET_ACCURACY}
    met = {"class_conditional_accuracy": accuracy >= TARGET_ACCURACY}
    return fake_images, scores, targets, met


def confident_share(classifier, images):
    """(the share the judge reads with confidence >= CONFIDENT, the predicted classes)."""
    import keras
    import numpy as np

    logits = classifier.predict(images, batch_size=256, verbose=0)
    probabilities = np.asarray(keras.ops.softmax(logits, axis=-1))  # [N, 10]
    return float(np.mean(probabilities.max(axis=-1) >= CONFIDENT)), probabilities.argmax(axis=-1)


def unconditional_scores(model, classifier, held_out, args):
    """Digits from noise: how many the judge reads confidently as some digit, and how the classes spread."""
    import numpy as np

    fake_images = for_the_judge(model.sample(10 * args.samples_per_class, seed=args.seed))  # [10 * K, 32, 32, 1]
    recognizable, predictions = confident_share(classifier, fake_images)
    real_recognizable, _ = confident_share(classifier, held_out)
    shares = np.bincount(predictions, minlength=10) / len(predictions)
    fake_images = fake_images[np.argsort(predictions, kind="stable")]  # the grid shows the classes in order
    scores = {"recognizable_fraction": recognizable, "real_recognizable_fraction": real_recognizable,
              "confidence_threshold": CONFIDENT, "class_shares": [float(x) for x in shares]}
    targets = {"recognizable_fraction_min": TARGET_RECOGNIZABLE, "class_share_min": TARGET_CLASS_SHARE}
    met = {"recognizable_fraction": recognizable >= TARGET_RECOGNIZABLE,
           "class_shares": bool(shares.min() >= TARGET_CLASS_SHARE)}
    return fake_images, scores, targets, met


def main(argv=None):
    args = parse_args(argv)
    started = time.perf_counter()
    if ROOT not in sys.path:
        sys.path.insert(0, ROOT)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import keras
    import numpy as np

    import kgan.images

    resolve_recipe(args)
    real_images, real_labels = real_digits()
    model, gan = train_gan(args)
    classifier, classifier_info = train_classifier(real_images, real_labels, args)
    conditional = model.task.num_classes is not None
    if conditional:
        fake_images, scores, targets, met = conditional_scores(model, classifier, args)
    else:
        _, held_out = stratified_split(real_labels, 0.2, np.random.default_rng(args.seed))
        fake_images, scores, targets, met = unconditional_scores(model, classifier, real_images[held_out], args)
    per_row = min(10, args.samples_per_class)
    rows = fake_images.reshape(10, args.samples_per_class, 32, 32, 1)[:, :per_row]
    os.makedirs(os.path.dirname(os.path.abspath(args.grid_out)), exist_ok=True)
    kgan.images.save_grid(rows.reshape(-1, 32, 32, 1), args.grid_out, rows=10)

    feature_model = keras.Model(classifier.inputs, classifier.get_layer("features").output)
    frechet = frechet_distances(feature_model, real_images, fake_images, args.seed)
    result = {
        "benchmark": "quality_digits",
        "command": command_line(argv),
        "machine": machine(),
        "seed": args.seed,
        "data": {"name": "digits", "num_examples": int(len(real_images)), "image_shape": [32, 32, 1]},
        "gan": gan,
        "generated": {"num_images": int(len(fake_images)), "per_class": args.samples_per_class,
                      "sample_seed": args.seed, "grid": display_path(args.grid_out)},
        "classifier": classifier_info,
        **scores,
        "frechet_distance": frechet,
        "targets": {**targets, "frechet_ratio_max": TARGET_FRECHET_RATIO},
        "met": {**met, "frechet_ratio": frechet["ratio"] <= TARGET_FRECHET_RATIO},
        "wall_seconds": round(time.perf_counter() - started, 2),
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.json_out)), exist_ok=True)
    with open(args.json_out, "w") as file:
        json.dump(result, file, indent=2)
        file.write("\n")
    if conditional:
        score = f"class-conditional accuracy {scores['class_conditional_accuracy']:.4f} (target >= {TARGET_ACCURACY})"
    else:
        score = (f"recognizable {scores['recognizable_fraction']:.4f} (target >= {TARGET_RECOGNIZABLE}; real "
                 f"{scores['real_recognizable_fraction']:.4f}), smallest class share "
                 f"{min(scores['class_shares']):.3f} (target >= {TARGET_CLASS_SHARE})")
    print(f"classifier real-test accuracy {classifier_info['test_accuracy']:.4f}; {score}; "
          f"FD generated-vs-real {frechet['generated_vs_real']:.3f}, real-vs-real {frechet['real_vs_real']:.3f}, "
          f"ratio {frechet['ratio']:.2f} (target <= {TARGET_FRECHET_RATIO}); "
          f"{args.family} {gan['train_seconds']:.0f} s, total {result['wall_seconds']:.0f} s")
    print(f"wrote {args.json_out} and {args.grid_out}")
    if args.check_targets and not all(result["met"].values()):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
