"""Text report for people: ``path:line:col:`` headers, the source line, a marker under the span.

Columns in headers are code points (what the JSON says); the marker line is laid out in terminal
cells, so it stays under the flagged text when the line holds CJK (two cells per character),
combining marks (none) or tabs (expanded to spaces the same way in both lines).

>>> from zhen_tools.text.document import document_from_text
>>> from zhen_tools.findings import make_finding
>>> from zhen_tools.report import Report
>>> doc = document_from_text("It ranks third,仅次于 China.\\n", "a.txt")
>>> f = make_finding(doc, 15, 18, "untranslated", "error", "Chinese text inside an English sentence")
>>> print(render(Report((f,), 1, {"a.txt": doc})), end="")
a.txt:1:16: error[untranslated] Chinese text inside an English sentence
 1 | It ranks third,仅次于 China.
   |                ^~~~~~
<BLANKLINE>
1 finding (1 error, 0 warnings, 0 info) in 1 file
"""

from __future__ import annotations

import bisect
import json
import unicodedata
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from zhen_tools.findings import Finding, Severity

if TYPE_CHECKING:
    from zhen_tools.report import Report

__all__ = ["TAB", "WINDOW", "cells", "excerpt", "render", "summary_line"]

WINDOW = 100  # cells of a long line shown around the span
TAB = "    "  # a tab is shown as this many spaces, in the source and the marker line alike
ELLIPSIS = "…"

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_DIM = "\x1b[2m"
_SEVERITY_COLOR = {Severity.ERROR: "\x1b[1;31m", Severity.WARNING: "\x1b[1;33m", Severity.INFO: "\x1b[1;36m"}


# Bidirectional embeddings, overrides, isolates and marks: what reorders the text around it.
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def cells(ch: str) -> tuple[str, int]:
    """How one character is shown in a terminal: (display text, width in cells).

    Control characters are shown as their visible pictures so a file cannot move the cursor or
    colour the terminal; wide and full-width characters take two cells; marks and format
    characters take none.

    >>> cells("a"), cells("仅"), cells("Ａ"), cells("\\u0301"), cells("\\t"), cells("\\x1b")
    (('a', 1), ('仅', 2), ('Ａ', 2), ('́', 0), ('    ', 4), ('␛', 1))

    Bidirectional controls are shown as their code points: printed raw, a right-to-left override
    would make the line read in another order than the text has ("Trojan Source").

    >>> cells("\\u202e")
    ('<U+202E>', 8)
    """
    o = ord(ch)
    if ch == "\t":
        return TAB, len(TAB)
    if ch in _BIDI:
        shown = f"<U+{o:04X}>"
        return shown, len(shown)
    if o < 0x20:
        return chr(0x2400 + o), 1
    if o == 0x7F:
        return "\u2421", 1
    cat = unicodedata.category(ch)
    if cat in ("Cc", "Cs", "Zl", "Zp"):  # C1 controls, lone surrogates, line/paragraph separators
        return "\ufffd", 1
    if o == 0xAD:  # soft hyphen: terminals draw it
        return ch, 1
    if cat in ("Mn", "Me", "Cf") or 0x1160 <= o <= 0x11FF:  # marks, ZWJ & co., Hangul vowels/finals
        return ch, 0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return ch, 2
    return ch, 1


def _printable(s: str) -> str:
    """``s`` with control characters replaced by their pictures and bidirectional controls by
    their code points (for one-line headers: paths, messages, suggestions).

    >>> _printable("a\\nb\\x1b[2J\\u202ec\\x85")
    'a␊b␛[2J<U+202E>c\\ufffd'
    """
    if s.isascii() and s.isprintable():
        return s
    return "".join(cells(ch)[0] if _unsafe(ch) else ch for ch in s)


