"""The one exception type of `kgan.data`."""


class DataError(ValueError):
    """Bad input data: a one-line message naming the file, shape, value or choice at fault.

    The command line prints it as a single line and exits with code 2.

    Example:
        try:
            data = kgan.data.load("my_images/")
        except kgan.data.DataError as error:
            print(f"kgan: {error}")
    """

    def __init__(self, message):
        super().__init__(" ".join(str(message).split()))


class MissingSplit(DataError):
    """The data has no such split (a folder without `test/`, embedded data without held-out images).

    Example:
        try:
            held_out = kgan.data.load_task("facades/", task, split="val")
        except kgan.data.MissingSplit:
            held_out = None
    """


def one_line(error, max_chars=300):
    """A TensorFlow or library error as one short line, without TensorFlow's op decorations."""
    text = " ".join(str(error).split())
    if text.startswith("{{function_node"):
        text = text.split("}}", 1)[-1].strip()
    text = text.split(" [Op:", 1)[0].strip() or type(error).__name__
    return text if len(text) <= max_chars else text[:max_chars - 3].rstrip() + "..."
