"""`kgan generate`: images from a trained run or model file, as a PNG or JPEG grid and/or a .npz.

The images are made in batches and streamed to the grid and the .npz, so memory
stays bounded whatever --num is (`kgan/cli/generate_outputs.py`).
"""
import errno
import os
import tempfile
import zipfile

from kgan import exit_codes, files
from kgan.checks import MAX_SEED
from kgan.cli import generate_outputs, options
from kgan.cli.framework_imports import import_frameworks
from kgan.cli.usage_error import UsageError
from kgan.environment_fault import EnvironmentFault

PER_LABEL = 8
DEFAULT_NUM = 64
MAX_NUM = 2 ** 31 - 1  # far past any disk; it stops a mistyped count before anything loads


def add_parser(commands):
    parser = commands.add_parser(
        "generate", help="sample a trained model into a PNG grid and/or a .npz",
        description="Generate images from RUN_DIR (its model.keras, else its latest checkpoint) or a model .keras "
                    "file. The same --seed gives the same images. They are made in batches and streamed to the "
                    f"files; a grid holds at most {generate_outputs.MAX_GRID_PIXELS:,} pixels.")
    parser.add_argument("target", metavar="RUN_DIR|MODEL.keras")
    parser.add_argument("--num", metavar="N", help=f"how many images (default {DEFAULT_NUM}; conditional models: "
                                                   f"{PER_LABEL} per label, every class when none is given)")
    parser.add_argument("--labels", metavar="0,1,2", help="classes to generate, spread evenly over --num")
    parser.add_argument("--label", metavar="K", help="generate class K only")
    parser.add_argument("--seed", metavar="S", help=f"seed of the latent noise, 0..{MAX_SEED} (default 0)")
    parser.add_argument("--truncation", metavar="PSI", help="truncation psi, for families that support it")
    parser.add_argument("--out", metavar="GRID.png", help="the grid, PNG (.png) or JPEG (.jpg, .jpeg) (default: "
                                                          "generated.png beside the model, unless only --npz is given)")
    parser.add_argument("--npz", metavar="OUT.npz", help="also write images (uint8 N x H x W x C) and labels")
    parser.add_argument("--inputs", metavar="IN.npz", help="for models that sample from images (source, low_res, "
                                                          "...): a .npz with one array per input the model names")
    parser.add_argument("--backend", help="tensorflow | jax (default: KERAS_BACKEND, else tensorflow)")
    parser.set_defaults(run=generate_command)
    return parser


def _labels(args):
    if args.labels is not None and args.label is not None:
        raise UsageError("give --labels or --label, not both")
    if args.label is not None:
        return [options.integer("--label", args.label, 0)]
    return options.integer_list("--labels", args.labels)


def _check_grid_name(path):
    from kgan.images import image_format

    try:
        image_format(path)
    except ValueError as error:
        raise UsageError(f"--out {error}") from None


def _check_writable(option, path):
    """Fails now, before the model loads, where the file could not be written at the end."""
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise UsageError(f"{option} {path}: no such directory {folder}")
    if os.path.isdir(path):
        raise EnvironmentFault(f"{option} {path}: cannot write it",
                               IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), path))
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=files.TEMPORARY_PREFIX):
            pass
    except OSError as error:
        raise EnvironmentFault(f"{option} {path}: cannot write it", error) from None


def _default_grid_path(target):
    folder = target if os.path.isdir(target) else os.path.dirname(os.path.abspath(target))
    return os.path.join(folder, "generated.png")


def generate_command(args):
    options.use_backend(args.backend)
    num = options.integer("--num", args.num, 1, maximum=MAX_NUM)
    labels = _labels(args)
    seed = options.integer("--seed", args.seed, 0, 0, maximum=MAX_SEED)
    truncation = options.number("--truncation", args.truncation)
    if args.out:
        _check_grid_name(args.out)
    for option, path in (("--out", args.out), ("--npz", args.npz)):
        if path:
            _check_writable(option, path)
    if args.inputs and not os.path.isfile(args.inputs):
        raise UsageError(f"--inputs {args.inputs}: no such file")
    import_frameworks(["keras"], show_logs=args.tf_logs)
    return _generate(args, num, labels, seed, truncation)


def _read_inputs(path, task):
    """The task's tensor inputs (source images, ...) from a .npz, by name, as float32 in [-1, 1]."""
    import numpy as np

    names = task.tensor_inputs
    if path is None:
        return {}
    if not names:
        raise UsageError("--inputs is for models that sample from input images; this one samples from noise")
    if not zipfile.is_zipfile(path):  # numpy would call it "pickled data"
        raise UsageError(f"--inputs {path}: cannot read it as a .npz (it is not a zip file)")
    try:
        with np.load(path, allow_pickle=False) as archive:
            arrays = {key: archive[key] for key in archive.files}
    except (OSError, ValueError) as error:
        raise UsageError(f"--inputs {path}: cannot read it as a .npz ({' '.join(str(error).split())})") from None
    missing = [name for name in names if name not in arrays]
    if missing:
        raise UsageError(f"--inputs {path} has no {missing[0]!r} array (found {', '.join(arrays) or 'none'})")
    # uint8 images are on 0..255; anything else is taken to be in [-1, 1] already.
    return {name: arrays[name] / 127.5 - 1.0 if arrays[name].dtype == np.uint8 else arrays[name] for name in names}


def _checked_request(model, args, num, labels, truncation):
    """(inputs for `sample_batches`, num); a UsageError for what this model does not take."""
    family, task = type(model).__name__, model.task
    if truncation is not None and not task.truncation:
        raise UsageError(f"{family} does not support --truncation (its sample() takes no truncation)")
    if labels is not None and task.class_input is None:
        raise UsageError(f"{family} is not class-conditional, so it takes no --labels/--label")
    inputs = _read_inputs(args.inputs, task)
    if task.tensor_inputs and not inputs:
        raise UsageError(f"{family} samples from {', '.join(task.tensor_inputs)}: give them with --inputs FILE.npz")
    if labels is not None:
        inputs[task.class_input] = labels
    if num is None and not task.tensor_inputs:
        num = PER_LABEL * len(labels if labels is not None else range(task.num_classes)) \
            if task.class_input is not None else DEFAULT_NUM
    return inputs, num


def _generate(args, num, labels, seed, truncation):
    from kgan import sampling
    from kgan.runs import RunError, load_for_sampling

    try:
        model = load_for_sampling(args.target)
        inputs, num = _checked_request(model, args, num, labels, truncation)
        batches = sampling.sample_batches(model, num_images=num, seed=seed, truncation=truncation, **inputs)
    except (RunError, UsageError, ValueError) as error:
        return options.fail(error)
    out = args.out or (None if args.npz else _default_grid_path(args.target))
    try:
        written, count = generate_outputs.write(model, batches, inputs, num, out, args.npz)
    except KeyboardInterrupt:  # a file being written is dropped whole: none is left half-written
        return options.fail("interrupted", code=exit_codes.INTERRUPTED)
    shape = "x".join(map(str, model.task.output_spec.shape))
    print(f"kgan: generated {count} images ({shape}) with {type(model).__name__}, seed {seed}: {', '.join(written)}")
    return 0
