"""``cached_property`` without the per-instance lock Python 3.11's carries (3.12 dropped it).

A document computes some twenty parts on first use; the lock cost more than several of them."""

from __future__ import annotations

import sys

if sys.version_info >= (3, 12):
    from functools import cached_property
else:
    class cached_property:
        def __init__(self, func) -> None:
            self.func = func
            self.attrname = func.__name__
            self.__doc__ = func.__doc__

        def __set_name__(self, owner, name: str) -> None:
            self.attrname = name

        def __get__(self, instance, owner=None):
            if instance is None:
                return self
            value = self.func(instance)
            instance.__dict__[self.attrname] = value
            return value

__all__ = ["cached_property"]
