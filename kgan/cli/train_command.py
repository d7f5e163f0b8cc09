"""`kgan train`: start a run, or continue one with `--resume`."""
import json
import os
import sys

from kgan import catalog, exit_codes
from kgan.checks import MAX_SEED
from kgan.cli import options
from kgan.cli.framework_imports import import_frameworks
from kgan.cli.terminated import Terminated, sigterm_raises
from kgan.cli.usage_error import UsageError
from kgan.environment_fault import EnvironmentFault

PRECISIONS = ("float32", "mixed_float16", "mixed_bfloat16")
STARTING_OPTIONS = ("family", "preset", "data", "out", "batch_size", "seed", "precision", "checkpoint_every",
                    "strict", "deterministic", "overrides", "init_from")


def add_parser(commands):
    parser = commands.add_parser(
        "train", help="train a family on data into a run directory (or continue one with --resume)",
        description="Train FAMILY on DATA into RUN_DIR: config.json, checkpoints/, samples/, logs/, metrics.csv, "
                    "model.keras and generator.keras. `kgan train --resume RUN_DIR [--epochs N | --steps N]` "
                    "continues a run exactly.")
    parser.add_argument("family", nargs="?", help="a family from `kgan list`")
    parser.add_argument("--preset", help="the family's preset (default: its first)")
    parser.add_argument("--data", help="digits, photos (photos:train, photos:test: the training or held-out photos), "
                                       "tfds:NAME[:SPLIT], a folder of images or a .npz file; for "
                                       "image-to-image families: a pix2pix folder (train/ of A|B images), A/ and B/ "
                                       "folders, a CycleGAN folder (trainA/, trainB/), tfds:cycle_gan/NAME, "
                                       "photos:colorize, photos:edges or photos:unpaired "
                                       "(default: the preset's recipe's data)")
    parser.add_argument("--out", metavar="RUN_DIR", help="the new run directory (default: runs/FAMILY, or "
                                                         "runs/FAMILY-2, -3, ... if that holds a run)")
    parser.add_argument("--resume", metavar="RUN_DIR", help="continue the run in RUN_DIR")
    parser.add_argument("--epochs", metavar="N", help="train to N epochs in total (default: the preset's recipe)")
    parser.add_argument("--steps", metavar="N", help="train to N steps in total")
    parser.add_argument("--batch-size", metavar="B", help="images per step (default: the preset's recipe)")
    parser.add_argument("--seed", metavar="S", help="seed of weights, noise, data order and samples (default 0)")
    parser.add_argument("--precision", help=f"{' | '.join(PRECISIONS)} (default float32)")
    parser.add_argument("--backend", help="tensorflow | jax (default: KERAS_BACKEND, else tensorflow)")
    parser.add_argument("--checkpoint-every", metavar="K", help="checkpoint every K steps, and at every epoch end "
                                                                 "(default 500)")
    parser.add_argument("--strict", action="store_true", help="unreadable data files are an error, not skipped")
    parser.add_argument("--deterministic", action="store_true",
                        help="deterministic ops, for bit-identical repeats and resumes")
    parser.add_argument("--set", dest="overrides", action="append", metavar="KEY=VALUE", default=[],
                        help="override a model argument, e.g. --set image_size=16, or set the data's "
                             "direction=AtoB|BtoA (repeatable)")
    parser.add_argument("--init-from", metavar="RUN_DIR",
                        help="start from the generator weights of the run in RUN_DIR (e.g. SRResNet, then SRGAN)")
    parser.add_argument("--verbose", help="0 silent, 1 progress bar (default), 2 one line per epoch")
    parser.add_argument("--allow-data-change", action="store_true",
                        help="with --resume: go on although the data's content changed since the run started")
    parser.set_defaults(run=train_command)
    return parser


def free_run_directory(family, root="runs"):
    """`runs/FAMILY`, or the first of `runs/FAMILY-2`, `-3`, ... that does not exist yet."""
    path, number = os.path.join(root, family), 1
    while os.path.exists(path):
        number += 1
        path = os.path.join(root, f"{family}-{number}")
    return path


