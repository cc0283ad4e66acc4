"""A small element tree from the stdlib's html.parser, for tests that read the HTML report as
a browser would: by elements and attributes, not by substrings."""

from __future__ import annotations

from html.parser import HTMLParser

VOID = {"meta", "input", "br", "link", "img", "hr", "wbr"}


class Element:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Element | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Element | str] = []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str | None):
        for e in self.iter():
            if tag is not None and e.tag != tag:
                continue
            if cls is not None and cls not in (e.attrs.get("class") or "").split():
                continue
            if all(k.replace("_", "-") in e.attrs and (v is True or e.attrs[k.replace("_", "-")] == v)
                   for k, v in attrs.items()):
                yield e

    def find(self, *args, **kwargs) -> Element:
        found = list(self.find_all(*args, **kwargs))
        assert len(found) == 1, (args, kwargs, len(found))
        return found[0]

    def has_class(self, cls: str) -> bool:
        return cls in (self.attrs.get("class") or "").split()


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs), self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, dict(attrs), self.current))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None and node.parent is not None, f"</{tag}> closes nothing"
        self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(page: str) -> Element:
    builder = _Builder()
    builder.feed(page)
    builder.close()
    assert builder.current is builder.root, f"<{builder.current.tag}> left open"
    return builder.root


def render_report(linter, results) -> str:
    """The HTML report of `results`, written in memory as a run writes it."""
    import io

    from notice_lint.reporters import reporter_class
    from notice_lint.reporters.base import Summary

    stream = io.StringIO()
    reporter = reporter_class("html")(stream, "zh")
    reporter.describe_rules(linter.rules)
    reporter.start()
    for result in results:
        reporter.file(result)
    reporter.finish(Summary())
    return stream.getvalue()
