"""Source/target rules: glossary terms and numbers of each aligned source segment checked against
its translation, and target segments left in the source language.

Each rule takes a PairContext (zhen_tools.run.pairing) and reports on the target document.

>>> from zhen_tools.glossary.model import Entry, Glossary
>>> from zhen_tools.text.document import document_from_text
>>> from zhen_tools.rules.context import DocContext
>>> from zhen_tools.run.inputs import pair_documents
>>> g = Glossary(entries=(Entry("minami-torishima", "Minami-Torishima", kind="place", zh=("南鸟岛",)),))
>>> src = DocContext(document_from_text("南鸟岛日产3.5万吨。", "a.zh.txt"), g)
>>> tgt = DocContext(document_from_text("The island yields 3,500 tons a day.", "a.en.txt"), g)
>>> pair = pair_documents(src, tgt)
>>> [f.message for f in number_mismatch(pair)]
['3.5万 is 35,000, target says 3,500']
>>> [f.rule for f in glossary_missing(pair)]
['glossary-missing']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from zhen_tools.rules.registry import register
from zhen_tools.findings import Finding

if TYPE_CHECKING:
    from zhen_tools.align.aligner import Bead, Segment
    from zhen_tools.glossary.model import Entry, Match
    from zhen_tools.text.numbers import Number
    from zhen_tools.rules.context import PairContext

__all__ = ["glossary_mismatch", "glossary_missing", "number_mismatch", "untranslated_pair"]


def _bead_span(bead: Bead) -> tuple[int, int]:
    first, last = bead.target[0], bead.target[-1]
    return first.doc_offset(0), last.doc_offset(len(last.text))


def _source_terms(pair: PairContext, beads: list[Bead]) -> dict[str, str]:
    """Entry id -> the source form first found in the source side of ``beads``."""
    found: dict[str, str] = {}
    for bead in beads:
        for seg in bead.source:
            for m in pair.matches(seg, "source"):
                if m.status == "source":
                    found.setdefault(m.entry_id, m.text)
    return found


def _target_matches(pair: PairContext, beads: list[Bead]) -> list[tuple[Segment, Match]]:
    return [(seg, m) for bead in beads for seg in bead.target for m in pair.matches(seg, "target")]


def _spelled_close(entry: Entry, texts: list[str]) -> bool:
    """An accepted form written with other spacing, hyphens, case or long vowels
    (``Minami Torishima``): the near-miss rule's business, not a missing term."""
    from zhen_tools.glossary.model import fold_key

    folded = [fold_key(t) for t in texts]
    return any(k and k in f for k in {fold_key(a) for a in entry.accepted} for f in folded)


def _substitutes(pair: PairContext, i: int) -> list[tuple[Entry, Segment, Match, str]]:
    """(source entry, target segment, wrong match, source form) for bead ``i``: a source term
    with no accepted rendering in its target, whose target instead renders another entry that
    the source does not mention -- a declared confusable, or the one entry of the same kind
    standing where the missing one should be."""
    g = pair.glossary
    if g is None:
        return []
    bead = pair.beads[i]
    window = pair.window(i)
    here = _source_terms(pair, [bead])
    if not here:
        return []
    around = _source_terms(pair, window)
    present = {m.entry_id for _, m in _target_matches(pair, window) if m.status != "source"}
    missing = {eid: form for eid, form in here.items() if eid not in present and eid in g.by_id}
    if not missing:
        return []
    # An entry is only a stranger if the source does not mention it at all: its form inside a
    # longer word (众议院 in 美国众议院议长) still counts as mentioned.
    source_text = " ".join(s.text for b in window for s in b.source)
    strangers = [(seg, m) for seg, m in _target_matches(pair, [bead])
                 if m.status == "accepted" and m.entry_id not in around and m.entry_id in g.by_id
                 and not any(f in source_text for f in g.by_id[m.entry_id].source_forms)]
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


@register("glossary-missing", "warning",
          "a source term whose accepted rendering is absent from the aligned target", scope="pair")
