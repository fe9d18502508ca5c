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
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass

from zhen_tools.text.document import Document, Segment

__all__ = [
    "BilingualError",
    "Unit",
    "bilingual_format",
    "in_regions",
    "segment_of",
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
    last = offs[-1]
    # The file text of the last character: one code point, or an entity (&amp;), a PO escape
    # (\\n), a CSV doubled quote or a CRLF read as one line break.
    ch, end_ch = source[last], body[-1]
    if ch == "&" and (end_ch != "&" or source.startswith("&amp;", last)):
        stop = source.index(";", last) + 1
    elif (
        (ch == "\\" and (end_ch != "\\" or source.startswith("\\\\", last)))
        or (end_ch == '"' and source.startswith('""', last))
        or source.startswith("\r\n", last)
    ):
        stop = last + 2
    else:
        stop = last + 1
    full = (*tuple(offs), stop)
    contiguous = all(b - a == 1 for a, b in itertools.pairwise(full))
    return Segment(full[0], stop, body, None if contiguous else full)


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

    >>> from zhen_tools.text.document import document_from_text
    >>> doc = document_from_text("zh\\ten\\n日本\\tJapan\\n", "t.tsv")
    >>> from zhen_tools.formats import read_units
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
