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
import dataclasses
import errno
import hashlib
import os
import re
import stat
import sys
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO

__all__ = [
    "MAX_FILE_SIZE",
    "Document",
    "DocumentError",
    "NotRegularFileError",
    "Segment",
    "SharedSegment",
    "decode_bytes",
    "document_from_text",
    "line_ranges",
    "line_windows",
    "read_document",
    "require_regular_file",
    "size_text",
]

# Legacy encodings of this tool's world besides UTF-8: Chinese (simplified, traditional) and the
# Japanese sources it also checks. An unrestricted guesser reads short GBK text as Korean
# (EUC-KR), so nothing else is ever considered; the order breaks ties.
_CJK_CANDIDATES = ("gb18030", "big5", "shift_jis")

# Each BOM with the codec that reads what follows it (the codec name records the byte order, so
# the file is written back exactly as it was read). UTF-32 LE before UTF-16 LE: its BOM starts so.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_OF = {enc: bom for bom, enc in _BOMS}


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
    # Offsets where each line starts, packed 8 bytes a line (a tuple of ints costs ~40); derived
    # from ``text``, so left out of equality and hashing.
    line_starts: Sequence[int] = field(default=(0,), repr=False, compare=False)
    # (size, mtime_ns, sha256 hex) of the file as read; None for text that never touched the
    # disk. ``--fix`` compares them with the file before replacing it.
    source_stamp: tuple[int, int, str] | None = field(default=None, repr=False, compare=False)

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
        """``text`` (default: this document's) in this document's encoding, byte order and BOM.

        >>> document_from_text("南", encoding="utf-16-be", bom=True).encode()
        b'\\xfe\\xffSW'
        """
        text = self.text if text is None else text
        data = text.encode(self.encoding)
        return _BOM_OF[self.encoding] + data if self.bom else data

    @property
    def bom_bytes(self) -> bytes:
        """The byte-order mark the file starts with (``b""`` for none)."""
        return _BOM_OF[self.encoding] if self.bom else b""


@dataclass(frozen=True, slots=True)
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


class SharedSegment(Segment):
    """A Segment that is a verbatim slice of a text it shares rather than copies: ``text`` is
    sliced from it anew at each read. For the many segments of a big document kept together
    (a digest's lines), whose copies would cost as much as the document's text again.

    >>> text = "Title\\nFirst para."
    >>> seg = SharedSegment(6, 17, text)
    >>> seg.text, seg.doc_offset(5), seg == Segment(6, 17, "First para."), seg
    ('First para.', 11, True, Segment(start=6, end=17, text='First para.'))
    """

    __slots__ = ("_shared",)
    _shared: str

    def __init__(self, start: int, end: int, shared: str) -> None:
        _set = object.__setattr__
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "offsets", None)
        _set(self, "_shared", shared)

    @property  # type: ignore[override]
    def text(self) -> str:
        return self._shared[self.start : self.end]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Segment):
            return (self.start, self.end, self.text) == (other.start, other.end, other.text)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.text))

    def __repr__(self) -> str:
        return f"Segment(start={self.start!r}, end={self.end!r}, text={self.text!r})"

    def __reduce__(self) -> tuple[type[Segment], tuple[int, int, str]]:
        return Segment, (self.start, self.end, self.text)


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _line_starts(text: str) -> array[int]:
    """Where each line of ``text`` starts: 0, then after every \\n, \\r\\n or lone \\r (one regex
    pass keeps this linear in the text size), as an array of 8-byte offsets.

    >>> list(_line_starts("a\\r\\nb\\rc\\n"))
    [0, 3, 5, 7]
    """
    starts = array("q", (0,))
    starts.extend(m.end() for m in _LINE_BREAK.finditer(text))
    return starts


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


def line_windows(text: str, size: int) -> Iterator[tuple[int, int]]:
    """(start, end) windows of ``text``, each at least ``size`` long but the last, cut after a run
    of ``\\n``: what a scan holding a copy of the text it reads (lowered, folded) takes a window
    at a time, so that it costs a window's copy rather than the whole text's. A text without
    ``\\n`` (or with lone ``\\r`` line ends) is one window.

    >>> list(line_windows("ab\\n\\ncd\\r\\nef", 1))
    [(0, 4), (4, 8), (8, 10)]
    >>> list(line_windows("ef\\rgh", 1)), list(line_windows("", 5))
    ([(0, 5)], [])
    """
    start, n = 0, len(text)
    while start < n:
        cut = text.find("\n", start + max(size, 1) - 1)
        if cut < 0:
            yield start, n
            return
        while cut < n and text[cut] == "\n":
            cut += 1
        yield start, cut
        start = cut


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


