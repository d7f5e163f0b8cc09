"""A stand-in image-to-image family for the run and CLI tests, registered as `translator` while a test runs."""
import sys
import types

import keras
import pytest

import kgan.models
from kgan import catalog
from tests.tasks.translator import Translator

PRESETS = {"translator_8": {"description": "a 1x1 convolution from 8x8 RGB sources to targets",
                            "arguments": {"image_size": 8, "channels": 3},
                            "recipe": {"batch_size": 2, "steps": 2, "data": "photos:colorize"}}}


@keras.saving.register_keras_serializable(package="kgan_tests")
class TranslatorFamily(Translator):
    """`Translator` with a preset, so that `kgan.runs.train` and `kgan train` can run it."""

    presets = PRESETS


@pytest.fixture
def translator_family(monkeypatch):
    """Registers `translator` in the catalog and in `kgan.models.FAMILIES` for one test."""
    monkeypatch.setitem(catalog.FAMILIES, "translator", "TranslatorFamily")
    monkeypatch.setitem(sys.modules, "kgan.models.translator.presets", types.SimpleNamespace(PRESETS=PRESETS))
    monkeypatch.setitem(kgan.models.FAMILIES, "translator", TranslatorFamily)
    return TranslatorFamily
