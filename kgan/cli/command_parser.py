"""The argument parser of `kgan`: every mistake is one line that names the closest valid option or command."""
import argparse
import difflib

from kgan.cli.usage_error import UsageError


class CommandParser(argparse.ArgumentParser):
    """An `argparse.ArgumentParser` whose errors raise `UsageError` instead of printing the usage and exiting.

    Options cannot be abbreviated (`--epoch` is an unknown option, not `--epochs`),
    and an unknown option or command names the closest valid one. `--help` still
    prints the help to stdout and exits with code 0. Sub-command parsers made by
    `add_subparsers().add_parser` are of this class too.

    Args:
        **kwargs: as for `argparse.ArgumentParser`; `allow_abbrev` defaults to False.

    Example:
    ```python
    parser = CommandParser(prog="kgan")
    parser.add_argument("--epochs")
    parser.parse_args(["--epoch", "3"])  # UsageError: unknown option --epoch for kgan; did you mean --epochs?
    ```
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(**kwargs)

    def error(self, message):
        # argparse's own messages ("argument --epochs: expected one argument"), prefixed by the sub-command.
        where = f"{self.prog}: " if " " in self.prog else ""
        raise UsageError(where + " ".join(str(message).split()))

    def parse_known_args(self, args=None, namespace=None):
        # Each (sub-)parser rejects what it does not know, so the message names the command it belongs to.
        namespace, extras = super().parse_known_args(args, namespace)
        if extras:
            raise UsageError(self._unknown_argument(extras[0]))
        return namespace, extras

    def _unknown_argument(self, argument):
        see_help = f"see `{self.prog} --help`"
        if not argument.startswith("-") or argument == "-":
            return f"unexpected argument {argument!r} for {self.prog}; {see_help}"
        name = argument.split("=", 1)[0]
        options = [option for action in self._actions for option in action.option_strings]
        close = difflib.get_close_matches(name, options, n=1)
        return f"unknown option {name} for {self.prog}; " + (f"did you mean {close[0]}?" if close else see_help)

    def _check_value(self, action, value):
        # Only the sub-command has `choices` here; argparse would list them all, in quotes.
        if action.choices is None or value in action.choices:
            return
        close = difflib.get_close_matches(value, list(action.choices), n=1)
        hint = f"did you mean {close[0]}?" if close else f"choose one of: {', '.join(action.choices)}"
        raise UsageError(f"unknown {action.dest} {value!r} for {self.prog}; {hint}")
