"""What `--deterministic` costs on TensorFlow: training throughput with and without it, as a ratio.

`--deterministic` turns on TensorFlow's op determinism and turns off Grappler, the graph
optimizer (its rewrites made WGAN-GP's gradient sum in a different order from run to run).
This times `fit` on the same preset, batch and random data in two fresh processes, one per
setting (both settings are process-wide), after a warm-up, and reports the median seconds per
step and `deterministic / default` throughput.

Usage (from the repository root):

    KERAS_BACKEND=tensorflow .venv/bin/python benchmarks/deterministic_cost.py \
        --json-out benchmarks/results/deterministic_cost_cpu.json
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_PRESETS = ("dcgan:dcgan_32", "cgan:cgan_32", "wgan_gp:wgan_gp_32")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--presets", nargs="+", default=list(DEFAULT_PRESETS), metavar="FAMILY:PRESET")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--steps", type=int, default=5, help="training steps per timed repetition")
    parser.add_argument("--repeats", type=int, default=5, help="timed repetitions per setting")
    parser.add_argument("--json-out", help="write the results here as JSON")
    parser.add_argument("--worker", nargs=2, metavar=("FAMILY:PRESET", "SETTING"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    for name in ("batch_size", "steps", "repeats"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be >= 1, got {getattr(args, name)}")
    return args


def worker(args):
    """Times one preset under one setting in this process; prints one JSON line."""
    (family, preset), setting = args.worker[0].split(":"), args.worker[1]
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    sys.path.insert(0, ROOT)
    import keras
    import numpy as np
    import tensorflow as tf

    from kgan.models import FAMILIES
    from kgan.runs.runtime import make_tensorflow_deterministic

    if setting == "deterministic":
        make_tensorflow_deterministic()
    keras.utils.set_random_seed(0)
    model = FAMILIES[family].from_preset(preset, seed=0)
    model.compile()
    batch = {name: spec for name, spec in model.task.batch.items()}
    rng = np.random.default_rng(0)
    arrays = {}
    for name, spec in batch.items():
        shape = (4 * args.batch_size, *spec.shape)
        arrays[name] = (rng.integers(0, spec.num_classes, shape[:1]).astype("int32") if spec.is_labels
                        else rng.uniform(-1, 1, shape).astype("float32"))
    data = tf.data.Dataset.from_tensor_slices(arrays).batch(args.batch_size, drop_remainder=True).repeat()
    model.fit(data, epochs=1, steps_per_epoch=2, verbose=0, shuffle=False)  # traces and warms up
    times = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        model.fit(data, epochs=1, steps_per_epoch=args.steps, verbose=0, shuffle=False)
        times.append((time.perf_counter() - start) / args.steps)
    print(json.dumps({"seconds_per_step": times}))


def measure(args, preset, setting):
    command = [sys.executable, os.path.abspath(__file__), "--worker", preset, setting, "--batch-size",
               str(args.batch_size), "--steps", str(args.steps), "--repeats", str(args.repeats)]
    env = {**os.environ, "KERAS_BACKEND": "tensorflow", "TF_CPP_MIN_LOG_LEVEL": "3"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"deterministic_cost: {preset} {setting} failed: {done.stderr.strip().splitlines()[-1]}")
    return json.loads(done.stdout.strip().splitlines()[-1])["seconds_per_step"]


def main(argv=None):
    args = parse_args(argv)
    if args.worker:
        return worker(args)
    results = {}
    for preset in args.presets:
        default, deterministic = measure(args, preset, "default"), measure(args, preset, "deterministic")
        median_default, median_deterministic = statistics.median(default), statistics.median(deterministic)
        results[preset] = {"default_seconds_per_step": median_default,
                           "deterministic_seconds_per_step": median_deterministic,
                           "deterministic_over_default_throughput": median_default / median_deterministic}
        print(f"{preset:22s} default {median_default * 1000:8.1f} ms/step   deterministic "
              f"{median_deterministic * 1000:8.1f} ms/step   throughput ratio "
              f"{median_default / median_deterministic:.3f}", flush=True)
    record = {"command": " ".join(["benchmarks/deterministic_cost.py", *(argv or sys.argv[1:])]),
              "machine": {"platform": platform.platform(), "cpus": os.cpu_count()},
              "batch_size": args.batch_size, "steps": args.steps, "repeats": args.repeats, "results": results}
    if args.json_out:
        with open(args.json_out, "w") as file:
            json.dump(record, file, indent=2)
            file.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