def _total(args):
    epochs = options.integer("--epochs", args.epochs, 1)
    steps = options.integer("--steps", args.steps, 1)
    if epochs is not None and steps is not None:
        raise UsageError("give --epochs or --steps, not both")
    return epochs, steps


def _saved_backend(run_dir):
    try:
        with open(os.path.join(run_dir, "config.json")) as file:
            return json.load(file).get("backend")
    except (OSError, ValueError):
        return None  # `resume` reports the missing or broken config


def _starting_values(args):
    """A new run's names and values, checked here because TensorFlow takes seconds to load."""
    catalog.check_family(args.family, error=UsageError)
    catalog.check_preset(args.family, args.preset, error=UsageError)
    return {"batch_size": options.integer("--batch-size", args.batch_size, 1),
            "seed": options.integer("--seed", args.seed, 0, 0, maximum=MAX_SEED),
            "precision": options.choice("--precision", args.precision, PRECISIONS) or "float32",
            "checkpoint_every": options.integer("--checkpoint-every", args.checkpoint_every, 1, 500)}


def train_command(args):
    # SIGTERM (what schedulers send) stops a run as Ctrl-C does, from here on.
    with sigterm_raises():
        try:
            return _train_command(args)
        except KeyboardInterrupt as interrupt:
            return _interrupted(args, interrupt)


def _train_command(args):
    epochs, steps = _total(args)
    if args.allow_data_change and not args.resume:
        raise UsageError("--allow-data-change goes with --resume RUN_DIR")
    verbose = int(options.choice("--verbose", args.verbose, ("0", "1", "2")) or 1)
    values = {}
    if args.resume:
        given = [name for name in STARTING_OPTIONS if getattr(args, name) not in (None, False, [])]
        if given:
            raise UsageError(f"--resume takes its settings from RUN_DIR/config.json; drop "
                             f"{given[0].replace('_', '-') if given[0] != 'family' else 'FAMILY'}")
        options.use_backend(args.backend or _saved_backend(args.resume))
    else:
        if not args.family:
            raise UsageError("name a family to train (see `kgan list`), or --resume RUN_DIR")
        values = _starting_values(args)
        if not args.out:
            args.out = free_run_directory(args.family)
        options.use_backend(args.backend, deterministic=args.deterministic)
    # The data pipeline is tf.data on either backend.
    import_frameworks(["tensorflow", "keras"], show_logs=args.tf_logs)
    return _run(args, epochs, steps, verbose, values)


def _run(args, epochs, steps, verbose, values):
    # Keras loads here, after `use_backend`.
    from kgan.callbacks import TrainingDiverged
    from kgan.data import DataError
    from kgan.runs import RunConfig, RunError, parse_overrides, resume, summary_line, train

    try:
        if args.resume:
            result = resume(args.resume, epochs=epochs, steps=steps, verbose=verbose,
                            allow_data_change=args.allow_data_change)
        else:
            config = RunConfig(
                family=args.family, data=args.data, preset=args.preset, overrides=parse_overrides(args.overrides),
                epochs=epochs, steps=steps, backend=args.backend, deterministic=args.deterministic,
                strict=args.strict, init_from=args.init_from, **values)
            result = train(config, args.out, verbose=verbose)
    except (UsageError, RunError, DataError) as error:
        return options.fail(error)
    except EnvironmentFault as error:
        sys.stdout.flush()
        return options.fail(error, code=exit_codes.ENVIRONMENT)
    except TrainingDiverged as error:
        sys.stdout.flush()
        return options.fail(error, code=exit_codes.DIVERGED)
    print(summary_line(result))
    return 0


def _interrupted(args, interrupt):
    """Ctrl-C (exit 130) or SIGTERM (exit 143), at any moment: one line saying how to go on."""
    terminated = isinstance(interrupt, Terminated)
    what, code = ("terminated (SIGTERM)", exit_codes.TERMINATED) if terminated else \
        ("interrupted", exit_codes.INTERRUPTED)
    print(file=sys.stdout)  # ends a progress bar's line
    run_dir = args.resume or args.out
    if not run_dir or not os.path.exists(os.path.join(run_dir, "config.json")):
        return options.fail(f"{what} before the run started", code=code)
    return options.fail(f"{what}; continue from the last checkpoint with `kgan train --resume {run_dir}`",
                        code=code)
