"""Preview grids of image-to-image families: one row per example, its input, output and target side by side."""
import numpy as np


def side_by_side(*columns):
    """`(images, rows)` for `kgan.images.make_grid`: row i holds `columns[0][i], columns[1][i], ...`.

    Each column is `[N, H, W, C]` floats in [-1, 1], all of one height and width. A
    one-channel column is shown in grey beside RGB ones (a colorization's input).

    Example:
    ```python
    images, rows = side_by_side(source, model.sample(source=source), target)  # rows = N, 3 tiles per row
    ```
    """
    columns = [np.asarray(column, dtype="float32") for column in columns]
    if not columns:
        raise ValueError("side_by_side needs at least one column of images.")
    shapes = {column.shape[:3] for column in columns}
    if len(shapes) != 1:
        raise ValueError(f"side_by_side needs columns of one count and size, got shapes "
                         f"{[column.shape for column in columns]}.")
    channels = max(column.shape[-1] for column in columns)
    columns = [np.repeat(column, channels, axis=-1) if column.shape[-1] == 1 else column for column in columns]
    if {column.shape[-1] for column in columns} != {channels}:
        raise ValueError(f"side_by_side cannot show {[c.shape[-1] for c in columns]} channels in one grid.")
    images = np.stack(columns, axis=1)  # [N, columns, H, W, C]
    return images.reshape((-1,) + images.shape[2:]), len(images)
