"""Digest documents (seed 002): a mostly-English document in which Chinese headline lines are each
followed by English summary lines. Each headline and the English up to the next headline is a bead.

A digest's Chinese lines are those ``text.chars.mostly_chinese`` accepts.
"""

from __future__ import annotations

import bisect
import re

from zhen_tools.align.aligner import Bead, paragraphs
from zhen_tools.text.chars import HAN_KANA_RE, mostly_chinese
from zhen_tools.text.document import Document, SharedSegment, line_windows

__all__ = ["digest_beads", "has_source_line"]

# The lines ``paragraphs`` makes a paragraph of (each that is not blank once stripped).
_LINE = re.compile(r"[^\r\n]+")
# Characters of text whose paragraphs are made (as copies) at a time.
_WINDOW = 1 << 18


def has_source_line(doc: Document) -> bool:
    """Whether any line of ``doc`` is a Chinese line (a digest needs one). Only lines holding a
    Han or kana character are looked at, so an English file -- even a large one with a stray
    untranslated word -- costs one regex scan, not a split into paragraphs.

    >>> from zhen_tools.text.document import document_from_text
    >>> has_source_line(document_from_text("It ranks second,仅次于 China.\\nMore.")), \\
    ...     has_source_line(document_from_text("English.\\r\\n标题在这里\\r\\n"))
    (False, True)
    """
    text = doc.text
    m = HAN_KANA_RE.search(text)
    while m is not None:
        line = bisect.bisect_right(doc.line_starts, m.start())  # 1-based
        if mostly_chinese(doc.line_text(line)):
            return True
        if line >= len(doc.line_starts):
            return False
        m = HAN_KANA_RE.search(text, doc.line_starts[line])
    return False


def digest_beads(text: str) -> list[Bead]:
    """Headline beads of a digest: each run of Chinese lines with the English lines after it, up
    to the next Chinese line. Empty unless the document is mostly English (a Chinese article with
    an English line or two is not a digest).

    >>> [(b.source_text, b.target_text) for b in digest_beads("标题一\\nFirst summary.\\n标题二\\nSecond.")]
    [('标题一', 'First summary.'), ('标题二', 'Second.')]
    >>> digest_beads("全中文的文章。\\n还是中文。\\nOne English line.")
    []
    """
    # Lines are weighed before any paragraph is made: a big English file with one Chinese line
    # is no digest, and its paragraphs would be a second copy of its text.
    kinds = bytearray()
    han = eng = 0
    for m in _LINE.finditer(text):
        line = m.group().strip()
        if line:
            kind = mostly_chinese(line)
            kinds.append(kind)
            if kind:
                han += len(line)
            else:
                eng += len(line)
    # English takes ~3.4 characters for one Chinese character: compare like with like.
    if not han or eng < han * 3.43:
        return []
    # The paragraphs share the text (a digest as big as a whole archive would otherwise hold its
    # text twice while its pairs are checked), made a window of lines at a time.
    lines = [
        SharedSegment(seg.start, seg.end, text)
        for a, b in line_windows(text, _WINDOW)
        for seg in paragraphs(text, a, b)
    ]
    beads: list[Bead] = []
    i = 0
    while i < len(lines):
        if not kinds[i]:
            i += 1
            continue
        j = i
        while j < len(lines) and kinds[j]:
            j += 1
        k = j
        while k < len(lines) and not kinds[k]:
            k += 1
        if k > j:
            beads.append(Bead(tuple(lines[i:j]), tuple(lines[j:k])))
        i = k
    return beads
