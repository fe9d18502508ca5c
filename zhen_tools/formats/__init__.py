"""Bilingual files (TSV/CSV, PO, XLIFF, TMX) read into translation units; ``read_units`` picks
the reader by file ending.

>>> from zhen_tools.text.document import document_from_text
>>> doc = document_from_text("zh\\ten\\n南鸟岛\\tMinami-Torishima\\n", "terms.tsv")
>>> [(u.source.text, u.target.text, u.target.start) for u in read_units(doc)]
[('南鸟岛', 'Minami-Torishima', 10)]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from zhen_tools.formats.po import PO_ESCAPES, read_po
from zhen_tools.formats.table import read_table
from zhen_tools.formats.units import (
    BilingualError,
    Unit,
    bilingual_format,
    in_regions,
    target_regions,
    target_view,
)
from zhen_tools.formats.xml import read_xml
from zhen_tools.text.document import Document

__all__ = [
    "BilingualError",
    "Unit",
    "bilingual_format",
    "in_regions",
    "read_units",
    "readable_text",
    "target_regions",
    "target_view",
]


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
        return read_table(doc, fmt, columns)
    if fmt == "po":
        return read_po(doc)
    if fmt in ("xliff", "tmx"):
        return read_xml(doc, fmt)
    return None


_PO_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


def readable_text(path: str, text: str) -> str:
    """A piece of a bilingual file's text as its reader reads it, for display: XML character
    references decoded (XLIFF, TMX), PO escapes (``\\"``), a CSV cell's doubled quotes. The
    piece must not cut an entity or escape (a segment's characters never do).

    >>> readable_text("a.xlf", "Mitsui &amp; Co. &quot;yes&quot;"), readable_text("a.po", 'D/V \\\\"Chikyu\\\\"')
    ('Mitsui & Co. "yes"', 'D/V "Chikyu"')
    """
    fmt = bilingual_format(path)
    if fmt in ("xliff", "tmx"):
        if "&" not in text:
            return text
        import html  # only the HTML report of an XML file with entities needs it

        return html.unescape(text)
    if fmt == "po":
        return (
            _PO_ESCAPE.sub(lambda m: PO_ESCAPES.get(m.group(1), m.group(1)), text) if "\\" in text else text
        )
    if fmt in ("csv", "tsv"):
        return text.replace('""', '"')
    return text
