"""Glossary aligner rules on one English document: forbidden renderings, near misses, pinyin.

All three read the glossary's one-pass ``matches`` of the document; near misses compare the
document's name-like spans (``zhen_tools.text.names``) with the glossary's accepted forms, and
``transliteration`` looks for the pinyin of the glossary's Chinese forms.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, chain
from typing import TYPE_CHECKING

import regex

from zhen_tools.rules.context import DocContext
from zhen_tools.rules.registry import register
from zhen_tools.findings import Finding
from zhen_tools.glossary.model import Entry, fold_key
from zhen_tools.text.names import NameSpan

if TYPE_CHECKING:
    from zhen_tools.glossary.model import Glossary

__all__ = ["glossary_forbidden", "glossary_near_miss", "transliteration", "NearMissIndex"]

_QUOTES = "\"'“”‘’«»「」"


# --- glossary-forbidden -------------------------------------------------------------------------


@register("glossary-forbidden", "error", "a rendering the glossary lists as forbidden", fixable=True)
def glossary_forbidden(ctx: DocContext) -> Iterator[Finding]:
    """Flags a rendering the glossary lists as ``forbidden`` for an entry (a literal form, or the
    span of a ``re:`` pattern), and suggests the entry's preferred form ``en``.

    Forbidden forms record known mistranslations -- a Japanese island translated word by word, a
    publication left in pinyin, a ship's name translated as a common noun -- that a reader cannot
    detect and that break searches for the real name.

    >>> from zhen_tools.text.document import document_from_text
    >>> from zhen_tools.glossary.model import Entry, Glossary
    >>> g = Glossary(entries=(Entry("minami-torishima", "Minami-Torishima", kind="place",
    ...                             forbidden=("South Bird Island",)),))
    >>> [(f.text, f.suggestion) for f in glossary_forbidden(
    ...     DocContext(document_from_text("Mud near the South Bird Island."), g))]
    [('South Bird Island', 'Minami-Torishima')]
    """
    if ctx.glossary is None:
        return
    by_id = ctx.glossary.by_id
    for m in ctx.matches:
        if m.status != "forbidden":
            continue
        entry = by_id.get(m.entry_id)
        if entry is None:
            continue
        suggestion = _keep_quotes(m.text, entry.en)
        yield ctx.finding(m.start, m.end, "glossary-forbidden",
                          f"'{m.text}' is a forbidden rendering of {_name(entry)}", suggestion)


def _keep_quotes(found: str, preferred: str) -> str:
    """The preferred form, keeping quotation marks that a pattern's span included."""
    if len(found) >= 2 and found[0] in _QUOTES and found[-1] in _QUOTES:
        return found[0] + preferred + found[-1]
    return preferred


def _name(entry: Entry) -> str:
    return f"{entry.en} ({entry.id})"


# --- glossary-near-miss -------------------------------------------------------------------------

# Edit distance allowed on folded keys, by the length of the entry's key: short names have too
# many real neighbours (Fuji/Fiji, Lynas/Lyons) to allow any.
def _max_distance(length: int) -> int:
    if length < 6:
        return 0
    if length < 9:
        return 1
    if length < 13:
        return 2
    return 3


_CLOSE = 75.0  # rapidfuzz ratio for a name part that is a likely misspelling (Sanna/Sanae)
_LOOSE = 65.0  # ... when another part of the name is spelled exactly (Takahashi/Takaichi + Sanae)
_MIN_FUZZY_PART = 4  # shorter parts (Li, Lee, Jae) must be equal: too many real names differ by one
_MAX_WINDOW = 5
_ENDINGS = frozenset({"s", "es", "n", "an", "ns", "ans", "ian", "ians", "ese", "i", "is"})
_SPLIT = regex.compile(r"[\s\-\u2010-\u2015]+")


@dataclass(frozen=True)
class _Form:
    entry: Entry
    form: str
    key: str
    words: tuple[str, ...]  # folded, space-separated words (hyphenated parts kept together)
    parts: tuple[str, ...]  # folded, split on spaces and hyphens


