"""Images as files: float [-1, 1] batches to uint8, grids, and PNG or JPEG files written atomically."""
import io
import os

import numpy as np

from kgan import files
from kgan.grid_canvas import GridCanvas


def to_uint8(images):
    """`[N, H, W, C]` floats in [-1, 1] (any array-like) -> uint8 on 0..255, same shape."""
    images = np.asarray(images, dtype="float32")
    return np.clip(np.round((images + 1.0) * 127.5), 0, 255).astype("uint8")


def make_grid(images, rows=None, padding=2):
    """Tiles `[N, H, W, C]` uint8 images into one `[rows * H', cols * W', C]` image.

    `rows` defaults to a near-square layout; images fill the grid row by row and
    `padding` black pixels separate them. `GridCanvas` does the same batch by batch.
    """
    images = np.asarray(images)
    if images.ndim != 4:
        raise ValueError(f"make_grid needs [N, H, W, C] images, got shape {images.shape}.")
    canvas = GridCanvas(len(images), images.shape[1:], rows=rows, padding=padding, dtype=images.dtype)
    canvas.add(images)
    return canvas.image


#: file name extension -> the format written; anything else is refused rather than written as PNG.
IMAGE_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
JPEG_QUALITY = 95


def image_format(path):
    """"PNG" or "JPEG", from the extension of `path`; a ValueError names the path and the extensions otherwise."""
    extension = os.path.splitext(os.fspath(path))[1]
    if extension.lower() not in IMAGE_FORMATS:
        raise ValueError(f"{os.fspath(path)}: a grid is written as PNG (.png) or JPEG (.jpg, .jpeg); got the "
                         f"extension {extension!r}")
    return IMAGE_FORMATS[extension.lower()]


def encode_image(image, format="PNG"):
    """`[H, W, C]` uint8 (C = 1, 2, 3 or 4; JPEG: 1 or 3) -> the bytes of a PNG or JPEG file."""
    from PIL import Image

    image = np.asarray(image, dtype="uint8")
    if image.ndim == 3 and image.shape[-1] == 1:
        image = image[..., 0]
    if format == "JPEG" and image.ndim == 3 and image.shape[-1] in (2, 4):
        raise ValueError(f"JPEG has no alpha channel; use a .png name for {image.shape[-1]}-channel images")
    buffer = io.BytesIO()
    Image.fromarray(image).save(buffer, format=format, **({"quality": JPEG_QUALITY} if format == "JPEG" else {}))
    return buffer.getvalue()


def encode_png(image):
    """`[H, W, C]` uint8 (C = 1, 3 or 4) -> PNG bytes."""
    return encode_image(image, "PNG")


def save_png(image, path):
    """Writes one `[H, W, C]` uint8 image as a PNG, atomically."""
    files.write_bytes(encode_png(image), path)
    return path


def save_image(image, path):
    """Writes one `[H, W, C]` uint8 image, atomically, as PNG or JPEG by the extension of `path`; returns `path`."""
    format = image_format(path)
    try:
        data = encode_image(image, format)
    except ValueError as error:
        raise ValueError(f"{os.fspath(path)}: {error}") from None
    files.write_bytes(data, path)
    return path


def save_grid(images, path, rows=None, padding=2):
    """Writes `[N, H, W, C]` images (uint8, or floats in [-1, 1]) as one grid image; returns `path`.

    The extension of `path` picks the format: `.png`, or `.jpg`/`.jpeg` for JPEG (quality 95);
    any other is a ValueError, before anything is written.

    Example:
    ```python
    kgan.images.save_grid(model.sample(labels=np.repeat(np.arange(10), 10), seed=0), "digits.png", rows=10)
    ```
    """
    image_format(path)
    images = np.asarray(images)
    if images.dtype != np.uint8:
        images = to_uint8(images)
    return save_image(make_grid(images, rows=rows, padding=padding), path)
