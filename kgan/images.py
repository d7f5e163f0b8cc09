"""Images as files: float [-1, 1] batches to uint8, grids, and PNGs written atomically."""
import io
import math

import numpy as np

from kgan import files


def to_uint8(images):
    """`[N, H, W, C]` floats in [-1, 1] (any array-like) -> uint8 on 0..255, same shape."""
    images = np.asarray(images, dtype="float32")
    return np.clip(np.round((images + 1.0) * 127.5), 0, 255).astype("uint8")


def make_grid(images, rows=None, padding=2):
    """Tiles `[N, H, W, C]` uint8 images into one `[rows * H', cols * W', C]` image.

    `rows` defaults to a near-square layout; images fill the grid row by row and
    `padding` black pixels separate them.
    """
    images = np.asarray(images)
    if images.ndim != 4:
        raise ValueError(f"make_grid needs [N, H, W, C] images, got shape {images.shape}.")
    count, height, width, channels = images.shape
    if rows is None:
        rows = max(1, round(math.sqrt(count)))
    cols = math.ceil(count / rows)
    grid = np.zeros((rows * (height + padding) + padding, cols * (width + padding) + padding, channels),
                    dtype=images.dtype)  # [rows * H', cols * W', C]
    for index, image in enumerate(images):
        row, col = divmod(index, cols)
        top, left = padding + row * (height + padding), padding + col * (width + padding)
        grid[top: top + height, left: left + width] = image
    return grid


def encode_png(image):
    """`[H, W, C]` uint8 (C = 1, 3 or 4) -> PNG bytes."""
    from PIL import Image

    image = np.asarray(image, dtype="uint8")
    if image.ndim == 3 and image.shape[-1] == 1:
        image = image[..., 0]
    buffer = io.BytesIO()
    Image.fromarray(image).save(buffer, format="PNG")
    return buffer.getvalue()


def save_png(image, path):
    """Writes one `[H, W, C]` uint8 image as a PNG, atomically."""
    files.write_bytes(encode_png(image), path)
    return path


def save_grid(images, path, rows=None, padding=2):
    """Writes `[N, H, W, C]` images (uint8, or floats in [-1, 1]) as one PNG grid; returns `path`.

    Example:
    ```python
    kgan.images.save_grid(model.sample(labels=np.repeat(np.arange(10), 10), seed=0), "digits.png", rows=10)
    ```
    """
    images = np.asarray(images)
    if images.dtype != np.uint8:
        images = to_uint8(images)
    return save_png(make_grid(images, rows=rows, padding=padding), path)
