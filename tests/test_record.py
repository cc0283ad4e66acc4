"""A Record behaves as the typing.NamedTuple it stands for."""

from __future__ import annotations

import pickle
from typing import NamedTuple

import pytest

from notice_lint.record import Record


class Point(Record):
    """A point."""
    x: int
    y: int = 0
    label: str | None = None

    @property
    def norm(self) -> int:
        return abs(self.x) + abs(self.y)


class TypedPoint(NamedTuple):
    """A point."""
    x: int
    y: int = 0
    label: str | None = None

    @property
    def norm(self) -> int:
        return abs(self.x) + abs(self.y)


@pytest.mark.parametrize("cls", [Point, TypedPoint])
def test_tuple_behaviour(cls):
    p = cls(3, -4)
    assert p == (3, -4, None) and p.norm == 7 and p[1] == -4
    assert cls._fields == ("x", "y", "label")
    assert cls._field_defaults == {"y": 0, "label": None}
    assert p._replace(label="a") == cls(3, -4, "a")
    assert p._asdict() == {"x": 3, "y": -4, "label": None}
    assert repr(p) == f"{cls.__name__}(x=3, y=-4, label=None)"
    assert cls.__doc__ == "A point." and cls.__bases__ == (tuple,)
    assert cls.__module__ == __name__ and cls.__qualname__ == cls.__name__
    assert list(cls.__annotations__) == ["x", "y", "label"]
    assert pickle.loads(pickle.dumps(p)) == p
    with pytest.raises(AttributeError):
        p.x = 1


def test_a_field_without_default_after_one_with_is_refused():
    with pytest.raises(TypeError):
        class Bad(Record):
            a: int = 0
            b: int


def test_the_tuple_machinery_cannot_be_overwritten():
    with pytest.raises(AttributeError):
        class Bad(Record):
            a: int

            def _replace(self, **kwargs):
                return self
