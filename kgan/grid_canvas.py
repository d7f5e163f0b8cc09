"""A grid image that is filled batch by batch, so a grid of many images never needs them all at once."""
import math

import numpy as np


def grid_shape(count, tile_shape, rows=None, padding=2):
    """`(rows, cols, (grid height, grid width, channels))` of a grid of `count` tiles of `tile_shape` (H, W, C)."""
    height, width, channels = tile_shape
    rows = max(1, round(math.sqrt(count))) if rows is None else rows
    cols = math.ceil(count / rows)
    return rows, cols, (rows * (height + padding) + padding, cols * (width + padding) + padding, channels)


class GridCanvas:
    """`count` images `[H, W, C]` tiled row by row into one `[rows * H', cols * W', C]` image, added in batches.

    `padding` black pixels separate the tiles and frame the grid; `rows` defaults to a
    near-square layout. Memory is the grid's alone, whatever the size of the batches.

    Args:
        count: the number of tiles the grid holds.
        tile_shape: `(H, W, C)` of each tile.
        rows: rows of tiles (default: `round(sqrt(count))`).
        padding: pixels between and around tiles.
        dtype: the grid's dtype, that of the tiles (uint8 for files).

    Example:
    ```python
    canvas = GridCanvas(100, (32, 32, 1), rows=10)
    for batch in batches:          # uint8 [n, 32, 32, 1], 100 in all
        canvas.add(batch)
    kgan.images.save_image(canvas.image, "grid.png")
    ```
    """

    def __init__(self, count, tile_shape, rows=None, padding=2, dtype="uint8"):
        self.count, self.tile_shape, self.padding = count, tuple(tile_shape), padding
        self.rows, self.cols, shape = grid_shape(count, self.tile_shape, rows, padding)
        self.image = np.zeros(shape, dtype=dtype)  # [rows * H', cols * W', C]
        self.filled = 0

    def add(self, images):
        """Places the next tiles `[n, H, W, C]` after those already added."""
        images = np.asarray(images)
        if images.shape[1:] != self.tile_shape:
            raise ValueError(f"grid tiles must have shape {self.tile_shape}, got {images.shape[1:]}.")
        if self.filled + len(images) > self.count:
            raise ValueError(f"the grid holds {self.count} images; {self.filled + len(images)} were added.")
        height, width, _ = self.tile_shape
        for image in images:
            row, col = divmod(self.filled, self.cols)
            top, left = self.padding + row * (height + self.padding), self.padding + col * (width + self.padding)
            self.image[top: top + height, left: left + width] = image
            self.filled += 1
