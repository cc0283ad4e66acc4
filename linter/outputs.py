"""Where output goes: never over an input, machine formats as UTF-8 bytes whatever the console's
encoding, and terminal text with its control characters escaped."""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO

from .finding import Message
from .patterns import shipped_pattern
from .record import Record

# Formats that another program reads: their bytes are UTF-8 on every console (a report written
# in GBK on a Chinese Windows console declares utf-8 and is invalid SARIF).
MACHINE_FORMATS = frozenset({"json", "sarif", "html", "github"})

# What a terminal (or a CI log viewer) would act on instead of showing: C0 controls but tab and
# newline, DEL, C1 controls (\x9b is a CSI on its own), a carriage return that is not the first
# half of a CRLF (it overwrites the line), the bidi embeddings, overrides and isolates that
# reorder what a reviewer reads, the line and paragraph separators, and the lone surrogates by
# which Python carries the bytes of a file name that is not UTF-8.
_UNSAFE = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069" \
          "\ud800-\udfff"
_CONTROLS = shipped_pattern(f"[{_UNSAFE}]|\r(?!\n)")
_CONTROLS_AND_NEWLINES = shipped_pattern(f"[{_UNSAFE}\r\n]")
_SURROGATES = shipped_pattern("[\ud800-\udfff]")


