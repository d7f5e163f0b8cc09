"""Writes a trained run's model as a shipped model file: the networks and their config, no optimizer state.

    python savedmodels/ship_model.py RUN_DIR savedmodels/NAME.keras

`kgan translate --model NAME` (and `kgan generate`) then load it like any `.keras` model. Loading the
run's model without compiling it drops the optimizers' moments, which would triple the file.
"""
import argparse
import hashlib
import os
import sys


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run_dir", help="a finished kgan run directory (its model.keras)")
    parser.add_argument("out", help="the shipped file, NAME.keras")
    args = parser.parse_args(argv)
    from kgan.runs.loading import load_for_sampling

    model = load_for_sampling(args.run_dir)  # compile=False: no optimizer
    model.save(args.out)
    with open(args.out, "rb") as file:
        digest = hashlib.sha256(file.read()).hexdigest()
    print(f"{args.out}: {os.path.getsize(args.out):,} bytes, sha256 {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
