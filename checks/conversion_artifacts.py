"""Conversion artifacts: text damaged on its way from the author to the draft.

What the rule checks, its options and examples, in Chinese and English, are its user
documentation, configs/docs/conversion-artifacts.yaml (`notice-lint explain conversion-artifacts` prints it).
"""

from __future__ import annotations

from notice_lint import Finding, Fix, Message, hookimpl
from notice_lint.edit_groups import examples, group_edits, replaced


class ConversionArtifacts:
    id = "conversion-artifacts"
    description = "转换残留：拼音注音、繁体字、乱码、被断开的句子"
    description_en = ("conversion damage: pinyin annotations, traditional characters, mojibake, "
                      "sentences broken across lines")
    severity = "warning"
    severities = ("warning", "error")  # error: damage throughout the document
    reads = ("paragraphs",)

    def check(self, document, options):
        repairs = [r for r in document.repairs if hasattr(r, "kind")]
        text = document.text
        paragraphs = len(document.outline.paragraphs)
        yield from self._pinyin(document, [r for r in repairs if r.kind == "pinyin"], paragraphs)
        yield from self._traditional(document, [r for r in repairs if r.kind == "traditional"],
                                     paragraphs)
        if document.kind != "markdown":  # in Markdown an entity is markup, not damage
            yield from self._entities(document, [r for r in repairs if r.kind == "entity"])
        for r in repairs:
            if r.kind == "mojibake":
                yield self._mojibake(document, r)
            elif r.kind == "line-join" and not r.heading:
                before = text[max(text.rfind("\n", max(r.start - 8, 0), r.start) + 1,
                                  r.start - 8):r.start]
                after = text[r.end:r.end + 8].split("\n")[0]
                yield Finding.at(document.locate(r.start - 1, r.end), rule=self.id,
                                 message=Message(f"句子被断成两行（疑为PDF复制所致）：“…{before}”与“{after}…”应连为一行",
                                                 f"a sentence is broken across two lines (a PDF "
                                                 f"copy?): join “…{before}” and “{after}…”"),
                                 severity=self.severity, fix=Fix("", False))

    def _pinyin(self, document, repairs, paragraphs):
        text = document.text
        for group in group_edits(text, [(r.start, r.end, r.replacement) for r in repairs],
                                 paragraphs):
            count = len(group.edits)
            sample = "、".join(f"“{s}”" for s in examples(text, group))
            where_zh = "全文" if group.whole_document else "本行"
            where_en = "the document" if group.whole_document else "this line"
            yield Finding.at(document.locate(group.start - 1, group.end), rule=self.id,
                             message=Message(f"{where_zh}含{count}处拼音注音（如{sample}），系转换工具所致，应删除",
                                             f"{where_en} has {count} pinyin annotation(s) (e.g. "
                                             f"{sample}) left by a converter: remove them"),
                             severity="error" if group.whole_document else self.severity,
                             # the span starts at the annotated character: keep it
                             fix=Fix(text[group.start - 1] + replaced(text, group), True))

    def _traditional(self, document, repairs, paragraphs):
        text = document.text
        for group in group_edits(text, [(r.start, r.end, r.replacement) for r in repairs],
                                 paragraphs):
            chars = sum(e - s for s, e, _ in group.edits)
            sample = "".join(dict.fromkeys(c for s, e, _ in group.edits[:40] for c in text[s:e]))[:6]
            where_zh = "全文使用" if group.whole_document else "本行夹杂"
            where_en = "the document is written in" if group.whole_document else "this line has"
            yield Finding.at(document.locate(group.start, group.end), rule=self.id,
                             message=Message(f"{where_zh}繁体字（{chars}处，如“{sample}”），应使用规范简体字",
                                             f"{where_en} traditional characters ({chars}, e.g. "
                                             f"{sample}): use simplified characters"),
                             severity="error" if group.whole_document else self.severity,
                             fix=Fix(replaced(text, group), False))

    def _entities(self, document, repairs):
        """HTML entities: line by line when on a few lines, else once for the document."""
        text = document.text
        # share 0: damage on more than three lines is systemic, however long the notice
        for group in group_edits(text, [(r.start, r.end, r.replacement) for r in repairs],
                                 len(document.outline.paragraphs), share=0):
            count = len(group.edits)
            seen = dict.fromkeys((text[s:e], r) for s, e, r in group.edits)
            sample = "、".join(f"{raw}→{'空格' if r.isspace() else r}" for raw, r in list(seen)[:3])
            sample_en = ", ".join(f"{raw} → {'a space' if r.isspace() else r}"
                                  for raw, r in list(seen)[:3])
            where_zh = "全文" if group.whole_document else "本行"
            where_en = "the document" if group.whole_document else "this line"
            # a space entity may be indentation or a stray space: replacing it is a judgement
            safe = not any(r.isspace() for _, _, r in group.edits)
            yield Finding.at(document.locate(group.start, group.end), rule=self.id,
                             message=Message(f"{where_zh}含{count}处网页编辑器遗留的HTML字符实体（{sample}），"
                                             "应替换为所代表的字符",
                                             f"{where_en} has {count} HTML character entit"
                                             f"{'y' if count == 1 else 'ies'} left by a web editor "
                                             f"({sample_en}): write the characters they stand for"),
                             severity=self.severity, fix=Fix(replaced(text, group), safe))

    def _mojibake(self, document, repair):
        original = document.text[repair.start:repair.end]
        if set(original) == {"\ufffd"}:
            return Finding.at(document.locate(repair.start, repair.end), rule=self.id,
                              message=Message("文本含无法识别的字符（�），原文在转换中已损坏，请对照原稿补正",
                                              "the text contains replacement characters (�): "
                                              "it was damaged in conversion; restore it from "
                                              "the original"),
                              severity="error")
        return Finding.at(document.locate(repair.start, repair.end), rule=self.id,
                          message=Message(f"乱码“{original}”：疑为“{repair.replacement}”的编码被误读",
                                          f"mojibake “{original}”: probably “{repair.replacement}” "
                                          f"decoded with the wrong encoding"),
                          severity="error", fix=Fix(repair.replacement, False))


@hookimpl
def notice_lint_rules():
    return [ConversionArtifacts()]
