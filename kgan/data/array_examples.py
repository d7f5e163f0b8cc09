"""`ArrayExamples`: decoded examples held in memory."""
import tensorflow as tf


class ArrayExamples:
    """Examples as uint8 tensors in memory, one `[N, H, W, C]` array per side ("A", "B").

    Args:
        arrays: side -> `[N, H, W, C]` uint8 (numpy or tensor), the same N for every side.

    Example:
        examples = ArrayExamples({"A": grey, "B": colour})
        examples.read(tf.constant(3, tf.int64))  # {"A": [H, W, 1], "B": [H, W, 3]}
    """

    cached = True

    def __init__(self, arrays):
        self.arrays = {side: tf.convert_to_tensor(values) for side, values in arrays.items()}
        counts = {int(values.shape[0]) for values in self.arrays.values()}
        if len(counts) != 1:
            raise ValueError(f"every side needs one example per row, got {self.describe_counts()}")
        self.num_examples = counts.pop()

    @property
    def sides(self):
        return tuple(self.arrays)

    @property
    def shapes(self):
        """side -> (H, W, C)."""
        return {side: tuple(int(d) for d in values.shape[1:]) for side, values in self.arrays.items()}

    def describe_counts(self):
        return ", ".join(f"{side}: {int(values.shape[0])}" for side, values in self.arrays.items())

    def select(self, sides):
        """The same examples with only `sides`."""
        return ArrayExamples({side: self.arrays[side] for side in sides})

    def read(self, index):
        """side -> uint8 `[H, W, C]` of example `index` (an int64 scalar tensor)."""
        return {side: tf.gather(values, index) for side, values in self.arrays.items()}

    def read_batch(self, indices):
        """side -> uint8 `[B, H, W, C]` of the examples `indices` (`[B]` int64)."""
        return {side: tf.gather(values, indices) for side, values in self.arrays.items()}
