"""The comments annotate writes: added at a constant cost each, and ours from an earlier run
found and taken out again (a reviewer's own comments stay)."""

from __future__ import annotations

from ..patterns import shipped_pattern

AUTHOR = "notice-lint"
INITIALS = "NL"
# what our comments start with: [错误 confusables] / [error confusables] (and, before the
# severity was written, [confusables])
_OURS = shipped_pattern(r"\[(?:(?:错误|警告|提示|error|warning|info) )?[a-z0-9][a-z0-9-]*\] ")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def remove_ours(word) -> int:
    """Take out of python-docx Document `word` every comment an earlier run of annotate wrote
    (author notice-lint, initials NL, text in our form), with its marks in the text; returns how
    many."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT  # start-up: only to annotate

    try:
        part = word.part.part_related_by(RT.COMMENTS)
    except KeyError:
        return 0
    ours = {str(c.comment_id) for c in word.comments
            if c.author == AUTHOR and (c.initials or "") == INITIALS and _OURS.match(c.text)}
    if not ours:
        return 0
    for comment in list(part.element):
        if comment.get(f"{_W}id") in ours:
            part.element.remove(comment)
    for story in _stories(word):
        _unmark(story, ours)
    return len(ours)


def _stories(word) -> list:
    """The XML trees comments can be marked in: the body, the headers and footers."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT  # start-up: only to annotate

    trees = [word.element]
    for rel in word.part.rels.values():
        if rel.reltype in (RT.HEADER, RT.FOOTER) and not rel.is_external:
            trees.append(rel.target_part.element)
    return trees


def _unmark(tree, ours: set[str]) -> None:
    marks = [e for e in tree.iter(f"{_W}commentRangeStart", f"{_W}commentRangeEnd",
                                  f"{_W}commentReference") if e.get(f"{_W}id") in ours]
    for mark in marks:
        parent = mark.getparent()
        parent.remove(mark)
        # the run that held only the reference (and its style) goes with it
        if parent.tag == f"{_W}r" and all(c.tag == f"{_W}rPr" for c in parent):
            parent.getparent().remove(parent)


class IdClash(Exception):
    """A new comment did not get the id after the greatest one in use."""


class PlainComments:
    """Comments added through python-docx alone (it reads every comment's id for each new one)."""

    def __init__(self, word) -> None:
        self._word = word

    def __call__(self, runs: list, note: str) -> None:
        self._word.add_comment(runs, text=note, author=AUTHOR, initials=INITIALS)

    def finish(self) -> None:
        pass


class QuickComments(PlainComments):
    """Comments added at a constant cost each.

    python-docx gives a new comment the greatest id in the comments part plus one, reading every
    comment's id to find it: n comments cost n²/2 reads (4,000 findings took 47 s). While adding,
    the part holds only the comment with the greatest id; the others wait aside and go back, in
    their order, at the end. A new comment that does not get the next id raises IdClash."""

    def __init__(self, word) -> None:
        super().__init__(word)
        self._part = None  # made on the first comment: a draft without findings gets no part
        self._kept: list = []   # the draft's own comments, in their order
        self._added: list = []
        self._greatest = -1

    def __call__(self, runs: list, note: str) -> None:
        if self._part is None:
            self._set_aside()
        comment = self._word.add_comment(runs, text=note, author=AUTHOR, initials=INITIALS)
        if comment.comment_id != self._greatest + 1:
            self.finish()
            raise IdClash(comment.comment_id)
        self._greatest = comment.comment_id
        for older in list(self._part)[:-1]:
            self._part.remove(older)
        self._added.append(self._part[-1])

    def _set_aside(self) -> None:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT  # start-up, as above

        self._word.comments  # noqa: B018 - python-docx creates the comments part on first use
        self._part = self._word.part.part_related_by(RT.COMMENTS).element
        self._kept = list(self._part)
        self._greatest = max((_comment_id(c) for c in self._kept), default=-1)
        for comment in self._kept:
            if _comment_id(comment) != self._greatest:
                self._part.remove(comment)

    def finish(self) -> None:
        if self._part is None:
            return
        for comment in list(self._part):
            self._part.remove(comment)
        for comment in [*self._kept, *self._added]:
            self._part.append(comment)


def _comment_id(element) -> int:
    from docx.oxml.ns import qn  # start-up: python-docx loads only to annotate
    try:
        return int(element.get(qn("w:id"), "-1"))
    except ValueError:
        return -1