@dataclass(frozen=True)
class NearMissIndex:
    """The glossary's accepted forms, prepared for near-miss lookups (built once per glossary).

    ``keys``: folded accepted form -> entries; ``short``: folded contiguous word runs of accepted
    forms (``Takaichi`` of ``Sanae Takaichi``, ``Rare Earths`` of ``Lynas Rare Earths``), which are
    short forms, not misses; ``by_initials``: accepted forms by the initials of their words
    (persons: of their name parts, marked ``"p"``), since a near miss keeps every initial.
    """

    keys: dict[str, tuple[Entry, ...]]
    short: frozenset[str]
    by_initials: dict[tuple[str, str], tuple[_Form, ...]]
    max_words: int
    # (window text, swapped only) -> its verdict: names recur across spans and documents.
    verdicts: dict[tuple[str, bool], _Verdict | None] = field(default_factory=dict, compare=False,
                                                              repr=False)
    # (span text, its words' offsets from its start, the glossary matches near it) -> its
    # windows' hits: (start, end from the span's start, the window in lower case, a hit). Away
    # from any glossary match, the key has no matches, and a one-word span's is its text alone.
    span_verdicts: dict[object, tuple[tuple[int, int, str, _Hit], ...]] = (
        field(default_factory=dict, compare=False, repr=False))
    # (forbidden form, person entry id) -> ``_wrong_parts`` of it.
    wrong_parts: dict[tuple[str, str], list[tuple[str, str]]] = (
        field(default_factory=dict, compare=False, repr=False))


def near_miss_index(glossary: Glossary) -> NearMissIndex:
    return glossary.derived("near-miss-index", lambda g: _near_miss_index(g.entries))


@lru_cache(maxsize=8)
def _near_miss_index(entries: tuple[Entry, ...]) -> NearMissIndex:
    keys: dict[str, list[Entry]] = {}
    short: set[str] = set()
    by_initials: dict[tuple[str, str], list[_Form]] = {}
    max_words = 0
    for e in entries:
        for form in e.accepted:
            key = fold_key(form)
            if not key:
                continue
            if e not in keys.setdefault(key, []):
                keys[key].append(e)
            words = form.split()
            for i in range(len(words)):
                for j in range(i + 1, len(words) + 1):
                    if (i, j) != (0, len(words)):
                        short.add(fold_key(" ".join(words[i:j])))
            folded_words = tuple(fold_key(w) for w in words)
            parts = tuple(fold_key(p) for p in _SPLIT.split(form) if fold_key(p))
            if not all(folded_words):
                continue
            max_words = max(max_words, len(words))
            if e.kind == "person" and len(parts) >= 2:
                ikey = ("p", "".join(p[0] for p in parts))
            else:
                ikey = ("w", "".join(w[0] for w in folded_words))
            by_initials.setdefault(ikey, []).append(_Form(e, form, key, folded_words, parts))
    return NearMissIndex(
        {k: tuple(v) for k, v in keys.items()},
        frozenset(short),
        {n: tuple(v) for n, v in by_initials.items()},
        max_words,
    )


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    entries: tuple[Entry, ...]
    reason: str
    score: float
    wrong_parts: tuple[tuple[str, str], ...] = ()  # (misspelt word, the entry's word)
    suggestion: str | None = None  # instead of the entry's preferred form


@register("glossary-near-miss", "warning", "a name-like span close to, but not, an accepted rendering",
          fixable=True)
