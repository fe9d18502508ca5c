"""Writing into bilingual files: replacements encoded for their container (XML escaping, PO
string escaping, CSV quoting), and the check that a rewritten file reads back to the same units
with only the fixed target text changed.

>>> from zhen_tools.text.document import document_from_text
>>> doc = document_from_text('<tu><tuv xml:lang="zh"><seg>三井</seg></tuv>'
...                          '<tuv xml:lang="en"><seg>Mitsui</seg></tuv></tu>', "a.tmx")
>>> encode_edits(doc, [(63, 69, "Mitsui & Co.")], "tmx")
[(63, 69, 'Mitsui &amp; Co.')]
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence

from zhen_tools.formats.table import encode_table_edits
from zhen_tools.formats.units import BilingualError, Unit, bilingual_format
from zhen_tools.text.document import Document, Segment

__all__ = ["RewriteError", "check_rewrite", "encode_edits", "encode_po", "encode_xml"]

Edit = tuple[int, int, str]


class RewriteError(Exception):
    """A rewritten bilingual file that would not read back as intended; one line naming the file."""


def encode_xml(text: str) -> str:
    """``text`` as XML character data.

    >>> encode_xml('AT&T <b> "x"')
    'AT&amp;T &lt;b&gt; "x"'
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_PO = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def encode_po(text: str) -> str:
    """``text`` inside a PO string.

    >>> print(encode_po('D/V "Chikyu"\\\\'))
    D/V \\"Chikyu\\"\\\\
    """
    return "".join(_PO.get(ch, ch) for ch in text)


def encode_edits(doc: Document, edits: Sequence[Edit], fmt: str | None = None) -> list[Edit]:
    """The file edits that put each replacement's text (``(start, end, text)``, sorted, file
    offsets) into ``doc`` as the container requires; plain text is returned as it is."""
    fmt = fmt if fmt is not None else bilingual_format(doc.path)
    if fmt in ("xliff", "tmx"):
        return [(s, e, encode_xml(r)) for s, e, r in edits]
    if fmt == "po":
        return [(s, e, encode_po(r)) for s, e, r in edits]
    if fmt in ("tsv", "csv"):
        return encode_table_edits(doc.text, fmt, edits)
    return list(edits)


def _expected(seg: Segment, edits: Sequence[Edit]) -> str:
    """The text of ``seg`` once ``edits`` (decoded replacements in file offsets) are applied."""
    offs = [seg.doc_offset(i) for i in range(len(seg.text) + 1)]
    text = seg.text
    for s, e, r in reversed(edits):
        i0, i1 = bisect.bisect_left(offs, s), bisect.bisect_left(offs, e)
        text = text[:i0] + r + text[i1:]
    return text.strip()


def check_rewrite(
    old: Sequence[Unit],
    new_doc: Document,
    edits: Sequence[Edit],
    read: Callable[[Document], Sequence[Unit] | None],
) -> None:
    """Raise RewriteError unless ``new_doc`` (the rewritten file) reads, with ``read``
    (``doc -> units``), to the units ``old`` with their sources and ids unchanged and each
    target changed exactly by the ``edits`` inside it (decoded text, file offsets of the old
    file) and by nothing else."""
    try:
        new = read(new_doc)
    except BilingualError as exc:
        raise RewriteError(
            f"{new_doc.path}: the fixed file would not parse ({exc}); file left unchanged"
        ) from None
    if new is None or len(new) != len(old):
        raise RewriteError(
            f"{new_doc.path}: the fixed file would not read to the same units; file left unchanged"
        )
    for a, b in zip(old, new, strict=True):
        inside = [ed for ed in edits if a.target.start <= ed[0] and ed[1] <= a.target.end]
        if a.source.text != b.source.text or a.id != b.id or b.target.text != _expected(a.target, inside):
            line = new_doc.position(b.target.start)[0]
            raise RewriteError(
                f"{new_doc.path}:{line}: the fixed file would not read to the same units; file left unchanged"
            )
