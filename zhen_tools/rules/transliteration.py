"""transliteration: a glossary entry rendered as the pinyin of its Chinese form where pinyin is wrong."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from zhen_tools.findings import Finding
from zhen_tools.glossary.model import per_glossary
from zhen_tools.glossary.translit import pinyin_fold, pinyin_index
from zhen_tools.rules._intervals import Intervals
from zhen_tools.rules.context import DocContext
from zhen_tools.rules.registry import register
from zhen_tools.text.lazyre import lazy_regex

__all__ = ["transliteration"]

# Memoised words (names recur across documents), at most as many as a worker meets in its first
# ~50k records, so that its memory is flat after that (glossary_near_miss._MAX_VERDICTS).
_MAX_STARTERS = 20_000


# --- transliteration ----------------------------------------------------------------------------


@lru_cache(maxsize=16384)
def _pinyin_fold(word: str) -> str:
    """``translit.pinyin_fold``, memoised: the same words come back in every document."""
    return pinyin_fold(word)


# Latin words (with diacritics: tone-marked pinyin) and what may join two words of one rendering.
_LATIN_WORD = lazy_regex(r"(?<![\p{L}\p{M}\p{N}])[\p{Latin}\p{M}]+(?![\p{L}\p{M}\p{N}])")
_JOIN = lazy_regex(r"[ \t\u00a0\-\u2010\u2011'’]{1,2}")
_UPPER = lazy_regex(r"\p{Lu}")
# A Latin word whose first letter may be upper case (``str.isupper`` has the last word).
_CAP_LATIN_WORD = lazy_regex(r"(?<![\p{L}\p{M}\p{N}])(?=\p{Uppercase})[\p{Latin}\p{M}]+(?![\p{L}\p{M}\p{N}])")


@register(
    "transliteration",
    "warning",
    "a glossary entry rendered as the pinyin of its Chinese form where that is wrong",
)
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
    if ctx.glossary is None or not per_glossary(
        ctx.glossary, "has-zh", lambda g: any(e.zh for e in g.entries)
    ):
        return
    text = ctx.text
    if not _UPPER.search(text):
        return

    index = pinyin_index(ctx.glossary)
    if not index:
        return
    taken: Intervals | None = None  # the glossary matches, once a rendering is found
    by_id = ctx.glossary.by_id
    keys, prefixes = index.keys, index.prefixes
    # Whether a word can start a rendering (it is capitalised and folds to the start of a key),
    # per word and glossary: most capitalised words of a text cannot.
    starters: dict[str, bool] = per_glossary(ctx.glossary, "translit-starters", lambda g: {})
    resume = 0  # the end of the last rendering found: words up to it are taken
    # A rendering starts at a capitalised Latin word; the words after it are found one by one.
    for m in _CAP_LATIN_WORD.finditer(text):
        first = m.group()
        starts = starters.get(first)
        if starts is None:
            starts = first[0].isupper() and _pinyin_fold(first) in prefixes
            if len(starters) < _MAX_STARTERS:
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
            taken = Intervals((m.start, m.end) for m in ctx.matches if m.status != "source")
        if taken.overlaps(a, b):
            continue
        entries = [by_id[eid] for eid, _ in dict.fromkeys(owners) if eid in by_id]
        if not entries:
            continue
        forms = "/".join(dict.fromkeys(form for _, form in owners))
        ids = list(dict.fromkeys(e.id for e in entries))
        suggestion = entries[0].en if len(ids) == 1 else None
        names = ", ".join(by_id[x].label for x in ids)
        yield ctx.finding(
            a,
            b,
            "transliteration",
            f"'{text[a:b]}' is the pinyin of {forms}, rendered in English as {names}",
            suggestion,
        )
