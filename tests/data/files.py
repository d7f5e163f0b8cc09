"""Small image files written for the data tests (needs Pillow)."""
import io

import numpy as np


def encode(pixels, fmt, **options):
    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(np.asarray(pixels, np.uint8)).save(buffer, fmt, **options)
    return buffer.getvalue()


def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def solid(height, width, color):
    """A uint8 image of one color: `color` is a grey value or a tuple of channel values."""
    color = np.atleast_1d(np.asarray(color, np.uint8))
    pixels = np.broadcast_to(color, (height, width, color.size)).copy()  # [H, W, C]
    return pixels[..., 0] if color.size == 1 else pixels


def write_png(path, pixels):
    return write(path, encode(pixels, "PNG"))


def write_jpeg(path, pixels):
    return write(path, encode(pixels, "JPEG", quality=95))


def write_bmp(path, pixels):
    return write(path, encode(pixels, "BMP"))


def write_webp(path, pixels):
    return write(path, encode(pixels, "WEBP", lossless=True))


def write_gif(path, frames):
    from PIL import Image

    first, *rest = [Image.fromarray(np.asarray(frame, np.uint8)) for frame in frames]
    buffer = io.BytesIO()
    first.save(buffer, "GIF", save_all=True, append_images=rest, duration=100, loop=0)
    return write(path, buffer.getvalue())


def normalized(value):
    """A 0..255 value as the pipeline returns it."""
    return np.float32(value) / np.float32(127.5) - np.float32(1.0)


def luma(red, green, blue):
    return int(np.round(0.299 * red + 0.587 * green + 0.114 * blue))