def _plausible(ch: str) -> bool:
    """Whether ``ch`` is a character real text in this tool's languages is made of: ASCII text,
    Latin letters, general and CJK punctuation, kana, hangul, CJK ideographs, full-width forms
    (half-width katakana excluded: it is what mis-decoded bytes look like)."""
    o = ord(ch)
    return (
        0x20 <= o < 0x7F
        or ch in "\t\r\n\f"
        or 0xA0 <= o <= 0x24F
        or 0x2000 <= o <= 0x206F
        or 0x3000 <= o <= 0x30FF
        or 0x4E00 <= o <= 0x9FFF
        or 0xAC00 <= o <= 0xD7A3
        or 0xFF01 <= o <= 0xFF60
    )


def _utf16_plausible(ch: str) -> bool:
    """``_plausible``, and an ideograph only if it is a common one (GB2312, Big5 level 1 or JIS
    level 1): binary data and byte-swapped text read as UTF-16 give mostly rare ideographs."""
    if "\u4e00" <= ch <= "\u9fff":
        return any(_common(ch, enc) for enc in _CJK_CANDIDATES)
    return _plausible(ch)


def _utf16_without_bom(data: bytes, need_nul: bool = True) -> tuple[str, str] | None:
    """(text, codec) of BOM-less UTF-16: the byte order that decodes strictly and reads more
    like text. First tried when the data has NUL bytes (no text in a legacy encoding has them,
    while UTF-16 text has one in every ASCII character and line break, and in U+4E00 一); without
    ``need_nul`` as the last resort, for UTF-16 of CJK characters only."""
    if len(data) < 2 or len(data) % 2 or (need_nul and b"\x00" not in data):
        return None
    best: tuple[tuple[float, float], str, str] | None = None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        sample = text[:8192]
        # Swapped ASCII letters read as CJK ideographs (T -> U+5400), so when both orders are
        # equally plausible the one with more ASCII is the real one.
        score = (
            sum(map(_utf16_plausible, sample)) / len(sample),
            sum(ch < "\x80" for ch in sample) / len(sample),
        )
        if score[0] >= 0.9 and not _looks_binary(text) and (best is None or score > best[0]):
            best = (score, enc, text)
    return None if best is None else (best[2], best[1])


def _common(ch: str, enc: str) -> bool:
    """Whether a non-ASCII character decoded with legacy ``enc`` is one that text of that
    encoding's language is mostly made of: for GB18030 a GB2312 character, for Big5 a level-1
    hanzi or a symbol, for Shift-JIS kana or a JIS level-1 kanji, plus CJK punctuation and
    full-width forms. Bytes of one encoding read as another decode mostly to rare characters.

    >>> _common("稀", "gb18030"), _common("師", "gb18030"), _common("の", "shift_jis")
    (True, False, True)
    """
    o = ord(ch)
    if 0x3000 <= o <= 0x303F or 0xFF01 <= o <= 0xFF60 or 0x2010 <= o <= 0x2027:
        return True
    try:
        if enc == "gb18030":
            # GB2312 has kana (rows 4-5), but Chinese text hardly uses them, while Big5 bytes of
            # common hanzi (日本: A4E9 A5BB) land there: they do not count as Chinese.
            return len(ch.encode("gb2312")) == 2 and not 0x3040 <= o <= 0x30FF
        if enc == "big5":
            code = int.from_bytes(ch.encode("big5"), "big")
            return 0xA140 <= code <= 0xC67E  # symbols and the 5,401 frequent hanzi
        code = int.from_bytes(ch.encode("shift_jis"), "big")
    except UnicodeEncodeError:
        return False
    # Hiragana, katakana (0x8340-0x8396) and the 2,965 JIS level-1 kanji (0x889F-0x9872).
    return 0x829F <= code <= 0x82F1 or 0x8340 <= code <= 0x8396 or 0x889F <= code <= 0x9872


def _legacy_score(text: str, enc: str) -> float:
    """Share of the non-ASCII characters (of a sample) that are common in ``enc``'s language."""
    rest = [ch for ch in text[:20000] if ch >= "\x80"]
    if not rest:
        return 1.0
    return sum(_common(ch, enc) for ch in rest) / len(rest)


