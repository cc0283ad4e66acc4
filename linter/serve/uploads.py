"""What a client sent, made a draft: a name that is only a label, a kind from a short list, bytes."""

from __future__ import annotations

from dataclasses import dataclass

from ..finding import Message
from ..input.bounded import megabytes
from ..input.files import foreign_format

# the kinds a page or API upload may be, by the suffix of the name the client gave
SUFFIXES = (".docx", ".txt", ".md")
PASTED = Message("粘贴的文字.txt", "pasted-text.txt")
_NAME_LENGTH = 120


class UploadError(Exception):
    """An upload that is not a draft we can read; `message` says why, in both languages."""

    def __init__(self, message: Message, status: int = 400) -> None:
        super().__init__(message.en)
        self.message = message
        self.status = status


@dataclass(frozen=True, slots=True)
class Draft:
    name: str     # shown on the page and in the findings' `path`; never a path on our disk
    data: bytes

    @property
    def is_docx(self) -> bool:
        return self.name.lower().endswith(".docx")


def label(client_name: str) -> str:
    """The last part of the name the client gave, with nothing in it that could act as a path or
    as a control character; used as a label only."""
    name = client_name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if c.isprintable()).strip().lstrip(".")
    if len(name) > _NAME_LENGTH:
        stem, dot, suffix = name.rpartition(".")
        name = (stem[:_NAME_LENGTH - len(suffix) - 1] + dot + suffix) if dot else name[:_NAME_LENGTH]
    return name


def uploaded(client_name: str, data: bytes, limit: int) -> Draft:
    """A file the client chose; UploadError for a kind we do not take, an empty or a huge one."""
    name = label(client_name)
    lower = name.lower()
    if not lower.endswith(SUFFIXES):
        foreign = foreign_format(lower)
        raise UploadError(foreign or Message(
            f"不支持的文件类型“{name or client_name}”：请上传 .docx、.txt 或 .md 文件",
            f"unsupported file type “{name or client_name}”: upload a .docx, .txt or .md file"),
            415)
    if len(data) > limit:
        raise too_large(limit)
    if not data:
        raise UploadError(Message(f"{name}：文件是空的", f"{name}: the file is empty"))
    return Draft(name, data)


def pasted(text: str, limit: int, lang: str) -> Draft:
    """Text pasted into the page (or sent as text/plain), as a UTF-8 .txt draft."""
    data = text.encode("utf-8", "surrogatepass")
    if len(data) > limit:
        raise too_large(limit)
    if not text.strip():
        raise UploadError(Message("没有收到文字：请粘贴草稿的文字或选择文件",
                                  "no text received: paste the draft's text or choose a file"))
    return Draft(PASTED.render(lang), data)


def too_large(limit: int) -> UploadError:
    return UploadError(Message(
        f"上传内容过大（上限 {megabytes(limit)} MB；启动时可用 --max-upload 调高）",
        f"upload too large (the limit is {megabytes(limit)} MB; raise it with --max-upload)"), 413)