def glossary_near_miss(ctx: DocContext) -> Iterator[Finding]:
    """Flags a name-like span that is not an accepted form of any glossary entry but is close to
    one: the same letters spelled differently (``Minami-Tori-Shima``), the name order swapped
    (``Takaichi Sanae`` where only ``Sanae Takaichi`` is accepted), a small edit distance on the
    folded spelling (``Rostek``), or a person's name with one part right and the other nearly
    right (``Shigeru Ishida`` for ``Shigeru Ishiba``). A bare word that a flagged name in the same
    document got wrong is flagged too (``Takashi`` after ``Sanna Takashi``).

    Misspelt names are the commonest error in translated news and no spell checker sees them.
    Accepted variants, other entries' forms (``Okinotorishima`` is its own island), short forms
    (``Takaichi``, ``Lynas``) and ordinary words are left alone. The suggestion is the preferred
    form when exactly one entry is close.

    >>> from zhen_tools.text.document import document_from_text
    >>> from zhen_tools.glossary.model import Entry, Glossary
    >>> g = Glossary(entries=(Entry("ishiba", "Shigeru Ishiba", kind="person"),))
    >>> doc = document_from_text("Shigeru Ishida spoke. Later Ishiba left.")
    >>> [(f.text, f.suggestion) for f in glossary_near_miss(DocContext(doc, g))]
    [('Shigeru Ishida', 'Shigeru Ishiba')]
    """
    if ctx.glossary is None or not ctx.glossary.entries:
        return
    index = near_miss_index(ctx.glossary)
    text = ctx.text
    ordinary = ctx.ordinary_words
    spans = ctx.names
    hits: list[_Hit] = []
    span_memo = index.span_verdicts
    bisect_left = bisect.bisect_left
    forbidden = accepted = _NO_INTERVALS  # the glossary matches, once a span has hits
    f_starts: list[int] = []
    f_reach: list[int] = []
    a_starts: list[int] = []
    a_reach: list[int] = []
    for span in spans:
        # A span's hits depend only on its text (and the next two characters), its word layout,
        # the glossary matches near it (as far as ``_Intervals`` looks) and the ordinary words
        # (applied below): names recur across documents, so memoise on the rest. Glossary
        # matches only take hits away (a window on one is skipped or may only be the swapped
        # name), so a span with no hits away from any has none at all: look that up first.
        s0 = span.start
        s1 = span.end
        words = span.words
        near_key: object
        if len(words) == 1 and words[0] == (s0, s1):
            near_key = text[s0:s1 + 2]  # the commonest kind of span, keyed by its text alone
        else:
            near_key = (text[s0:s1 + 2], tuple([(a - s0, b - s0) for a, b in words]))
        found = span_memo.get(near_key)
        if found is None:
            found = _span_found(text, span, index, _NO_INTERVALS, _NO_INTERVALS)
            if len(span_memo) < _MAX_VERDICTS:
                span_memo[near_key] = found
        if not found:
            continue
        if forbidden is _NO_INTERVALS:
            matches = ctx.matches
            forbidden = _Intervals((m.start, m.end) for m in matches if m.status == "forbidden")
            accepted = _Intervals((m.start, m.end) for m in matches if m.status == "accepted")
            f_starts, f_reach = forbidden.starts_and_reach()
            a_starts, a_reach = accepted.starts_and_reach()
        i = bisect_left(f_starts, s1)
        f_near = forbidden.near_touching(s0, s1) if i and f_reach[i - 1] > s0 else None
        i = bisect_left(a_starts, s1)
        a_near = accepted.near_touching(s0, s1) if i and a_reach[i - 1] > s0 else None
        if f_near is not None or a_near is not None:
            mkey = (text[s0:s1 + 2], tuple([(a - s0, b - s0) for a, b in words]), f_near, a_near)
            found = span_memo.get(mkey)
            if found is None:
                found = _span_found(text, span, index, forbidden, accepted)
                if len(span_memo) < _MAX_VERDICTS:
                    span_memo[mkey] = found
        for ra, rb, low, h in found:
            if low not in ordinary:
                hits.append(h if ra + s0 == h.start else
                            _Hit(ra + s0, rb + s0, h.entries, h.reason, h.score, h.wrong_parts,
                                 h.suggestion))
    chosen = _non_overlapping(hits)
    # Parts of misspelt names (near misses here, or forbidden forms of persons) are flagged where
    # they stand alone: "Takashi's cabinet" after "Sanna Takashi".
    wrong: dict[str, tuple[Entry, str, str]] = {}  # word -> (entry, its right word, the name)
    for h in chosen:
        for bad, good in h.wrong_parts:
            wrong.setdefault(bad, (h.entries[0], good, text[h.start:h.end]))
    by_id = ctx.glossary.by_id
    parts_memo = index.wrong_parts
    for m in ctx.matches:
        if m.status != "forbidden":
            continue
        entry = by_id.get(m.entry_id)
        if entry is not None and entry.kind == "person":
            parts = parts_memo.get((m.text, entry.id))
            if parts is None:
                parts = _wrong_parts(m.text, entry)
                if len(parts_memo) < _MAX_VERDICTS:
                    parts_memo[m.text, entry.id] = parts
            for bad, good in parts:
                wrong.setdefault(bad, (entry, good, m.text))
    # A word that is itself part of an accepted name (River of Huaihe River) or ordinary is
    # no evidence of the misspelling on its own.
    wrong = {w: v for w, v in wrong.items()
             if w.lower() not in ordinary and _fold(w) not in index.short and _fold(w) not in index.keys}
    if wrong:
        matched = _Intervals((m.start, m.end) for m in ctx.matches if m.status != "source")
        taken = _Intervals((h.start, h.end) for h in chosen)
    for a, b in _span_words_spelled(text, spans, wrong):
        word = text[a:b]
        if not matched.overlaps(a, b) and not taken.overlaps(a, b):
            entry, good, name = wrong[word]
            chosen.append(_Hit(a, b, (entry,), f"the misspelt part of '{name}' in this "
                               "document", 0.0, ((word, good),), good))
    for h in sorted(chosen, key=lambda h: h.start):
        suggestion = None
        if len(h.entries) == 1:
            suggestion = h.suggestion or h.entries[0].en
        names = ", ".join(_name(e) for e in h.entries)
        yield ctx.finding(h.start, h.end, "glossary-near-miss",
                          f"'{text[h.start:h.end]}' is close to {names}: {h.reason}", suggestion)


