"""`kgan generate`: images from a trained run or model file, as a PNG grid and/or a .npz."""
import io
import os

from kgan.cli import options
from kgan.cli.framework_imports import import_frameworks
from kgan.cli.usage_error import UsageError

PER_LABEL = 8
DEFAULT_NUM = 64


def add_parser(commands):
    parser = commands.add_parser(
        "generate", help="sample a trained model into a PNG grid and/or a .npz",
        description="Generate images from RUN_DIR (its model.keras, else its latest checkpoint) or a model .keras "
                    "file. The same --seed gives the same images.")
    parser.add_argument("target", metavar="RUN_DIR|MODEL.keras")
    parser.add_argument("--num", metavar="N", help=f"how many images (default {DEFAULT_NUM}; conditional models: "
                                                   f"{PER_LABEL} per label, every class when none is given)")
    parser.add_argument("--labels", metavar="0,1,2", help="classes to generate, spread evenly over --num")
    parser.add_argument("--label", metavar="K", help="generate class K only")
    parser.add_argument("--seed", metavar="S", help="seed of the latent batch (default 0)")
    parser.add_argument("--truncation", metavar="PSI", help="truncation psi, for families that support it")
    parser.add_argument("--out", metavar="GRID.png", help="the PNG grid (default: generated.png beside the model, "
                                                          "unless only --npz is given)")
    parser.add_argument("--npz", metavar="OUT.npz", help="also write images (uint8 N x H x W x C) and labels")
    parser.add_argument("--backend", help="tensorflow | jax (default: KERAS_BACKEND, else tensorflow)")
    parser.set_defaults(run=generate_command)
    return parser


def _labels(args):
    if args.labels is not None and args.label is not None:
        raise UsageError("give --labels or --label, not both")
    if args.label is not None:
        return [options.integer("--label", args.label, 0)]
    return options.integer_list("--labels", args.labels)


def _check_folder(option, path):
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise UsageError(f"{option} {path}: no such directory {folder}")


def _default_grid_path(target):
    folder = target if os.path.isdir(target) else os.path.dirname(os.path.abspath(target))
    return os.path.join(folder, "generated.png")


def generate_command(args):
    options.use_backend(args.backend)
    num = options.integer("--num", args.num, 1)
    labels = _labels(args)
    seed = options.integer("--seed", args.seed, 0, 0)
    truncation = options.number("--truncation", args.truncation)
    for option, path in (("--out", args.out), ("--npz", args.npz)):
        if path:
            _check_folder(option, path)
    import_frameworks(["keras"], show_logs=args.tf_logs)
    return _generate(args, num, labels, seed, truncation)


def _generate(args, num, labels, seed, truncation):
    import numpy as np

    from kgan import files, sampling
    from kgan.images import make_grid, save_png, to_uint8
    from kgan.runs import RunError, load_for_sampling

    try:
        model = load_for_sampling(args.target)
    except RunError as error:
        return options.fail(error)
    family = type(model).__name__
    if truncation is not None and not sampling.supports_truncation(model):
        return options.fail(f"{family} does not support --truncation (its sample() takes no truncation)")
    conditional = sampling.is_conditional(model)
    if labels is not None and not conditional:
        return options.fail(f"{family} is not class-conditional, so it takes no --labels/--label")
    if num is None:
        if conditional:
            num = PER_LABEL * len(labels if labels is not None else range(model.num_classes))
        else:
            num = DEFAULT_NUM
    try:
        images, labels = sampling.sample_images(model, num_images=num, labels=labels, seed=seed,
                                                truncation=truncation)
    except ValueError as error:
        return options.fail(error)
    images = to_uint8(images)
    written = []
    out = args.out or (None if args.npz else _default_grid_path(args.target))
    if out:
        rows = None
        if labels is not None and len(images) % len(np.unique(labels)) == 0:
            rows = len(np.unique(labels))
        written.append(save_png(make_grid(images, rows=rows), out))
    if args.npz:
        buffer = io.BytesIO()
        arrays = {"images": images} if labels is None else {"images": images, "labels": labels.astype("int32")}
        np.savez(buffer, **arrays)
        written.append(files.write_bytes(buffer.getvalue(), args.npz))
    shape = "x".join(map(str, images.shape[1:]))
    print(f"kgan: generated {len(images)} images ({shape}) with {family}, seed {seed}: {', '.join(written)}")
    return 0
