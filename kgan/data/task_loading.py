"""`load_task(spec, task, ...)`: the dict batches a family's declared task holds, from a data string."""
import os

from kgan.checks import check_int
from kgan.data import folder_layout
from kgan.data.domain_order import DomainOrder
from kgan.data.errors import DataError, MissingSplit
from kgan.data.group_feed import Group, GroupFeed, Jitter
from kgan.data.image_data import ImageData, epoch_order
from kgan.data.loading import load
from kgan.data.paired_folder import open_paired_folder
from kgan.data.photo_tasks import open_photo_task
from kgan.data.super_resolution import is_super_resolution, open_super_resolution
from kgan.data.tfds_domains import open_tfds_domains
from kgan.data.unpaired_folder import open_unpaired_folder
from kgan.tasks import TensorSpec

DIRECTIONS = ("AtoB", "BtoA")
#: a task whose two images have these names takes unpaired data (CycleGAN); any other two images are pairs.
UNPAIRED_NAMES = ("domain_a", "domain_b")
PAIRED_SOURCES = ("a pix2pix folder (train/, val/, test/ of A|B side-by-side images, or one such folder), "
                  "a folder with A/ and B/ paired by file name, photos:colorize or photos:edges")
UNPAIRED_SOURCES = ("a CycleGAN folder (trainA/, trainB/, testA/, testB/), tfds:cycle_gan/NAME, photos:unpaired, "
                    "or any paired source")


def load_size(crop_size):
    """pix2pix's and CycleGAN's resize before the random crop: 286 for 256, in proportion for other sizes."""
    return int(round(crop_size * 286 / 256))


def image_roles(task):
    """(name of side A, name of side B, paired?) for a task with two images, or None for one with a single image.

    Side A fills the conditioning input (pix2pix's source), side B the output; `domain_a`
    and `domain_b` are unpaired domains.
    """
    images = [name for name, spec in task.batch.items() if spec.is_image]
    if len(images) == 1:
        return None
    if len(images) != 2:
        raise DataError(f"kgan.data makes batches of one or two images, but the task holds {', '.join(images)}")
    if tuple(sorted(images)) == UNPAIRED_NAMES:
        return "domain_a", "domain_b", False
    inputs = [name for name in task.tensor_inputs if name in images]
    first = inputs[0] if inputs else images[0]
    return first, next(name for name in images if name != first), True