def _span_found(text: str, span: NameSpan, index: NearMissIndex, forbidden: _Intervals,
                accepted: _Intervals) -> tuple[tuple[int, int, str, _Hit], ...]:
    """``_span_hits`` (ordinary words aside) as ``span_verdicts`` keeps them: each hit's start and
    end from the span's start and its text in lower case, then the hit."""
    s0 = span.start
    return tuple((h.start - s0, h.end - s0, text[h.start:h.end].lower(), h)
                 for h in _span_hits(text, span, index, forbidden, accepted, frozenset()))


def _span_words_spelled(text: str, spans: Sequence[NameSpan], spellings: Iterable[str]
                        ) -> list[tuple[int, int]]:
    """The words of ``spans`` (in text order) that are one of ``spellings``: found with
    ``str.find``, since a document has a few such spellings and thousands of words.

    >>> from zhen_tools.text.names import name_spans
    >>> text = "Sanna Takashi met Takashima. Takashi left."
    >>> [text[a:b] for a, b in _span_words_spelled(text, name_spans(text), {"Takashi"})]
    ['Takashi', 'Takashi']
    """
    places = set()
    for word in spellings:
        i = text.find(word)
        while i >= 0:
            places.add((i, i + len(word)))
            i = text.find(word, i + 1)
    if not places:
        return []
    # Spans are in text order and do not overlap: the one holding a place starts last before it.
    starts = [span.start for span in spans]
    out = []
    for a, b in sorted(places):
        k = bisect.bisect_right(starts, a) - 1
        if k >= 0 and (a, b) in spans[k].words:
            out.append((a, b))
    return out


def _wrong_parts(form: str, entry: Entry) -> list[tuple[str, str]]:
    """Words of a misspelt person's name (len >= 4) that are no word of the entry's accepted
    forms, each with the entry's word it stands for (the one at the same or swapped position)."""
    good_words = [w for f in entry.accepted for w in f.split()]
    good_keys = {fold_key(w) for w in good_words}
    en_words = entry.en.split()
    out = []
    words = form.split()
    for i, w in enumerate(words):
        if len(w) < _MIN_FUZZY_PART or fold_key(w) in good_keys or not w[:1].isupper():
            continue
        best = max(en_words, key=lambda g: (_ratio(fold_key(w), fold_key(g)), -abs(i - en_words.index(g))))
        out.append((w, best))
    return out


