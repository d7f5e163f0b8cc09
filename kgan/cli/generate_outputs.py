"""`kgan generate`'s files: batches of samples streamed into a grid and/or a .npz, their sizes checked first.

Memory holds one batch, the grid (at most `MAX_GRID_PIXELS`) and the --inputs arrays,
whatever the number of images: a .npz is written array by array, chunk by chunk.
"""
import os
import shutil

import numpy as np

from kgan.cli.usage_error import UsageError
from kgan.environment_fault import EnvironmentFault

#: 67,108,864 pixels: under Pillow's decompression-bomb warning (89,478,485 pixels), so the grid opens quietly.
MAX_GRID_PIXELS = 2 ** 26
LABEL_CHUNK = 65_536


def _count(task, inputs, num):
    return len(inputs[task.tensor_inputs[0]]) if task.tensor_inputs else num


def _class_labels(task, inputs):
    """The labels spread over the images (those given, else every class), or None for an unconditional task."""
    if task.class_input is None:
        return None
    given = inputs.get(task.class_input)
    return np.arange(task.num_classes) if given is None else np.atleast_1d(np.asarray(given))


def _rows(labels, count):
    # One row per class, when the classes divide the images evenly.
    distinct = None if labels is None else len(set(labels.tolist()))
    return distinct if distinct and count % distinct == 0 else None


def _canvas(tile, labels, count):
    from kgan.grid_canvas import GridCanvas, grid_shape

    _, _, (height, width, _) = grid_shape(count, tile, _rows(labels, count))
    if height * width > MAX_GRID_PIXELS:
        raise UsageError(f"a grid of {count:,} images of {tile[0]}x{tile[1]} would be {width:,} x {height:,} "
                         f"pixels, over the limit of {MAX_GRID_PIXELS:,}; ask for fewer with --num, or write "
                         "only --npz")
    return GridCanvas(count, tile, rows=_rows(labels, count))


def _size(count):
    return f"{count / 1e9:,.1f} GB" if count >= 1e8 else f"{count / 1e6:,.1f} MB"


def _check_space(path, task, inputs, count):
    tile = task.output_spec.shape
    need = count * int(np.prod(tile)) + sum(int(np.prod(inputs[n].shape)) for n in task.tensor_inputs)
    need += 4 * count if task.class_input is not None else 0
    folder = os.path.dirname(os.path.abspath(path))
    free = shutil.disk_usage(folder).free
    if need > free:
        raise EnvironmentFault(f"--npz {path}: {count:,} images take {_size(need)}, more than the {_size(free)} "
                               f"free in {folder}")


def _label_chunks(labels, count):
    from kgan.sampling import spread_labels

    for start in range(0, count, LABEL_CHUNK):
        yield spread_labels(labels, count, start, min(start + LABEL_CHUNK, count))


def _write_npz(path, task, inputs, labels, count, image_chunks):
    from kgan.images import to_uint8
    from kgan.npz_writer import NpzWriter

    try:
        with NpzWriter(path) as npz:
            npz.write(task.output, (count, *task.output_spec.shape), "uint8", image_chunks)
            for name in task.tensor_inputs:
                npz.write(name, inputs[name].shape, "uint8", [to_uint8(inputs[name])])
            if labels is not None:
                npz.write(task.class_input, (count,), "int32", _label_chunks(labels, count))
    except OSError as error:
        raise EnvironmentFault(f"--npz {path}: cannot write it", error) from None
    return path


def write(model, batches, inputs, num, out, npz_path):
    """Streams `batches` (from `kgan.sampling.sample_batches`) into the grid `out` and/or `npz_path`.

    Returns (the paths written, the number of images). A grid over `MAX_GRID_PIXELS`
    is a UsageError and a .npz larger than the free disk an EnvironmentFault, both
    raised before the first batch is made.
    """
    from kgan.images import save_image, to_uint8

    task = model.task
    count, labels = _count(task, inputs, num), _class_labels(task, inputs)
    canvas = _canvas(task.output_spec.shape, labels, count) if out else None
    if npz_path:
        _check_space(npz_path, task, inputs, count)

    def image_chunks():
        for batch in batches:
            images = to_uint8(batch[task.output])  # [batch, H, W, C]
            if canvas is not None:
                canvas.add(images)
            yield images

    written = [_write_npz(npz_path, task, inputs, labels, count, image_chunks())] if npz_path else []
    if not npz_path:
        for _ in image_chunks():
            pass
    if canvas is not None:
        try:
            written.insert(0, save_image(canvas.image, out))
        except OSError as error:
            raise EnvironmentFault(f"--out {out}: cannot write it", error) from None
    return written, count
