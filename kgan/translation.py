"""Translating one image of any size with a trained image-to-image model (`kgan translate`)."""
import numpy as np

from kgan.images import to_uint8
from kgan.size_fit import crop, fitted_size, reflect_pad

#: the largest padded image translated in one piece: 2048 x 2048. Larger ones are refused, not tiled: the
#: CycleGAN generators' instance norm and the U-Net's bottleneck see the whole image, so tiles would not
#: match a whole-image translation and would show seams.
MAX_PIXELS = 2048 * 2048


def translates(model):
    """Whether `model` declares translation (`translation_directions`): pix2pix and cyclegan do."""
    return bool(getattr(model, "translation_directions", ()))


def padded_size(model, height, width):
    """The (height, width) that an image is reflect-padded to before `model.translate`."""
    return tuple(fitted_size(side, model.size_multiple, model.minimum_size) for side in (height, width))


def check_size(model, height, width):
    """A one-line ValueError when a `height` x `width` image pads to more than `MAX_PIXELS`."""
    rows, cols = padded_size(model, height, width)
    if rows * cols > MAX_PIXELS:
        raise ValueError(f"is {width}x{height}, padded to {cols}x{rows} = {rows * cols:,} pixels, over the "
                         f"{MAX_PIXELS:,} translated in one piece; resize it first")


def translate_image(model, image, direction="AtoB"):
    """`image` (uint8 `[H, W, C]`, any size, the model's source channels) translated; uint8 `[H, W, C']`.

    The image is scaled to [-1, 1], reflect-padded (centred) to the smallest size
    the model takes (`size_multiple`, `minimum_size`), translated by
    `model.translate`, and the result cropped back to H x W. An image that pads to
    more than `MAX_PIXELS` is a ValueError.

    Args:
        model: a model with `translate(images, direction)` (`Pix2Pix`, `CycleGAN`).
        image: uint8 `[H, W, C]`, C the source channels of `direction`.
        direction: "AtoB", or "BtoA" for a model that has it.

    Example:
    ```python
    colour = kgan.translation.translate_image(model, np.asarray(Image.open("grey.png").convert("L"))[..., None])
    ```
    """
    from keras import ops

    image = np.asarray(image, dtype="uint8")
    height, width = image.shape[:2]
    check_size(model, height, width)
    padded, corner = reflect_pad(image.astype("float32") / 127.5 - 1.0, *padded_size(model, height, width))
    out = np.asarray(ops.convert_to_numpy(model.translate(padded[None], direction)))[0]  # [H', W', C']
    return to_uint8(crop(out, corner, height, width))
