"""Paired folders: pix2pix's A|B side-by-side images, or A/ and B/ folders matched by file name."""
import os

from kgan.data import folder_layout
from kgan.data.errors import DataError
from kgan.data.file_examples import FileExamples
from kgan.data.image_files import check_crop, images_in, scan
from kgan.data.two_sides import TwoSides


def side_by_side(name, folder, shapes, crop_size, strict):
    """A|B images (A on the left, as pix2pix's datasets): every file must be twice as wide as it is high."""
    paths, sizes, skipped = scan(images_in(folder), strict)
    if not paths:
        raise DataError(f"no readable images in {folder}: all {len(skipped):,} image files were skipped "
                        f"(first: {skipped[0][0]}: {skipped[0][1]})")
    for path, (width, height) in zip(paths, sizes):
        if width != 2 * height:
            raise DataError(f"{path} is {width}x{height}: a side-by-side A|B pair must be twice as wide as it is "
                            f"high (pix2pix's layout)")
        check_crop(path, width // 2, height, crop_size, what="'s A and B halves")
    examples = FileExamples([paths], {"A": (0, "left"), "B": (0, "right")}, shapes)
    return TwoSides(name, True, examples, examples, note="A|B side by side", skipped=skipped)


def stem(folder, path):
    return os.path.splitext(os.path.relpath(path, folder))[0]


def by_stem(folder, paths):
    found = {}
    for path in paths:
        key = stem(folder, path)
        if key in found:
            raise DataError(f"{found[key]} and {path} have one name in {folder}; pairs are matched by file name")
        found[key] = path
    return found


def by_name(name, folder_a, folder_b, shapes, crop_size, strict):
    """A/ and B/ folders whose files are matched by name (the extension may differ: A/1.png goes with B/1.jpg)."""
    a, b = by_stem(folder_a, images_in(folder_a)), by_stem(folder_b, images_in(folder_b))
    for key in a:
        if key not in b:
            raise DataError(f"no B image for {a[key]}: expected {os.path.join(folder_b, key)}.* (A and B files "
                            "are matched by name)")
    for key in b:
        if key not in a:
            raise DataError(f"no A image for {b[key]}: expected {os.path.join(folder_a, key)}.* (A and B files "
                            "are matched by name)")
    keys = sorted(a)
    paths_a, sizes_a, skipped = scan([a[key] for key in keys], strict)
    paths_b, sizes_b, skipped_b = scan([b[key] for key in keys], strict)
    unreadable = {stem(folder_a, path) for path, _ in skipped} | {stem(folder_b, path) for path, _ in skipped_b}
    skipped += skipped_b
    for path, size in zip(paths_a + paths_b, sizes_a + sizes_b):
        check_crop(path, *size, crop_size)
    kept = [key for key in keys if key not in unreadable]  # a pair with an unreadable side is left out whole
    if not kept:
        raise DataError(f"no readable pairs in {folder_a} and {folder_b}: {len(skipped):,} image files were "
                        f"skipped (first: {skipped[0][0]}: {skipped[0][1]})")
    pairs = ([a[key] for key in kept], [b[key] for key in kept])
    examples = FileExamples(pairs, {"A": (0, None), "B": (1, None)}, shapes)
    return TwoSides(name, True, examples, examples, note="A/ and B/ paired by name", skipped=skipped)


def open_paired_folder(root, layout, split, shapes, crop_size, strict):
    """`TwoSides` of a paired folder's `split` (layout from `folder_layout.detect`)."""
    folders = folder_layout.split_folders(root, layout, split)
    if layout == folder_layout.BY_NAME:
        return by_name(root, *folders, shapes, crop_size, strict)
    return side_by_side(root, folders[0], shapes, crop_size, strict)