def _span_hits(
    text: str, span: NameSpan, index: NearMissIndex, forbidden: _Intervals, accepted: _Intervals,
    ordinary: frozenset[str],
) -> Iterator[_Hit]:
    # Windows start and end on capitalised words; particles may sit inside.
    caps = [i for i, (a, b) in enumerate(span.words) if text[a:a + 1].isupper() or text[a:a + 3] in
            ("al-", "el-")]
    # Most spans touch no glossary match: then no window of theirs does either.
    check_forbidden = forbidden.touches(span.start, span.end)
    check_accepted = accepted.touches(span.start, span.end)
    for ci, i in enumerate(caps):
        for j in caps[ci:]:
            n_words = j - i + 1
            if n_words > index.max_words or n_words > _MAX_WINDOW:
                break
            a, b = span.words[i][0], span.words[j][1]
            if check_forbidden and forbidden.overlaps(a, b):
                continue
            inside = accepted.overlapping(a, b) if check_accepted else []
            if any(s < a or e > b or (s, e) == (a, b) for s, e in inside):
                continue  # an accepted form, or a window cutting through one
            # A window around an accepted short form ("Takaichi Sanae" around "Takaichi") can
            # only be that name in the wrong order; fuzzy matching would find anything in it.
            hit = _window_hit(text[a:b], a, b, index, ordinary, swapped_only=bool(inside))
            if hit is not None:
                yield hit


@lru_cache(maxsize=65536)
def _fold(s: str) -> str:
    """``fold_key``, memoised: the same words come back in every window and document."""
    return fold_key(s)


@dataclass(frozen=True)
class _Window:
    text: str
    key: str
    words: tuple[str, ...]  # folded, space-separated
    parts: tuple[str, ...]  # folded, split on spaces and hyphens
    shown: tuple[str, ...]  # the surface parts, for suggestions
    swapped: tuple[str, ...]  # folded parts with the space-separated words reversed
    swapped_shown: tuple[str, ...]


def _make_window(window: str) -> _Window:
    words = window.split()
    shown = tuple(p for p in _SPLIT.split(window) if _fold(p))
    swapped_shown = tuple(p for p in _SPLIT.split(" ".join(reversed(words))) if _fold(p))
    return _Window(window, _fold(window), tuple(_fold(w) for w in words),
                   tuple(_fold(p) for p in shown), shown,
                   tuple(_fold(p) for p in swapped_shown), swapped_shown)


# A window's hit without its place: (entries, reason, score, wrong parts).
_Verdict = tuple[tuple[Entry, ...], str, float, tuple[tuple[str, str], ...]]
_MAX_VERDICTS = 200_000


def _window_hit(
    window: str, a: int, b: int, index: NearMissIndex, ordinary: frozenset[str], swapped_only: bool = False
) -> _Hit | None:
    if window.lower() in ordinary:  # an ordinary word (they hold no space)
        return None
    memo = index.verdicts
    try:
        verdict = memo[window, swapped_only]
    except KeyError:
        verdict = _window_verdict(window, index, swapped_only)
        if len(memo) < _MAX_VERDICTS:
            memo[window, swapped_only] = verdict
    if verdict is None:
        return None
    return _Hit(a, b, *verdict)


def _window_verdict(window: str, index: NearMissIndex, swapped_only: bool) -> _Verdict | None:
    """What ``_window_hit`` finds for this window text, wherever it stands (ordinary words aside)."""
    key = _fold(window)
    n_words = len(window.split())
    if len(key) < 3:
        return None
    same = index.keys.get(key)
    if same is not None:
        # Same letters, other spelling; a difference of case only (headlines) is not a miss.
        if any(window.casefold() == f.casefold() for e in same for f in e.accepted):
            return None
        preferred = " / ".join(dict.fromkeys(e.en for e in same))
        return same, f"spelled differently from the accepted {preferred}", 3.0, ()
    if key in index.short:
        return None
    w = _make_window(window)
    if not all(w.words):
        return None
    forms = [*index.by_initials.get(("w", "".join(x[0] for x in w.words)), ()),
             *index.by_initials.get(("p", "".join(x[0] for x in w.parts)), ()),
             *index.by_initials.get(("p", "".join(x[0] for x in w.swapped)), ())]
    if not forms:
        return None
    if n_words >= 2:
        swapped = index.keys.get("".join(w.swapped))
        if swapped is not None and all(e.kind == "person" for e in swapped):
            return swapped, "given name and surname in the wrong order", 2.5, ()
    if swapped_only:
        return None
    found: dict[str, tuple[Entry, float, str, tuple[tuple[str, str], ...]]] = {}
    for form in forms:
        result = _compare(w, form)
        if result is not None:
            score, reason, wrong = result
            if form.entry.id not in found or found[form.entry.id][1] < score:
                found[form.entry.id] = (form.entry, score, reason, wrong)
    if not found:
        return None
    ranked = sorted(found.values(), key=lambda t: -t[1])
    entries = tuple(t[0] for t in ranked)
    return entries, ranked[0][2], ranked[0][1], ranked[0][3] if len(entries) == 1 else ()


