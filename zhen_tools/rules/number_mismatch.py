"""number-mismatch: a number that differs between an aligned source segment and its translation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from zhen_tools.findings import Finding, with_source
from zhen_tools.rules._pair_terms import bead_span
from zhen_tools.rules.registry import register
from zhen_tools.text.numbers import Number, compare, same_quantity, say

if TYPE_CHECKING:
    from zhen_tools.rules.context import PairContext
    from zhen_tools.text.document import Segment

__all__ = ["number_mismatch"]


def _say(n: Number) -> str:
    s = say(n)
    return n.text if s == n.text else f"{n.text} ({s})"


@register("number-mismatch", "error", "a number that differs between aligned source and target", scope="pair")
def number_mismatch(pair: PairContext) -> Iterator[Finding]:
    """Flags numbers that differ between a source segment and its translation, after normalising
    both sides (``3.5万`` = ``35,000``, ``2.6万亿`` = ``2.6 trillion``, ``百分之七十`` = ``70%``,
    ``1月12日`` = ``January 12``): a scale error (``3.5万吨`` as ``3,500 tons``), a changed
    number, a number the translation dropped, or one it added. Wrong figures in news are the
    errors readers and corrections columns notice first.

    Hedges (约, about) and rounding of scaled numbers (11.8亿 as ``1.2 billion``) are accepted;
    number words a translator may drop or add (一 as ``a``, ``first``, 两 as ``both``) only
    serve to match. Not reported on digest pairs (a summary is not a translation).

    >>> from zhen_tools.text.document import document_from_text
    >>> from zhen_tools.rules.context import DocContext
    >>> from zhen_tools.run.inputs import pair_documents
    >>> doc = lambda t, p: DocContext(document_from_text(t, p))
    >>> pair = pair_documents(doc("损失约2.6万亿日元。", "a.zh.txt"), doc("A loss of 2.6 billion yen.", "a.en.txt"))
    >>> [(f.text, f.message) for f in number_mismatch(pair)]
    [('2.6 billion', '2.6万亿 is 2.6 trillion, target says 2.6 billion')]
    """
    if pair.digest:
        return
    for i, bead in enumerate(pair.beads):
        if not bead.source or not bead.target:
            continue
        where: dict[int, Segment] = {}
        src: list[Number] = []
        tgt: list[Number] = []
        for seg in bead.source:
            src += pair.numbers(seg, "source")
        for seg in bead.target:
            for n in pair.numbers(seg, "target"):
                where[id(n)] = seg
                tgt.append(n)
        diffs = compare(src, tgt)
        if not diffs:
            continue
        near_src: list[Number] = []
        near_tgt: list[Number] = []
        if pair.drift:
            for b in pair.window(i):
                if b is not bead:
                    near_src += [n for s in b.source for n in pair.numbers(s, "source")]
                    near_tgt += [n for s in b.target for n in pair.numbers(s, "target")]
        for d in diffs:
            s, t = d.source, d.target
            if d.kind == "missing" and s is not None:
                if any(same_quantity(s, x) for x in near_tgt):
                    continue
                start, end = bead_span(bead)
                found = pair.finding(
                    start, end, "number-mismatch", f"source number {_say(s)} is missing from the translation"
                )
                yield with_source(found, pair.source.doc.path, bead.source, s.text)
                continue
            assert t is not None
            if d.kind == "extra" and any(same_quantity(x, t) for x in near_src):
                continue
            seg = where[id(t)]
            if d.kind == "scale" and s is not None:
                message = f"{s.text} is {say(s)}, target says {t.text}"
            elif d.kind == "differs" and s is not None:
                message = f"source says {_say(s)}, target says {t.text}"
            else:
                message = f"{t.text} is not in the source"
            found = pair.segment_finding(seg, t.start, t.end, "number-mismatch", message)
            yield with_source(found, pair.source.doc.path, bead.source, s.text if s else "")
