"""What the applications share: their training options, starting or resuming a run, writing example images, and
one-line errors with the exit codes of the `kgan` command (`kgan.exit_codes`)."""
import argparse
import os
import sys

from kgan import exit_codes
from kgan.cli import options
from kgan.cli.command_parser import CommandParser
from kgan.cli.framework_imports import import_frameworks
from kgan.cli.terminated import Terminated, sigterm_raises
from kgan.cli.train_command import free_run_directory
from kgan.cli.usage_error import UsageError
from kgan.environment_fault import EnvironmentFault

EXIT_CODES = ("Exit codes: 0 done, 1 training diverged, 2 bad input, 3 the environment refused (disk full,\n"
              "permission, locked run), 130 interrupted, 143 terminated; errors are one line on stderr.")
#: the options that start a run; `--resume` takes them from RUN_DIR/config.json instead.
STARTING_OPTIONS = ("data", "demo", "out", "preset", "batch_size", "seed", "overrides")
#: held-out examples written after training.
EXAMPLES = 8


def app_parser(prog, description, reference_preset, demo_preset):
    """The parser with the options every application has; the caller adds `--data` and its own."""
    parser = CommandParser(prog=prog, description=description, epilog=EXIT_CODES,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--demo", action="store_true",
                        help=f"train the small preset {demo_preset} on embedded photos instead: runs on a CPU, "
                             "downloads nothing")
    parser.add_argument("--out", metavar="RUN_DIR", help=f"the new run directory (default: runs/{prog}, or "
                                                         f"runs/{prog}-2, ... if that holds a run)")
    parser.add_argument("--resume", metavar="RUN_DIR", help="continue the run in RUN_DIR exactly where it stopped")
    parser.add_argument("--preset", help=f"the preset (default {reference_preset}, the reference; {demo_preset} "
                                         "with --demo)")
    parser.add_argument("--epochs", metavar="N", help="train to N epochs in total (default: the preset's recipe)")
    parser.add_argument("--steps", metavar="N", help="train to N steps in total")
    parser.add_argument("--batch-size", metavar="B", help="images per step (default: the preset's recipe)")
    parser.add_argument("--seed", metavar="S", help="seed of weights, data order and samples (default 0)")
    parser.add_argument("--set", dest="overrides", action="append", metavar="KEY=VALUE", default=[],
                        help="override a model argument, as `kgan train --set` (repeatable)")
    parser.add_argument("--backend", help="tensorflow | jax (default: KERAS_BACKEND, else tensorflow)")
    parser.add_argument("--verbose", help="0 silent, 1 progress bar (default), 2 one line per epoch")
    return parser


def check_start(args, prog, starting=(), default_data=None):
    """Checks, before TensorFlow loads, what starting or resuming needs; fills in --data's default and --out's.

    `starting`: the application's own options that only a new run takes.
    """
    if args.resume:
        given = [name for name in STARTING_OPTIONS + tuple(starting) if getattr(args, name) not in (None, False, [])]
        if given:
            raise UsageError(f"--resume takes its settings from RUN_DIR/config.json; drop "
                             f"--{given[0].replace('_', '-').replace('overrides', 'set')}")
        return
    if args.demo and args.data is not None:
        raise UsageError("--demo trains on embedded photos; drop --data")
    if not args.demo and args.data is None:
        args.data = default_data
    if not args.demo and args.data is None:
        raise UsageError("give --data (see --help for how to get the dataset), or --demo")
    if args.data is not None and not args.data.startswith("tfds:") and not os.path.isdir(args.data):
        raise UsageError(f"--data {args.data}: no such folder (see --help for how to get the dataset)")
    if not args.out:
        args.out = free_run_directory(prog)


def start_frameworks(args):
    """Selects the backend and imports TensorFlow (the data pipeline) and Keras with their start-up lines hidden."""
    options.use_backend(args.backend)
    import_frameworks(["tensorflow", "keras"])


