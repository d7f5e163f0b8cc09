"""The data fingerprint of a TFDS source: its name, split and version, read from the real builder."""
import pytest

from kgan.runs.data_fingerprint import data_fingerprint, describe_change


@pytest.mark.tensorflow_only  # tensorflow_datasets
def test_a_tfds_source_is_fingerprinted_by_name_split_and_version():
    import tensorflow_datasets as tfds

    with tfds.testing.mock_data(num_examples=4):
        fingerprint = data_fingerprint("tfds:mnist:test")
        version = str(tfds.builder("mnist").version)
    assert fingerprint == {"kind": "tfds", "name": "mnist", "split": "test", "version": version}
    assert data_fingerprint("tfds:mnist:train")["split"] == "train"
    older = {**fingerprint, "version": "1.0.0"}
    assert describe_change(older, fingerprint) == (f"its content fingerprint differs: version 1.0.0 then, "
                                                   f"version {version} now")
