"""`kgan`: list families and presets, inspect a preset's networks, train, generate.

Exit codes (`kgan.exit_codes`): 0 done, 1 training diverged, 2 bad input, 3 the environment refused (a full
disk, a permission, a locked run directory), 130 interrupted, 143 terminated (SIGTERM); errors are one line on stderr.
"""
import argparse
import json
import math
import sys

from kgan import __version__, catalog, exit_codes
from kgan.cli import generate_command, inpaint_command, options, train_command, translate_command, upscale_command
from kgan.cli.command_parser import CommandParser
from kgan.cli.framework_imports import import_frameworks
from kgan.cli.lost_interrupts import recover_lost_interrupts
from kgan.cli.terminated import Terminated
from kgan.cli.usage_error import UsageError
from kgan.environment_fault import EnvironmentFault

TF_LOGS_HELP = "let TensorFlow, JAX and XLA write their start-up and log lines to stderr (hidden by default)"


def _output_shape(network):
    outputs = network.outputs
    shapes = [list(t.shape) for t in outputs]
    return shapes[0] if len(shapes) == 1 else shapes


def list_command(args):
    listing = {name: list(catalog.presets(name)) for name in catalog.FAMILIES}
    if args.json:
        print(json.dumps(listing))
        return
    width = max(map(len, listing)) + 1
    for family, presets in listing.items():
        default, *others = presets
        print(f"{family:{width}s}{default} (default)" + "".join(f", {p}" for p in others))


def info_command(args):
    catalog.check_family(args.family, error=UsageError)
    preset = catalog.check_preset(args.family, args.preset, error=UsageError)
    import_frameworks(["keras"], show_logs=args.tf_logs)
    cls = catalog.family_class(args.family)
    model = cls.from_preset(preset)
    report = {
        name: {"trainable_params": sum(math.prod(v.shape) for v in net.trainable_variables),
               "output_shape": _output_shape(net)}
        for name, net in model.networks().items()
    }
    if args.json:
        print(json.dumps(report))
        return
    print(f"{args.family} / {preset}: {cls.presets[preset]['description']}")
    for name, entry in report.items():
        print(f"  {name:14s} {entry['trainable_params']:>12,d} trainable   output {entry['output_shape']}")


def build_parser():
    parser = CommandParser(prog="kgan", description="Generative adversarial networks for Keras 3.",
                           epilog="Exit codes: 0 done, 1 training diverged, 2 bad input, 3 the environment refused "
                                  "(disk full, permission, locked run), 130 interrupted, 143 terminated; errors "
                                  "are one line on stderr.")
    parser.add_argument("--tf-logs", action="store_true", help=TF_LOGS_HELP)
    parser.add_argument("--version", action="version", version=f"kgan {__version__}")
    commands = parser.add_subparsers(dest="command")
    listing = commands.add_parser("list", help="families and their presets (the first is the default)")
    listing.add_argument("--json", action="store_true", help='print {"family": ["preset", ...]}')
    listing.set_defaults(run=list_command)
    info = commands.add_parser("info", help="build a preset; print each network's output shape and size")
    info.add_argument("family")
    info.add_argument("--preset", help="preset name (default: the family's first)")
    info.add_argument("--json", action="store_true")
    info.set_defaults(run=info_command)
    train_command.add_parser(commands)
    generate_command.add_parser(commands)
    inpaint_command.add_parser(commands)
    translate_command.add_parser(commands)
    upscale_command.add_parser(commands)
    for command in commands.choices.values():
        # Also after the command (`kgan train ... --tf-logs`); SUPPRESS keeps the global value otherwise.
        command.add_argument("--tf-logs", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return parser


def main(argv=None):
    recover_lost_interrupts()
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            raise UsageError("name a command: list, info, train, generate, inpaint, translate or upscale "
                             "(see `kgan --help`)")
        code = args.run(args)
    except UsageError as error:
        return options.fail(error)
    except EnvironmentFault as error:
        return options.fail(error, code=exit_codes.ENVIRONMENT)
    except KeyboardInterrupt as interrupt:  # Ctrl-C (or SIGTERM) while starting up: no traceback
        terminated = isinstance(interrupt, Terminated)
        return options.fail("terminated (SIGTERM)" if terminated else "interrupted",
                            code=exit_codes.TERMINATED if terminated else exit_codes.INTERRUPTED)
    return code or 0


if __name__ == "__main__":
    sys.exit(main())
