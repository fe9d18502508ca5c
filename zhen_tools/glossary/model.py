"""Glossary data model: Entry, Match, Glossary, and the folded key that equates spelling variants.

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

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from zhen_tools.glossary.match import Matcher

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
]

NAME_KINDS = frozenset({"person", "place", "org", "vessel", "publication"})
KINDS = NAME_KINDS | {"term"}
PATTERN_PREFIX = "re:"
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
        return tuple(f[len(PATTERN_PREFIX):] for f in self.forbidden if f.startswith(PATTERN_PREFIX))

    @property
    def source_forms(self) -> tuple[str, ...]:
        """Original-language forms: zh, ja, ko, ru (deduplicated, in that order)."""
        return tuple(dict.fromkeys((*self.zh, *self.ja, *self.ko, *self.ru)))


@dataclass(frozen=True)
class Match:
    """``text == source[start:end]`` is ``form`` of entry ``entry_id``.

    ``status``: ``"accepted"`` (en/variants), ``"forbidden"`` (a forbidden form, or the span of a
    forbidden ``re:`` pattern, in which case ``form`` is the pattern string with its prefix) or
    ``"source"`` (a zh/ja/ko/ru form). ``lang`` is the list the form came from.
    """

    start: int
    end: int
    text: str
    entry_id: str
    form: str
    status: str
    lang: str = "en"


_SEPARATORS = re.compile(r"[\s'\u2019\u2018\u02bc`\u00b7\u30fb_.]+")
_LONG_VOWEL = re.compile(r"o[ou]|uu")


def fold_key(s: str) -> str:
    """Key that is equal for spellings of one name: NFKD without marks, casefold, hyphens, spaces,
    apostrophes and dots removed, long vowels ``ou``/``oo`` -> ``o`` and ``uu`` -> ``u``.

    >>> fold_key("Chikyū") == fold_key("Chikyu") == fold_key("Chikyuu")
    True
    >>> fold_key("Minami-Tori-shima") == fold_key("Minamitorishima") == fold_key("Minami-Torishima")
    True
    >>> fold_key("Tōkyō"), fold_key("Toukyou"), fold_key("Lee Jae-myung")
    ('tokyo', 'tokyo', 'leejaemyung')
    """
    key = _FOLDED.get(s)
    if key is None:
        key = _fold_key(s)
        if len(_FOLDED) < _FOLDED_MAX:  # names recur across windows, rules and documents
            _FOLDED[s] = key
    return key


_FOLDED: dict[str, str] = {}
_FOLDED_MAX = 200_000


def _fold_key(s: str) -> str:
    if s.isascii():
        # NFKD changes no ASCII character and leaves no marks, casefold is lower(), and the
        # only ASCII dash punctuation is the hyphen-minus.
        base = s.lower().replace("-", "")
    else:
        decomposed = unicodedata.normalize("NFKD", s)
        base = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
        # Any dash punctuation (hyphen, en dash, U+2010 ...) as well as spaces and apostrophes.
        base = "".join(c for c in base if unicodedata.category(c) != "Pd")
    base = _SEPARATORS.sub("", base)
    return _LONG_VOWEL.sub(_first_letter, base)


def _first_letter(m: re.Match[str]) -> str:
    return m.group()[0]


@dataclass
class Glossary:
    """Entries of one or more glossary files; ``find`` matches all their forms in one pass."""

    name: str = ""
    entries: tuple[Entry, ...] = ()
    sources: tuple[tuple[str, str, str], ...] = ()  # (glossary name, file path, sha256)
    by_id: dict[str, Entry] = field(default_factory=dict)
    # The [glossary] table (name, source, target, description); with several files, the first
    # file's values, and ``name`` joined with "+".
    meta: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.by_id:
            self.by_id = {e.id: e for e in self.entries}

    def derived(self, name: str, build: Callable[[Glossary], _T]) -> _T:
        """``build(self)``, computed on the first call for ``name`` and kept with this Glossary.

        For the rules' indexes of the entries (near-miss keys, pinyin keys, look-alike patterns):
        they take a pass over every entry, which must be paid once per glossary, not per document
        (hashing 10,000 entries to look an index up costs more than checking a page of text).
        Not pickled: a worker process builds its own.
        """
        cache: dict[str, Any] = self.__dict__.setdefault("_derived", {})
        try:
            return cache[name]  # type: ignore[no-any-return]
        except KeyError:
            value = cache[name] = build(self)
            return value

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("_derived", None)
        return state

    @cached_property
    def matcher(self) -> Matcher:
        """The compiled one-pass matcher, built on first use and kept."""
        from zhen_tools.glossary.match import Matcher

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
