"""Finding: one reported problem, with code-point offsets and the position derived from them.

>>> from zhen_tools.text.document import document_from_text
>>> doc = document_from_text("abc\\nthe the end")
>>> f = make_finding(doc, 4, 11, "repeated-text", "warning", "doubled word", suggestion="the")
>>> (f.line, f.column, f.end_line, f.end_column, f.text)
(2, 1, 2, 8, 'the the')
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from zhen_tools.text.document import Document

__all__ = ["Finding", "Severity", "make_finding", "sort_key"]


class Severity(str, Enum):
    """Severities in rising order of weight; the value is the JSON string."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


@dataclass(frozen=True)
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


def make_finding(
    doc: Document,
    start: int,
    end: int,
    rule: str,
    severity: Severity | str,
    message: str,
    suggestion: str | None = None,
) -> Finding:
    """A Finding for ``doc.text[start:end]`` with its line and column filled in."""
    line, column = doc.position(start)
    end_line, end_column = doc.position(end)
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
        message,
        doc.text[start:end],
        suggestion,
    )


def sort_key(f: Finding) -> tuple[str, int, int, str, str]:
    """Report order: path, then position, then rule id, then message."""
    return (f.path, f.start, f.end, f.rule, f.message)
