"""The mask policies of Pathak et al. 2016, section 3.3: which pixels of each training image are dropped.

Each policy returns float32 holes `[N, S, S, 1]`, 1 where a pixel is missing, in
`keras.ops` alone, drawing from a `keras.random.SeedGenerator`: inside a train step
that is the model's own, so masks are part of the model's seeded state (exact on
resume, pure under JAX). Unlike the reference, which drops one random mask for a
whole batch, every image gets its own.
"""
import keras
from keras import ops

#: the reference's per-channel fill of a hole, the ImageNet mean (117, 104, 123) / 255 mapped to [-1, 1].
MEAN_FILL = tuple(2.0 * value / 255.0 - 1.0 for value in (117.0, 104.0, 123.0))
#: random_block: this many rectangles per image, each side drawn in [S/8, S/4]: up to 1/4 of the image.
BLOCKS = 4
#: random_region: the reference's noise resolution (cells per pixel) and its accepted hole areas.
REGION_RESOLUTION = 0.06
REGION_AREA = (0.2, 0.3)


def fill_values(channels):
    """The hole's value per channel: `MEAN_FILL` for RGB, its mean in every channel otherwise."""
    if channels == 3:
        return MEAN_FILL
    return (sum(MEAN_FILL) / 3.0,) * channels


def center_holes(count, size, overlap):
    """The reference's hole: the central `S/2` square less an `overlap`-pixel border, the same for every image.

    The generator predicts the whole central square; the border it overlaps is
    known context (weighted x10 in the reconstruction loss, as the reference does).
    """
    start, stop = size // 4 + overlap, 3 * size // 4 - overlap
    rows = ops.arange(size)
    inside = ops.logical_and(rows >= start, rows < stop)  # [S]
    square = ops.logical_and(inside[:, None], inside[None, :])  # [S, S]
    return ops.broadcast_to(ops.cast(square, "float32")[None, :, :, None], (count, size, size, 1))


def _spans(count, pieces, size, low, high, seed):
    """`(start, stop)` integer spans `[N, pieces]` of lengths uniform in [low, high], wholly inside [0, size)."""
    length = ops.floor(keras.random.uniform((count, pieces), seed=seed) * (high - low + 1)) + low
    start = ops.floor(keras.random.uniform((count, pieces), seed=seed) * (size - length + 1))
    return start, start + length


def random_block_holes(count, size, seed):
    """`BLOCKS` rectangles per image, possibly overlapping, each side in [S/8, S/4]: together at most 1/4 of it.

    The paper's "random block" masks ("a number of smaller possibly overlapping masks,
    covering up to 1/4 of the image").
    """
    low, high = max(1, size // 8), max(1, size // 4)
    top, bottom = _spans(count, BLOCKS, size, low, high, seed)
    left, right = _spans(count, BLOCKS, size, low, high, seed)
    grid = ops.cast(ops.arange(size), "float32")
    rows = ops.logical_and(grid[None, None, :] >= top[..., None], grid[None, None, :] < bottom[..., None])  # [N, K, S]
    columns = ops.logical_and(grid[None, None, :] >= left[..., None], grid[None, None, :] < right[..., None])
    blocks = ops.logical_and(rows[..., :, None], columns[..., None, :])  # [N, K, S, S]
    return ops.cast(ops.any(blocks, axis=1), "float32")[..., None]  # [N, S, S, 1]


def random_region_holes(count, size, seed):
    """Smooth random shapes: low-resolution uniform noise upsampled bicubically, thresholded per image.

    The paper draws these shapes from PASCAL VOC 2012 segmentation masks, which kgan
    does not ship; this is the procedure of the reference's released `train_random.lua`
    instead (noise at 0.06 cells per pixel, bicubic upsampling, the lowest values
    become the hole). Where the reference retries crops until the hole covers 20-30%
    of the image, here each image's threshold is the quantile that gives it an area
    drawn uniformly from `REGION_AREA`.
    """
    cells = max(2, int(round(size * REGION_RESOLUTION)) + 1)
    noise = keras.random.uniform((count, cells, cells, 1), seed=seed)  # [N, c, c, 1]
    smooth = ops.image.resize(noise, (size, size), interpolation="bicubic")  # [N, S, S, 1]
    flat = ops.reshape(smooth, (count, size * size))
    area = keras.random.uniform((count, 1), REGION_AREA[0], REGION_AREA[1], seed=seed)
    rank = ops.cast(ops.floor(area * (size * size)), "int32")  # [N, 1] pixels in the hole
    threshold = ops.take_along_axis(ops.sort(flat, axis=-1), rank, axis=1)  # [N, 1]
    return ops.reshape(ops.cast(flat < threshold, "float32"), (count, size, size, 1))


#: mask policy -> whether the generator predicts the whole image (True) or the central square (False).
PREDICTS_WHOLE_IMAGE = {"center": False, "random_block": True, "random_region": True}
MASKS = tuple(PREDICTS_WHOLE_IMAGE)


def holes(policy, count, size, overlap, seed):
    """`[N, S, S, 1]` float32 holes (1 = missing) of one of `MASKS`, drawn from the `SeedGenerator` `seed`."""
    if policy == "center":
        return center_holes(count, size, overlap)
    if policy == "random_block":
        return random_block_holes(count, size, seed)
    return random_region_holes(count, size, seed)
