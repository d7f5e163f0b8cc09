"""`Task`: what a family's batch holds and how it samples, declared by the family."""
from kgan.tasks.tensor_spec import TensorSpec


class Task:
    """A family's declaration of its data and sampling, read by data, runs, sampling, grids and the CLI.

    A model returns it from its `task` property, built from its own arguments
    (image shape, number of classes), so nothing outside the family has to guess
    what the model takes. Its `sample(num_images=None, seed=None, **inputs)`
    method takes one keyword argument per name in `conditioning` (plus
    `truncation` when `truncation` is True), and returns a batch of `output`.

    Args:
        batch: name -> `TensorSpec`, in order: what one training batch holds. A
            `fit(x, y)` call with arrays fills these names in this order.
        conditioning: the names of `batch` that `sample` takes as inputs (class
            labels, source images, low-resolution images); empty for noise-only sampling.
        output: the name of `batch` that the generator makes (its fakes are compared with it).
        truncation: True when `sample` takes `truncation=psi`.

    Example:
    ```python
    Task({"images": TensorSpec((32, 32, 1)), "labels": TensorSpec((), "int32", num_classes=10)},
         conditioning=("labels",))                                   # CGAN
    Task({"source": TensorSpec((256, 256, 3)), "target": TensorSpec((256, 256, 3))},
         conditioning=("source",), output="target")                  # pix2pix
    ```
    """

    def __init__(self, batch, conditioning=(), output="images", truncation=False):
        self.batch = dict(batch)
        self.conditioning = tuple(conditioning)
        self.output = output
        self.truncation = bool(truncation)
        if not self.batch:
            raise ValueError("a task's batch must name at least one entry")
        for name, spec in self.batch.items():
            if not isinstance(spec, TensorSpec):
                raise ValueError(f"batch entry {name!r} must be a TensorSpec, got {spec!r}")
        names = ", ".join(self.batch)
        for name in self.conditioning + (output,):
            if name not in self.batch:
                raise ValueError(f"{name!r} is not in the task's batch ({names})")
        if output in self.conditioning:
            raise ValueError(f"{output!r} cannot be both the output and a conditioning input")

    @property
    def names(self):
        """The batch's names, in order."""
        return tuple(self.batch)

    @property
    def class_input(self):
        """The name of the conditioning input that holds class labels, or None."""
        return next((name for name in self.conditioning if self.batch[name].is_labels), None)

    @property
    def num_classes(self):
        """The number of classes sampling takes labels for; None unless class-conditional."""
        name = self.class_input
        return None if name is None else self.batch[name].num_classes

    @property
    def tensor_inputs(self):
        """The conditioning inputs that are not class labels (images to translate or upscale)."""
        return tuple(name for name in self.conditioning if not self.batch[name].is_labels)

    def __repr__(self):
        return (f"Task(batch={self.batch!r}, conditioning={self.conditioning!r}, output={self.output!r}, "
                f"truncation={self.truncation})")
