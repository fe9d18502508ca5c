"""Read source/target units out of bilingual files -- TSV/CSV, PO, XLIFF 1.2/2.x, TMX -- with
each side's text mapped back to code-point offsets of the file itself, so findings point at the
file's own lines.

XML is parsed with the standard library's expat, which reports where each piece of text sits in
the file. It resolves no external entities and (expat >= 2.4.1, bundled with Python 3.11) refuses
"billion laughs" entity expansion, which is enough for local files a user asked us to check; so
``defusedxml`` is not needed.

>>> from zhen_tools.text.document import document_from_text
>>> doc = document_from_text("zh\\ten\\n南鸟岛\\tMinami-Torishima\\n", "terms.tsv")
>>> [(u.source.text, u.target.text, u.target.start) for u in read_units(doc)]
[('南鸟岛', 'Minami-Torishima', 10)]
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from zhen_tools.align.aligner import Segment
from zhen_tools.text.document import Document

__all__ = [
    "SOURCE_COLUMNS",
    "TARGET_COLUMNS",
    "BilingualError",
    "Unit",
    "bilingual_format",
    "in_regions",
    "read_units",
    "target_regions",
    "target_view",
]

SOURCE_COLUMNS = frozenset({"source", "src", "zh", "zh-cn", "zh_cn", "zh-hans", "zh-hant", "zh-tw",
                            "chinese", "中文", "原文"})
TARGET_COLUMNS = frozenset({"target", "tgt", "en", "en-us", "en_us", "en-gb", "english", "translation",
                            "英文", "译文"})

_FORMATS = {".tsv": "tsv", ".csv": "csv", ".po": "po", ".xlf": "xliff", ".xliff": "xliff",
            ".sdlxliff": "xliff", ".mqxliff": "xliff", ".tmx": "tmx"}


class BilingualError(Exception):
    """A bilingual file that cannot be read; ``str()`` is one line naming the file."""


@dataclass(frozen=True)
class Unit:
    """One translation unit: its source and target text as Segments of the file."""

    source: Segment
    target: Segment
    id: str = ""


def bilingual_format(path: str) -> str | None:
    """``tsv``, ``csv``, ``po``, ``xliff`` or ``tmx`` by file ending, else None.

    >>> bilingual_format("a/b.xlf"), bilingual_format("notes.txt")
    ('xliff', None)
    """
    return _FORMATS.get(os.path.splitext(path)[1].lower())


def read_units(doc: Document, columns: Sequence[str | int] | None = None) -> list[Unit] | None:
    """The translation units of a bilingual file, or None when ``doc`` is not one (unknown
    ending, or a TSV/CSV without source/target columns and no ``columns``). TSV/CSV columns are
    found by their header (zh/en, source/target ...) or, when the header names none, by content:
    the first nearly all-Chinese column is the source, the first other mostly English one the
    target (``_columns_by_content``).

    ``columns`` picks the TSV/CSV columns: (source, target), each a header name or a 1-based
    column number. Units with an empty target (not yet translated) are left out.
    Raises BilingualError for a malformed file.
    """
    fmt = bilingual_format(doc.path)
    if fmt in ("tsv", "csv"):
        return _table_units(doc, fmt, columns)
    if fmt == "po":
        return _po_units(doc)
    if fmt in ("xliff", "tmx"):
        return _xml_units(doc, fmt)
    return None


def _segment(chars: list[str], offsets: list[int], source: str) -> Segment | None:
    """A stripped Segment from decoded characters and their offsets in the file ``source``."""
    text = "".join(chars)
    lead = len(text) - len(text.lstrip())
    body = text.strip()
    if not body:
        return None
    offs = offsets[lead:lead + len(body)]
    last = offs[-1]
    # The file text of the last character: one code point, or an entity (&amp;), a PO escape
    # (\\n), a CSV doubled quote or a CRLF read as one line break.
    ch, end_ch = source[last], body[-1]
    if ch == "&" and (end_ch != "&" or source.startswith("&amp;", last)):
        stop = source.index(";", last) + 1
    elif (ch == "\\" and (end_ch != "\\" or source.startswith("\\\\", last))) or \
            (end_ch == '"' and source.startswith('""', last)) or source.startswith("\r\n", last):
        stop = last + 2
    else:
        stop = last + 1
    full = tuple(offs) + (stop,)
    contiguous = all(b - a == 1 for a, b in itertools.pairwise(full))
    return Segment(full[0], stop, body, None if contiguous else full)


# -- the target side of a bilingual file ------------------------------------------------------

# Characters kept when masking: every line break, so the masked text has the same lines.
_NOT_BREAK = re.compile(r"[^\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")


def target_regions(units: Sequence[Unit]) -> list[tuple[int, int]]:
    """The (start, end) file ranges of the units' target text, sorted and merged.

    >>> from zhen_tools.text.document import document_from_text
    >>> doc = document_from_text("zh\\ten\\n南鸟岛\\tMinami-Torishima\\n日本\\tJapan\\n", "t.tsv")
    >>> target_regions(read_units(doc))
    [(10, 26), (30, 35)]
    """
    spans = sorted((u.target.start, u.target.end) for u in units)
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def in_regions(start: int, end: int, regions: Sequence[tuple[int, int]]) -> bool:
    """Whether ``start:end`` lies inside one of the sorted, disjoint ``regions``.

    >>> in_regions(12, 15, [(10, 26), (30, 35)]), in_regions(25, 31, [(10, 26), (30, 35)])
    (True, False)
    """
    i = bisect.bisect_right(regions, (start, float("inf"))) - 1
    return i >= 0 and regions[i][0] <= start and end <= regions[i][1]


def target_view(doc: Document, units: Sequence[Unit]) -> Document:
    """``doc`` with everything but the units' target text blanked to spaces (line breaks kept):
    what the English-judging document rules read in a bilingual file. Offsets, lines and columns
    are the file's own, so findings on the view point into the real file.

    >>> from zhen_tools.text.document import document_from_text
    >>> doc = document_from_text("zh\\ten\\n日本\\tJapan\\n", "t.tsv")
    >>> target_view(doc, read_units(doc)).text
    '     \\n   Japan\\n'
    """
    text = doc.text
    parts: list[str] = []
    pos = 0
    for start, end in target_regions(units):
        parts.append(_NOT_BREAK.sub(lambda m: " " * len(m.group()), text[pos:start]))
        parts.append(text[start:end])
        pos = end
    parts.append(_NOT_BREAK.sub(lambda m: " " * len(m.group()), text[pos:]))
    return dataclasses.replace(doc, text="".join(parts))


# -- TSV / CSV ------------------------------------------------------------------------------


def _table_rows(text: str, delim: str) -> list[list[tuple[list[str], list[int], int]]]:
    """Rows of cells; each cell is (characters, their offsets, end offset). Handles RFC 4180
    quoting (a doubled quote inside quotes is one quote), line breaks inside quotes included;
    a quote that does not enclose its whole cell is text (``_quoted_cell``)."""
    rows: list[list[tuple[list[str], list[int], int]]] = []
    row: list[tuple[list[str], list[int], int]] = []
    chars: list[str] = []
    offs: list[int] = []
    i, n = 0, len(text)
    quoted = False
    at_cell_start = True
    while i < n:
        c = text[i]
        if quoted:
            if c == '"':
                if i + 1 < n and text[i + 1] == '"':
                    chars.append('"')
                    offs.append(i)
                    i += 2
                    continue
                quoted = False
                i += 1
                continue
            chars.append(c)
            offs.append(i)
            i += 1
            continue
        if c == '"' and at_cell_start and _quoted_cell(text, i, delim):
            quoted = True
            at_cell_start = False
            i += 1
            continue
        if c == delim or c in "\r\n":
            row.append((chars, offs, i))
            chars, offs, at_cell_start = [], [], True
            if c != delim:
                rows.append(row)
                row = []
                i += 2 if text.startswith("\r\n", i) else 1
                continue
            i += 1
            continue
        chars.append(c)
        offs.append(i)
        at_cell_start = False
        i += 1
    if chars or row:
        row.append((chars, offs, n))
        rows.append(row)
    return rows


def _quoted_cell(text: str, i: int, delim: str) -> bool:
    """Whether the quote at ``text[i]``, the start of a cell, encloses the whole cell (RFC 4180:
    its closing quote is followed by the delimiter, a line break or the end). Otherwise it is
    part of the text: ``"Nutrients" for the Party`` in a TSV of news headlines.

    >>> _quoted_cell('"a, ""b"" c",d', 0, ","), _quoted_cell('"Nutrients" for x', 0, "\\t")
    (True, False)
    """
    j = i + 1
    while True:
        j = text.find('"', j)
        if j < 0:
            return False
        if text.startswith('""', j):
            j += 2
            continue
        return j + 1 == len(text) or text[j + 1] in (delim, "\r", "\n")


def _table_units(doc: Document, fmt: str, columns: Sequence[str | int] | None) -> list[Unit] | None:
    text = doc.text
    first = text.split("\n", 1)[0]
    delim = "\t" if fmt == "tsv" or ("\t" in first and "," not in first) else ","
    rows = [r for r in _table_rows(text, delim) if any("".join(c[0]).strip() for c in r)]
    if not rows:
        return [] if columns else None
    header = ["".join(c[0]).strip().lower() for c in rows[0]]
    src_col = tgt_col = None
    has_header = False
    if columns:
        if len(columns) != 2:
            raise BilingualError(f"{doc.path}: columns must name two columns (source, target)")
        picked = []
        for col in columns:
            if isinstance(col, int) or (isinstance(col, str) and col.isdigit()):
                picked.append(int(col) - 1)
            elif col.lower() in header:
                picked.append(header.index(col.lower()))
                has_header = True
            else:
                raise BilingualError(f"{doc.path}: no column named {col!r} in the header row")
        src_col, tgt_col = picked
        has_header = has_header or bool(SOURCE_COLUMNS & set(header) and TARGET_COLUMNS & set(header))
    else:
        src_col = next((k for k, h in enumerate(header) if h in SOURCE_COLUMNS), None)
        tgt_col = next((k for k, h in enumerate(header) if h in TARGET_COLUMNS), None)
        has_header = True
        if src_col is None or tgt_col is None:
            guessed = _columns_by_content(rows)
            if guessed is None:
                return None
            src_col, tgt_col, has_header = guessed
    units = []
    for row in rows[1:] if has_header else rows:
        if max(src_col, tgt_col) >= len(row):
            continue
        s = _segment(*row[src_col][:2], text)
        t = _segment(*row[tgt_col][:2], text)
        if s is not None and t is not None:
            units.append(Unit(s, t))
    return units


def _columns_by_content(rows: list[list[tuple[list[str], list[int], int]]],
                        sample: int = 200) -> tuple[int, int, bool] | None:
    """(source column, target column, first row is a header) of a table whose header names no
    columns, judged by content: the source is the first column whose cells are nearly all
    Chinese lines, the target the first other column whose cells are mostly English. The
    first row is a header unless its cells in those columns read as Chinese and English.
    None when no such columns.

    >>> rows = _table_rows("id\\tsentence\\tgloss\\n1\\t南鸟岛\\tMinami-Torishima\\n2\\t地球号\\tChikyu\\n", "\\t")
    >>> _columns_by_content(rows)
    (1, 2, True)
    >>> _columns_by_content(_table_rows("a\\tb\\nfoo\\tbar\\n", "\\t")) is None
    True
    """
    from zhen_tools.run.pairing import is_source_line

    body = rows[1:sample + 1] if len(rows) > 1 else rows
    width = max(len(r) for r in body)
    han: list[int] = [0] * width
    eng: list[int] = [0] * width
    filled: list[int] = [0] * width
    for row in body:
        for k, cell in enumerate(row):
            text = "".join(cell[0]).strip()
            if not text:
                continue
            filled[k] += 1
            if is_source_line(text):
                han[k] += 1
            elif any(c.isascii() and c.isalpha() for c in text):
                eng[k] += 1
    # The source: nearly all Chinese (a name or number or two aside). The target: mostly
    # English, as untranslated rows (the very errors to find) may be Chinese.
    src = next((k for k in range(width) if filled[k] and han[k] >= 0.8 * filled[k]), None)
    tgt = next((k for k in range(width) if k != src and eng[k] >= 0.5 * filled[k] and eng[k] > han[k]),
               None)
    if src is None or tgt is None:
        return None
    first = ["".join(c[0]).strip() for c in rows[0]]
    data = (src < len(first) and tgt < len(first) and is_source_line(first[src])
            and not is_source_line(first[tgt]) and any(c.isascii() and c.isalpha() for c in first[tgt]))
    return src, tgt, len(rows) > 1 and not data


# -- PO -------------------------------------------------------------------------------------

_PO_KEY = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+"')
_PO_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r", "a": "\a", "b": "\b",
               "f": "\f", "v": "\v"}


def _po_string(text: str, i: int, chars: list[str], offs: list[int]) -> int:
    """Decode the quoted string starting at ``text[i] == '"'``; return the index after it."""
    i += 1
    n = len(text)
    while i < n and text[i] != '"':
        if text[i] == "\\" and i + 1 < n:
            chars.append(_PO_ESCAPES.get(text[i + 1], text[i + 1]))
            offs.append(i)
            i += 2
            continue
        chars.append(text[i])
        offs.append(i)
        i += 1
    return i + 1


def _po_units(doc: Document) -> list[Unit]:
    import polib  # type: ignore[import-untyped,unused-ignore]

    try:
        polib.pofile(doc.text)  # validation only: polib keeps no offsets
    except (OSError, ValueError) as exc:
        lineno = re.search(r"line (\d+)", str(exc))
        where = f"{doc.path}:{lineno.group(1)}" if lineno else doc.path
        raise BilingualError(f"{where}: PO syntax error") from None
    text = doc.text
    units: list[Unit] = []
    fields: dict[str, tuple[list[str], list[int], int]] = {}
    current: str | None = None

    def flush() -> None:
        src, tgt = fields.get("msgid"), fields.get("msgstr") or fields.get("msgstr[0]")
        if src and tgt and "".join(src[0]).strip():
            s, t = _segment(*src[:2], text), _segment(*tgt[:2], text)
            if s is not None and t is not None:
                units.append(Unit(s, t, "".join(fields["msgctxt"][0]) if "msgctxt" in fields else ""))
        plural, tgt1 = fields.get("msgid_plural"), fields.get("msgstr[1]")
        if plural and tgt1:
            s, t = _segment(*plural[:2], text), _segment(*tgt1[:2], text)
            if s is not None and t is not None:
                units.append(Unit(s, t))
        fields.clear()

    pos = 0
    for line in text.splitlines(keepends=True):
        start = pos
        pos += len(line)
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            current = None
            if any(k.startswith("msgstr") for k in fields):
                flush()
            continue
        m = _PO_KEY.match(stripped)
        lead = len(line) - len(line.lstrip())
        if m:
            key = m.group(1)
            if key in ("msgctxt", "msgid") and any(k.startswith("msgstr") for k in fields):
                flush()
            chars: list[str] = []
            offs: list[int] = []
            end = _po_string(text, start + lead + m.end() - 1, chars, offs)
            fields[key] = (chars, offs, end - 1)
            current = key
        elif stripped.startswith('"') and current is not None:
            chars, offs, _ = fields[current]
            end = _po_string(text, start + lead, chars, offs)
            fields[current] = (chars, offs, end - 1)
    flush()
    return units


# -- XLIFF / TMX ----------------------------------------------------------------------------

# Inline elements whose content is native markup, not translatable text.
_CODE_ELEMENTS = frozenset({"bpt", "ept", "ph", "it", "sub"})


class _XmlText:
    """Collect the text (and each character's file offset) of an element being read."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.offs: list[int] = []
        self.end = 0


def _xml_units(doc: Document, fmt: str) -> list[Unit]:
    from xml.parsers import expat

    text = doc.text
    raw = text.encode("utf-8")
    # Byte offset of each character, to turn expat's byte positions into code points.
    byte_starts = list(itertools.accumulate((len(c.encode("utf-8")) for c in text), initial=0))

    def char_at(b: int) -> int:
        return bisect.bisect_left(byte_starts, b)

    parser = expat.ParserCreate("UTF-8")  # overrides the declared encoding: we feed UTF-8
    stack: list[str] = []
    units: list[Unit] = []
    state: dict[str, Any] = {"src": None, "tgt": None, "id": "", "tuvs": [], "srclang": ""}
    reading: list[_XmlText] = []
    code_depth = [0]

    def start(name: str, attrs: dict[str, str]) -> None:
        local = name.rsplit(":", 1)[-1]
        stack.append(local)
        if reading and local in _CODE_ELEMENTS:
            code_depth[0] += 1
        if local in ("trans-unit", "unit", "tu"):
            state.update(src=None, tgt=None, id=attrs.get("id", attrs.get("tuid", "")), tuvs=[])
        elif local == "header" and fmt == "tmx":
            state["srclang"] = attrs.get("srclang", "").lower()
        elif local == "tuv":
            lang = attrs.get("xml:lang", attrs.get("lang", "")).lower()
            state["tuvs"].append([lang, None])
        elif local == "segment" and fmt == "xliff":
            state.update(src=None, tgt=None)
        if _is_text_element(stack, fmt):
            reading.append(_XmlText())

    def end(name: str) -> None:
        local = stack.pop()
        if reading and local in _CODE_ELEMENTS and code_depth[0]:
            code_depth[0] -= 1
        if _is_text_element(stack + [local], fmt):
            collected = reading.pop()
            seg = _segment(collected.chars, collected.offs, text)
            if fmt == "tmx":
                state["tuvs"][-1][1] = seg
            else:
                state["src" if local == "source" else "tgt"] = seg
        if fmt == "xliff" and (local == "segment" or (local == "trans-unit")):
            _emit_pair(state, units)
        elif fmt == "tmx" and local == "tu":
            _emit_tmx(state, units)

    def data(s: str) -> None:
        if not reading or code_depth[0]:
            return
        pos = char_at(parser.CurrentByteIndex)
        target = reading[-1]
        exact = text.startswith(s, pos)
        for k, ch in enumerate(s):
            target.chars.append(ch)
            # An entity (&amp;) or a normalised line break is one character spread over several
            # in the file: all of it points at where the entity starts.
            target.offs.append(pos + k if exact else pos)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    try:
        parser.Parse(raw, True)
    except expat.ExpatError as exc:
        raise BilingualError(f"{doc.path}:{exc.lineno}: not well-formed XML "
                             f"({expat.ErrorString(exc.code)})") from None
    return units


def _is_text_element(stack: list[str], fmt: str) -> bool:
    if not stack:
        return False
    if fmt == "tmx":
        return stack[-1] == "seg" and len(stack) >= 2 and stack[-2] == "tuv"
    return stack[-1] in ("source", "target") and len(stack) >= 2 and stack[-2] in ("trans-unit", "segment")


def _emit_pair(state: dict[str, Any], units: list[Unit]) -> None:
    src, tgt = state.get("src"), state.get("tgt")
    if isinstance(src, Segment) and isinstance(tgt, Segment):
        units.append(Unit(src, tgt, str(state.get("id", ""))))
    state.update(src=None, tgt=None)


def _emit_tmx(state: dict[str, Any], units: list[Unit]) -> None:
    tuvs = [(lang, seg) for lang, seg in state.get("tuvs", []) if isinstance(seg, Segment)]
    srclang = str(state.get("srclang", ""))
    src = next((s for lang, s in tuvs if srclang and srclang != "*all*" and lang == srclang), None)
    if src is None:
        src = next((s for lang, s in tuvs if lang.startswith(("zh", "ja"))), None)
    tgt = next((s for lang, s in tuvs if s is not src and lang.startswith("en")), None)
    if tgt is None:
        tgt = next((s for lang, s in tuvs if s is not src), None)
    if src is not None and tgt is not None:
        units.append(Unit(src, tgt, str(state.get("id", ""))))
