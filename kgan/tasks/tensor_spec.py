"""`TensorSpec`: the shape and dtype of one entry of a batch, per example."""
import numpy as np


class TensorSpec:
    """One named entry of a task's batch: its per-example shape and dtype, and its classes if it holds labels.

    Plain Python, so that `kgan.data`, the engine and the command line can all read
    it without a framework. Images are float32 in [-1, 1], `(H, W, C)`; class
    labels are int32 scalars `()` with `num_classes` set.

    Args:
        shape: the shape of one example, without the batch dimension, e.g. `(64, 64, 3)` or `()`.
        dtype: its dtype name, e.g. `"float32"` or `"int32"`.
        num_classes: for integer class labels, how many classes (labels in `[0, num_classes)`); else None.

    Example:
    ```python
    TensorSpec((32, 32, 1))                         # a grey 32x32 image
    TensorSpec((), "int32", num_classes=10)         # a class label
    ```
    """

    def __init__(self, shape, dtype="float32", num_classes=None):
        self.shape = tuple(int(d) for d in shape)
        self.dtype = np.dtype(dtype).name
        self.num_classes = None if num_classes is None else int(num_classes)
        if self.num_classes is not None and not np.issubdtype(self.dtype, np.integer):
            raise ValueError(f"class labels must have an integer dtype, got {self.dtype}")

    @property
    def is_labels(self):
        """True for class labels (integers with `num_classes`)."""
        return self.num_classes is not None

    @property
    def is_image(self):
        """True for `(H, W, C)` float images."""
        return len(self.shape) == 3 and np.issubdtype(self.dtype, np.floating)

    def check_labels(self, owner, name, values):
        """A one-line ValueError unless `values` (an in-memory array) are integer labels in `[0, num_classes)`.

        Labels may have any numeric dtype if their values are integers (2.0 is class 2),
        and shape `[N]` or `[N, 1]`. `owner` and `name` say whose entry it is.
        """
        array = np.asarray(values)
        what = f"{owner}'s {name!r} must be integer class labels"
        if array.ndim not in (1, 2) or (array.ndim == 2 and array.shape[1] != 1):
            raise ValueError(f"{what} of shape [N] or [N, 1]; got shape {array.shape}")
        flat = array.reshape(-1)
        if not (np.issubdtype(flat.dtype, np.integer) or np.issubdtype(flat.dtype, np.floating)):
            raise ValueError(f"{what} in [0, {self.num_classes}); got dtype {flat.dtype}")
        with np.errstate(invalid="ignore"):
            good = np.isfinite(flat) & (flat == np.floor(flat)) & (flat >= 0) & (flat < self.num_classes)
        if not good.all():
            index = int(np.argmin(good))
            value = flat[index].item()
            raise ValueError(f"{what} in [0, {self.num_classes}); got {value!r} (at index {index})")

    def shape_text(self):
        """`8x8x1`, or `scalar` for `()`."""
        return "x".join(map(str, self.shape)) or "scalar"

    def describe(self):
        """A phrase for messages: `8x8x1 float32 images`, `integer class labels in [0, 10)`."""
        if self.is_labels:
            return f"integer class labels in [0, {self.num_classes})"
        if self.is_image:
            return f"{self.shape_text()} {self.dtype} images"
        return f"{self.shape_text()} {self.dtype} values"

    def __eq__(self, other):
        return isinstance(other, TensorSpec) and (self.shape, self.dtype, self.num_classes) == \
            (other.shape, other.dtype, other.num_classes)

    def __hash__(self):
        return hash((self.shape, self.dtype, self.num_classes))

    def __repr__(self):
        classes = f", num_classes={self.num_classes}" if self.is_labels else ""
        return f"TensorSpec({self.shape}, {self.dtype!r}{classes})"
