"""glossary-missing: a source term whose accepted rendering is absent from the aligned target."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from zhen_tools.align.confidence import MIN_CONFIDENCE, confidence
from zhen_tools.findings import Finding, with_source
from zhen_tools.rules._pair_terms import (
    bead_span,
    source_terms,
    spelled_close,
    substitutes,
    target_matches,
)
from zhen_tools.rules.registry import register

if TYPE_CHECKING:
    from zhen_tools.rules.context import PairContext

__all__ = ["glossary_missing"]


@register(
    "glossary-missing",
    "warning",
    "a source term whose accepted rendering is absent from the aligned target",
    scope="pair",
)
def glossary_missing(pair: PairContext) -> Iterator[Finding]:
    """Flags a target segment whose aligned source contains a glossary term (matched on Chinese
    word boundaries: 日产 is not in 日产量) when none of the entry's accepted renderings appears
    in the target segment or its neighbours (alignment may be one off). A translator who dropped
    or paraphrased a name the house style fixes has lost information the reader needs.

    Not reported: digest pairs (a summary need not name everything), terms whose target has a
    forbidden rendering (``glossary-forbidden`` reports it), a close spelling (``near-miss``), or
    another entry's rendering (``glossary-mismatch``), or an automatically aligned bead too weak
    to trust (``zhen_tools.align.confidence``; translation units are aligned by their file).

    >>> from zhen_tools.glossary.model import Entry, Glossary
    >>> from zhen_tools.text.document import document_from_text
    >>> from zhen_tools.rules.context import DocContext
    >>> from zhen_tools.run.inputs import pair_documents
    >>> g = Glossary(entries=(Entry("chikyu", "Chikyū", kind="vessel", variants=("Chikyu",), zh=("地球号",)),))
    >>> doc = lambda t, p: DocContext(document_from_text(t, p), g)
    >>> pair = pair_documents(doc("地球号从清水港出发。", "a.zh.txt"), doc("The ship left Shimizu.", "a.en.txt"))
    >>> [f.message for f in glossary_missing(pair)]
    ['source term 地球号 is not rendered as Chikyū in the aligned translation']
    """
    g = pair.glossary
    if pair.digest or g is None:
        return
    for i, bead in enumerate(pair.beads):
        if not bead.source or not bead.target:
            continue
        terms = source_terms(pair, [bead])
        if not terms:
            continue
        window = pair.window(i)
        seen = {m.entry_id for _, m in target_matches(pair, window) if m.status != "source"}
        swapped = {e.id for e, _, _, _ in substitutes(pair, i)}
        texts = [s.text for b in window for s in b.target]
        start, end = bead_span(bead)
        weak: bool | None = None  # computed only when a term is missing
        for eid, form in terms.items():
            entry = g.by_id.get(eid)
            if entry is None or eid in seen or eid in swapped or spelled_close(entry, texts):
                continue
            if any(form in t for t in texts):
                continue  # left in Chinese: ``untranslated`` reports it
            if weak is None:
                weak = pair.drift and confidence(bead, g) < MIN_CONFIDENCE
            if weak:
                break  # a bead too weak to trust: the term is more likely misaligned than missing
            found = pair.finding(
                start,
                end,
                "glossary-missing",
                f"source term {form} is not rendered as {entry.en} in the aligned translation",
            )
            yield with_source(found, pair.source.doc.path, bead.source, form)
