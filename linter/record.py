"""Record: typing.NamedTuple's class syntax without the cost of checking annotations at import."""

from __future__ import annotations

import collections
from typing import TYPE_CHECKING, Any

# typing.NamedTuple compiles every string annotation into a ForwardRef to check it is a type,
# about 100 us a class: 4 ms of start-up over the engine's records. A Record builds the same
# collections.namedtuple (fields, defaults, methods, docstring, the annotations as written), and
# a type checker reads it as the NamedTuple it is.
_PROHIBITED = frozenset({"__new__", "__init__", "__slots__", "__getnewargs__", "_fields",
                         "_field_defaults", "_make", "_replace", "_asdict", "_source"})
_SPECIAL = frozenset({"__module__", "__name__", "__annotations__"})


class _RecordMeta(type):
    def __new__(mcs, name: str, bases: tuple[type, ...], ns: dict[str, Any]) -> Any:
        if not bases:                      # Record itself
            return super().__new__(mcs, name, bases, ns)
        if bases != (Record,):
            raise TypeError("a Record derives from Record only")
        annotations = ns.get("__annotations__", {})
        defaults = [ns[field] for field in annotations if field in ns]
        if any(field not in ns for field in list(annotations)[len(annotations) - len(defaults):]):
            raise TypeError(f"{name}: a field without a default follows one with a default")
        record = collections.namedtuple(name, list(annotations), defaults=defaults,
                                        module=ns["__module__"])
        record.__annotations__ = record.__new__.__annotations__ = dict(annotations)
        for key, value in ns.items():
            if key in _PROHIBITED:
                raise AttributeError(f"{name}: cannot overwrite the record's {key}")
            if key not in _SPECIAL and key not in record._fields:
                setattr(record, key, value)
        return record


if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:
    class Record(metaclass=_RecordMeta):
        """Base of a record: `class Span(Record): start: int` as with typing.NamedTuple."""
