"""YAML loading that remembers where each mapping key was written, for errors that name a line."""

from __future__ import annotations

from typing import Any

import yaml


class YamlError(Exception):
    """Malformed YAML; `line` is 1-based (None when unknown)."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


class Mapping(dict):
    """A dict that knows the 1-based line of each key (``lines``) and of itself (``line``)."""

    __slots__ = ("line", "lines")

    def __init__(self) -> None:
        super().__init__()
        self.line: int | None = None
        self.lines: dict[Any, int] = {}


# libyaml's parser when PyYAML has it (ten times faster; marks and our constructor still apply)
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Mapping:
    loader.flatten_mapping(node)
    mapping = Mapping()
    mapping.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise YamlError(f"unhashable key {key!r}", key_node.start_mark.line + 1) from None
        if key in mapping:
            raise YamlError(f"duplicate key {key!r}", key_node.start_mark.line + 1)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.lines[key] = key_node.start_mark.line + 1
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load(text: str) -> Any:
    try:
        return yaml.load(text, Loader=_Loader)
    except YamlError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlError(problem, mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise YamlError(str(exc).splitlines()[0], None) from None
    except RecursionError:
        raise YamlError("nesting too deep", None) from None


def line_of(value: Any, key: Any = None) -> int | None:
    if isinstance(value, Mapping):
        return value.lines.get(key, value.line) if key is not None else value.line
    return None
