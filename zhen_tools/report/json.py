"""JSON report: CONTRACT.md's ``{"findings": [...], "summary": {...}}`` plus the run signature."""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, Any

from zhen_tools.report.signature import report_signature

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
    """Indented UTF-8 JSON (CJK kept as is), ending with a newline; ``color`` is ignored.

    Byte for byte ``json.dumps(to_json(report), ensure_ascii=False, indent=1)``, but the
    findings -- flat objects of strings, numbers and nulls, thousands of them in a large run --
    are written with the C string encoder: ``json.dumps`` with ``indent`` falls back to its
    pure-Python encoder, which took 0.8 s for 16,000 findings.

    >>> from zhen_tools.report import Report
    >>> print(render(Report((), 0, signature={"version": "0.1.0"})), end="")
    {
     "findings": [],
     "summary": {
      "files": 0,
      "findings": 0,
      "by_rule": {}
     },
     "signature": {
      "version": "0.1.0"
     }
    }
    """
    data = to_json(report)
    findings = data.pop("findings")
    rest = json.dumps(data, ensure_ascii=False, indent=1)
    if not findings:
        return '{\n "findings": [],\n' + rest[2:] + "\n"
    blocks = ",\n".join(_finding_block(f) for f in findings)
    return '{\n "findings": [\n' + blocks + "\n ],\n" + rest[2:] + "\n"


def _finding_block(obj: dict[str, Any]) -> str:
    """One finding as ``json.dumps(..., indent=1)`` writes it two levels deep."""
    lines = []
    for key, value in obj.items():
        if isinstance(value, str):
            v = _string(value)
        elif value is None:
            v = "null"
        elif value is True or value is False:
            v = "true" if value else "false"
        elif isinstance(value, int):
            v = int.__repr__(value)
        else:  # not a flat value: the general encoder, re-indented
            v = json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n   ")
        lines.append(f"   {_string(key)}: {v}")
    return "  {\n" + ",\n".join(lines) + "\n  }"


_string = json.encoder.encode_basestring  # type: ignore[attr-defined]
