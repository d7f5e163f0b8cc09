"""`kgan`: list families and presets, inspect a preset's networks, train, generate."""
import argparse
import json
import math
import os
import sys

from kgan.cli import generate_command, train_command


class UsageError(Exception):
    """Bad input from the command line: printed as one line, exit code 2."""


def _families():
    from kgan.models import FAMILIES

    return FAMILIES


def _output_shape(network):
    outputs = network.outputs
    shapes = [list(t.shape) for t in outputs]
    return shapes[0] if len(shapes) == 1 else shapes


def list_command(args):
    listing = {name: list(cls.presets) for name, cls in _families().items()}
    if args.json:
        print(json.dumps(listing))
        return
    for family, presets in listing.items():
        default, *others = presets
        print(f"{family:10s} {default} (default)" + "".join(f", {p}" for p in others))


def info_command(args):
    families = _families()
    if args.family not in families:
        raise UsageError(f"unknown family {args.family!r}; choose one of: {', '.join(families)}")
    cls = families[args.family]
    preset = args.preset or next(iter(cls.presets))
    if preset not in cls.presets:
        raise UsageError(f"unknown preset {preset!r} for {args.family}; choose one of: {', '.join(cls.presets)}")
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
    parser = argparse.ArgumentParser(prog="kgan", description="Generative adversarial networks for Keras 3.")
    commands = parser.add_subparsers(dest="command", required=True)
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
    return parser


def main(argv=None):
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    args = build_parser().parse_args(argv)
    try:
        code = args.run(args)
    except UsageError as error:
        print(f"kgan: error: {error}", file=sys.stderr)
        return 2
    return code or 0


if __name__ == "__main__":
    sys.exit(main())
