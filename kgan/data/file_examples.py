"""`FileExamples`: examples decoded from image files on the fly."""
import numpy as np
import tensorflow as tf

from kgan.data import transforms
from kgan.data.array_examples import ArrayExamples
from kgan.data.errors import DataError, one_line

HALVES = (None, "left", "right")
CACHE_BATCH = 64


class FileExamples:
    """Examples whose sides are read from image files, or from the left or right half of one file.

    Every side is center-cropped to a square, resized to its (S, S) (antialiased when shrinking)
    and converted to its channels (`transforms.square_resize`, `transforms.to_channels`), as uint8. A file
    that two sides share (a side-by-side A|B pair) is decoded once per example.

    Args:
        columns: lists of file paths, one list per file of an example, all of length N.
        parts: side -> (column, half): which file the side comes from, and None (all of
            it), "left" or "right".
        shapes: side -> (S, S, C) of the output.

    Example:
        # pix2pix's layout: A on the left, B on the right of each file
        examples = FileExamples([paths], {"A": (0, "left"), "B": (0, "right")},
                                {"A": (286, 286, 3), "B": (286, 286, 3)})
    """

    cached = False

    def __init__(self, columns, parts, shapes):
        self.columns = [list(paths) for paths in columns]
        self.parts = dict(parts)
        self.shapes = {side: tuple(int(d) for d in shape) for side, shape in shapes.items()}
        lengths = {len(paths) for paths in self.columns}
        if len(lengths) != 1:
            raise ValueError(f"every column needs one path per example, got lengths {sorted(lengths)}")
        for side, (column, half) in self.parts.items():
            if not 0 <= column < len(self.columns) or half not in HALVES:
                raise ValueError(f"side {side!r} has a bad part {(column, half)!r}")
        self.num_examples = lengths.pop()
        self.path_tensors = [tf.constant(paths) for paths in self.columns]

    @property
    def sides(self):
        return tuple(self.parts)

    @property
    def nbytes(self):
        """The decoded size of all the examples, in bytes."""
        return self.num_examples * sum(int(np.prod(shape)) for shape in self.shapes.values())

    def select(self, sides):
        """The same examples with only `sides`."""
        return FileExamples(self.columns, {side: self.parts[side] for side in sides},
                            {side: self.shapes[side] for side in sides})

    def paths_of(self, index):
        return [self.columns[column][index] for column in sorted({column for column, _ in self.parts.values()})]

    def read(self, index):
        """side -> uint8 `[S, S, C]` of example `index` (an int64 scalar tensor)."""
        decoded = {}
        for column in sorted({column for column, _ in self.parts.values()}):
            data = tf.io.read_file(tf.gather(self.path_tensors[column], index))
            decoded[column] = transforms.decode(data)  # [h, w, c]
        out = {}
        for side, (column, half) in self.parts.items():
            image = decoded[column]
            if half is not None:
                middle = tf.shape(image)[1] // 2
                image = image[:, :middle] if half == "left" else image[:, middle:]  # [h, w / 2, c]
            size, _, channels = self.shapes[side]
            image = transforms.square_resize(image, size, antialias_enlarging=False)  # [S, S, c]
            image = transforms.to_channels(image, channels)  # [S, S, C]
            out[side] = tf.ensure_shape(image, self.shapes[side])
        return out

    def cache(self):
        """All the examples decoded into an `ArrayExamples`; a DataError names a file that cannot be decoded."""
        examples = tf.data.Dataset.range(self.num_examples).map(
            self.read, num_parallel_calls=tf.data.AUTOTUNE, deterministic=True).batch(CACHE_BATCH)
        parts = {side: [] for side in self.parts}
        try:
            for batch in examples.as_numpy_iterator():
                for side, values in batch.items():
                    parts[side].append(values)
        except tf.errors.OpError:
            raise self.decode_error() from None
        return ArrayExamples({side: np.concatenate(values) for side, values in parts.items()})

    def decode_error(self):
        """The DataError naming the first file that does not decode (looked for one by one, after a failure)."""
        for column in self.columns:
            for path in column:
                try:
                    transforms.decode(tf.io.read_file(path))
                except tf.errors.OpError as error:
                    return DataError(f"cannot decode {path}: {one_line(error)}")
        return DataError(f"cannot decode the images of {self.columns[0][0]} and the files with it")
