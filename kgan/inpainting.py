"""Filling the holes of one image of any size with a trained inpainting model (`kgan inpaint`)."""
import numpy as np
from PIL import Image


def _resized(array, size, resample):
    """`[H, W]` or `[H, W, C]` uint8 resized to `size` = (width, height) with Pillow."""
    squeeze = array.ndim == 3 and array.shape[-1] == 1
    image = Image.fromarray(array[..., 0] if squeeze else array)
    out = np.asarray(image.resize(size, resample))
    return out[..., None] if squeeze else out


def model_holes(holes, size):
    """The holes at the model's size: a model pixel is missing when any image pixel it covers is."""
    if holes.shape == (size, size):
        return holes
    box = _resized(holes.astype("uint8") * 255, (size, size), Image.BOX)  # the mean over each footprint
    return box > 0


def inpaint_image(model, image, holes=None):
    """`image` (uint8 `[H, W, C]`, any size) with its `holes` filled; uint8 of the same shape.

    An image that is not the model's S x S is resized to it (bicubic, so a
    non-square image is stretched), filled there, and the filling resized back;
    the known pixels are returned exactly as given, only the holes change.

    Args:
        model: an inpainting model (`kgan.models.ContextEncoder`).
        image: uint8 `[H, W, C]` with the model's C channels.
        holes: bool `[H, W]`, True where a pixel is missing; None for the model's
            centre hole (`model.center_holes`), scaled to the image.

    Example:
    ```python
    filled = kgan.inpainting.inpaint_image(model, np.asarray(Image.open("photo.png").convert("RGB")))
    ```
    """
    from keras import ops

    image = np.asarray(image, dtype="uint8")
    height, width = image.shape[:2]
    size = model.image_size
    if holes is None:
        center = np.asarray(ops.convert_to_numpy(model.center_holes(1)))[0, ..., 0] > 0.5  # [S, S]
        holes = center if (height, width) == (size, size) else \
            _resized(center.astype("uint8") * 255, (width, height), Image.NEAREST) > 127
        small_holes = center
    else:
        holes = np.asarray(holes, dtype=bool)
        small_holes = model_holes(holes, size)
    small = image if (height, width) == (size, size) else _resized(image, (size, size), Image.BICUBIC)
    filled = model.sample(images=small[None] / 127.5 - 1.0, masks=small_holes[None].astype("float32"))
    filled = np.clip(np.round((np.asarray(ops.convert_to_numpy(filled))[0] + 1.0) * 127.5), 0, 255).astype("uint8")
    if (height, width) != (size, size):
        filled = _resized(filled, (width, height), Image.BICUBIC)
    return np.where(holes[..., None], filled, image)