def train_or_resume(args, family, data, preset, data_options=None, overrides=None):
    """A `kgan.runs.RunResult`: a new run of `family` on `data`, or the run of `--resume` continued."""
    import kgan.runs

    epochs = options.integer("--epochs", args.epochs, 1)
    steps = options.integer("--steps", args.steps, 1)
    verbose = int(options.choice("--verbose", args.verbose, ("0", "1", "2")) or 1)
    if args.resume:
        return kgan.runs.resume(args.resume, epochs=epochs, steps=steps, verbose=verbose)
    config = kgan.runs.RunConfig(
        family=family, data=data, preset=args.preset or preset, epochs=epochs, steps=steps,
        overrides={**kgan.runs.parse_overrides(args.overrides), **(overrides or {})},
        batch_size=options.integer("--batch-size", args.batch_size, 1),
        seed=options.integer("--seed", args.seed, 0, 0), backend=args.backend, data_options=data_options or {})
    return kgan.runs.train(config, args.out, verbose=verbose)


def held_out(config, model, count=EXAMPLES):
    """The first `count` examples of the run's test split (stored order, no jitter), keyed by the task's names;
    None when the data has no test split."""
    import numpy as np

    import kgan.data

    try:
        data = kgan.data.load_task(config.data, model.task, batch_size=1, seed=config.seed, split="test",
                                   jitter=False, shuffle=False, strict=config.strict, **config.data_options)
    except kgan.data.MissingSplit:
        return None
    batches = list(data.dataset().take(min(count, data.num_examples)).as_numpy_iterator())
    return {name: np.concatenate([batch[name] for batch in batches]) for name in batches[0]}


def write_rows(folder, grid, names):
    """Saves each row of `grid` (`(images, rows)`, as `kgan.side_by_side` makes it) as one image `folder/NAME`."""
    from kgan.images import save_grid

    images, rows = grid
    per_row = len(images) // rows
    os.makedirs(folder, exist_ok=True)
    return [save_grid(images[row * per_row:(row + 1) * per_row], os.path.join(folder, name), rows=1)
            for row, name in zip(range(rows), names)]


def fail(prog, message, code=exit_codes.BAD_INPUT):
    """`PROG: error: MESSAGE` as one line on stderr; returns the exit code."""
    text = " ".join(str(message).split())
    print(f"{prog}: error: {text[:-1] if text.endswith('.') else text}", file=sys.stderr)
    return code


def run_app(prog, parser, argv, app):
    """Parses `argv` and runs `app(args)`, turning every expected failure into one line and its exit code."""
    args = None
    try:
        args = parser.parse_args(argv)
        with sigterm_raises():
            return app(args) or exit_codes.DONE
    except SystemExit as exit:  # --help
        return exit.code or exit_codes.DONE
    except UsageError as error:
        return fail(prog, error)
    except EnvironmentFault as error:
        return fail(prog, error, exit_codes.ENVIRONMENT)
    except KeyboardInterrupt as interrupt:
        print(file=sys.stdout)  # ends a progress bar's line
        terminated = isinstance(interrupt, Terminated)
        run_dir = args and (args.resume or args.out)
        started = run_dir and os.path.exists(os.path.join(run_dir, "config.json"))
        hint = f"; continue with `{prog} --resume {run_dir}`" if started else " before the run started"
        return fail(prog, ("terminated (SIGTERM)" if terminated else "interrupted") + hint,
                    exit_codes.TERMINATED if terminated else exit_codes.INTERRUPTED)
    except Exception as error:
        # Imported only now: they load TensorFlow and Keras, which an app imports before it can raise them.
        from kgan.callbacks import TrainingDiverged
        from kgan.data import DataError
        from kgan.runs import RunError

        if isinstance(error, TrainingDiverged):
            return fail(prog, error, exit_codes.DIVERGED)
        if isinstance(error, (RunError, DataError)):
            return fail(prog, error)
        raise  # a bug: its traceback says where
