"""detect_spans: partition text into maximal runs of one language (BCP 47) and script (ISO 15924)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Span", "detect_spans"]


@dataclass(frozen=True)
class Span:
    """``text == source[start:end]`` is in language ``lang`` written in ``script``."""

    start: int
    end: int
    lang: str
    script: str
    text: str


def detect_spans(text: str) -> list[Span]:
    raise NotImplementedError  # being written
