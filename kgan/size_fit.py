"""Running a fully convolutional network on an image of any size: reflect-pad up to a size it takes, crop back."""
import math

import numpy as np


def fitted_size(size, multiple, minimum):
    """The smallest size >= `size` and >= `minimum` that is a multiple of `multiple`: fitted_size(300, 256, 256) = 512."""
    return max(minimum, multiple * math.ceil(size / multiple))


def reflect_pad(image, height, width):
    """`image` `[H, W, C]` padded by reflection to `[height, width, C]`, centred; returns (padded, (top, left)).

    NumPy's reflection repeats for pads wider than the image, so a 10-pixel image can be padded to 256.
    """
    image = np.asarray(image)
    rows, cols = height - image.shape[0], width - image.shape[1]
    if rows < 0 or cols < 0:
        raise ValueError(f"cannot pad a {image.shape[0]}x{image.shape[1]} image down to {height}x{width}.")
    top, left = rows // 2, cols // 2
    padded = np.pad(image, ((top, rows - top), (left, cols - left), (0, 0)), mode="reflect" if min(
        image.shape[:2]) > 1 else "edge")
    return padded, (top, left)


def crop(image, corner, height, width):
    """The `[height, width]` window of `image` `[H', W', C]` whose top-left corner is `corner` (top, left)."""
    top, left = corner
    return image[top: top + height, left: left + width]
