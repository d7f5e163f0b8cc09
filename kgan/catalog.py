"""The families and their presets, read without Keras, so `kgan list` and the command line's checks start at once.

A family's presets are plain data in `kgan/models/<family>/presets.py` (no imports).
Importing that module the usual way would first run `kgan/models/__init__.py`,
which imports Keras and every family; so the catalog executes the file on its own,
under a private module name. Once a family's package is imported, its own
`presets` module is used instead: the catalog and `Family.presets` are one dict.
`tests/test_catalog.py` checks that both agree for every family.
"""
import importlib
import importlib.util
import os
import sys

#: command-line name -> class name in `kgan.models`; the first preset of each family is its default.
FAMILIES = {
    "gan": "GAN",
    "dcgan": "DCGAN",
    "cgan": "CGAN",
    "wgan": "WGAN",
    "wgan_gp": "WGANGP",
    "infogan": "InfoGAN",
    "pix2pix": "Pix2Pix",
    "cyclegan": "CycleGAN",
    "context_encoder": "ContextEncoder",
}

_MODELS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "models")
_loaded = {}


def _read_presets_file(family):
    name = f"kgan._catalog_presets.{family}"
    spec = importlib.util.spec_from_file_location(name, os.path.join(_MODELS, family, "presets.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.PRESETS


def check_family(family, error=ValueError):
    """Raises `error` naming the choices when `family` is not one of `FAMILIES`."""
    if family not in FAMILIES:
        raise error(f"unknown family {family!r}; choose one of: {', '.join(FAMILIES)}")


def presets(family):
    """The family's preset dict (name -> {"description", "arguments", "recipe", ...}), its default first."""
    check_family(family)
    imported = sys.modules.get(f"kgan.models.{family}.presets")
    if imported is not None:
        return imported.PRESETS
    if family not in _loaded:
        _loaded[family] = _read_presets_file(family)
    return _loaded[family]


def check_preset(family, preset, error=ValueError):
    """The preset's name (the family's default when `preset` is None); `error` names the choices otherwise."""
    names = list(presets(family))
    if preset is None:
        return names[0]
    if preset not in names:
        raise error(f"unknown preset {preset!r} for {family}; choose one of: {', '.join(names)}")
    return preset


def family_class(family):
    """The family's model class; this imports Keras (and the backend) and registers every family with it."""
    check_family(family)
    return getattr(importlib.import_module("kgan.models"), FAMILIES[family])
