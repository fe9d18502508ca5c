"""JSON report: CONTRACT.md's ``{"findings": [...], "summary": {...}}`` plus the run signature."""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from zhen_tools.report import Report

__all__ = ["render", "to_json"]


def to_json(report: Report) -> dict[str, Any]:
    """The report as a JSON-ready dict.

    >>> from zhen_tools.report import Report
    >>> d = to_json(Report((), 2, signature={"version": "0.1.0"}))
    >>> d["summary"], d["signature"]
    ({'files': 2, 'findings': 0, 'by_rule': {}}, {'version': '0.1.0'})
    """
    from zhen_tools.report import report_signature

    by_rule = Counter(f.rule for f in report.findings)
    return {
        "findings": [f.to_json() for f in report.findings],
        "summary": {
            "files": report.files,
            "findings": len(report.findings),
            "by_rule": dict(sorted(by_rule.items())),
        },
        "signature": dict(report_signature(report)),
    }


def render(report: Report, color: bool = False) -> str:
    """Indented UTF-8 JSON (CJK kept as is), ending with a newline; ``color`` is ignored."""
    return json.dumps(to_json(report), ensure_ascii=False, indent=1) + "\n"
