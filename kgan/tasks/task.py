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
        output: the name of `batch` that the generator makes (its fakes are compared with it), or,
            with `output_spec`, the name of what `sample` returns when that is no entry of `batch`.
        truncation: True when `sample` takes `truncation=psi`.
        output_spec: the `TensorSpec` of `output` when `output` is not in `batch`: an inpainting
            model trains on `images` alone and samples filled images from `images`, so its output
            cannot share the name of its input.

    Example:
    ```python
    Task({"images": TensorSpec((32, 32, 1)), "labels": TensorSpec((), "int32", num_classes=10)},
         conditioning=("labels",))                                   # CGAN
    Task({"source": TensorSpec((256, 256, 3)), "target": TensorSpec((256, 256, 3))},
         conditioning=("source",), output="target")                  # pix2pix
    Task({"images": TensorSpec((128, 128, 3))}, conditioning=("images",), output="inpainted",
         output_spec=TensorSpec((128, 128, 3)))                      # Context Encoder
    ```
    """

    def __init__(self, batch, conditioning=(), output="images", truncation=False, output_spec=None):
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
        for name in self.conditioning + (() if output_spec is not None else (output,)):
            if name not in self.batch:
                raise ValueError(f"{name!r} is not in the task's batch ({names})")
        if output_spec is not None and (output in self.batch or not isinstance(output_spec, TensorSpec)):
            raise ValueError(f"output_spec is for an output that is not in the batch, as a TensorSpec; got "
                             f"{output!r} and {output_spec!r}")
        self._output_spec = output_spec
        if output in self.conditioning:
            raise ValueError(f"{output!r} cannot be both the output and a conditioning input")

    @property
    def output_spec(self):
        """The `TensorSpec` of what `sample` returns: `batch[output]`, or the declared `output_spec`."""
        return self.batch[self.output] if self._output_spec is None else self._output_spec

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
                f"truncation={self.truncation}"
                + (f", output_spec={self._output_spec!r})" if self._output_spec is not None else ")"))
