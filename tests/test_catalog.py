"""The Keras-free catalog agrees with the families' classes: the same names, order, classes and preset dicts."""
import pytest

from kgan import catalog
from kgan.models import FAMILIES


def test_the_catalog_names_every_family_in_order():
    assert list(catalog.FAMILIES) == list(FAMILIES) == ["gan", "dcgan", "cgan", "wgan", "wgan_gp", "infogan", "pix2pix",
                                                             "cyclegan", "context_encoder"]
    for name, cls in FAMILIES.items():
        assert catalog.family_class(name) is cls


@pytest.mark.parametrize("family", list(catalog.FAMILIES))
def test_the_presets_file_read_without_keras_equals_the_class_presets(family):
    read_alone = catalog._read_presets_file(family)
    assert read_alone == FAMILIES[family].presets
    assert list(read_alone) == list(FAMILIES[family].presets)  # the default stays first
    assert catalog.presets(family) is FAMILIES[family].presets  # once imported, one dict


def test_checks_name_the_choices():
    with pytest.raises(ValueError, match="^unknown family 'x'; choose one of: gan, dcgan, cgan, wgan, wgan_gp, "
                                         "infogan, pix2pix, cyclegan, context_encoder$"):
        catalog.check_family("x")
    with pytest.raises(ValueError, match="^unknown preset 'y' for gan; choose one of: gan_mnist$"):
        catalog.check_preset("gan", "y")
    assert catalog.check_preset("dcgan", None) == "dcgan_32"
