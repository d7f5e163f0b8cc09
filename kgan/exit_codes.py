"""The exit codes of the `kgan` command, in one place (the README's table lists the same)."""

#: the command did what was asked.
DONE = 0
#: training stopped on a non-finite loss or weight; the last good checkpoint is kept.
DIVERGED = 1
#: bad input: an option, a value, a name, a data file, a run directory that cannot be resumed as asked.
BAD_INPUT = 2
#: the environment refused: a full disk, a file-size limit, a permission, a run directory locked by another process.
ENVIRONMENT = 3
#: interrupted by Ctrl-C (SIGINT); a run continues with `kgan train --resume RUN_DIR`.
INTERRUPTED = 130
#: stopped by SIGTERM (schedulers send it); a run continues with `kgan train --resume RUN_DIR`.
TERMINATED = 143
