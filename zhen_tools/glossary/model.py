"""Glossary data model: Entry, Glossary (frozen), and ``per_glossary`` for what rules derive from one.

Additions to CONTRACT.md's glossary format (added, nothing renamed):

- ``[glossary] description``: free text about the glossary (kept by TBX export/import).

- ``ko``: Korean (Hangul) forms of the name, e.g. ``["이재명"]``.
- ``ru``: Cyrillic forms, e.g. ``["Ростех"]``; the homoglyph rule compares Latin look-alikes
  (``PocTex``) against these.
- ``forbidden`` items that start with ``re:`` are patterns, not literal forms: the rest of the
  string is a pattern for the ``regex`` module, and its match -- or, when the pattern has a named
  group ``term``, that group's span -- is the forbidden rendering. Patterns catch a plain word
  that is wrong only in context: ``'re:vessel\\s+["“]?(?P<term>Earth)\\b'`` flags the ship
  地球号 written as ``"Earth"`` and leaves ``rare earth`` alone. A pattern is matched as written
  (case-sensitive unless it says ``(?i)``), without the word-boundary rule of literal forms, and
  must not use numbered back-references (all patterns share one compiled alternation).

``Match.status`` is ``"accepted"`` (``en`` or a variant), ``"forbidden"`` (a literal form or a
pattern's span) or ``"source"`` (a ``zh``/``ja``/``ko``/``ru`` form: the original-language name,
e.g. Chinese left in an English text, or the term to look for in an aligned source).
``Match.lang`` says which list the form came from (``en``, ``zh``, ``ja``, ``ko``, ``ru``).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from zhen_tools.glossary.fold import fold_key
from zhen_tools.glossary.match import PATTERN_PREFIX, Match, Matcher

_T = TypeVar("_T")

__all__ = [
    "KINDS",
    "NAME_KINDS",
    "PATTERN_PREFIX",
    "STATUSES",
    "Entry",
    "Glossary",
    "GlossaryError",
    "Match",
    "fold_key",
    "per_glossary",
]

NAME_KINDS = frozenset({"person", "place", "org", "vessel", "publication"})
KINDS = NAME_KINDS | {"term"}
STATUSES = ("accepted", "forbidden", "source")


class GlossaryError(Exception):
    """Invalid glossary; ``str()`` is one ``file:line: message`` line per error."""

    def __init__(self, errors: str | list[str]) -> None:
        self.errors: list[str] = [errors] if isinstance(errors, str) else list(errors)
        super().__init__("\n".join(self.errors))


@dataclass(frozen=True)
class Entry:
    """One name or term (fields as in CONTRACT.md's glossary format, plus ``ko`` and ``ru``)."""

    id: str
    en: str
    kind: str = "term"
    origin: str | None = None
    variants: tuple[str, ...] = ()
    zh: tuple[str, ...] = ()
    ja: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    confusable: tuple[str, ...] = ()
    note: str = ""
    file: str = ""
    line: int = 0
    # Appended after ``line`` so positional construction by older callers keeps working.
    ko: tuple[str, ...] = ()
    ru: tuple[str, ...] = ()

    @property
    def accepted(self) -> tuple[str, ...]:
        return (self.en, *self.variants)

    @property
    def case_sensitive(self) -> bool:
        return self.kind in NAME_KINDS

    @property
    def forbidden_forms(self) -> tuple[str, ...]:
        """Literal forbidden renderings (patterns excluded)."""
        return tuple(f for f in self.forbidden if not f.startswith(PATTERN_PREFIX))

    @property
    def forbidden_patterns(self) -> tuple[str, ...]:
        """Forbidden patterns, without their ``re:`` prefix."""
        return tuple(f[len(PATTERN_PREFIX) :] for f in self.forbidden if f.startswith(PATTERN_PREFIX))

    @property
    def label(self) -> str:
        """How findings name the entry: ``Minami-Torishima (minami-torishima)``."""
        return f"{self.en} ({self.id})"

    @property
    def source_forms(self) -> tuple[str, ...]:
        """Original-language forms: zh, ja, ko, ru (deduplicated, in that order)."""
        return tuple(dict.fromkeys((*self.zh, *self.ja, *self.ko, *self.ru)))


@dataclass(frozen=True, eq=False)
class Glossary:
    """Entries of one or more glossary files; ``find`` matches all their forms in one pass.

    Frozen: what the rules derive from a glossary (their indexes of its entries) is kept beside
    it by ``per_glossary``, never on it. Equality is identity, so a glossary can key such tables.
    """

    name: str = ""
    entries: tuple[Entry, ...] = ()
    sources: tuple[tuple[str, str, str], ...] = ()  # (glossary name, file path, sha256)
    by_id: dict[str, Entry] = field(default_factory=dict)
    # The [glossary] table (name, source, target, description); with several files, the first
    # file's values, and ``name`` joined with "+".
    meta: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.by_id:
            object.__setattr__(self, "by_id", {e.id: e for e in self.entries})

    @cached_property
    def matcher(self) -> Matcher:
        """The compiled one-pass matcher, built on first use and kept."""
        return Matcher(self.entries)

    @cached_property
    def by_fold(self) -> dict[str, tuple[Entry, ...]]:
        """``fold_key`` of each accepted Latin-script form -> the entries accepting it."""
        index: dict[str, list[Entry]] = {}
        for e in self.entries:
            for key in dict.fromkeys(fold_key(f) for f in e.accepted):
                if key:
                    index.setdefault(key, []).append(e)
        return {k: tuple(v) for k, v in index.items()}

    @cached_property
    def by_form(self) -> dict[str, tuple[tuple[Entry, str], ...]]:
        """Every literal form (accepted, forbidden, source) -> (entry, status) pairs."""
        index: dict[str, list[tuple[Entry, str]]] = {}
        for e in self.entries:
            for f in e.accepted:
                index.setdefault(f, []).append((e, "accepted"))
            for f in e.forbidden_forms:
                index.setdefault(f, []).append((e, "forbidden"))
            for f in e.source_forms:
                index.setdefault(f, []).append((e, "source"))
        return {k: tuple(v) for k, v in index.items()}

    def find(self, text: str) -> list[Match]:
        """Every occurrence of every accepted, forbidden and source form, in one pass, sorted by
        start. Overlapping candidates resolve leftmost-longest (``Lynas Rare Earths`` over
        ``Lynas``); a span that is a form of several entries yields one Match per entry.

        >>> g = Glossary(entries=(Entry("lynas", "Lynas", kind="org", variants=("Lynas Rare Earths",)),))
        >>> [(m.text, m.status) for m in g.find("Lynas Rare Earths and Lynas.")]
        [('Lynas Rare Earths', 'accepted'), ('Lynas', 'accepted')]
        """
        return self.matcher.find(text)


_PER_GLOSSARY: weakref.WeakKeyDictionary[Glossary, dict[str, Any]] = weakref.WeakKeyDictionary()


def per_glossary(glossary: Glossary, name: str, build: Callable[[Glossary], _T]) -> _T:
    """``build(glossary)``, computed on the first call for this glossary and ``name`` and kept
    while the glossary lives.

    For the rules' indexes of the entries (near-miss keys, pinyin keys, look-alike patterns):
    they take a pass over every entry, which must be paid once per glossary, not per document
    (hashing 10,000 entries to look an index up costs more than checking a page of text). Kept
    beside the glossary, not in it: a worker process builds its own.

    >>> g = Glossary(entries=(Entry("a", "Alpha"),))
    >>> per_glossary(g, "ids", lambda g: [e.id for e in g.entries]) is per_glossary(g, "ids", list)
    True
    """
    table = _PER_GLOSSARY.get(glossary)
    if table is None:
        table = _PER_GLOSSARY[glossary] = {}
    try:
        return table[name]  # type: ignore[no-any-return]
    except KeyError:
        value = table[name] = build(glossary)
        return value
