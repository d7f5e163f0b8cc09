"""CycleGAN's unpaired layout: a root with trainA/ and trainB/ (and testA/, testB/)."""
from kgan.data import folder_layout
from kgan.data.errors import DataError
from kgan.data.file_examples import FileExamples
from kgan.data.image_files import check_crop, images_in, scan
from kgan.data.two_sides import TwoSides


def domain(folder, side, shape, crop_size, strict):
    paths, sizes, skipped = scan(images_in(folder), strict)
    if not paths:
        raise DataError(f"no readable images in {folder}: all {len(skipped):,} image files were skipped "
                        f"(first: {skipped[0][0]}: {skipped[0][1]})")
    for path, size in zip(paths, sizes):
        check_crop(path, *size, crop_size)
    return FileExamples([paths], {side: (0, None)}, {side: shape}), skipped


def open_unpaired_folder(root, split, shapes, crop_size, strict):
    """`TwoSides` of `split`A/ and `split`B/, each domain its own examples."""
    folder_a, folder_b = folder_layout.split_folders(root, folder_layout.UNPAIRED, split)
    a, skipped_a = domain(folder_a, "A", shapes["A"], crop_size, strict)
    b, skipped_b = domain(folder_b, "B", shapes["B"], crop_size, strict)
    note = f"{split}A {a.num_examples:,} and {split}B {b.num_examples:,} images"
    return TwoSides(root, False, a, b, note=note, skipped=skipped_a + skipped_b)
