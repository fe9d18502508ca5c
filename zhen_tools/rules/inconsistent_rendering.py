"""The inconsistent-rendering rule: one entity spelled in more than one way across a run.

Mentions are the glossary's accepted matches of names and the name-like spans no glossary form
covers. Mentions fall in one cluster when their folded keys are equal (diacritics, hyphens,
spaces, case and long vowels aside: ``Chikyu``/``Chikyū``, ``Minami-Tori-shima``/
``Minami-Torishima``) or, for names in no glossary, equal after also folding romanisation
variants (``Shimbun``/``Shinbun``, ``Itoh``/``Ito``). Short and long forms (``Lynas`` /
``Lynas Rare Earths``) have different keys and never meet. Each document's mentions are found
once (its name spans are the DocContext's, shared with near-miss); a first pass counts each
spelling and remembers where it was first seen, a second reports the minority spellings.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from zhen_tools.findings import Finding
from zhen_tools.glossary.fold import fold_key, loose_key
from zhen_tools.glossary.model import NAME_KINDS, Entry
from zhen_tools.rules.context import DocContext
from zhen_tools.rules.registry import register

__all__ = ["inconsistent_rendering"]

_MIN_KEY = 4  # shorter names (US, EU, Li) vary legitimately and are too ambiguous to cluster
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def _spelling_key(surface: str) -> str:
    """Spellings that differ only in case (headlines) or apostrophe shape are one spelling."""
    return surface.translate(_APOSTROPHES).casefold()


@dataclass
class _Spelling:
    display: str
    count: int
    first: tuple[int, int]  # (document index, offset): the order of first sight
    where: str  # path:line of the first occurrence


@dataclass
class _Cluster:
    preferred: str | None  # casefolded glossary ``en`` when the cluster is an entry's
    spellings: dict[str, _Spelling] = field(default_factory=dict)

    def majority(self) -> tuple[str, _Spelling]:
        """Most frequent spelling; ties go to the glossary's preferred form, then first seen."""
        return min(
            self.spellings.items(), key=lambda kv: (-kv[1].count, kv[0] != self.preferred, kv[1].first)
        )


def _mentions(ctx: DocContext) -> Iterator[tuple[tuple[str, ...], str | None, int, int]]:
    """(cluster id, preferred spelling or None, start, end) for each name mention."""
    glossary = ctx.glossary
    covered: list[tuple[int, int]] = []
    if glossary is not None:
        by_id = glossary.by_id
        seen: dict[tuple[str, str], tuple[tuple[str, ...], str | None] | None] = {}
        for m in ctx.matches:
            covered.append((m.start, m.end))
            if m.status != "accepted":
                continue
            k = (m.text, m.entry_id)
            if k in seen:
                found = seen[k]
            else:
                entry = by_id.get(m.entry_id)
                if entry is None or entry.kind not in NAME_KINDS:
                    found = seen[k] = None
                else:
                    key = fold_key(m.text)
                    found = seen[k] = (
                        ("entry", entry.id, key),
                        entry.en if fold_key(entry.en) == key else None,
                    )
            if found is not None:
                yield found[0], found[1], m.start, m.end
    covered.sort()
    by_fold = glossary.by_fold if glossary is not None else {}
    ci = 0
    known: dict[str, tuple[tuple[str, ...], str | None] | None] = {}  # a name recurs in a document
    for span in ctx.names:
        while ci < len(covered) and covered[ci][1] <= span.start:
            ci += 1
        if ci < len(covered) and covered[ci][0] < span.end:
            continue  # a glossary form is inside: the glossary mention speaks for it
        text = span.text
        if text in known:
            found = known[text]
        else:
            found = known[text] = _cluster_of(text, by_fold)
        if found is not None:
            yield found[0], found[1], span.start, span.end


