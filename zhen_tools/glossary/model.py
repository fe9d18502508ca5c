"""Glossary data model: Entry, Match, Glossary, and the folded key that equates spelling variants."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Entry", "Glossary", "GlossaryError", "Match", "fold_key", "NAME_KINDS", "KINDS"]

NAME_KINDS = frozenset({"person", "place", "org", "vessel", "publication"})
KINDS = NAME_KINDS | {"term"}


class GlossaryError(Exception):
    """Invalid glossary; ``str()`` is ``file:line: message``."""


@dataclass(frozen=True)
class Entry:
    """One name or term (fields as in CONTRACT.md's glossary format)."""

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

    @property
    def accepted(self) -> tuple[str, ...]:
        return (self.en, *self.variants)

    @property
    def case_sensitive(self) -> bool:
        return self.kind in NAME_KINDS


@dataclass(frozen=True)
class Match:
    """``text == source[start:end]`` is ``form`` of entry ``entry_id``; status accepted|forbidden."""

    start: int
    end: int
    text: str
    entry_id: str
    form: str
    status: str


def fold_key(s: str) -> str:
    """Key that is equal for spellings of one name: NFKD without marks, case, hyphens, spaces,
    apostrophes, long vowels ou/uu/oo/ō/ū folded."""
    raise NotImplementedError  # being written


@dataclass
class Glossary:
    name: str = ""
    entries: tuple[Entry, ...] = ()
    sources: tuple[tuple[str, str, str], ...] = ()  # (glossary name, file path, sha256)
    by_id: dict[str, Entry] = field(default_factory=dict)

    def find(self, text: str) -> list[Match]:
        """Every occurrence of every accepted and forbidden form, in one pass, sorted by start."""
        raise NotImplementedError  # being written
