"""Read and decode a file into a Document: its text, encoding facts and a line-start index.

Offsets everywhere in zhen_tools are code points into ``Document.text``: the text as decoded,
without a BOM, with its line endings untouched (CRLF stays two characters).

>>> doc = document_from_text("first\\r\\nsecond\\rthird")
>>> doc.position(7), doc.position(14)
((2, 1), (3, 1))
>>> doc.newline
'\\r\\n'
"""

from __future__ import annotations

import bisect
import codecs
import os
import re
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

__all__ = [
    "MAX_FILE_SIZE",
    "Document",
    "DocumentError",
    "Segment",
    "decode_bytes",
    "document_from_text",
    "line_ranges",
    "read_document",
    "size_text",
]

# Encodings Chinese-language files really use besides UTF-8. An unrestricted guesser reads short
# GBK text as Korean (EUC-KR) or Shift-JIS, so nothing else is ever considered.
_CJK_CANDIDATES = ("gb18030", "big5")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class DocumentError(Exception):
    """A file that cannot be read as text; ``str()`` is a one-line message naming the file."""


@dataclass(frozen=True)
class Document:
    """A decoded text with the facts needed to report on it and to write it back unchanged."""

    path: str
    text: str
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"
    line_starts: tuple[int, ...] = field(default=(0,), repr=False)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset; column counts code points."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def line_text(self, line: int) -> str:
        """The text of 1-based ``line`` without its line ending."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def encode(self, text: str | None = None) -> bytes:
        """``text`` (default: this document's) in this document's encoding, BOM included."""
        text = self.text if text is None else text
        if self.encoding in ("utf-16", "utf-32"):
            return text.encode(self.encoding)  # the codec writes its own BOM
        data = text.encode(self.encoding)
        return codecs.BOM_UTF8 + data if self.bom else data


@dataclass(frozen=True)
class Segment:
    """A paragraph or sentence: ``text`` at ``start:end`` of its document.

    When ``text`` is not a verbatim slice (an XLIFF unit with ``&amp;`` or inline tags),
    ``offsets[i]`` is the document offset of ``text[i]`` (one extra entry for the end).
    """

    start: int
    end: int
    text: str
    offsets: tuple[int, ...] | None = field(default=None, repr=False, compare=False)

    def doc_offset(self, i: int) -> int:
        """Document offset of position ``i`` of ``text`` (``i == len(text)`` is the end)."""
        if self.offsets is None:
            return self.start + i
        return self.offsets[min(i, len(self.offsets) - 1)]


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _line_starts(text: str) -> tuple[int, ...]:
    # A line break is \n, \r\n or a lone \r; one regex pass keeps this linear in the text size.
    return (0, *(m.end() for m in _LINE_BREAK.finditer(text)))


def _dominant_newline(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    best = max((lf, "\n"), (crlf, "\r\n"), (cr, "\r"), key=lambda t: t[0])
    return best[1] if best[0] else "\n"


def line_ranges(doc: Document) -> Iterator[tuple[int, int]]:
    """(start, end) of every line of ``doc``, its line ending excluded.

    >>> list(line_ranges(document_from_text("ab\\r\\ncd")))
    [(0, 2), (4, 6)]
    """
    starts, text = doc.line_starts, doc.text
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        while end > start and text[end - 1] in "\r\n":
            end -= 1
        yield start, end


def document_from_text(
    text: str, path: str = "<text>", *, encoding: str = "utf-8", bom: bool = False
) -> Document:
    """A Document for a string that never touched the disk."""
    return Document(path, text, encoding, bom, _dominant_newline(text), _line_starts(text))


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    if not text:
        return False
    head = text[:65536]
    return len(_CONTROLS.findall(head)) > max(2, len(head) // 100)


# C0 controls other than tab, line breaks, form feed and escape: rare in text, common in binaries.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def _utf16_without_bom(data: bytes) -> str | None:
    # ASCII-heavy UTF-16 puts NULs in every other byte; CJK UTF-16 has no such tell, so only the
    # NUL pattern is trusted.
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    half = len(data) // 2
    for enc, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
        if zeros >= half * 0.3 and (even if enc == "utf-16-le" else odd) == 0:
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                return None
    return None


def _cjk_score(text: str) -> float:
    """Share of characters that are common CJK ideographs, ASCII or CJK punctuation."""
    if not text:
        return 0.0
    good = sum(
        1
        for ch in text
        if ch < "\x80"
        or "\u4e00" <= ch <= "\u9fff"
        or "\u3000" <= ch <= "\u303f"
        or "\uff00" <= ch <= "\uffef"
    )
    return good / len(text)


def decode_bytes(data: bytes, path: str = "<bytes>") -> tuple[str, str, bool]:
    """Decode file bytes: (text, encoding, had_bom). Raises DocumentError for binary data.

    Strict UTF-8 first; then a BOM; then GB18030 or Big5, whichever decodes strictly and reads
    more like Chinese text.

    >>> decode_bytes("稀土".encode("gbk"))
    ('稀土', 'gb18030', False)
    >>> decode_bytes("\\ufeffhi".encode("utf-8"))
    ('hi', 'utf-8', True)
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise DocumentError(
                    f"{path}: not valid {enc} after its byte-order mark ({exc.reason})"
                ) from None
            if enc == "utf-8-sig":
                return text, "utf-8", True
            return text, enc, True
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_binary(text):
            alt = _utf16_without_bom(data)
            if alt is not None and not _looks_binary(alt):
                return alt, "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be", False
            raise DocumentError(f"{path}: binary file (not text), skipped")
        return text, "utf-8", False
    alt = _utf16_without_bom(data)
    if alt is not None and not _looks_binary(alt):
        return alt, "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be", False
    best: tuple[float, str, str] | None = None
    for enc in _CJK_CANDIDATES:
        try:
            cand = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _looks_binary(cand):
            continue
        score = _cjk_score(cand)
        if best is None or score > best[0]:
            best = (score, enc, cand)
    if best is None or best[0] < 0.9:
        raise DocumentError(f"{path}: cannot decode as UTF-8, GB18030, Big5 or UTF-16 (binary file?)")
    return best[2], best[1], False


# The default limit on what one input may hold: far above any article, far below what would
# exhaust memory (checking takes a small multiple of the file's size).
MAX_FILE_SIZE = 50 * 1024 * 1024


def size_text(n: int) -> str:
    """``n`` bytes for a message: ``50 MB`` when a whole number of MB (1024²), else bytes.

    >>> size_text(50 * 1024 * 1024), size_text(1000)
    ('50 MB', '1000-byte')
    """
    for unit, size in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= size and n % size == 0:
            return f"{n // size} {unit}"
    return f"{n}-byte"


def _read_at_most(fh: BinaryIO, name: str, max_bytes: int | None) -> bytes:
    """All of ``fh``, or DocumentError if it holds more than ``max_bytes``: reads at most one
    byte more than the limit, whatever the file (a device never ends)."""
    if max_bytes is None:
        return fh.read()
    data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise DocumentError(f"{name}: larger than the {size_text(max_bytes)} limit (max-file-size)")
    return data


def read_document(path: str | os.PathLike[str], max_bytes: int | None = MAX_FILE_SIZE) -> Document:
    """Read and decode one file (``-`` is standard input). Raises DocumentError, never OSError.

    Only regular files are read (a FIFO would block forever, a device such as ``/dev/zero``
    never ends), and at most ``max_bytes`` bytes (None: no limit): a larger file is an error,
    not an out-of-memory death.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_bytes("南鸟岛\\r\\nMinami-Torishima".encode("gbk"))
    >>> d = read_document(p)
    >>> d.encoding, d.newline, d.position(5)
    ('gb18030', '\\r\\n', (2, 1))
    >>> read_document(p, max_bytes=10)
    Traceback (most recent call last):
    zhen_tools.text.document.DocumentError: ...a.txt: larger than the 10-byte limit (max-file-size)
    """
    name = os.fspath(path)
    try:
        if name == "-":
            data = _read_at_most(sys.stdin.buffer, name, max_bytes)
        else:
            mode = os.stat(name).st_mode  # before opening: opening a FIFO blocks
            if stat.S_ISDIR(mode):
                raise IsADirectoryError
            if not stat.S_ISREG(mode):
                raise DocumentError(f"{name}: not a regular file (a FIFO, device or socket)")
            with open(name, "rb") as fh:
                data = _read_at_most(fh, name, max_bytes)
    except FileNotFoundError:
        raise DocumentError(f"{name}: no such file or directory") from None
    except IsADirectoryError:
        raise DocumentError(f"{name}: is a directory") from None
    except PermissionError:
        raise DocumentError(f"{name}: permission denied") from None
    except OSError as exc:
        raise DocumentError(f"{name}: cannot read ({exc.strerror or exc})") from None
    text, encoding, bom = decode_bytes(data, name)
    return document_from_text(text, name, encoding=encoding, bom=bom)