def _compare(w: _Window, form: _Form) -> tuple[float, str, tuple[tuple[str, str], ...]] | None:
    """(score in (0, 2], reason, wrong parts) if the window is a near miss of the form."""
    result = _fuzzy(w, form)
    if result is not None and _pinyin_neighbours(w, form):
        return None
    return result


def _pinyin_neighbours(w: _Window, form: _Form) -> bool:
    """A Chinese name one letter from another pinyin spelling is as likely another name
    (Nanning/Nanjing, Zhang Xiaoran/Zhang Xiaoliang) as a typo: not a near miss. Applies to
    entries of origin ``zh``, and to entries of unknown origin whose form is pinyin too."""
    from zhen_tools.text.pinyin import is_pinyin_word as is_pinyin

    origin = form.entry.origin
    if origin not in (None, "zh"):
        return False
    ours, theirs = set(w.parts) - set(form.parts), set(form.parts) - set(w.parts)
    if not ours or not all(is_pinyin(p) for p in ours):
        return False
    return origin == "zh" or all(is_pinyin(p) for p in theirs)


def _fuzzy(w: _Window, form: _Form) -> tuple[float, str, tuple[tuple[str, str], ...]] | None:
    if form.entry.kind == "person" and len(form.parts) >= 2:
        names = tuple(p for p in _SPLIT.split(form.form) if _fold(p))
        for order, shown, label in ((w.parts, w.shown, ""),
                                    (w.swapped, w.swapped_shown, " (name order swapped)")):
            if len(order) != len(form.parts):
                continue
            scored = _person_parts(order, form.parts)
            if scored is not None:
                wrong = tuple((s, g) for s, g, p, q in zip(shown, names, order, form.parts)
                              if p != q and len(s) >= _MIN_FUZZY_PART)
                return scored, "a part of the name is misspelt" + label, wrong
        return None
    if len(w.parts) == len(form.parts) and any(
            p != q and _inflected(p, q) for p, q in zip(w.parts, form.parts)):
        return None  # Asian-Pacific for Asia-Pacific: a hyphenated part inflected
    return _word_distance(w.words, w.key, form)


def _word_distance(words: tuple[str, ...], key: str, form: _Form) -> tuple[float, str, tuple[()]] | None:
    """Near miss by edit distance: each differing word within its own length's allowance and
    starting with the same letter, and the whole within the allowance of the whole name."""
    from rapidfuzz.distance import Levenshtein

    limit = _max_distance(len(form.key))
    if not limit or abs(len(key) - len(form.key)) > limit:
        return None
    total = 0
    for word, target in zip(words, form.words):
        if word == target:
            continue
        allowed = _max_distance(len(target))
        if not allowed or word[:1] != target[:1] or _inflected(word, target):
            return None
        d = Levenshtein.distance(word, target, score_cutoff=allowed)
        if d > allowed:
            return None
        total += d
    if not total or total > limit:
        return None
    return 1.0 + (limit - total) / (limit + 1), f"{total} letter{'s' if total > 1 else ''} off", ()


def _inflected(a: str, b: str) -> bool:
    """One word is the other plus an English ending: a plural or demonym, not a misspelling
    (Philippine/Philippines, America/American, Tunisia/Tunisian)."""
    short, long_ = sorted((a, b), key=len)
    return long_.startswith(short) and long_[len(short):] in _ENDINGS


