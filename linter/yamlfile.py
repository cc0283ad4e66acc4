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

# How many nodes aliases may add to a document once expanded. Anchors and aliases share one
# object when loaded, but whatever walks the data (str() of an example, a merge) sees each alias
# expanded: a 770-byte "billion laughs" is 10^9 strings to it.
MAX_ALIAS_NODES = 100_000


class _Loader(_Base):
    def get_single_data(self) -> Any:
        node = self.get_single_node()
        if node is None:
            return None
        if self.check_aliases:
            check_aliases(node)
        return self.construct_document(node)

    check_aliases = True


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


class _NoAliases(_Loader):
    """For a text without '&': it has no anchor, so no alias can load (the walk is skipped)."""

    check_aliases = False


def check_aliases(root: yaml.Node) -> None:
    """Refuse a document whose aliases, expanded, add more than MAX_ALIAS_NODES nodes, or that
    contains itself. Each distinct node is visited once (sizes are memoised), so a bomb is
    measured in the time its text takes to read."""
    sizes: dict[int, int] = {}   # node id -> its size once every alias in it is expanded
    written = 0                  # distinct nodes: the size of the document as written
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    open_nodes: set[int] = set()
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            open_nodes.discard(key)
            size = 1 + sum(sizes[id(child)] for child in _children(node))
            sizes[key] = size
            if size - written > MAX_ALIAS_NODES:
                raise YamlError(f"别名展开后超过 {MAX_ALIAS_NODES} 个节点，疑似别名炸弹 "
                                f"(aliases expand to more than {MAX_ALIAS_NODES} nodes)",
                                node.start_mark.line + 1)
            continue
        if key in sizes:
            continue
        if key in open_nodes:
            raise YamlError("别名引用了包含它自身的节点 (an alias refers to a node that contains it)",
                            node.start_mark.line + 1)
        open_nodes.add(key)
        written += 1
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        return [item for pair in node.value for item in pair]
    return []


def load(text: str) -> Any:
    try:
        return yaml.load(text, Loader=_Loader if "&" in text else _NoAliases)
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