def _cluster_of(
    text: str, by_fold: Mapping[str, Sequence[Entry]]
) -> tuple[tuple[str, ...], str | None] | None:
    """(cluster id, preferred spelling or None) of a name span no glossary form covers; None
    for a name too short to cluster."""
    key = fold_key(text)
    if len(key) < _MIN_KEY:
        return None
    entries = [e for e in by_fold.get(key, ()) if e.kind in NAME_KINDS]
    if entries:
        e = entries[0]
        return ("entry", e.id, key), (e.en if fold_key(e.en) == key else None)
    return ("name", loose_key(text)), None


def _mention_list(ctx: DocContext) -> list[tuple[tuple[str, ...], str | None, int, int, str]]:
    """The per-document part of the rule (``collect``): every mention as (cluster id, spelling
    key of the preferred form or None, start, end, spelling key), computed where the document
    is checked."""
    text = ctx.text
    keys: dict[str, str] = {}
    out = []
    for cid, pref, a, b in _mentions(ctx):
        surface = text[a:b]
        skey = keys.get(surface)
        if skey is None:
            skey = keys[surface] = _spelling_key(surface)
        if pref is not None:
            pkey = keys.get(pref)
            if pkey is None:
                pkey = keys[pref] = _spelling_key(pref)
            pref = pkey
        out.append((cid, pref, a, b, skey))
    return out


@register(
    "inconsistent-rendering",
    "warning",
    "one entity written in more than one form across the documents checked",
    scope="run",
)
def inconsistent_rendering(ctxs: Sequence[DocContext]) -> Iterator[Finding]:
    """Flags each occurrence of a minority spelling of a name written in more than one form
    across the documents of a run -- forms that differ only by diacritics, hyphens, spacing or
    romanisation (``Chikyu`` beside ``Chikyū``, ``Minami-Tori-shima`` beside
    ``Minami-Torishima``) -- naming the majority spelling and where it is first seen; the
    suggestion is the majority spelling (ties: the glossary's preferred form, then the first).

    Publications keep one spelling per name; mixed spellings read as two entities, split search
    results and show an unedited text. Short and long forms of a name (``Takaichi``,
    ``Sanae Takaichi``) are not inconsistencies.

    >>> from zhen_tools.text.document import document_from_text
    >>> docs = [DocContext(document_from_text("Chikyu left Shimizu. Chikyu returned.", "a.txt")),
    ...         DocContext(document_from_text("The vessel Chikyū sailed.", "b.txt"))]
    >>> [(f.path, f.text, f.suggestion) for f in inconsistent_rendering(docs)]
    [('b.txt', 'Chikyū', 'Chikyu')]
    """
    clusters: dict[tuple[str, ...], _Cluster] = {}
    mentions = [ctx.memo("inconsistent-rendering", _mention_list) for ctx in ctxs]
    for di, ctx in enumerate(ctxs):
        for cid, pref, a, b, skey in mentions[di]:
            cluster = clusters.get(cid)
            if cluster is None:
                cluster = clusters[cid] = _Cluster(None)
            if pref is not None and cluster.preferred is None:
                cluster.preferred = pref
            sp = cluster.spellings.get(skey)
            if sp is None:
                line, _ = ctx.doc.position(a)
                cluster.spellings[skey] = _Spelling(ctx.text[a:b], 1, (di, a), f"{ctx.doc.path}:{line}")
            else:
                sp.count += 1
    mixed = {cid: c.majority() for cid, c in clusters.items() if len(c.spellings) > 1}
    if not mixed:
        return
    for ctx, found in zip(ctxs, mentions):
        for cid, _, a, b, skey in found:
            if cid not in mixed:
                continue
            key, major = mixed[cid]
            if skey == key:
                continue
            surface = ctx.text[a:b]
            times = "once" if major.count == 1 else f"{major.count} times"
            yield ctx.finding(
                a,
                b,
                "inconsistent-rendering",
                f"'{surface}' is written '{major.display}' elsewhere ({times}; first at {major.where})",
                major.display,
            )


inconsistent_rendering.collect = _mention_list  # type: ignore[attr-defined]