def decode_bytes(data: bytes, path: str = "<bytes>") -> tuple[str, str, bool]:
    """Decode file bytes: (text, codec, had_bom). Raises DocumentError for binary data or bytes
    of no encoding it can tell. The codec names the exact byte order (``utf-16-le``...), so
    ``Document.encode`` writes the bytes back as they were.

    A BOM first; then strict UTF-8; then BOM-less UTF-16 with NULs (the byte order that reads as
    text); then GB18030, Big5 or Shift-JIS, whichever decodes strictly and reads most like text
    of its language (``_legacy_score``), a tie going to the earlier one; then UTF-16 without NULs;
    then Windows-1252, for a mostly ASCII (English) file with a few of its curly quotes.

    >>> decode_bytes("稀土".encode("gbk"))
    ('稀土', 'gb18030', False)
    >>> decode_bytes("\\ufeffhi".encode("utf-8"))
    ('hi', 'utf-8', True)
    >>> decode_bytes("東京の天気".encode("shift_jis"))
    ('東京の天気', 'shift_jis', False)
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(enc)
            except UnicodeDecodeError as exc:
                raise DocumentError(
                    f"{path}: not valid {enc} after its byte-order mark ({exc.reason})"
                ) from None
            return text, enc, True
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if not _looks_binary(text):
            return text, "utf-8", False
        alt = _utf16_without_bom(data)
        if alt is not None:
            return alt[0], alt[1], False
        raise DocumentError(f"{path}: binary file (not text), skipped")
    alt = _utf16_without_bom(data)
    if alt is not None:
        return alt[0], alt[1], False
    best: tuple[float, str, str] | None = None
    for enc in _CJK_CANDIDATES:
        try:
            cand = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _looks_binary(cand):
            continue
        score = _legacy_score(cand, enc)
        if best is None or score > best[0]:
            best = (score, enc, cand)
    if best is None or best[0] < 0.8:
        alt = _utf16_without_bom(data, need_nul=False)
        if alt is not None:
            return alt[0], alt[1], False
        latin = _windows_1252(data)
        if latin is not None:
            return latin, "cp1252", False
        raise DocumentError(
            f"{path}: cannot decode as UTF-8, UTF-16, GB18030, Big5, Shift-JIS or Windows-1252 (binary file?)"
        )
    return best[2], best[1], False


def _windows_1252(data: bytes) -> str | None:
    """An English file saved by an older Windows tool: mostly ASCII, its few other bytes curly
    quotes, dashes and accented letters of Windows-1252 (``\\x93Chikyu\\x94``), which no CJK
    encoding reads as text. None for anything else (a CJK file is mostly such bytes).

    >>> _windows_1252(b"The ship \\x93Chikyu\\x94 left \\x96 caf\\xe9 owners said.")
    'The ship “Chikyu” left – café owners said.'
    >>> _windows_1252("稀土".encode("gbk")) is None
    True
    """
    high = len(data) - len(data.translate(None, _HIGH))
    if high > len(data) // 10:
        return None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return None if _looks_binary(text) else text


_HIGH = bytes(range(0x80, 0x100))


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


class NotRegularFileError(OSError):
    """A FIFO, device or socket where a file is wanted: reading it would block forever (a FIFO) or
    never end (``/dev/zero``), and replacing it would replace the device. ``strerror`` says so."""

    def __init__(self, name: str) -> None:
        super().__init__(errno.EINVAL, "not a regular file (a FIFO, device or socket)", name)


def require_regular_file(name: str) -> None:
    """Raise unless ``name`` is a regular file or a link to one, before anything opens it (opening
    a FIFO blocks): ``FileNotFoundError``, ``IsADirectoryError`` or ``NotRegularFileError``. The
    one check for every file a run reads: documents, glossaries, configs, baselines.

    >>> require_regular_file("/dev/null")
    Traceback (most recent call last):
    zhen_tools.text.document.NotRegularFileError: [Errno 22] not a regular file (a FIFO, device or socket): '/dev/null'
    """
    mode = os.stat(name).st_mode
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a directory", name)
    if not stat.S_ISREG(mode):
        raise NotRegularFileError(name)


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
    stamp = None
    try:
        if name == "-":
            data = _read_at_most(sys.stdin.buffer, name, max_bytes)
        else:
            require_regular_file(name)
            with open(name, "rb") as fh:
                data = _read_at_most(fh, name, max_bytes)
                st = os.fstat(fh.fileno())
            stamp = (st.st_size, st.st_mtime_ns, hashlib.sha256(data).hexdigest())
    except FileNotFoundError:
        raise DocumentError(f"{name}: no such file or directory") from None
    except IsADirectoryError:
        raise DocumentError(f"{name}: is a directory") from None
    except PermissionError:
        raise DocumentError(f"{name}: permission denied") from None
    except NotRegularFileError as exc:
        raise DocumentError(f"{name}: {exc.strerror}") from None
    except OSError as exc:
        raise DocumentError(f"{name}: cannot read ({exc.strerror or exc})") from None
    text, encoding, bom = decode_bytes(data, name)
    doc = document_from_text(text, name, encoding=encoding, bom=bom)
    return dataclasses.replace(doc, source_stamp=stamp) if stamp else doc
