"""glossary-near-miss: a name-like span close to, but not, an accepted rendering of a glossary entry."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from zhen_tools.findings import Finding
from zhen_tools.glossary.fold import fold_key
from zhen_tools.glossary.fuzzy import SPLIT as _SPLIT
from zhen_tools.glossary.fuzzy import Form as _Form
from zhen_tools.glossary.fuzzy import NearMissIndex, near_miss_index
from zhen_tools.glossary.model import Entry
from zhen_tools.rules._intervals import NO_INTERVALS, Intervals
from zhen_tools.rules.context import DocContext
from zhen_tools.rules.registry import register
from zhen_tools.text.distance import levenshtein, ratio
from zhen_tools.text.names import NameSpan
from zhen_tools.text.pinyin import is_pinyin_word as is_pinyin

__all__ = ["glossary_near_miss"]


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


_CLOSE = 75.0  # ratio for a name part that is a likely misspelling (Sanna/Sanae)
_LOOSE = 65.0  # ... when another part of the name is spelled exactly (Takahashi/Takaichi + Sanae)
_MIN_FUZZY_PART = 4  # shorter parts (Li, Lee, Jae) must be equal: too many real names differ by one
_MAX_WINDOW = 5
_ENDINGS = frozenset({"s", "es", "n", "an", "ns", "ans", "ian", "ians", "ese", "i", "is"})


@dataclass(frozen=True)
class _Hit:
    """A near miss found at ``start:end``: the entries it is close to, why, and how close."""

    start: int
    end: int
    entries: tuple[Entry, ...]
    reason: str
    score: float
    wrong_parts: tuple[tuple[str, str], ...] = ()  # (misspelt word, the entry's word)
    suggestion: str | None = None  # instead of the entry's preferred form


@register(
    "glossary-near-miss", "warning", "a name-like span close to, but not, an accepted rendering", fixable=True
)
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
    forbidden = accepted = NO_INTERVALS  # the glossary matches, once a span has hits
    f_starts: list[int] = []
    f_reach: list[int] = []
    a_starts: list[int] = []
    a_reach: list[int] = []
    for span in spans:
        # A span's hits depend only on its text (and the next two characters), its word layout,
        # the glossary matches near it (as far as ``Intervals`` looks) and the ordinary words
        # (applied below): names recur across documents, so memoise on the rest. Glossary
        # matches only take hits away (a window on one is skipped or may only be the swapped
        # name), so a span with no hits away from any has none at all: look that up first.
        s0 = span.start
        s1 = span.end
        words = span.words
        near_key: object
        if len(words) == 1 and words[0] == (s0, s1):
            near_key = text[s0 : s1 + 2]  # the commonest kind of span, keyed by its text alone
        else:
            near_key = (text[s0 : s1 + 2], tuple([(a - s0, b - s0) for a, b in words]))
        found = span_memo.get(near_key)
        if found is None:
            found = _span_found(text, span, index, NO_INTERVALS, NO_INTERVALS)
            if len(span_memo) < _MAX_VERDICTS:
                span_memo[near_key] = found
        if not found:
            continue
        if forbidden is NO_INTERVALS:
            matches = ctx.matches
            forbidden = Intervals((m.start, m.end) for m in matches if m.status == "forbidden")
            accepted = Intervals((m.start, m.end) for m in matches if m.status == "accepted")
            f_starts, f_reach = forbidden.starts_and_reach()
            a_starts, a_reach = accepted.starts_and_reach()
        i = bisect_left(f_starts, s1)
        f_near = forbidden.near_touching(s0, s1) if i and f_reach[i - 1] > s0 else None
        i = bisect_left(a_starts, s1)
        a_near = accepted.near_touching(s0, s1) if i and a_reach[i - 1] > s0 else None
        if f_near is not None or a_near is not None:
            mkey = (text[s0 : s1 + 2], tuple([(a - s0, b - s0) for a, b in words]), f_near, a_near)
            found = span_memo.get(mkey)
            if found is None:
                found = _span_found(text, span, index, forbidden, accepted)
                if len(span_memo) < _MAX_VERDICTS:
                    span_memo[mkey] = found
        for ra, rb, low, h in found:
            if low not in ordinary:
                hits.append(
                    h
                    if ra + s0 == h.start
                    else _Hit(ra + s0, rb + s0, h.entries, h.reason, h.score, h.wrong_parts, h.suggestion)
                )
    chosen = _non_overlapping(hits)
    # Parts of misspelt names (near misses here, or forbidden forms of persons) are flagged where
    # they stand alone: "Takashi's cabinet" after "Sanna Takashi".
    wrong: dict[str, tuple[Entry, str, str]] = {}  # word -> (entry, its right word, the name)
    for h in chosen:
        for bad, good in h.wrong_parts:
            wrong.setdefault(bad, (h.entries[0], good, text[h.start : h.end]))
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
    wrong = {
        w: v
        for w, v in wrong.items()
        if w.lower() not in ordinary and _fold(w) not in index.short and _fold(w) not in index.keys
    }
    if wrong:
        matched = Intervals((m.start, m.end) for m in ctx.matches if m.status != "source")
        taken = Intervals((h.start, h.end) for h in chosen)
    for a, b in _span_words_spelled(text, spans, wrong):
        word = text[a:b]
        if not matched.overlaps(a, b) and not taken.overlaps(a, b):
            entry, good, name = wrong[word]
            chosen.append(
                _Hit(
                    a,
                    b,
                    (entry,),
                    f"the misspelt part of '{name}' in this document",
                    0.0,
                    ((word, good),),
                    good,
                )
            )
    for h in sorted(chosen, key=lambda h: h.start):
        suggestion = None
        if len(h.entries) == 1:
            suggestion = h.suggestion or h.entries[0].en
        names = ", ".join(e.label for e in h.entries)
        yield ctx.finding(
            h.start,
            h.end,
            "glossary-near-miss",
            f"'{text[h.start : h.end]}' is close to {names}: {h.reason}",
            suggestion,
        )


def _span_found(
    text: str, span: NameSpan, index: NearMissIndex, forbidden: Intervals, accepted: Intervals
) -> tuple[tuple[int, int, str, _Hit], ...]:
    """``_span_hits`` (ordinary words aside) as ``span_verdicts`` keeps them: each hit's start and
    end from the span's start and its text in lower case, then the hit."""
    s0 = span.start
    return tuple(
        (h.start - s0, h.end - s0, text[h.start : h.end].lower(), h)
        for h in _span_hits(text, span, index, forbidden, accepted, frozenset())
    )


