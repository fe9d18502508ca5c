"""Finding: one reported problem, with code-point offsets and the position derived from them.

>>> from zhen_tools.text.document import document_from_text
>>> doc = document_from_text("abc\\nthe the end")
>>> f = make_finding(doc, 4, 11, "repeated-text", "warning", "doubled word", suggestion="the")
>>> (f.line, f.column, f.end_line, f.end_column, f.text)
(2, 1, 2, 8, 'the the')
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

from zhen_tools.text.document import Document, Segment

__all__ = ["Finding", "RecordFinding", "Severity", "make_finding", "sort_key", "with_source"]


class Severity(str, Enum):
    """Severities in rising order of weight; the value is the JSON string."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem at ``text == document.text[start:end]``; line/column are 1-based code points.

    ``end_line``/``end_column`` is the position just after the span (exclusive, as CONTRACT.md's
    example: ``仅次于`` at column 9 has ``end_column`` 12), so a one-character finding has
    ``end_column == column + 1``; SARIF's exclusive endColumn is the same number.
    """

    path: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    severity: Severity
    message: str
    text: str
    suggestion: str | None = None
    # The related span of a pair's source (the 高市早苗 behind a glossary-mismatch), for reports
    # that show both sides; not part of the JSON contract, which stays as it was.
    source_path: str | None = None
    source_start: int | None = None
    source_end: int | None = None
    # Added for JSONL records (docs/CONTRACT.md, "Additions"): the record's ``id``, written to
    # JSON only when set, so the output of file runs is unchanged.
    id: str | int | float | None = None

    def to_json(self) -> dict[str, Any]:
        # Written out rather than dataclasses.asdict (which deep-copies): several times faster
        # on runs with tens of thousands of findings, and the key order is CONTRACT.md's.
        out = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "start": self.start,
            "end": self.end,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "text": self.text,
            "suggestion": self.suggestion,
        }
        if self.id is not None:
            out["id"] = self.id
        return out


@dataclass(frozen=True, slots=True)
class RecordFinding(Finding):
    """A finding on a record (JSONL line, ``check_pairs`` item): offsets into the record's
    ``target``, and, for a pair rule that knows the span behind it (the source number of a
    number-mismatch, the source term of a glossary finding), ``source_start``/``source_end``
    into the record's ``source`` -- written to JSON (docs/CONTRACT.md, "Additions") before
    ``id``, and only when known, so the findings of file runs keep their JSON as it was.

    >>> f = RecordFinding("p.jsonl", 10, 21, 1, 11, 1, 22, "number-mismatch", Severity.ERROR, "m",
    ...                   "2.6 billion", None, "p.jsonl", 3, 8, "n1")
    >>> list(f.to_json())[-3:]
    ['source_start', 'source_end', 'id']
    """

    def to_json(self) -> dict[str, Any]:
        out = Finding.to_json(self)  # not super(): slots=True makes a new class, which breaks it
        if self.source_start is not None and self.source_end is not None:
            rid = out.pop("id", None)
            out["source_start"] = self.source_start
            out["source_end"] = self.source_end
            if rid is not None:
                out["id"] = rid
        return out


def make_finding(
    doc: Document,
    start: int,
    end: int,
    rule: str,
    severity: Severity | str,
    message: str,
    suggestion: str | None = None,
) -> Finding:
    """A Finding for ``doc.text[start:end]`` with its line and column filled in.

    A big file has tens of thousands of findings, most of them saying the same few things about
    the same few strings (``full-width '，' in English text`` at ``，``): their message and short
    text and suggestion are one string each (``sys.intern``), and a finding ending on its first
    line shares that line's int.
    """
    line, column = doc.position(start)
    end_line, end_column = doc.position(end)
    if end_line == line:
        end_line = line
    text = doc.text[start:end]
    return Finding(
        doc.path,
        start,
        end,
        line,
        column,
        end_line,
        end_column,
        rule,
        Severity(severity),
        _intern(message),
        _intern(text) if len(text) <= _SHORT else text,
        _intern(suggestion) if suggestion is not None and len(suggestion) <= _SHORT else suggestion,
    )


_intern = sys.intern
_SHORT = 32  # characters of a finding's text or suggestion kept as one string for all


def with_source(finding: Finding, path: str, segments: Sequence[Segment], text: str) -> Finding:
    """``finding`` with its related source span: the first ``text`` in ``segments`` of the
    source document at ``path`` (unchanged if it is not there).

    >>> from zhen_tools.text.document import Segment, document_from_text
    >>> f = make_finding(document_from_text("2.6 billion"), 0, 11, "number-mismatch", "error", "scale")
    >>> g = with_source(f, "a.zh.txt", [Segment(3, 12, "损失约2.6万亿日元")], "2.6万亿")
    >>> (g.source_path, g.source_start, g.source_end)
    ('a.zh.txt', 6, 11)
    """
    for seg in segments:
        i = seg.text.find(text) if text else -1
        if i >= 0:
            start, end = seg.doc_offset(i), seg.doc_offset(i + len(text))
            return replace(finding, source_path=path, source_start=start, source_end=end)
    return finding


def sort_key(f: Finding) -> tuple[str, int, int, str, str]:
    """Report order: path, then position, then rule id, then message."""
    return (f.path, f.start, f.end, f.rule, f.message)
