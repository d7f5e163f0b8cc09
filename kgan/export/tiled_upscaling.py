"""Upscaling an image of any size in bounded memory: tiles, each run with a margin of context, whose centres are kept.

Each tile of `tile` x `tile` input pixels is run together with up to `overlap`
pixels of its neighbours on every side, and only the part of the output that
belongs to the tile itself is kept. A convolutional upscaler then gives exactly
the untiled output wherever its receptive field stays inside the margin, and
nearly it at tile borders; at the image's own edges a tile sees the same
zero padding as the whole image does. Memory holds one tile's activations.
"""
import numpy as np

from kgan.checks import check_int


def tile_boxes(height, width, tile):
    """[(top, left, bottom, right)] of the tiles covering a `height` x `width` image, row by row."""
    return [(top, left, min(top + tile, height), min(left + tile, width))
            for top in range(0, height, tile) for left in range(0, width, tile)]


def upscale_tiled(run, image, scale, tile=128, overlap=16):
    """`image` float32 `[h, w, C]` upscaled by `run` (`[1, h', w', C] -> [1, scale * h', scale * w', C']`) tile by tile.

    Args:
        run: the network call, e.g. a `LiteRTRunner` or a Keras model's `upscale`.
        image: the input, `[h, w, C]`, as the network takes it (kgan's upscalers: [-1, 1]).
        scale: the network's upscaling factor.
        tile: the tile side in input pixels; 0 runs the whole image at once.
        overlap: the margin of context around each tile, in input pixels.

    Returns:
        float32 `[scale * h, scale * w, C']`.
    """
    check_int("tile", tile, 0)
    check_int("overlap", overlap, 0)
    image = np.asarray(image, np.float32)
    height, width = image.shape[:2]
    tile = tile or max(height, width)
    out = None
    for top, left, bottom, right in tile_boxes(height, width, tile):
        above, before = max(top - overlap, 0), max(left - overlap, 0)
        below, after = min(bottom + overlap, height), min(right + overlap, width)
        piece = np.asarray(run(image[None, above:below, before:after]), np.float32)[0]
        if piece.shape[:2] != ((below - above) * scale, (after - before) * scale):
            raise ValueError(f"the model turned a {after - before}x{below - above} tile into "
                             f"{piece.shape[1]}x{piece.shape[0]}, not x{scale}")
        if out is None:
            out = np.empty((height * scale, width * scale, piece.shape[-1]), np.float32)
        out[top * scale:bottom * scale, left * scale:right * scale] = piece[
            (top - above) * scale:(bottom - above) * scale, (left - before) * scale:(right - before) * scale]
    return out
