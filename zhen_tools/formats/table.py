"""TSV/CSV bilingual files: source and target columns found by header or by content."""

from __future__ import annotations

from collections.abc import Sequence

from zhen_tools.formats.units import BilingualError, Unit, segment_of
from zhen_tools.text.chars import mostly_chinese
from zhen_tools.text.document import Document

__all__ = ["SOURCE_COLUMNS", "TARGET_COLUMNS", "encode_table_edits", "read_table"]

# A cell: its decoded characters, their file offsets, the file offset where it ends (its
# delimiter or line break), where it starts, and whether it is quoted.
Cell = tuple[list[str], list[int], int, int, bool]

SOURCE_COLUMNS = frozenset(
    {"source", "src", "zh", "zh-cn", "zh_cn", "zh-hans", "zh-hant", "zh-tw", "chinese", "中文", "原文"}
)
TARGET_COLUMNS = frozenset(
    {"target", "tgt", "en", "en-us", "en_us", "en-gb", "english", "translation", "英文", "译文"}
)


def _table_rows(text: str, delim: str) -> list[list[Cell]]:
    """Rows of cells; each cell is (characters, their offsets, end offset). Handles RFC 4180
    quoting (a doubled quote inside quotes is one quote), line breaks inside quotes included;
    a quote that does not enclose its whole cell is text (``_quoted_cell``)."""
    rows: list[list[Cell]] = []
    row: list[Cell] = []
    start, was_quoted = 0, False
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
            quoted = was_quoted = True
            at_cell_start = False
            i += 1
            continue
        if c == delim or c in "\r\n":
            row.append((chars, offs, i, start, was_quoted))
            chars, offs, at_cell_start = [], [], True
            was_quoted = False
            if c != delim:
                rows.append(row)
                row = []
                i += 2 if text.startswith("\r\n", i) else 1
                start = i
                continue
            i += 1
            start = i
            continue
        chars.append(c)
        offs.append(i)
        at_cell_start = False
        i += 1
    if chars or row:
        row.append((chars, offs, n, start, was_quoted))
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


def read_table(doc: Document, fmt: str, columns: Sequence[str | int] | None) -> list[Unit] | None:
    """The units of a ``tsv``/``csv`` file, or None when no source/target columns are found."""
    text = doc.text
    delim = _delimiter(text, fmt)
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
        s = segment_of(*row[src_col][:2], text)
        t = segment_of(*row[tgt_col][:2], text)
        if s is not None and t is not None:
            units.append(Unit(s, t))
    return units


def _columns_by_content(rows: list[list[Cell]], sample: int = 200) -> tuple[int, int, bool] | None:
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
    body = rows[1 : sample + 1] if len(rows) > 1 else rows
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
            if mostly_chinese(text):
                han[k] += 1
            elif any(c.isascii() and c.isalpha() for c in text):
                eng[k] += 1
    # The source: nearly all Chinese (a name or number or two aside). The target: mostly
    # English, as untranslated rows (the very errors to find) may be Chinese.
    src = next((k for k in range(width) if filled[k] and han[k] >= 0.8 * filled[k]), None)
    tgt = next((k for k in range(width) if k != src and eng[k] >= 0.5 * filled[k] and eng[k] > han[k]), None)
    if src is None or tgt is None:
        return None
    first = ["".join(c[0]).strip() for c in rows[0]]
    data = (
        src < len(first)
        and tgt < len(first)
        and mostly_chinese(first[src])
        and not mostly_chinese(first[tgt])
        and any(c.isascii() and c.isalpha() for c in first[tgt])
    )
    return src, tgt, len(rows) > 1 and not data


def _delimiter(text: str, fmt: str) -> str:
    first = text.split("\n", 1)[0]
    return "\t" if fmt == "tsv" or ("\t" in first and "," not in first) else ","


def encode_table_edits(
    text: str, fmt: str, edits: Sequence[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """File edits for replacements of cell text (``(start, end, new)``, sorted, in file
    offsets): in a quoted cell a quote is doubled; an unquoted cell whose new text needs quoting
    (it holds the delimiter, a quote or a line break) is rewritten whole, quoted by RFC 4180.

    >>> encode_table_edits("zh,en\\n三井,Mitsui\\n", "csv", [(9, 15, "Mitsui & Co., Ltd.")])
    [(9, 15, '"Mitsui & Co., Ltd."')]
    >>> encode_table_edits('zh,en\\n三井,"Mitsui, x"\\n', "csv", [(10, 16, 'M "Co"')])
    [(10, 16, 'M ""Co""')]
    """
    delim = _delimiter(text, fmt)
    cells = [c for row in _table_rows(text, delim) for c in row]
    out: list[tuple[int, int, str]] = []
    k = 0
    i = 0
    while i < len(edits):
        start = edits[i][0]
        while k < len(cells) and cells[k][2] < start:
            k += 1
        if k == len(cells):
            out.extend(edits[i:])
            break
        _, _, cell_end, cell_start, quoted = cells[k]
        group = []
        while i < len(edits) and edits[i][0] >= cell_start and edits[i][1] <= cell_end:
            group.append(edits[i])
            i += 1
        if not group:  # an edit across cells: left as it is, the re-read check refuses it
            out.append(edits[i])
            i += 1
            continue
        if quoted:
            out.extend((s, e, r.replace('"', '""')) for s, e, r in group)
        elif any(ch in r for _, _, r in group for ch in (delim, '"', "\r", "\n")):
            parts, pos = [], cell_start
            for s, e, r in group:
                parts += [text[pos:s], r]
                pos = e
            parts.append(text[pos:cell_end])
            new = "".join(parts)
            out.append((cell_start, cell_end, '"' + new.replace('"', '""') + '"'))
        else:
            out.extend(group)
    return out
