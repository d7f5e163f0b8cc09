"""Which two-image layout a folder has, and the folders of a split."""
import os

from kgan.data.errors import DataError, MissingSplit

#: a root with trainA/ trainB/ (testA/ testB/): CycleGAN's unpaired layout.
UNPAIRED = "unpaired"
#: a root with A/ and B/ (each flat, or with train/ val/ test/): files paired by name.
BY_NAME = "by_name"
#: a root with train/ val/ test/ of A|B side-by-side images: pix2pix's layout.
SIDE_BY_SIDE_ROOT = "side_by_side_root"
#: a folder of A|B side-by-side images.
SIDE_BY_SIDE = "side_by_side"
SPLITS = ("train", "val", "test")


def subfolders(root):
    return {entry.name for entry in os.scandir(root) if entry.is_dir() and not entry.name.startswith(".")}


def detect(root):
    """The layout of `root` (see the constants above); a DataError for half of a layout."""
    names = subfolders(root)
    domain_folders = sorted(name for name in names if name[:-1] in SPLITS and name[-1:] in "AB")
    if domain_folders:
        for split in SPLITS:
            a, b = f"{split}A" in names, f"{split}B" in names
            if a != b:
                have, missing = (f"{split}A", f"{split}B") if a else (f"{split}B", f"{split}A")
                raise DataError(f"{root} has {have}/ but no {missing}/: unpaired data needs both domains "
                                f"(trainA/ and trainB/, and optionally testA/ and testB/)")
        return UNPAIRED
    if "A" in names or "B" in names:
        if not ("A" in names and "B" in names):
            have, missing = ("A", "B") if "A" in names else ("B", "A")
            raise DataError(f"{root} has {have}/ but no {missing}/: paired folders need A/ and B/ with the same "
                            "file names")
        return BY_NAME
    if names & set(SPLITS):
        return SIDE_BY_SIDE_ROOT
    return SIDE_BY_SIDE


def split_folders(root, layout, split):
    """The folders that hold `split`: (A, B) for UNPAIRED and BY_NAME, (folder,) for side by side.

    A MissingSplit when the layout has no such split.
    """
    join = os.path.join
    if layout == UNPAIRED:
        a, b = join(root, f"{split}A"), join(root, f"{split}B")
        if not os.path.isdir(a):
            raise MissingSplit(f"{root} has no {split}A/ and {split}B/ folders")
        return a, b
    if layout == BY_NAME:
        a, b = join(root, "A"), join(root, "B")
        if subfolders(a) & set(SPLITS):
            if not (os.path.isdir(join(a, split)) and os.path.isdir(join(b, split))):
                raise MissingSplit(f"{root} has no A/{split}/ and B/{split}/ folders")
            return join(a, split), join(b, split)
        if split != "train":
            raise MissingSplit(f"{root} has no {split} split (A/ and B/ hold no train/, val/, test/ folders)")
        return a, b
    if layout == SIDE_BY_SIDE_ROOT:
        folder = join(root, split)
        if not os.path.isdir(folder):
            found = ", ".join(f"{name}/" for name in SPLITS if os.path.isdir(join(root, name)))
            raise MissingSplit(f"{root} has no {split}/ folder (it has {found})")
        return (folder,)
    if split != "train":
        raise MissingSplit(f"{root} has no {split} split (no train/, val/, test/ folders)")
    return (root,)