def _span_words_spelled(
    text: str, spans: Sequence[NameSpan], spellings: Iterable[str]
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
        best = max(en_words, key=lambda g: (ratio(fold_key(w), fold_key(g)), -abs(i - en_words.index(g))))
        out.append((w, best))
    return out


def _span_hits(
    text: str,
    span: NameSpan,
    index: NearMissIndex,
    forbidden: Intervals,
    accepted: Intervals,
    ordinary: frozenset[str],
) -> Iterator[_Hit]:
    # Windows start and end on capitalised words; particles may sit inside.
    caps = [
        i
        for i, (a, b) in enumerate(span.words)
        if text[a : a + 1].isupper() or text[a : a + 3] in ("al-", "el-")
    ]
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


@lru_cache(maxsize=16384)  # full within a worker's first ~50k records (see _MAX_VERDICTS)
def _fold(s: str) -> str:
    """``fold_key``, memoised: the same words come back in every window and document."""
    return fold_key(s)


@dataclass(frozen=True)
class _Window:
    """A window of a name span, folded and split the ways the comparisons need it."""

    text: str
    key: str
    words: tuple[str, ...]  # folded, space-separated
    parts: tuple[str, ...]  # folded, split on spaces and hyphens
    shown: tuple[str, ...]  # the surface parts, for suggestions
    swapped: tuple[str, ...]  # folded parts with the space-separated words reversed
    swapped_shown: tuple[str, ...]


def _surface_parts(window: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the window's parts as written, split on spaces and hyphens; the same folded), without
    the parts that fold to nothing."""
    shown = tuple(p for p in _SPLIT.split(window) if _fold(p))
    return shown, tuple(_fold(p) for p in shown)


# A window's hit without its place: (entries, reason, score, wrong parts).
_Verdict = tuple[tuple[Entry, ...], str, float, tuple[tuple[str, str], ...]]
# Entries each memo of the index (verdicts, span verdicts, wrong parts) takes at most; a full memo
# takes no more, so a worker's memory stays flat however many documents it checks. Measured on
# the WMT21 pairs: ~160 bytes a window verdict, ~260 a span's, so the three hold ~10 MB at most;
# they are full within a worker's first ~50k records, so its memory is flat after that (at 50,000
# a worker still grew by a quarter between 100k and 1M pairs). Names recur across documents: the
# first spans seen hold the common ones.
_MAX_VERDICTS = 20_000


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
    split = window.split()
    n_words = len(split)
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
    words = tuple(_fold(x) for x in split)
    if not all(words):
        return None
    by_initials = index.by_initials
    if window.isascii() and "-" not in window and " ".join(split) == window:
        # Words apart by single spaces and no hyphen: the parts are the words, and the swapped
        # ones the words reversed. Most windows have initials no form has, and stop here,
        # before the window is split and folded again below.
        initials = "".join(x[0] for x in words)
        keys = (("w", initials), ("p", initials), ("p", initials[::-1]))
        if not any(k in by_initials for k in keys):
            return None
    shown, parts = _surface_parts(window)
    # The words in reverse order: for one word (most windows), the window itself.
    reverse = " ".join(reversed(split))
    swapped_shown, swapped = (shown, parts) if reverse == window else _surface_parts(reverse)
    forms = [
        *by_initials.get(("w", "".join(x[0] for x in words)), ()),
        *by_initials.get(("p", "".join(x[0] for x in parts)), ()),
        *by_initials.get(("p", "".join(x[0] for x in swapped)), ()),
    ]
    if not forms:  # most windows: no form starts as they do, and no _Window is made
        return None
    w = _Window(window, key, words, parts, shown, swapped, swapped_shown)
    if n_words >= 2:
        persons = index.keys.get("".join(w.swapped))
        if persons is not None and all(e.kind == "person" for e in persons):
            return persons, "given name and surname in the wrong order", 2.5, ()
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
        for order, shown, label in (
            (w.parts, w.shown, ""),
            (w.swapped, w.swapped_shown, " (name order swapped)"),
        ):
            if len(order) != len(form.parts):
                continue
            scored = _person_parts(order, form.parts)
            if scored is not None:
                wrong = tuple(
                    (s, g)
                    for s, g, p, q in zip(shown, names, order, form.parts)
                    if p != q and len(s) >= _MIN_FUZZY_PART
                )
                return scored, "a part of the name is misspelt" + label, wrong
        return None
    if len(w.parts) == len(form.parts) and any(
        p != q and _inflected(p, q) for p, q in zip(w.parts, form.parts)
    ):
        return None  # Asian-Pacific for Asia-Pacific: a hyphenated part inflected
    return _word_distance(w.words, w.key, form)


def _word_distance(words: tuple[str, ...], key: str, form: _Form) -> tuple[float, str, tuple[()]] | None:
    """Near miss by edit distance: each differing word within its own length's allowance and
    starting with the same letter, and the whole within the allowance of the whole name."""
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
        if max(_letters_apart(word, target)) > allowed:
            return None  # the distance is at least this: no need to compute it
        d = levenshtein(word, target)
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
    return long_.startswith(short) and long_[len(short) :] in _ENDINGS


def _letters_apart(a: str, b: str) -> tuple[int, int]:
    """(letters of ``a`` that ``b`` lacks, letters of ``b`` that ``a`` lacks), counted as
    multisets. An edit fixes at most one of each, so the larger is a lower bound of the edit
    distance and the sum one of the insertions and deletions behind ``ratio``: exits that
    spare a run the distances when no word comes close.

    >>> _letters_apart("statement", "shizuoka")
    (7, 6)
    """
    extra = Counter(a)
    extra.subtract(b)
    return sum(n for n in extra.values() if n > 0), -sum(n for n in extra.values() if n < 0)


def _ratio_above(a: str, b: str, floor: float) -> bool:
    """Whether ``ratio(a, b)`` can reach ``floor``: the ratio is 100 * (1 - indel / total
    length) and the insertions and deletions are at least ``_letters_apart``'s sum (compared in
    integers, so a ratio the bound puts below ``floor`` is below it, with no rounding)."""
    total = len(a) + len(b)
    return 100 * (total - sum(_letters_apart(a, b))) >= floor * total


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
        floor = _LOOSE if anchored else _CLOSE
        if not _ratio_above(p, q, floor):
            return None
        r = ratio(p, q)
        if r < floor:
            return None
        total += r
    return total / (100.0 * len(parts))


def _non_overlapping(hits: list[_Hit]) -> list[_Hit]:
    """The best hits that do not overlap: higher score first, then the longer span."""
    chosen: list[_Hit] = []
    taken = Intervals(())
    for h in sorted(hits, key=lambda h: (-h.score, -(h.end - h.start), h.start)):
        if not taken.overlaps(h.start, h.end):
            chosen.append(h)
            taken.add(h.start, h.end)
    return chosen