def _unsafe(ch: str) -> bool:
    """A control character (but tab), a line or paragraph separator or a bidirectional control."""
    if ch == "\t":
        return False
    return (
        ch < " "
        or "\x7f" <= ch <= "\x9f"
        or ch in "\u2028\u2029"
        or ch in _BIDI
        or "\ud800" <= ch <= "\udfff"
    )


def excerpt(line: str, start: int, end: int, width: int = WINDOW) -> tuple[str, str]:
    """The line as shown and the marker line under ``line[start:end]`` (code-point indices).

    The marker is ``^`` under the first cell and ``~`` under the rest; an empty span gets a
    single ``^``. A line wider than ``width`` cells is cut to about ``width`` cells around the
    span, with ``…`` where text was left out.

    >>> excerpt("ab\\t仅次于 c", 3, 6)
    ('ab    仅次于 c', '      ^~~~~~')
    >>> src, mark = excerpt("x" * 50 + "仅次于" + "y" * 50, 50, 53, width=20)
    >>> print(src); print(mark)
    …xxxxxxx仅次于yyyyyyy…
            ^~~~~~
    """
    return _excerpt(line, 0, len(line), start, end, width)


def _excerpt(
    text: str, line_start: int, line_end: int, start: int, end: int, width: int = WINDOW
) -> tuple[str, str]:
    """``excerpt`` of the line ``text[line_start:line_end]``, without copying the whole line:
    a report of thousands of findings on one megabyte-long line stays fast."""
    # Only characters near the span can be shown; measuring just those keeps a report on a
    # megabyte-long line fast (no character is wider than 4 cells, so this is enough context).
    margin = 4 * width
    full_len = line_end - line_start
    start = max(0, min(start, full_len))
    cut_left = max(0, start - margin)
    cut_right = min(full_len, max(start, min(end, start + margin)) + margin)
    # Narrower still: more than ``width`` cells on each side of the span is more than the layout
    # below can use (with that much text around, none of its clamps to the ends of the cut
    # applies), so measuring stops there; marks after the last character stay with it.
    i, cells_left = start, 0
    while i > cut_left and cells_left <= width:
        i -= 1
        cells_left += _cells(text[line_start + i])[1]
    j, cells_right = max(start, min(end, cut_right)), 0
    while j < cut_right and (cells_right <= width or _cells(text[line_start + j])[1] == 0):
        cells_right += _cells(text[line_start + j])[1]
        j += 1
    cut_left, cut_right = i, j
    line = text[line_start + cut_left : line_start + cut_right]
    start, end = start - cut_left, end - cut_left
    if line.isascii() and line.isprintable():  # the common case: one cell per character
        glyphs: list[str] | str = line
        pos = list(range(len(line) + 1))
    else:
        shown = [_cells(ch) for ch in line]
        glyphs = [g for g, _ in shown]
        pos = [0]
        for _, w in shown:
            pos.append(pos[-1] + w)
    total = pos[-1]
    start = max(0, min(start, len(line)))
    end = max(start, min(end, len(line)))
    cs, ce = pos[start], pos[end]

    lo, hi = 0, len(line)
    if total > width:
        span_w = max(1, ce - cs)
        if span_w >= width:
            left = cs
        else:
            left = max(0, cs - (width - span_w) // 2)
        right = min(total, left + width)
        left = max(0, min(left, right - width))
        lo = bisect.bisect_left(pos, left, 0, start + 1)  # first character starting inside
        while lo < start and pos[lo + 1] == pos[lo]:  # marks whose base is cut off are dropped
            lo += 1
        hi = max(start, bisect.bisect_right(pos, right) - 1)  # last character ending inside
        while hi < len(line) and pos[hi + 1] == pos[hi]:
            hi += 1
    lead = ELLIPSIS if lo > 0 or cut_left > 0 else ""
    trail = ELLIPSIS if hi < len(line) or cut_right < full_len else ""
    src = lead + "".join(glyphs[lo:hi]) + trail
    mark_w = max(1, min(ce, pos[hi]) - cs)
    mark = " " * (len(lead) + cs - pos[lo]) + "^" + "~" * (mark_w - 1)
    return src, mark


_CELLS: dict[str, tuple[str, int]] = {}


def _cells(ch: str) -> tuple[str, int]:
    """``cells``, memoised: a report measures the same few characters over and over."""
    shown = _CELLS.get(ch)
    if shown is None:
        shown = _CELLS[ch] = cells(ch)
    return shown


def _suggestion(s: str | None) -> str:
    if s is None:
        return ""
    if s == "":
        return " (suggestion: remove it)"
    return f" (suggestion: {_printable(json.dumps(s, ensure_ascii=False))})"


def _paint(text: str, code: str, color: bool) -> str:
    return f"{code}{text}{_RESET}" if color and text else text


def _block(f: Finding, report: Report, color: bool) -> list[str]:
    sev = _paint(f"{f.severity.value}[{f.rule}]", _SEVERITY_COLOR[f.severity], color)
    loc = _paint(f"{_printable(f.path)}:{f.line}:{f.column}:", _BOLD, color)
    lines = [f"{loc} {sev} {_printable(f.message)}{_suggestion(f.suggestion)}"]
    doc = report.documents.get(f.path)
    if doc is None or not 1 <= f.line <= len(doc.line_starts):
        return lines
    starts, text = doc.line_starts, doc.text
    line_start = starts[f.line - 1]
    line_end = starts[f.line] if f.line < len(starts) else len(text)
    while line_end > line_start and text[line_end - 1] in "\r\n":  # as Document.line_text
        line_end -= 1
    src, mark = _excerpt(text, line_start, line_end, f.start - line_start, f.end - line_start)
    num = str(f.line)
    lines.append(_paint(f" {num} |", _DIM, color) + " " + src)
    lines.append(
        _paint(f" {' ' * len(num)} |", _DIM, color) + " " + _paint(mark, _SEVERITY_COLOR[f.severity], color)
    )
    return lines


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def summary_line(
    findings: tuple[Finding, ...] | list[Finding], files: int, failed: int = 0, unread: int = 0
) -> str:
    """``N findings (E errors, W warnings, I info) in F files`` or ``No findings in F files.``,
    and how many inputs could not be read and rule runs failed, if any (nothing was judged
    there, so "no findings" alone would read as a clean bill).

    >>> summary_line([], 1)
    'No findings in 1 file.'
    >>> summary_line([], 2, failed=3)
    'No findings in 2 files; 3 rule runs failed (see the errors above).'
    >>> summary_line([], 0, unread=1)
    'No findings in 0 files; 1 file could not be read (see the errors above).'
    """
    problems = []
    if unread:
        problems.append(f"{_plural(unread, 'file')} could not be read")
    if failed:
        problems.append(f"{_plural(failed, 'rule run')} failed")
    failures = f"; {' and '.join(problems)} (see the errors above)" if problems else ""
    if not findings:
        return f"No findings in {_plural(files, 'file')}{failures}."
    by = Counter(f.severity for f in findings)
    return (
        f"{_plural(len(findings), 'finding')} ({_plural(by[Severity.ERROR], 'error')}, "
        f"{_plural(by[Severity.WARNING], 'warning')}, {by[Severity.INFO]} info) "
        f"in {_plural(files, 'file')}{failures}"
    )


def chunks(report: Report, color: bool = False) -> Iterator[str]:
    """The report a finding at a time: each finding's header, source line and marker line and a
    blank line, then the summary line (``write`` puts them in a file one by one, so a report of
    many findings is never one string in memory)."""
    for f in report.findings:
        yield "\n".join(_block(f, report, color)) + "\n\n"
    yield (
        _paint(summary_line(report.findings, report.files, report.failed, report.unread), _BOLD, color) + "\n"
    )


def render(report: Report, color: bool = False) -> str:
    """Every finding as a header, source line and marker line, then a summary line."""
    return "".join(chunks(report, color))
