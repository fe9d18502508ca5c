"""glossary-mismatch: the aligned target renders a source term as a different entry."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from zhen_tools.findings import Finding, with_source
from zhen_tools.rules._pair_terms import substitutes
from zhen_tools.rules.registry import register

if TYPE_CHECKING:
    from zhen_tools.rules.context import PairContext

__all__ = ["glossary_mismatch"]


@register(
    "glossary-mismatch",
    "error",
    "the aligned target renders a source term as a different entry (a confusable)",
    scope="pair",
)
def glossary_mismatch(pair: PairContext) -> Iterator[Finding]:
    """Flags a rendering of the wrong entry where the aligned source names another: a declared
    confusable (南鸟岛 rendered ``Okinotorishima``), or a different entry of the same kind
    standing in for the source's (高市早苗 rendered ``Fumio Kishida``). Substituted names are
    factual errors, not style: the sentence now says something about someone else.

    Also applies to digest pairs: a summary that names a different person than its headline.

    >>> from zhen_tools.glossary.model import Entry, Glossary
    >>> from zhen_tools.text.document import document_from_text
    >>> from zhen_tools.rules.context import DocContext
    >>> from zhen_tools.run.inputs import pair_documents
    >>> g = Glossary(entries=(
    ...     Entry("minami-torishima", "Minami-Torishima", kind="place", zh=("南鸟岛",),
    ...           confusable=("okinotorishima",)),
    ...     Entry("okinotorishima", "Okinotorishima", kind="place", zh=("冲之鸟礁",))))
    >>> doc = lambda t, p: DocContext(document_from_text(t, p), g)
    >>> pair = pair_documents(doc("南鸟岛附近。", "a.zh.txt"), doc("Near Okinotorishima.", "a.en.txt"))
    >>> [(f.text, f.suggestion) for f in glossary_mismatch(pair)]
    [('Okinotorishima', 'Minami-Torishima')]
    """
    for i, bead in enumerate(pair.beads):
        if not bead.source or not bead.target:
            continue
        for entry, seg, m, form in substitutes(pair, i):
            other = pair.glossary.by_id[m.entry_id]  # type: ignore[union-attr]
            found = pair.segment_finding(
                seg,
                m.start,
                m.end,
                "glossary-mismatch",
                f"{m.text} is another {other.kind}"
                + (f" ({other.en})" if m.text != other.en else "")
                + f"; the source has {form}, rendered {entry.en}",
                suggestion=entry.en,
            )
            yield with_source(found, pair.source.doc.path, bead.source, form)
