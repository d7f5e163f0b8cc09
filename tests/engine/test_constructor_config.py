"""ConstructorConfig records what rebuilds an instance: `cls(**recorded)`."""
import pytest

from kgan.engine.constructor_config import ConstructorConfig


class Base(ConstructorConfig):
    def __init__(self, seed=None, depth=2, **kwargs):
        self.seed, self.depth, self.extra = seed, depth, kwargs


class Family(Base):
    def __init__(self, shape=(4, 4), width=8, **kwargs):
        super().__init__(**kwargs)
        self.shape, self.width = shape, width


class Computed(Base):
    """Passes a base parameter it computes itself: recording it would pass it twice on rebuild."""

    def __init__(self, layers=3, **kwargs):
        super().__init__(depth=layers + 1, **kwargs)


class NoInit(Family):
    pass


class Strict(ConstructorConfig):
    def __init__(self, a=1):
        self.a = a


class Scoped(Base):
    def construction_scope(self, arguments):
        self.scope_saw = dict(arguments)
        return super().construction_scope(arguments)


def test_outer_arguments_with_defaults_base_defaults_and_spread_kwargs():
    model = Family((2, 3), seed=1, name="x")
    assert model.constructor_arguments() == {"shape": [2, 3], "width": 8, "seed": 1, "name": "x", "depth": 2}
    rebuilt = Family(**model.constructor_arguments())
    assert rebuilt.constructor_arguments() == model.constructor_arguments()
    assert (rebuilt.width, rebuilt.seed, rebuilt.extra) == (8, 1, {"name": "x"})


def test_a_base_parameter_the_subclass_computes_is_not_recorded():
    model = Computed(layers=5)
    assert model.depth == 6
    assert model.constructor_arguments() == {"layers": 5, "seed": None}
    assert Computed(**model.constructor_arguments()).depth == 6


def test_a_subclass_without_init_records_its_parents_arguments():
    assert NoInit(width=2).constructor_arguments() == {"shape": [4, 4], "width": 2, "seed": None, "depth": 2}


def test_the_scope_sees_the_outer_arguments_and_a_bad_call_raises_as_usual():
    assert Scoped(seed=4).scope_saw == {"seed": 4, "depth": 2}
    with pytest.raises(TypeError, match="unexpected keyword argument 'bogus'"):
        Strict(bogus=2)