def _ratio(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return float(fuzz.ratio(a, b))


def _person_parts(parts: Sequence[str], target: Sequence[str]) -> float | None:
    """Score if every part of a person's name is equal or close to the entry's part at the same
    place; a part may be looser when another part of 4+ letters is exact."""
    equal = [p == q for p, q in zip(parts, target)]
    if all(equal):
        return None
    anchored = any(e and len(p) >= _MIN_FUZZY_PART for e, p in zip(equal, parts))
    total = 0.0
    for p, q, e in zip(parts, target, equal):
        if e:
            total += 100.0
            continue
        if min(len(p), len(q)) < _MIN_FUZZY_PART or p[0] != q[0]:
            return None
        r = _ratio(p, q)
        if r < (_LOOSE if anchored else _CLOSE):
            return None
        total += r
    return total / (100.0 * len(parts))


def _non_overlapping(hits: list[_Hit]) -> list[_Hit]:
    """The best hits that do not overlap: higher score first, then the longer span."""
    chosen: list[_Hit] = []
    taken = _Intervals(())
    for h in sorted(hits, key=lambda h: (-h.score, -(h.end - h.start), h.start)):
        if not taken.overlaps(h.start, h.end):
            chosen.append(h)
            taken.add(h.start, h.end)
    return chosen


class _Intervals:
    """A set of (start, end) intervals, disjoint or repeated (glossary matches, chosen hits),
    with an overlap test."""

    def __init__(self, items: Iterator[tuple[int, int]] | tuple[()] | Sequence[tuple[int, int]]) -> None:
        self.items = sorted(items)
        self._reach: tuple[list[int], list[int]] | None = None  # see ``starts_and_reach``
        self._flat: list[int] | None = None  # start, end, start, end ... for ``near``

    def add(self, start: int, end: int) -> None:
        bisect.insort(self.items, (start, end))
        self._reach = self._flat = None

    def touches(self, start: int, end: int) -> bool:
        """Whether any interval overlaps [start, end) (exact, whatever the intervals)."""
        starts, reach = self.starts_and_reach()
        i = bisect.bisect_left(starts, end)  # the intervals starting before ``end``
        return i > 0 and reach[i - 1] > start

    def starts_and_reach(self) -> tuple[list[int], list[int]]:
        """The intervals' starts and the running maximum of their ends: [start, end) touches an
        interval iff ``i = bisect_left(starts, end)`` is positive and ``reach[i - 1] > start``."""
        if self._reach is None:
            self._reach = ([s for s, _ in self.items],
                           list(accumulate((e for _, e in self.items), max)))
        return self._reach

    def near(self, start: int, end: int) -> tuple[int, ...] | None:
        """What ``touches``, ``overlaps`` and ``overlapping`` can see of the intervals for any
        [a, b) inside [start, end), relative to ``start``: None when nothing touches it."""
        if not self.touches(start, end):
            return None
        return self.near_touching(start, end)

    def near_touching(self, start: int, end: int) -> tuple[int, ...]:
        """``near`` for a range that ``touches`` some interval: how many of the nine places
        before the first interval starting at ``start`` or later are empty, then the starts and
        ends of the intervals from there up to ``end``."""
        starts = self.starts_and_reach()[0]
        if self._flat is None:
            self._flat = list(chain.from_iterable(self.items))
        lo = bisect.bisect_left(starts, start) - 9
        hi = bisect.bisect_left(starts, end)
        if lo < 0:
            return (-lo, *[x - start for x in self._flat[:2 * hi]])
        return (0, *[x - start for x in self._flat[2 * lo:2 * hi]])

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        i = bisect.bisect_left(self.items, (end, end))
        return [(s, e) for s, e in self.items[max(0, i - 9):i] if s < end and start < e]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.items, (end, end))
        # Disjoint intervals: only the last few starting before ``end`` can reach past ``start``
        # (a span that is a form of several entries repeats as several items).
        for k in range(i - 1, max(-1, i - 9), -1):
            s, e = self.items[k]
            if s < end and start < e:
                return True
        return False


_NO_INTERVALS = _Intervals(())


# --- transliteration ----------------------------------------------------------------------------

@lru_cache(maxsize=65536)
def _pinyin_fold(word: str) -> str:
    """``translit.pinyin_fold``, memoised: the same words come back in every document."""
    from zhen_tools.glossary.translit import pinyin_fold

    return pinyin_fold(word)


# Latin words (with diacritics: tone-marked pinyin) and what may join two words of one rendering.
_LATIN_WORD = regex.compile(r"(?<![\p{L}\p{M}\p{N}])[\p{Latin}\p{M}]+(?![\p{L}\p{M}\p{N}])")
_JOIN = regex.compile(r"[ \t\u00a0\-\u2010\u2011'’]{1,2}")
_UPPER = regex.compile(r"\p{Lu}")
# A Latin word whose first letter may be upper case (``str.isupper`` has the last word).
_CAP_LATIN_WORD = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}])(?=\p{Uppercase})[\p{Latin}\p{M}]+(?![\p{L}\p{M}\p{N}])")


