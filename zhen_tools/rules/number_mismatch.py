"""number-mismatch: a number that differs between an aligned source segment and its translation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from zhen_tools.align.confidence import MIN_CONFIDENCE, confidence
from zhen_tools.findings import Finding, with_source
from zhen_tools.rules._pair_terms import bead_span
from zhen_tools.rules.registry import register
from zhen_tools.text.numbers import Discrepancy, Number, compare, required, same_quantity, say

if TYPE_CHECKING:
    from zhen_tools.align.aligner import Bead
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
    serve to match. A code copied from the source (``CMV-22``, ``14nm``) and a clock time both
    sides write are checked digit for digit. Not reported on digest pairs (a summary is not a
    translation), nor on automatically aligned beads too weak to trust
    (``zhen_tools.align.confidence``): a number "missing" from a misaligned sentence is
    misalignment, not mistranslation (translation units are aligned by their file: always
    trusted). A neighbouring
    sentence's number excuses a difference only if it is matched nowhere else.

    A day, clock hour or count of one the source writes in digits (``26日``, ``12时``, ``1宗``)
    must be kept unless the English says it another way (``the next day``, ``on Monday``;
    ``noon``; ``per``, ``each``: ``numbers.required``); a day of a date the translation has
    already written (the dateline's ``July 26``) may go unsaid again.

    >>> from zhen_tools.text.document import document_from_text
    >>> from zhen_tools.rules.context import DocContext
    >>> from zhen_tools.run.inputs import pair_documents
    >>> doc = lambda t, p: DocContext(document_from_text(t, p))
    >>> pair = pair_documents(doc("损失约2.6万亿日元。", "a.zh.txt"), doc("A loss of 2.6 billion yen.", "a.en.txt"))
    >>> [(f.text, f.message) for f in number_mismatch(pair)]
    [('2.6 billion', 'scale error: source 2.6万亿 (2.6 trillion), target 2.6 billion (1,000 times smaller)')]
    """
    if pair.digest:
        return
    named: set[int] = set()  # days of the dates the translation has written so far
    for i, bead in enumerate(pair.beads):
        days_before = set(named)
        named.update(
            int(n.value) % 100 for seg in bead.target for n in pair.numbers(seg, "target") if n.kind == "date"
        )
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
        diffs = compare(src, tgt, _required_of(src, bead))
        if not diffs or (pair.drift and confidence(bead, pair.glossary) < MIN_CONFIDENCE):
            continue  # an aligned bead too weak to trust: more likely misalignment than a change
        spare_src, spare_tgt = _spare(pair, i) if pair.drift else ([], [])
        for d in diffs:
            s, t = d.source, d.target
            if d.kind == "missing" and s is not None:
                if any(same_quantity(s, x) for x in spare_tgt):
                    continue
                if s.kind == "day" and int(s.value) in days_before:
                    continue  # the dateline's day again: "said on Sunday (the 26th)" may go unsaid
                start, end = bead_span(bead)
                found = pair.finding(start, end, "number-mismatch", message(d))
                yield with_source(found, pair.source.doc.path, bead.source, s.text)
                continue
            assert t is not None
            if d.kind == "extra" and any(same_quantity(x, t) for x in spare_src):
                continue
            found = pair.segment_finding(where[id(t)], t.start, t.end, "number-mismatch", message(d))
            yield with_source(found, pair.source.doc.path, bead.source, s.text if s else "")


def _required_of(src: list[Number], bead: Bead) -> frozenset[str]:
    """``required`` of the bead's target, read only when a source number is of a kind it can
    require (a day, a clock time, a plain 1): for the others it changes nothing, and its three
    searches over the target cost more than the rest of most beads' comparison.

    >>> from zhen_tools.align.aligner import Bead, Segment
    >>> from zhen_tools.text.numbers import extract_numbers
    >>> en = Bead((), (Segment(0, 12, "On the 25th."),))
    >>> sorted(_required_of(extract_numbers("25日", "zh"), en)), _required_of(extract_numbers("25吨", "zh"), en)
    (['day', 'hour', 'one'], frozenset())
    """
    if not any(n.kind in ("day", "time") or (n.kind == "plain" and n.text == "1") for n in src):
        return frozenset()
    return required(" ".join(seg.text for seg in bead.target))


def message(d: Discrepancy) -> str:
    """What changed, naming the source value and the target value.

    >>> from zhen_tools.text.numbers import extract_numbers
    >>> zh, en = extract_numbers("3.5万吨", "zh"), extract_numbers("3,500 tons", "en")
    >>> message(compare(zh, en)[0])
    'scale error: source 3.5万 (35,000), target 3,500 (10 times smaller)'
    """
    s, t = d.source, d.target
    if d.kind == "scale" and s is not None and t is not None:
        ratio = t.value / s.value
        size = f"{int(ratio):,} times larger" if ratio > 1 else f"{int(1 / ratio):,} times smaller"
        return f"scale error: source {_say(s)}, target {_say(t)} ({size})"
    if d.kind == "differs" and s is not None and t is not None:
        return f"changed number: source {_say(s)}, target {_say(t)}"
    if s is not None:
        return f"dropped number: source {_say(s)}, not in the translation"
    assert t is not None
    return f"added number: target {_say(t)}, not in the source"


def _spare(pair: PairContext, i: int) -> tuple[list[Number], list[Number]]:
    """Numbers of the beads around bead ``i`` that their own bead leaves unmatched: source
    numbers whose target lacks them, target numbers whose source lacks them. Alignment can be a
    sentence off, so a number missing here may be one of these; a number matched where it
    stands cannot also excuse a change here (``Article 20`` as ``Article 2`` is reported even
    when the next sentence has a 2), and only numbers written as numbers count. The window runs
    one bead each way, and further across beads with one side empty (a source sentence the
    aligner left alone is still nearby)."""
    beads = pair.beads
    near = [j for j in (i - 1, i + 1) if 0 <= j < len(beads)]
    for step in (-1, 1):
        j = i + 2 * step
        while 0 <= j < len(beads) and 0 < abs(j - i) <= 6:
            prev = beads[j - step]
            if prev.source and prev.target:
                break
            near.append(j)
            j += step
    spare_src: list[Number] = []
    spare_tgt: list[Number] = []
    for j in near:
        b = beads[j]
        bs = [n for seg in b.source for n in pair.numbers(seg, "source")]
        bt = [n for seg in b.target for n in pair.numbers(seg, "target")]
        spare_src += [a for a in bs if _written(a) and not any(same_quantity(a, x) for x in bt)]
        spare_tgt += [x for x in bt if _written(x) and not any(same_quantity(a, x) for a in bs)]
    return spare_src, spare_tgt


def _written(n: Number) -> bool:
    """A number written as one: strict, or in digits. ``both`` or ``a couple`` in the next
    sentence is no drifted figure."""
    return n.strict or any(c.isdigit() for c in n.text)
