"""Throughput of kgan's paired data pipeline: pix2pix A|B JPEG files streamed with the reference jitter.

Each example is one 512x256 JPEG (A left, B right, as pix2pix's facades and maps): read,
decoded, split, both halves resized to 286x286, then the batch is cropped to 256x256 at
random and mirrored at random, identically for A and B (`kgan.data.load_task`). The files are
streamed (`cache_limit_bytes=0`), so every example is decoded again as in a large dataset.
Without `--data`, the JPEGs are made from scikit-image's photos: crops of a photo beside their
Canny edges, quality 90 (real image content decodes at a realistic speed; noise would not).

Usage (from the repository root; `taskset -c 0,1` pins it to 2 cores):

    taskset -c 0,1 .venv/bin/python benchmarks/paired_pipeline.py \
        --json-out benchmarks/results/paired_pipeline_cpu.json
"""
import argparse
import json
import os
import platform
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", help="a pix2pix folder (default: JPEGs made from the embedded photos)")
    parser.add_argument("--files", type=int, default=256, help="JPEG pairs to make without --data")
    parser.add_argument("--size", type=int, default=256, help="the crop (the jitter resizes to size * 286 / 256)")
    parser.add_argument("--batch-sizes", default="1,16")
    parser.add_argument("--examples", type=int, default=1024, help="examples timed per batch size")
    parser.add_argument("--json-out")
    return parser.parse_args(argv)


def make_jpegs(folder, count, seed=0):
    """`count` 512x256 A|B JPEGs: an edge map beside the photo crop it came from."""
    import numpy as np
    from PIL import Image

    sys.path.insert(0, ROOT)
    from kgan.data.photo_tasks import edges_channel
    from kgan.data.photos import random_crops, read_photos, rescale

    photos = [edges_channel(rescale(photo, 256)) for photo in read_photos()]
    crops = random_crops(photos, 256, count, seed)  # [N, 256, 256, 4]
    for k, crop in enumerate(crops):
        pair = np.concatenate([np.repeat(crop[..., 3:], 3, axis=-1), crop[..., :3]], axis=1)  # [256, 512, 3]
        Image.fromarray(pair).save(os.path.join(folder, f"{k:04d}.jpg"), quality=90)


def time_pipeline(data, examples):
    batches = max(1, examples // data.batch_size)
    iterator = iter(data.dataset())
    for _ in range(max(2, 32 // data.batch_size)):  # warm-up: tracing, autotuning, the prefetch buffer
        next(iterator)
    start = time.perf_counter()
    for _ in range(batches):
        next(iterator)
    seconds = time.perf_counter() - start
    return batches * data.batch_size / seconds


def main(argv=None):
    args = parse_args(argv)
    load_before = os.getloadavg()[0]
    sys.path.insert(0, ROOT)
    import kgan
    import kgan.data
    from kgan.tasks import Task, TensorSpec

    task = Task({"source": TensorSpec((args.size, args.size, 3)), "target": TensorSpec((args.size, args.size, 3))},
                conditioning=("source",), output="target")
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.data
        if folder is None:
            folder = os.path.join(scratch, "train")
            os.makedirs(folder)
            make_jpegs(folder, args.files)
        results = {}
        for batch_size in (int(b) for b in args.batch_sizes.split(",")):
            row = {}
            for mode, limit in (("streamed_jpeg", 0), ("cached", 2**34)):
                started = time.perf_counter()
                data = kgan.data.load_task(folder, task, batch_size=batch_size, seed=0, cache_limit_bytes=limit)
                row[f"{mode}_load_seconds"] = round(time.perf_counter() - started, 2)
                row[f"{mode}_images_per_second"] = round(time_pipeline(data, args.examples), 1)
            results[f"batch_{batch_size}"] = row
            print(f"batch {batch_size}: {row}", flush=True)
    record = {
        "command": "python " + " ".join([os.path.relpath(__file__, ROOT)] + (argv or sys.argv[1:])),
        "what": "pairs per second (one source and one target each) out of kgan.data.load_task with the pix2pix "
                "jitter, 512x256 JPEG -> two 256x256 crops",
        "cpus_available": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "note": "the load average (before, after) counts other processes sharing these cores",
        "files": None if args.data else args.files,
        "size": args.size,
        "results": results,
        "kgan_version": kgan.__version__,
        "platform": platform.platform(),
    }
    if args.json_out:
        with open(args.json_out, "w") as file:
            json.dump(record, file, indent=2)
            file.write("\n")
    return record


if __name__ == "__main__":
    main()
