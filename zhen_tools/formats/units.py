"""Translation units of bilingual files and the target side of such a file: each side's text is a
Segment mapped back to code-point offsets of the file itself, so findings point at the file's own
lines. ``zhen_tools.formats.read_units`` reads the units of any supported format.

>>> from zhen_tools.formats import read_units
>>> from zhen_tools.text.document import document_from_text
>>> doc = document_from_text("zh\\ten\\n南鸟岛\\tMinami-Torishima\\n", "terms.tsv")
>>> [(u.source.text, u.target.text, u.target.start) for u in read_units(doc)]
[('南鸟岛', 'Minami-Torishima', 10)]
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import operator
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass

from zhen_tools.text.document import Document, Segment

__all__ = [
    "BilingualError",
    "Unit",
    "bilingual_format",
    "blank",
    "file_span",
    "in_regions",
    "segment_of",
    "segment_runs",
    "target_regions",
    "target_view",
]

_FORMATS = {
    ".tsv": "tsv",
    ".csv": "csv",
    ".po": "po",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".sdlxliff": "xliff",
    ".mqxliff": "xliff",
    ".tmx": "tmx",
}


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


def segment_of(chars: list[str], offsets: list[int], source: str) -> Segment | None:
    """A stripped Segment from decoded characters and their offsets in the file ``source``."""
    text = "".join(chars)
    lead = len(text) - len(text.lstrip())
    body = text.strip()
    if not body:
        return None
    offs = offsets[lead : lead + len(body)]
    stop = _file_end(source, offs[-1], body[-1])
    full = (*tuple(offs), stop)
    contiguous = all(b - a == 1 for a, b in itertools.pairwise(full))
    return Segment(full[0], stop, body, None if contiguous else full)


def file_span(seg: Segment, source: str, i: int, j: int) -> tuple[int, int]:
    """The (start, end) in the file ``source`` of characters ``i:j`` of ``seg``'s text: from
    the first one's file text to the end of the last one's, leaving out what follows it (the
    quotes and line break where a PO string wraps, an inline tag) before the next character.

    >>> from zhen_tools.formats import read_units
    >>> from zhen_tools.text.document import document_from_text
    >>> po = 'msgid "a"\\nmsgstr ""\\n"South "\\n"Bird &amp; \\\\"Co\\\\""\\n'
    >>> [unit] = read_units(document_from_text(po, "a.po"))
    >>> spans = file_span(unit.target, po, 0, 5), file_span(unit.target, po, 6, 20)
    >>> print(unit.target.text, *(po[a:b] for a, b in spans), sep="|")
    South Bird &amp; "Co"|South|Bird &amp; \\"Co
    """
    if seg.offsets is None or j == len(seg.text) or j <= i:
        return seg.doc_offset(i), seg.doc_offset(max(i, j))
    return seg.offsets[i], _file_end(source, seg.offsets[j - 1], seg.text[j - 1])


def _file_end(source: str, pos: int, ch: str) -> int:
    """Where the file text of the decoded character ``ch`` read at ``pos`` of ``source`` ends:
    after one code point, or an entity (&amp;), a PO escape (\\n), a CSV doubled quote or a CRLF
    read as one line break."""
    at = source[pos]
    if at == "&" and (ch != "&" or source.startswith("&amp;", pos)):
        return source.index(";", pos) + 1
    if (
        (at == "\\" and (ch != "\\" or source.startswith("\\\\", pos)))
        or (ch == '"' and source.startswith('""', pos))
        or source.startswith("\r\n", pos)
    ):
        return pos + 2
    return pos + 1


# -- the target side of a bilingual file ------------------------------------------------------

# Characters kept when masking: every line break, so the masked text has the same lines.
_NOT_BREAK = re.compile(r"[^\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")


def target_regions(units: Sequence[Unit]) -> list[tuple[int, int]]:
    """The (start, end) file ranges of the units' target text, sorted and merged.

    >>> from zhen_tools.text.document import document_from_text
    >>> doc = document_from_text("zh\\ten\\n南鸟岛\\tMinami-Torishima\\n日本\\tJapan\\n", "t.tsv")
    >>> from zhen_tools.formats import read_units
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

    Inside a target, what lies between its characters is blanked too: a PO string's closing and
    opening quotes, and XLIFF inline markup (tags, with their attributes and the native code of
    ``<bpt>``, ``<ph>``...), which keeps only its outer ``<`` and ``>`` so that it still
    separates what it separated (``here</a>.`` has no space before its full stop). An entity or
    escape that is one of the target's characters stays as written. Line breaks stay: joining
    the lines of a wrapped msgstr would leave several spaces where its text has one, which the
    name rules would take for another spelling (a rule that judges paragraphs reads each
    target as one: ``DocContext.paragraphs``).

    >>> from zhen_tools.text.document import document_from_text
    >>> doc = document_from_text("zh\\ten\\n日本\\tJapan\\n", "t.tsv")
    >>> from zhen_tools.formats import read_units
    >>> target_view(doc, read_units(doc)).text
    '     \\n   Japan\\n'
    >>> xlf = '<trans-unit><source>东</source><target>A <ph>&lt;b class="x x"&gt;</ph>B&amp;C</target></trans-unit>'
    >>> view = target_view(doc := document_from_text(xlf, "t.xlf"), read_units(doc)).text
    >>> view.strip() == "A <" + " " * len('ph>&lt;b class="x x"&gt;</ph') + ">B&amp;C"
    True
    """
    text = doc.text
    regions = target_regions(units)
    parts: list[str] = []
    pos = 0
    for start, end in _target_text(text, units):
        gap = text[pos:start]
        if pos and len(gap) > 1 and gap[0] == "<" and gap[-1] == ">" and in_regions(pos, start, regions):
            parts.append("<" + blank(gap[1:-1]) + ">")  # markup inside a target
        else:
            parts.append(blank(gap))
        parts.append(text[start:end])
        pos = end
    parts.append(blank(text[pos:]))
    return dataclasses.replace(doc, text="".join(parts))


def blank(text: str) -> str:
    """``text`` as spaces, its line breaks kept."""
    return _NOT_BREAK.sub(lambda m: " " * len(m.group()), text)


def segment_runs(text: str, seg: Segment) -> list[tuple[int, int]]:
    """The (start, end) ranges of the file ``text`` written by ``seg``'s characters, in order:
    its whole range, less what lies between its characters (a PO string's quotes where it
    wraps, XLIFF inline markup). An entity or escape is a character's own text.

    >>> from zhen_tools.formats import read_units
    >>> from zhen_tools.text.document import document_from_text
    >>> po = 'msgid "a"\\nmsgstr ""\\n"South "\\n"Bird &amp; Co"\\n'
    >>> [po[a:b] for a, b in segment_runs(po, read_units(document_from_text(po, "a.po"))[0].target)]
    ['South ', 'Bird &amp; Co']
    """
    offs = seg.offsets
    if offs is None:
        return [(seg.start, seg.end)]
    # Most characters are one code point of the file, right after the one before: only where
    # that is not so, see whether the character's own file text (an entity, an escape, a CRLF)
    # reaches the next one or leaves a gap (markup).
    runs = []
    start = offs[0]
    for i, step in enumerate(map(operator.sub, offs[1:], offs)):
        if step != 1:
            end = _file_end(text, offs[i], seg.text[i])
            if end < offs[i + 1]:
                runs.append((start, end))
                start = offs[i + 1]
    runs.append((start, offs[-1]))
    return runs


def _target_text(text: str, units: Sequence[Unit]) -> list[tuple[int, int]]:
    """The (start, end) ranges of the file ``text`` written by the units' target characters,
    sorted and merged: a target's whole range, less what lies between its characters (markup)."""
    spans = [run for unit in units for run in segment_runs(text, unit.target)]
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
