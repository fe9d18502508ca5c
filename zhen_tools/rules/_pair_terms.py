"""What the glossary pair rules share: source terms of aligned beads and the entries rendered in
their targets, and the substitutions of one entry for another."""

from __future__ import annotations

from typing import TYPE_CHECKING

from zhen_tools.glossary.fold import fold_key

if TYPE_CHECKING:
    from zhen_tools.align.aligner import Bead
    from zhen_tools.glossary.model import Entry, Match
    from zhen_tools.rules.context import PairContext
    from zhen_tools.text.document import Segment

__all__ = ["bead_span", "source_terms", "spelled_close", "substitutes", "target_matches"]


def bead_span(bead: Bead) -> tuple[int, int]:
    first, last = bead.target[0], bead.target[-1]
    return first.doc_offset(0), last.doc_offset(len(last.text))


def source_terms(pair: PairContext, beads: list[Bead]) -> dict[str, str]:
    """Entry id -> the source form first found in the source side of ``beads``."""
    found: dict[str, str] = {}
    for bead in beads:
        for seg in bead.source:
            for m in pair.matches(seg, "source"):
                if m.status == "source":
                    found.setdefault(m.entry_id, m.text)
    return found


def target_matches(pair: PairContext, beads: list[Bead]) -> list[tuple[Segment, Match]]:
    return [(seg, m) for bead in beads for seg in bead.target for m in pair.matches(seg, "target")]


def spelled_close(entry: Entry, texts: list[str]) -> bool:
    """An accepted form written with other spacing, hyphens, case or long vowels
    (``Minami Torishima``): the near-miss rule's business, not a missing term."""
    folded = [fold_key(t) for t in texts]
    return any(k and k in f for k in {fold_key(a) for a in entry.accepted} for f in folded)


def substitutes(pair: PairContext, i: int) -> list[tuple[Entry, Segment, Match, str]]:
    """(source entry, target segment, wrong match, source form) for bead ``i``: a source term
    with no accepted rendering in its target, whose target instead renders another entry that
    the source does not mention -- a declared confusable, or the one entry of the same kind
    standing where the missing one should be."""
    g = pair.glossary
    if g is None:
        return []
    bead = pair.beads[i]
    window = pair.window(i)
    here = source_terms(pair, [bead])
    if not here:
        return []
    around = source_terms(pair, window)
    present = {m.entry_id for _, m in target_matches(pair, window) if m.status != "source"}
    missing = {eid: form for eid, form in here.items() if eid not in present and eid in g.by_id}
    if not missing:
        return []
    # An entry is only a stranger if the source does not mention it at all: its form inside a
    # longer word (众议院 in 美国众议院议长) still counts as mentioned.
    source_text = " ".join(s.text for b in window for s in b.source)
    strangers = [
        (seg, m)
        for seg, m in target_matches(pair, [bead])
        if m.status == "accepted"
        and m.entry_id not in around
        and m.entry_id in g.by_id
        and not any(f in source_text for f in g.by_id[m.entry_id].source_forms)
    ]
    out = []
    for eid, form in missing.items():
        entry = g.by_id[eid]
        for seg, m in strangers:
            other = g.by_id[m.entry_id]
            declared = other.id in entry.confusable or entry.id in other.confusable
            if not declared:
                same_kind = [e for e in missing if g.by_id[e].kind == entry.kind]
                rivals = {x.entry_id for _, x in strangers if g.by_id[x.entry_id].kind == entry.kind}
                if other.kind != entry.kind or len(same_kind) != 1 or len(rivals) != 1:
                    continue
            out.append((entry, seg, m, form))
    return out