@register("transliteration", "warning",
          "a glossary entry rendered as the pinyin of its Chinese form where that is wrong")
def transliteration(ctx: DocContext) -> Iterator[Finding]:
    """Flags words that spell the pinyin of a glossary entry's Chinese form (any reading, any
    spacing, case, hyphens or tone marks) where pinyin is not an accepted rendering: a Japanese or
    Korean name read in Mandarin (石破茂 as ``Shi Pomao``, 李在明 as ``Li Zaiming``), a foreign
    company transliterated back (莱纳斯 as ``Lainasi``), or a Chinese publication with an
    established English name (每日经济新闻 as ``Mei Ri Jing Ji Xin Wen``).

    Machine and hurried translation falls back to pinyin for names it does not know; the reader
    then cannot find the person or company at all. Only the pinyin of glossary forms is looked
    for, so ordinary words and real names (``Sina``, ``Takaichi``) are never read as pinyin.

    >>> from zhen_tools.text.document import document_from_text
    >>> from zhen_tools.glossary.model import Entry, Glossary
    >>> g = Glossary(entries=(Entry("ishiba", "Shigeru Ishiba", kind="person", zh=("石破茂",)),))
    >>> [(f.text, f.suggestion) for f in transliteration(
    ...     DocContext(document_from_text("Prime Minister Shi Pomao resigned."), g))]
    [('Shi Pomao', 'Shigeru Ishiba')]
    """
    if ctx.glossary is None or not ctx.glossary.derived("has-zh", lambda g: any(e.zh for e in g.entries)):
        return
    text = ctx.text
    if not _UPPER.search(text):
        return
    from zhen_tools.glossary.translit import pinyin_index

    index = pinyin_index(ctx.glossary)
    if not index:
        return
    taken: _Intervals | None = None  # the glossary matches, once a rendering is found
    by_id = ctx.glossary.by_id
    keys, prefixes = index.keys, index.prefixes
    # Whether a word can start a rendering (it is capitalised and folds to the start of a key),
    # per word and glossary: most capitalised words of a text cannot.
    starters: dict[str, bool] = ctx.glossary.derived("translit-starters", lambda g: {})
    resume = 0  # the end of the last rendering found: words up to it are taken
    # A rendering starts at a capitalised Latin word; the words after it are found one by one.
    for m in _CAP_LATIN_WORD.finditer(text):
        first = m.group()
        starts = starters.get(first)
        if starts is None:
            starts = first[0].isupper() and _pinyin_fold(first) in prefixes
            if len(starters) < _MAX_VERDICTS:
                starters[first] = starts
        if not starts:
            continue  # no key starts so: no rendering starts here
        a, end = m.span()
        if a < resume:
            continue
        hit = None
        key = _pinyin_fold(first)
        for n in range(index.max_words):
            if n:
                join = _JOIN.match(text, end)
                word = _LATIN_WORD.match(text, join.end()) if join else None
                if word is None:
                    break
                end = word.end()
                key += _pinyin_fold(word.group())
            if key in keys:
                hit = (end, keys[key])
            elif key not in prefixes:
                break  # no key starts so: more words cannot make one
        if hit is None:
            continue
        b, owners = hit
        resume = b
        if taken is None:
            taken = _Intervals((m.start, m.end) for m in ctx.matches if m.status != "source")
        if taken.overlaps(a, b):
            continue
        entries = [by_id[eid] for eid, _ in dict.fromkeys(owners) if eid in by_id]
        if not entries:
            continue
        forms = "/".join(dict.fromkeys(form for _, form in owners))
        ids = list(dict.fromkeys(e.id for e in entries))
        suggestion = entries[0].en if len(ids) == 1 else None
        names = ", ".join(_name(by_id[x]) for x in ids)
        yield ctx.finding(a, b, "transliteration",
                          f"'{text[a:b]}' is the pinyin of {forms}, rendered in English as {names}",
                          suggestion)

