"""The near-miss index: a glossary's accepted forms prepared for "close to, but not, a form".

Built once per glossary (``near_miss_index``) and read by the ``glossary-near-miss`` rule: folded
keys of every accepted form, the short forms that are not misses (``Takaichi`` of ``Sanae
Takaichi``), and the forms grouped by the initials of their words, since a near miss keeps every
initial.

>>> from zhen_tools.glossary.model import Entry, Glossary
>>> index = near_miss_index(Glossary(entries=(Entry("t", "Sanae Takaichi", kind="person"),)))
>>> sorted(index.keys), sorted(index.short), list(index.by_initials)
(['sanaetakaichi'], ['sanae', 'takaichi'], [('p', 'st')])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from zhen_tools.glossary.fold import fold_key
from zhen_tools.glossary.model import Entry, Glossary, per_glossary
from zhen_tools.text.lazyre import lazy_regex

__all__ = ["SPLIT", "Form", "NearMissIndex", "near_miss_index"]

# Name parts: split on spaces and any hyphen or dash (compiled when a glossary is first indexed).
SPLIT = lazy_regex(r"[\s\-\u2010-\u2015]+")


@dataclass(frozen=True)
class Form:
    """An accepted form of an entry, folded for comparison."""

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
    The three memo tables remember what the rule worked out, since names recur across spans and
    documents (what they hold is the rule's business).
    """

    keys: dict[str, tuple[Entry, ...]]
    short: frozenset[str]
    by_initials: dict[tuple[str, str], tuple[Form, ...]]
    max_words: int
    verdicts: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)
    span_verdicts: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)
    wrong_parts: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)


def near_miss_index(glossary: Glossary) -> NearMissIndex:
    """The index of ``glossary``, built on the first call for it."""
    return per_glossary(glossary, "near-miss-index", lambda g: _near_miss_index(g.entries))


@lru_cache(maxsize=8)
def _near_miss_index(entries: tuple[Entry, ...]) -> NearMissIndex:
    keys: dict[str, list[Entry]] = {}
    short: set[str] = set()
    by_initials: dict[tuple[str, str], list[Form]] = {}
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
            parts = tuple(fold_key(p) for p in SPLIT.split(form) if fold_key(p))
            if not all(folded_words):
                continue
            max_words = max(max_words, len(words))
            if e.kind == "person" and len(parts) >= 2:
                ikey = ("p", "".join(p[0] for p in parts))
            else:
                ikey = ("w", "".join(w[0] for w in folded_words))
            by_initials.setdefault(ikey, []).append(Form(e, form, key, folded_words, parts))
    return NearMissIndex(
        {k: tuple(v) for k, v in keys.items()},
        frozenset(short),
        {n: tuple(v) for n, v in by_initials.items()},
        max_words,
    )
