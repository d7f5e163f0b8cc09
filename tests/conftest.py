import os

import keras
import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


# The longest tests (a minute or more each on 2 cores) go first: `make test` runs two pytest-xdist workers,
# and a long test collected last would leave one worker running it alone at the end.
LONG_FIRST = ("tests/runs/test_reference_resume.py", "tests/faults/", "tests/runs/test_stages_resume.py",
              "tests/test_readme.py", "tests/test_import.py", "tests/runs/test_epoch_length.py",
              "tests/models/test_cyclegan.py")


def pytest_collection_modifyitems(config, items):
    items.sort(key=lambda item: not item.nodeid.startswith(LONG_FIRST))  # stable: the order is kept otherwise
    if keras.backend.backend() == "tensorflow":
        return
    for marker in ("tensorflow_only", "backend_independent"):
        skip = pytest.mark.skip(reason=f"{marker}: runs in the TensorFlow pass of `make test`")
        for item in items:
            if marker in item.keywords:
                item.add_marker(skip)


@pytest.fixture(autouse=True)
def _fresh_keras_state():
    """Each test starts from the float32 policy and a fixed global seed."""
    keras.config.set_dtype_policy("float32")
    keras.utils.set_random_seed(0)
    yield
    keras.config.set_dtype_policy("float32")
    keras.backend.clear_session(free_memory=False)  # a full gc per test costs minutes
