"""split_sentences and tokenize for mixed Chinese/English text."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Sentence", "Token", "split_sentences", "tokenize"]


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    kind: str  # word | number | punct | cite | symbol | url


def split_sentences(text: str) -> list[Sentence]:
    raise NotImplementedError  # being written


def tokenize(text: str, user_words: tuple[str, ...] = ()) -> list[Token]:
    raise NotImplementedError  # being written
