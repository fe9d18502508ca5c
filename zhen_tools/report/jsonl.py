"""JSONL report: one finding per line, each the JSON object of ``Finding.to_json`` (CONTRACT.md),
so a consumer can read findings as they are written; no summary line.

>>> from zhen_tools.findings import Finding, Severity
>>> f = Finding("a.jsonl", 3, 5, 7, 4, 7, 6, "punctuation", Severity.WARNING, "m", "，", None, "s1")
>>> line(f)[:60]
'{"path": "a.jsonl", "line": 7, "column": 4, "end_line": 7, "'
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from zhen_tools.findings import Finding

if TYPE_CHECKING:
    from zhen_tools.report import Report

__all__ = ["line", "render"]


def line(finding: Finding) -> str:
    """One finding as one line of JSON (CJK kept as is), with its newline."""
    return json.dumps(finding.to_json(), ensure_ascii=False) + "\n"


def render(report: Report, color: bool = False) -> str:
    """Every finding of the report, one per line; ``color`` is ignored."""
    return "".join(line(f) for f in report.findings)