def _escape(match: re.Match) -> str:
    char = match.group()
    code = ord(char)
    if char in "\r\n":
        return "\\r" if char == "\r" else "\\n"
    if 0xDC80 <= code <= 0xDCFF:   # a byte of a file name that is not UTF-8: show the byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every control character written as a Python-style escape (ESC as \\x1b, a
    right-to-left override as \\u202e, the byte FF of a file name as \\xff); newlines, CRLF and
    tabs stay. Backslashes are left alone, so the escape is for safety, not reversible."""
    return _CONTROLS.sub(_escape, text)


def one_line(text: str) -> str:
    """`text` escaped as by `visible`, newlines and carriage returns too: a path or message on a
    line of its own can never start another (a forged `::error` workflow command)."""
    return _CONTROLS_AND_NEWLINES.sub(_escape, text)


# JSON escapes C0 controls itself; these it leaves raw, and a JSON report shown on a terminal
# would pass them on (\x9b is a CSI). Outside strings JSON is ASCII, so replacing is safe.
_JSON_RAW = shipped_pattern("[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def json_text(value: object) -> str:
    """`value` as indented JSON that a terminal can show: Chinese as is, the control characters
    JSON leaves raw (DEL, C1, bidi) as \\uXXXX escapes, the same data to any JSON reader."""
    import json  # start-up: only the machine formats need it
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def json_nested(value: object, depth: int) -> str:
    """`value` as `json_text` writes it `depth` levels deep in a document: a report streamed a
    piece at a time is byte for byte the document written at once (JSON strings hold no raw
    newline, so each newline is one of the layout's)."""
    return json_text(value).replace("\n", "\n" + "  " * depth)


def valid_unicode(text: str) -> str:
    """`text` with each lone surrogate (a byte of a file name that is not UTF-8) as U+FFFD, so
    it can be written as UTF-8."""
    return _SURROGATES.sub("\ufffd", text)


class _Escaping:
    """A text stream that escapes what passes through it on its way to a terminal."""

    def __init__(self, stream: TextIO, escape: Callable[[str], str]) -> None:
        self._stream = stream
        self._escape = escape

    def write(self, text: str) -> int:
        self._stream.write(self._escape(text))
        return len(text)

    @property
    def unescaped(self) -> TextIO:
        """The stream underneath, for a writer that escapes the text it writes itself and adds
        terminal codes of its own (the text format's colours)."""
        return self._stream

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def _one_line_per_write(text: str) -> str:
    # every diagnostic is one print() of one line: a newline inside a write is data, not a break
    if text.endswith("\n"):
        return one_line(text[:-1]) + "\n"
    return one_line(text)


@contextlib.contextmanager
def escaped_terminal() -> Iterator[None]:
    """For the duration, whatever is printed to stdout has its control characters escaped, and
    whatever is printed to stderr is also kept to one line a print; streams someone else has
    replaced meanwhile (a broken pipe sends stdout to devnull) are left as they are."""
    out, err = sys.stdout, sys.stderr
    if out is not None:
        sys.stdout = _Escaping(out, visible)
    if err is not None:
        sys.stderr = _Escaping(err, _one_line_per_write)
    wrapped_out, wrapped_err = sys.stdout, sys.stderr
    try:
        yield
    finally:
        if sys.stdout is wrapped_out:
            sys.stdout = out
        if sys.stderr is wrapped_err:
            sys.stderr = err


# -- reports --------------------------------------------------------------------------------------

class OutputError(Exception):
    """An output that must not or cannot be written; the message names the file."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message


class _Utf8:
    """A text stream whose bytes are UTF-8, written to a binary sink in large pieces."""

    _CHUNK = 1 << 16

    def __init__(self, sink) -> None:
        self._sink = sink
        self._parts: list[str] = []
        self._size = 0

    def write(self, text: str) -> int:
        self._parts.append(text)
        self._size += len(text)
        if self._size >= self._CHUNK:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if self._parts:
            self._sink.write(valid_unicode("".join(self._parts)).encode("utf-8"))
            self._parts, self._size = [], 0
        self._sink.flush()


class Output(Record):
    """The stream a reporter writes to, and what to call when it is done."""

    stream: TextIO
    finish: Callable[[], None]


def report_output(path: str | None, fmt: str) -> Output:
    """Where a report in `fmt` goes: stdout, or `path` written atomically once it is complete.
    A file is always UTF-8; stdout is UTF-8 bytes for a machine format and the console's own
    encoding (with escapes for what it cannot show) for text."""
    if path and path != "-":
        sink = io.BytesIO()
        stream = _Utf8(sink)

        def finish() -> None:
            from .atomic import write_bytes_atomic  # start-up: tempfile, secrets for -o only
            stream.flush()
            try:
                write_bytes_atomic(path, sink.getvalue())
            except OSError as exc:
                reason = exc.strerror or str(exc)
                raise OutputError(Message(f"{path}: 无法写入：{reason}",
                                          f"{path}: cannot write: {reason}")) from None

        return Output(stream, finish)  # type: ignore[arg-type]
    stdout = sys.stdout
    if fmt in MACHINE_FORMATS and getattr(stdout, "buffer", None) is not None:
        stdout.flush()  # what was printed before comes out before the report's bytes
        binary = _Utf8(stdout.buffer)
        return Output(binary, binary.flush)  # type: ignore[arg-type]
    return Output(stdout, stdout.flush)


# -- outputs never over inputs ------------------------------------------------------------------

def _identity(path: str) -> tuple | str | None:
    """What makes two names one file: device and inode (so another spelling, a symlink or a hard
    link to it is the same); None when there is no file there."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    if st.st_ino:
        return (st.st_dev, st.st_ino)
    return os.path.normcase(os.path.realpath(path))   # a file system without inode numbers


def refuse_overwriting_inputs(outputs: Iterable[str | None],
                              inputs: Callable[[], Iterable[str]]) -> None:
    """Raise OutputError when an output file names one of the inputs by any path, symlink or
    hard link. `inputs` is only called (a walk of the folders) when an output already exists."""
    existing = [(out, ident) for out in outputs if out and out != "-"
                for ident in [_identity(out)] if ident is not None]
    if not existing:
        return   # a file that is not there yet is no input
    known: dict = {}
    for given in inputs():
        if given and given != "-":
            known.setdefault(_identity(given), given)
    for out, ident in existing:
        if ident in known:
            raise OutputError(Message(
                f"{out}: 输出文件不能是输入文件（{known[ident]}）；未写入，原稿未改动",
                f"{out}: the output must not be an input ({known[ident]}); nothing was written"))
