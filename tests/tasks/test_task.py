"""`Task` and `TensorSpec`: what a declaration holds, and the declarations it refuses."""
import pytest

from kgan.tasks import Task, TensorSpec


def test_a_class_conditional_task_names_its_class_input():
    task = Task({"images": TensorSpec((8, 8, 1)), "labels": TensorSpec((), "int32", num_classes=3)},
                conditioning=("labels",))
    assert task.names == ("images", "labels") and task.output == "images"
    assert (task.class_input, task.num_classes, task.tensor_inputs, task.truncation) == ("labels", 3, (), False)
    assert task.batch["labels"].describe() == "integer class labels in [0, 3)"
    assert task.batch["images"].describe() == "8x8x1 float32 images"


def test_an_image_conditioned_task_has_tensor_inputs_and_no_classes():
    task = Task({"low_res": TensorSpec((4, 4, 3)), "high_res": TensorSpec((16, 16, 3))},
                conditioning=("low_res",), output="high_res", truncation=True)
    assert (task.class_input, task.num_classes, task.tensor_inputs, task.truncation) == (None, None, ("low_res",),
                                                                                         True)


def test_an_inpainting_task_declares_an_output_outside_its_batch():
    images = TensorSpec((8, 8, 3))
    task = Task({"images": images}, conditioning=("images",), output="inpainted", output_spec=TensorSpec((8, 8, 3)))
    assert (task.names, task.tensor_inputs, task.output, task.output_spec) == (("images",), ("images",), "inpainted",
                                                                               images)
    assert "output_spec=TensorSpec((8, 8, 3), 'float32')" in repr(task)
    assert Task({"images": images}).output_spec is images  # otherwise the batch's entry


def test_specs_compare_by_shape_dtype_and_classes():
    assert TensorSpec((2, 2, 1)) == TensorSpec([2, 2, 1], "float32")
    assert TensorSpec((2, 2, 1)) != TensorSpec((2, 2, 3))
    assert TensorSpec((), "int32", num_classes=3) != TensorSpec((), "int32", num_classes=4)
    assert TensorSpec((), "int32").shape_text() == "scalar"


@pytest.mark.parametrize("arguments, message", [
    (dict(batch={}), "a task's batch must name at least one entry"),
    (dict(batch={"images": (8, 8, 1)}), "batch entry 'images' must be a TensorSpec, got"),
    (dict(batch={"images": TensorSpec((8, 8, 1))}, conditioning=("labels",)),
     "'labels' is not in the task's batch \\(images\\)"),
    (dict(batch={"source": TensorSpec((8, 8, 1))}), "'images' is not in the task's batch \\(source\\)"),
    (dict(batch={"images": TensorSpec((8, 8, 1))}, conditioning=("images",)),
     "'images' cannot be both the output and a conditioning input"),
    (dict(batch={"images": TensorSpec((8, 8, 1))}, output="images", output_spec=TensorSpec((8, 8, 1))),
     "output_spec is for an output that is not in the batch, as a TensorSpec; got 'images'"),
    (dict(batch={"images": TensorSpec((8, 8, 1))}, output="filled", output_spec=(8, 8, 1)),
     "output_spec is for an output that is not in the batch, as a TensorSpec; got 'filled' and \\(8, 8, 1\\)"),
])
def test_bad_declarations(arguments, message):
    with pytest.raises(ValueError, match=message):
        Task(**arguments)


def test_labels_must_be_integers():
    with pytest.raises(ValueError, match="class labels must have an integer dtype, got float32"):
        TensorSpec((), "float32", num_classes=2)