def glossary_missing(pair: PairContext) -> Iterator[Finding]:
    """Flags a target segment whose aligned source contains a glossary term (matched on Chinese
    word boundaries: 日产 is not in 日产量) when none of the entry's accepted renderings appears
    in the target segment or its neighbours (alignment may be one off). A translator who dropped
    or paraphrased a name the house style fixes has lost information the reader needs.

    Not reported: digest pairs (a summary need not name everything), terms whose target has a
    forbidden rendering (``glossary-forbidden`` reports it), a close spelling (``near-miss``), or
    another entry's rendering (``glossary-mismatch``).

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
        terms = _source_terms(pair, [bead])
        if not terms:
            continue
        window = pair.window(i)
        seen = {m.entry_id for _, m in _target_matches(pair, window) if m.status != "source"}
        swapped = {e.id for e, _, _, _ in _substitutes(pair, i)}
        texts = [s.text for b in window for s in b.target]
        start, end = _bead_span(bead)
        for eid, form in terms.items():
            entry = g.by_id.get(eid)
            if entry is None or eid in seen or eid in swapped or _spelled_close(entry, texts):
                continue
            if any(form in t for t in texts):
                continue  # left in Chinese: ``untranslated`` reports it
            yield pair.finding(start, end, "glossary-missing",
                               f"source term {form} is not rendered as {entry.en} in the aligned "
                               "translation")


@register("glossary-mismatch", "error",
          "the aligned target renders a source term as a different entry (a confusable)", scope="pair")
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
        for entry, seg, m, form in _substitutes(pair, i):
            other = pair.glossary.by_id[m.entry_id]  # type: ignore[union-attr]
            yield pair.segment_finding(
                seg, m.start, m.end, "glossary-mismatch",
                f"{m.text} is another {other.kind}"
                + (f" ({other.en})" if m.text != other.en else "")
                + f"; the source has {form}, rendered {entry.en}",
                suggestion=entry.en)


def _say(n: Number) -> str:
    from zhen_tools.text.numbers import say

    s = say(n)
    return n.text if s == n.text else f"{n.text} ({s})"


@register("number-mismatch", "error",
          "a number that differs between aligned source and target", scope="pair")
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
    from zhen_tools.text.numbers import compare, same_quantity, say

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
                start, end = _bead_span(bead)
                yield pair.finding(start, end, "number-mismatch",
                                   f"source number {_say(s)} is missing from the translation")
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
            yield pair.segment_finding(seg, t.start, t.end, "number-mismatch", message)


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff]")


@register("untranslated", "error", "Han or kana text inside an English sentence", scope="pair")
def untranslated_pair(pair: PairContext) -> Iterator[Finding]:
    """Flags a target segment left untranslated: identical to its Chinese source, or still
    mostly Han/kana. Typical of translation files where a unit was copied source-to-target and
    never translated.

    >>> from zhen_tools.text.document import document_from_text
    >>> from zhen_tools.rules.context import DocContext
    >>> from zhen_tools.run.inputs import find_pairs
    >>> ctx = DocContext(document_from_text("zh\\ten\\n南鸟岛\\t南鸟岛\\n日本\\tJapan\\n", "t.tsv"))
    >>> [(f.text, f.message) for f in untranslated_pair(find_pairs([ctx])[0])]
    [('南鸟岛', 'target segment is identical to its source: not translated')]
    """
    from zhen_tools.formats.digest import is_source_line

    if pair.digest:
        return
    for bead in pair.beads:
        if not bead.target:
            continue
        source = bead.source_text.strip()
        for seg in bead.target:
            if not _HAN.search(seg.text):
                continue
            if seg.text.strip() == source:
                message = "target segment is identical to its source: not translated"
            elif is_source_line(seg.text):
                message = "target segment is still in Chinese: not translated"
            else:
                continue
            yield pair.segment_finding(seg, 0, len(seg.text), "untranslated", message)
