"""The inconsistent-rendering rule: one entity spelled in more than one way across a run.

Mentions are the glossary's accepted matches of names and the name-like spans no glossary form
covers. Mentions fall in one cluster when their folded keys are equal (diacritics, hyphens,
spaces, case and long vowels aside: ``Chikyu``/``Chikyū``, ``Minami-Tori-shima``/
``Minami-Torishima``) or, for names in no glossary, equal after also folding romanisation
variants (``Shimbun``/``Shinbun``, ``Itoh``/``Ito``). Short and long forms (``Lynas`` /
``Lynas Rare Earths``) have different keys and never meet. Each document's mentions are found
once (its name spans are the DocContext's, shared with near-miss); a first pass counts each
spelling and remembers where it was first seen, a second reports the minority spellings.

With pairs, mentions are also anchored on the source: each name span of a target segment is
linked to the Chinese name of its aligned source segment whose pinyin reads closest to it, and
one Chinese name rendered with two different letters across the run (``Chen Kaixian`` /
``Chen Kaixin`` for 陈凯欣) is reported, which the target-only clusters, kept strict to stay
precise, cannot see.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import islice, product
from typing import Any

from zhen_tools.findings import Finding
from zhen_tools.glossary.fold import fold_key, loose_key
from zhen_tools.glossary.model import NAME_KINDS, Entry
from zhen_tools.glossary.translit import _pypinyin, package_version, pinyin_fold
from zhen_tools.rules.context import DocContext, PairContext
from zhen_tools.rules.registry import register
from zhen_tools.text.cache import cached_pickle
from zhen_tools.text.chars import HAN

__all__ = ["State", "add_mentions", "inconsistent_rendering", "merge_states", "minority", "resolve"]

_MIN_KEY = 4  # shorter names (US, EU, Li) vary legitimately and are too ambiguous to cluster
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def _spelling_key(surface: str) -> str:
    """Spellings that differ only in case (headlines) or apostrophe shape are one spelling."""
    return surface.translate(_APOSTROPHES).casefold()


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


# -- map and reduce over plain data ------------------------------------------------------------
#
# The rule is a keyed reduce: ``add_mentions`` (map) folds one document's mentions into a
# state keyed by cluster id, ``merge_states`` (reduce) merges two states, ``resolve`` names the
# majority spelling of each mixed cluster and ``minority`` lists the mentions to report. States
# hold only strings, ints and tuples (picklable, engine-neutral): cluster id -> [preferred,
# spellings], preferred = (order, spelling key) or None, spellings = spelling key ->
# [display, count, first, where, locations], ``first`` the (document order, offset) of the first
# sight and ``locations`` (emit order, location) pairs -- all of them, or the ``sample``
# smallest, which bounds the state by the number of distinct spellings.

State = dict[tuple[str, ...], list[Any]]


def add_mentions(
    state: State,
    mentions: Sequence[tuple[tuple[str, ...], str | None, int, int, str]],
    order: Any,
    text: str,
    where: Callable[[int], str],
    loc: Callable[[int, int], Any],
    sample: int | None = None,
) -> State:
    """Fold one document's mentions (``_mention_list``) into ``state``: ``order`` sorts the
    document among all others, ``text`` is its text, ``where(a)`` names the place of offset
    ``a`` (``path:line``), ``loc(a, b)`` is the plain data a finding is later built from."""
    for idx, (cid, pref, a, b, skey) in enumerate(mentions):
        cluster = state.get(cid)
        if cluster is None:
            cluster = state[cid] = [None, {}]
        if pref is not None and cluster[0] is None:
            cluster[0] = ((order, a), pref)
        sp = cluster[1].get(skey)
        if sp is None:
            sp = cluster[1][skey] = [text[a:b], 0, (order, a), where(a), []]
        sp[1] += 1
        locs = sp[4]
        if sample is None or len(locs) < sample:
            locs.append(((order, idx), loc(a, b)))
    return state


def merge_states(a: State, b: State, sample: int | None = None) -> State:
    """``a`` with ``b`` merged into it (the reduce; associative, and commutative as long as
    the document orders of ``a`` and ``b`` are distinct)."""
    for cid, (pref, spellings) in b.items():
        mine = a.get(cid)
        if mine is None:
            a[cid] = [pref, spellings]
            continue
        if pref is not None and (mine[0] is None or pref[0] < mine[0][0]):
            mine[0] = pref
        for skey, sp in spellings.items():
            old = mine[1].get(skey)
            if old is None:
                mine[1][skey] = sp
                continue
            if sp[2] < old[2]:
                old[0], old[2], old[3] = sp[0], sp[2], sp[3]
            old[1] += sp[1]
            locs = sorted(old[4] + sp[4])
            old[4] = locs if sample is None else locs[:sample]
    return a


def resolve(state: State) -> dict[tuple[str, ...], tuple[str, list[Any]]]:
    """Cluster id -> (spelling key, spelling) of the majority spelling of each cluster written
    in more than one way: most frequent; ties go to the glossary's preferred form, then the
    first seen."""
    out = {}
    for cid, (pref, spellings) in state.items():
        if len(spellings) > 1:
            p = pref[1] if pref is not None else None
            out[cid] = min(spellings.items(), key=lambda kv: (-kv[1][1], kv[0] != p, kv[1][2]))
    return out


def minority(state: State) -> list[tuple[Any, str, str, str]]:
    """(location, surface, message, suggestion) of every kept mention of a minority spelling,
    in emit order."""
    out = []
    for cid, (key, major) in resolve(state).items():
        times = "once" if major[1] == 1 else f"{major[1]} times"
        for skey, sp in state[cid][1].items():
            if skey == key:
                continue
            for order, loc in sp[4]:
                surface = loc[-1]
                message = f"'{surface}' is written '{major[0]}' elsewhere ({times}; first at {major[3]})"
                out.append((order, loc, message, major[0]))
    out.sort(key=lambda t: t[0])
    return [(loc, loc[-1], message, sugg) for _, loc, message, sugg in out]


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
    state: State = {}
    for di, ctx in enumerate(ctxs):
        doc, text = ctx.doc, ctx.text
        add_mentions(
            state,
            ctx.memo("inconsistent-rendering", _mention_list),
            di,
            text,
            lambda a, doc=doc: f"{doc.path}:{doc.position(a)[0]}",  # type: ignore[misc]
            lambda a, b, di=di, text=text: (di, a, b, text[a:b]),  # type: ignore[misc]
        )
    reported: set[tuple[str, int]] = set()
    for (di, a, b, _), _, message, suggestion in minority(state):
        reported.add((ctxs[di].doc.path, a))
        yield ctxs[di].finding(a, b, "inconsistent-rendering", message, suggestion)
    yield from _anchored_findings(ctxs, reported)


inconsistent_rendering.collect = _mention_list  # type: ignore[attr-defined]


# -- anchored on the source ------------------------------------------------------------------

# Memo key of a target document's source-anchored mentions: (Chinese name, fold key, start,
# end), plain data like ``collect``'s, written by the pair-scope part below.
ANCHORED = "inconsistent-rendering:anchored"
_CLOSE = 80.0  # rapidfuzz ratio between a name's letters and a source name's pinyin
_MIN_LETTERS = 5  # `Chen`, `Li Na`: too short to tell a variant from another name
_HAN_RUN = re.compile(f"[{HAN}]+")
# Names whose two English forms are both in use, so that pinyin cannot link them.
KNOWN_VARIANTS = {"澳门": ("Macao", "Macau"), "基辅": ("Kyiv", "Kiev"), "孟买": ("Mumbai", "Bombay")}


@lru_cache(maxsize=1)
def _ratio() -> Callable[..., Any]:
    """rapidfuzz's ``process.extractOne`` scored by plain ``fuzz.ratio`` (the default, WRatio,
    matches parts: ``Xinhua Commentary`` to 新华), imported when a pair is first anchored."""
    import rapidfuzz.fuzz
    import rapidfuzz.process

    return partial(rapidfuzz.process.extractOne, scorer=rapidfuzz.fuzz.ratio)


@lru_cache(maxsize=1)
def _han_readings() -> dict[str, tuple[str, ...]]:
    """Han character -> its toneless readings, most common first: pypinyin's character table,
    folded once and kept in the disk cache (importing pypinyin costs ~0.4 s, mostly for phrase
    tables this rule does not read; the folded table loads in ~15 ms)."""

    def compute() -> dict[str, tuple[str, ...]]:
        table = _pypinyin().pinyin_dict.pinyin_dict
        return {
            chr(cp): tuple(dict.fromkeys(pinyin_fold(r) for r in raw.split(","))) for cp, raw in table.items()
        }

    return cached_pickle("han-readings", [package_version("pypinyin"), 1], compute)  # type: ignore[no-any-return]


class _SourceNames:
    """The Chinese names a source segment may hold: every run of 2 to 4 Han characters (a
    Chinese name is two to four characters), in each of its first 4 readings (重庆: zhongqing,
    chongqing, ...), as pinyin key -> Chinese form. Keys are built per first letter, when a name
    span of the target starting with that letter is first compared (a name and its reading start
    alike), so a segment pays only for the letters its translation's names start with.

    >>> sorted(k for k, v in _SourceNames("在重庆").keys("c").items() if v == "重庆")
    ['chongqing']
    """

    __slots__ = ("_by_letter", "_runs", "_starts")

    def __init__(self, text: str) -> None:
        table = _han_readings()
        self._runs = [(han, [table.get(c) or ("",) for c in han]) for han in _HAN_RUN.findall(text)]
        self._by_letter: dict[str, dict[str, str]] = {}
        # First letter -> (run, position) of the characters a reading of which starts with it;
        # "" for characters without a reading, whose names may start with any letter.
        self._starts: dict[str, list[tuple[int, int]]] = {}
        for r, (han, readings) in enumerate(self._runs):
            for i in range(len(han) - 1):
                for letter in {reading[:1] for reading in readings[i]}:
                    self._starts.setdefault(letter, []).append((r, i))

    def keys(self, letter: str) -> dict[str, str]:
        """Pinyin key -> Chinese form, for the keys starting with ``letter``."""
        out = self._by_letter.get(letter)
        if out is not None:
            return out
        out = self._by_letter[letter] = {}
        starts = self._starts.get(letter, [])
        if "" in self._starts:
            starts = sorted(starts + self._starts[""])
        for r, i in starts:
            han, readings = self._runs[r]
            for n in range(2, min(4, len(han) - i) + 1):
                for combo in islice(product(*readings[i : i + n]), 4):
                    key = "".join(combo)
                    if key[:1] == letter:
                        out.setdefault(key, han[i : i + n])
        return out


_source_names = lru_cache(maxsize=4096)(_SourceNames)


class _Window:
    """The source names of a bead and its neighbours, merged per first letter on first use (the
    bead's own source first, so that a key both have keeps the bead's Chinese form)."""

    __slots__ = ("_merged", "_sources")

    def __init__(self, texts: Sequence[str]) -> None:
        self._sources = [_source_names(t) for t in texts]
        self._merged: dict[str, tuple[list[str], dict[str, str]]] = {}

    def choices(self, letter: str) -> tuple[list[str], dict[str, str]]:
        got = self._merged.get(letter)
        if got is None:
            if len(self._sources) == 1:
                keys = self._sources[0].keys(letter)
            else:
                keys = {}
                for names in self._sources:
                    for key, zh in names.keys(letter).items():
                        keys.setdefault(key, zh)
            got = self._merged[letter] = (list(keys), keys)
        return got


def _best_part(text: str, words: Sequence[tuple[int, int]], window: _Window) -> tuple[str, int, int] | None:
    """(Chinese name, start, end) for the run of up to three words of a name span that reads
    closest to a source name's pinyin (a span may hold more than the name: ``Shanghai Municipal
    Government``, ``Beijing TV``), or None when no run of five letters or more comes close."""
    best: tuple[float, int, str, int, int] | None = None
    for i in range(len(words)):
        for j in range(i, min(i + 3, len(words))):
            a, b = words[i][0], words[j][1]
            letters = pinyin_fold(text[a:b])
            if len(letters) < _MIN_LETTERS:
                continue
            choices, keys = window.choices(letters[0])  # a name and its reading start alike
            got = _ratio()(letters, choices, score_cutoff=_CLOSE) if choices else None
            if got is None:
                continue
            # A word more is worth 5 points: `Cheng Guangming` (96) over `Guangming` (100) for
            # 陈光明, but `Beijing` (100) over `Beijing TV` (90) for 北京.
            score = got[1] + 5 * (j - i)
            if best is None or score > best[0]:
                best = (score, j - i, keys[got[0]], a, b)
    return None if best is None else best[2:]


@register(
    "inconsistent-rendering",
    "warning",
    "one entity written in more than one form across the documents checked",
    scope="pair",
)
def anchor_mentions(pair: PairContext) -> Iterator[Finding]:
    """The per-pair part of the rule: it reports nothing itself, but stores on the target
    document (memo ``ANCHORED``) each name span linked to the Chinese name of its aligned
    source whose pinyin reads closest (rapidfuzz ratio >= 80), and each known variant
    (``Macau``/``Macao`` for 澳门), for ``inconsistent_rendering`` to compare across the run.

    >>> from zhen_tools.text.document import document_from_text
    >>> from zhen_tools.run.inputs import find_pairs
    >>> zh = DocContext(document_from_text("陈凯欣说，澳门很好。\\n", "a.zh.txt"))
    >>> en = DocContext(document_from_text("Chen Kaixian said Macau is fine.\\n", "a.en.txt"))
    >>> list(anchor_mentions(find_pairs([zh, en])[0])), en.memos[ANCHORED]
    ([], [('陈凯欣', 'chenkaixian', 0, 12), ('澳门', 'macau', 18, 23)])
    """
    if pair.digest:
        return iter(())
    target = pair.target
    names = target.names
    starts = [n.start for n in names]
    found: list[tuple[str, str, int, int]] = []
    for n, bead in enumerate(pair.beads):
        if not bead.source or not bead.target:
            continue
        # The neighbours too when alignment may drift: the closest reading picks among them
        # (the bead's own source first, which keeps a reading both have).
        window = [bead, *(near for near in pair.window(n) if near is not bead)]
        source = " ".join(seg.text for near in window for seg in near.source)
        if not _HAN_RUN.search(source):
            continue
        sources: _Window | None = None
        for seg in bead.target:
            a, b = seg.doc_offset(0), seg.doc_offset(len(seg.text))
            for i in range(bisect_left(starts, a), len(names)):
                span = names[i]
                if span.start >= b:
                    break
                for zh, forms in KNOWN_VARIANTS.items():
                    if span.text in forms and zh in source:
                        found.append((zh, fold_key(span.text), span.start, span.end))
                if sources is None:
                    sources = _Window([s.text for near in window for s in near.source])
                best = _best_part(target.text, span.words, sources)
                if best is not None:
                    zh, start, end = best
                    found.append((zh, fold_key(target.text[start:end]), start, end))
    target.memos.setdefault(ANCHORED, []).extend(found)
    return iter(())


@dataclass
class _Spelling:
    """One rendering of a source-anchored name: as first written, how often, and where first."""

    display: str
    count: int
    first: tuple[int, int]  # (document index, offset): the order of first sight
    where: str  # path:line of the first occurrence


def _anchored_findings(ctxs: Sequence[DocContext], reported: set[tuple[str, int]]) -> Iterator[Finding]:
    """One Chinese name rendered with different letters across the run: each minority rendering,
    with the majority one, both with their Chinese source."""
    by_name: dict[str, dict[str, _Spelling]] = {}
    for di, ctx in enumerate(ctxs):
        for zh, key, a, b in ctx.memos.get(ANCHORED, ()):
            spellings = by_name.setdefault(zh, {})
            sp = spellings.get(key)
            if sp is None:
                line, _ = ctx.doc.position(a)
                spellings[key] = _Spelling(ctx.text[a:b], 1, (di, a), f"{ctx.doc.path}:{line}")
            else:
                sp.count += 1
    mixed = {}
    for zh, spellings in by_name.items():
        if len(spellings) > 1:
            mixed[zh] = min(spellings.items(), key=lambda kv: (-kv[1].count, kv[1].first))
    if not mixed:
        return
    for ctx in ctxs:
        for zh, key, a, b in ctx.memos.get(ANCHORED, ()):
            if zh not in mixed or (ctx.doc.path, a) in reported:
                continue
            major_key = mixed[zh][0]
            if key.startswith(major_key) or major_key.startswith(key):
                continue  # the same letters and more: `Tunisian` beside `Tunisia`, not a variant
            major = mixed[zh][1]
            times = "once" if major.count == 1 else f"{major.count} times"
            reported.add((ctx.doc.path, a))
            yield ctx.finding(
                a,
                b,
                "inconsistent-rendering",
                f"'{ctx.text[a:b]}' (for {zh} in the source) is written '{major.display}' for the same "
                f"{zh} elsewhere ({times}; first at {major.where})",
                major.display,
            )