def load_task(spec, task, batch_size=64, seed=0, *, split="train", direction="AtoB", jitter=None, shuffle=True,
              strict=False, num_crops=None, data_dir=None, download=False, cache_limit_bytes=2 * 2**30):
    """Loads the batches that `task` (a `kgan.tasks.Task`) declares, at its sizes and channels, ready for `fit`.

    A task of one image (+ labels) takes any `kgan.data.load` source. A task of two
    images takes two-image data, whose side A fills the task's conditioning input
    (pix2pix's `source`) and side B its output (`target`); `domain_a` and `domain_b`
    take unpaired data, drawn independently. Folders are recognized by their layout:

    - `trainA/`, `trainB/` (`testA/`, `testB/`): unpaired domains (CycleGAN's layout);
    - `A/` and `B/` (each flat, or with `train/`, `val/`, `test/`): files paired by name;
    - `train/`, `val/`, `test/` of side-by-side A|B images, or one such folder (pix2pix's layout).

    A super-resolution task (`low_res`, `high_res`) takes any single-image source: its images
    at the `high_res` size are the HR crops, and the LR copies are made from them
    (`kgan.data.super_resolution`).

    Other two-image sources: `photos:colorize`, `photos:edges`, `photos:unpaired`
    (`kgan.data.photo_tasks`) and `tfds:cycle_gan/NAME` (splits trainA/trainB, testA/testB).
    Paired data may feed an unpaired task: its sides are then drawn independently, pairs unused.

    The training split is jittered as pix2pix and CycleGAN are: resized to 286 for a
    256 crop (`load_size`), cropped at a random place and mirrored at random,
    identically for the two images of a pair and independently for unpaired domains.
    Held-out splits are resized to the crop size. An unpaired epoch is as long as the
    larger domain; each domain goes round its own permutations (`DomainOrder`).

    Args:
        spec: the data string.
        task: the family's `Task` (e.g. `model.task`).
        batch_size: examples per batch; each paired epoch drops its last partial batch.
        seed: fixes the order, the jitter and the photo crops.
        split: "train", "val" or "test" (what the layout has; MissingSplit otherwise).
        direction: "AtoB" (A is the source) or "BtoA" (the sides swapped).
        jitter: the random resize-crop-mirror; None: on for the train split only.
        shuffle: False keeps the stored order.
        strict: an unreadable file is an error instead of being skipped.
        num_crops: photo tasks: training crops (default 1,024).
        data_dir, download: tfds only (see `kgan.data.load`).
        cache_limit_bytes: the largest decoded size held in memory; larger folders are streamed.

    Returns:
        An `ImageData` whose batches hold the task's images under its names.

    Raises:
        DataError: a one-line message naming the file, size, split or choice at fault;
        MissingSplit (a DataError) when the data has no such split.

    Example:
        data = kgan.data.load_task("photos:colorize", model.task, batch_size=16)
        model.fit(data.dataset(), steps_per_epoch=data.steps_per_epoch, epochs=10)
    """
    if not isinstance(spec, (str, os.PathLike)) or not str(spec):
        raise DataError(f"data must be a non-empty string, got {spec!r}")
    spec = os.fspath(spec)
    check_int("batch_size", batch_size, 1, error=DataError)
    check_int("seed", seed, 0, maximum=2**63 - 1, error=DataError)
    if direction not in DIRECTIONS:
        raise DataError(f"direction must be AtoB or BtoA, got {direction!r}")
    if split not in folder_layout.SPLITS:
        raise DataError(f"split must be train, val or test, got {split!r}")
    if is_super_resolution(task):
        if split != "train":
            raise MissingSplit(f"{spec} has no {split} split for a super-resolution task (give its held-out "
                               f"images as their own data, e.g. photos:test)")
        return open_super_resolution(load, spec, task, batch_size, seed, shuffle=shuffle, strict=strict,
                                     num_crops=num_crops, data_dir=data_dir, download=download,
                                     cache_limit_bytes=cache_limit_bytes)
    roles = image_roles(task)
    if roles is None:
        return load_images(spec, task, batch_size, seed, split, shuffle=shuffle, strict=strict, num_crops=num_crops,
                           data_dir=data_dir, download=download, cache_limit_bytes=cache_limit_bytes)
    first, second, paired = roles
    names = {first: "A", second: "B"} if direction == "AtoB" else {first: "B", second: "A"}
    specs = {name: task.batch[name] for name in (first, second)}
    sizes = {spec.shape[:2] for spec in specs.values()}
    if len(sizes) != 1 or any(height != width for height, width in sizes):
        raise DataError(f"kgan.data makes {first} and {second} square and of one size, but the task declares "
                        f"{specs[first].shape_text()} and {specs[second].shape_text()}")
    crop = specs[first].shape[0]
    jitter = split == "train" if jitter is None else bool(jitter)
    side = load_size(crop) if jitter else crop
    shapes = {names[name]: (side, side, specs[name].shape[-1]) for name in specs}
    sides = open_sides(spec, split, shapes, crop, seed=seed, strict=strict, num_crops=num_crops, data_dir=data_dir,
                       download=download, cache_limit_bytes=cache_limit_bytes).cached(cache_limit_bytes)
    note = sides.note
    if paired and not sides.paired:
        raise DataError(f"{spec} holds unpaired domains ({note}), but the task's {first} and {second} must be "
                        f"pairs; give paired data: {PAIRED_SOURCES}")
    if paired:
        order = epoch_order(spec, sides.a.num_examples, batch_size, seed, shuffle)
        groups = [Group(sides.a, order, names)]
        num_examples = sides.a.num_examples
    else:
        holders = {"A": sides.a.select(("A",)), "B": sides.b.select(("B",))}
        groups = [Group(holders[names[name]], None, {name: names[name]}) for name in UNPAIRED_NAMES]
        counts = [group.examples.num_examples for group in groups]
        num_examples = max(counts)
        if num_examples < batch_size:
            raise DataError(f"batch size {batch_size} is larger than the {num_examples:,} images of the larger "
                            f"domain of {spec}; use a batch size of at most {num_examples}")
        groups = [group._replace(order=DomainOrder(count, batch_size, seed, stream, shuffle))
                  for stream, (group, count) in enumerate(zip(groups, counts))]
        note = f"{note}, drawn independently" + (" (pairs unused)" if sides.paired else "")
    if direction == "BtoA":
        note += ", BtoA"
    feed = GroupFeed(groups, seed, Jitter(crop, flip=True) if jitter else None)
    batch_spec = {name: TensorSpec((crop, crop, specs[name].shape[-1])) for name in task.batch if name in specs}
    return ImageData(spec, feed, num_examples, batch_spec[first].shape, batch_size, seed, skipped=sides.skipped,
                     note=note, batch_spec=batch_spec)


def open_sides(spec, split, shapes, crop, *, seed, strict, num_crops, data_dir, download, cache_limit_bytes):
    """The `TwoSides` of a two-image data string."""
    if num_crops is not None and not spec.startswith("photos:"):
        raise DataError(f"num_crops applies only to the photo tasks, not {spec!r}")
    if spec.startswith("photos:"):
        return open_photo_task(spec, split, shapes, load_size(crop), seed=seed, num_crops=num_crops)
    if spec.startswith("tfds:"):
        return open_tfds_domains(spec, split, shapes, data_dir=data_dir, download=download,
                                 cache_limit_bytes=cache_limit_bytes)
    if not os.path.exists(spec) and (os.sep in spec or spec.startswith(".")):  # a path, not a source's name
        raise DataError(f"no such file or folder: {spec}")
    if os.path.isdir(spec):
        layout = folder_layout.detect(spec)
        if layout == folder_layout.UNPAIRED:
            return open_unpaired_folder(spec, split, shapes, crop, strict)
        return open_paired_folder(spec, layout, split, shapes, crop, strict)
    raise DataError(f"{spec} does not hold two images per example; give paired data ({PAIRED_SOURCES}) or "
                    f"unpaired data ({UNPAIRED_SOURCES})")


def load_images(spec, task, batch_size, seed, split, **options):
    """A single-image task (+ labels): `kgan.data.load`, at the task's size and channels."""
    image_name = next(name for name, entry in task.batch.items() if entry.is_image)
    height, width, channels = task.batch[image_name].shape
    if height != width:
        raise DataError(f"kgan.data makes square images, but the task declares {height}x{width}")
    if split != "train":
        raise MissingSplit(f"{spec} has no {split} split for kgan.data.load_task (use tfds:NAME:SPLIT)")
    labels = next((entry for entry in task.batch.values() if entry.is_labels), None)
    data = load(spec, image_size=height, channels=channels, batch_size=batch_size, seed=seed,
                num_classes=None if labels is None else labels.num_classes, **options)
    return data
