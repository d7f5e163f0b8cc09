"""Image files of paired and unpaired folders: found in order, sized from their headers, checked."""
import os
from concurrent.futures import ThreadPoolExecutor

from kgan.data.errors import DataError
from kgan.data.folder import IMAGE_EXTENSIONS, walk_images

TAIL_BYTES = 4096


def header_size(path):
    """((width, height), None) from the file's header, or (None, why it is unreadable); decodes no pixels."""
    from PIL import Image, UnidentifiedImageError

    try:
        with open(path, "rb") as file:
            head = file.read(2)
            if not head:
                return None, "empty file (0 bytes)"
            if head == b"\xff\xd8":  # a JPEG ends with FF D9; a truncated one usually has none near its end
                file.seek(max(0, os.path.getsize(path) - TAIL_BYTES))
                if b"\xff\xd9" not in file.read():
                    return None, "truncated JPEG (no end-of-image marker)"
        with Image.open(path) as image:
            return image.size, None
    except (OSError, UnidentifiedImageError, ValueError) as error:
        return None, f"not a readable image: {' '.join(str(error).split())}"


def scan(paths, strict):
    """(paths kept, their (width, height), skipped (path, reason)); strict: the first unreadable file is a DataError."""
    with ThreadPoolExecutor(min(8, os.cpu_count() or 1)) as pool:
        results = list(pool.map(header_size, paths))
    kept, sizes, skipped = [], [], []
    for path, (size, reason) in zip(paths, results):
        if size is None:
            if strict:
                raise DataError(f"unreadable image {path}: {reason} (strict mode; remove the file or load "
                                "without strict to skip it)")
            skipped.append((path, reason))
        else:
            kept.append(path)
            sizes.append(size)
    return kept, sizes, skipped


def images_in(folder):
    """The image paths below `folder`, sorted; a DataError when there are none."""
    if not os.path.isdir(folder):
        raise DataError(f"{folder} is not a folder")
    paths = walk_images(folder)
    if not paths:
        raise DataError(f"no images in {folder}: found no {', '.join(e[1:] for e in IMAGE_EXTENSIONS)} files")
    return paths


def check_crop(path, width, height, crop_size, what=""):
    """A DataError naming the file when its (half) image is smaller than the crop."""
    if min(width, height) < crop_size:
        raise DataError(f"{path}{what} is {width}x{height}, smaller than the {crop_size}x{crop_size} crop; use "
                        f"images of at least {crop_size}x{crop_size} or a smaller image_size")
