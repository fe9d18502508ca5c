"""SARIF 2.1.0 report: one run of ``zhen`` with its rules, results, fixes and signature.

Columns are Unicode code points (``columnKind``), as everywhere in zhen_tools. SARIF regions end
*after* their last character, which is what ``Finding.end_line``/``end_column`` hold too, so
they are copied as they are (a span ending in a line break ends at column 1 of the next line).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from zhen_tools._version import __version__
from zhen_tools.findings import Finding, Severity
from zhen_tools.report.signature import report_signature

if TYPE_CHECKING:
    from zhen_tools.report import Report

__all__ = ["LEVELS", "SCHEMA_URI", "artifact_uri", "fingerprint", "render", "to_sarif"]

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT_KEY = "zhenSpanHash/v1"


def _paragraphs(doc: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", doc.strip()) if p.strip()]


def _help_text(doc: str) -> str:
    """The docstring's prose: every paragraph before the first ``>>>`` example."""
    prose = []
    for p in _paragraphs(doc):
        if p.startswith(">>>"):
            break
        prose.append(p)
    return "\n\n".join(prose)


def _descriptor(rule_id: str, rule: Any) -> dict[str, Any]:
    d: dict[str, Any] = {"id": rule_id}
    if rule is None:
        return d
    summary = str(getattr(rule, "summary", "") or "")
    doc = str(getattr(rule, "help", "") or "")
    first = next(iter(_paragraphs(doc)), "")
    if summary:
        d["shortDescription"] = {"text": summary}
    if first and not first.startswith(">>>"):
        d["fullDescription"] = {"text": first}
    help_text = _help_text(doc)
    if help_text:
        # Docstrings quote code RST-style (``x``); Markdown viewers want single backticks.
        d["help"] = {"text": help_text, "markdown": re.sub(r"``(.+?)``", r"`\1`", help_text)}
    sev = getattr(rule, "severity", None)
    if sev is not None:
        d["defaultConfiguration"] = {"level": LEVELS[Severity(sev)]}
    return d


def artifact_uri(path: str) -> tuple[str, bool]:
    """(URI reference for ``path``, whether it is relative to the source root).

    >>> artifact_uri("seeds/稀土 1.txt")
    ('seeds/%E7%A8%80%E5%9C%9F%201.txt', True)
    >>> artifact_uri("./a\\\\b.txt")
    ('a/b.txt', True)
    """
    p = path.replace("\\", "/")
    if os.path.isabs(path):
        rel = os.path.relpath(path)
        if rel.startswith(".."):
            return Path(path).resolve().as_uri(), False
        p = rel.replace("\\", "/")
    while p.startswith("./"):
        p = p[2:]
    return quote(p, safe="/"), True


def fingerprint(f: Finding, occurrence: int) -> str:
    """A hash of rule, path, flagged text and which occurrence of that text it is (not the line),
    so a finding keeps its identity when lines are added above it."""
    key = "\x00".join((f.rule, f.path.replace("\\", "/"), f.text, str(occurrence)))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _region(f: Finding, snippet: bool) -> dict[str, Any]:
    r: dict[str, Any] = {
        "startLine": f.line,
        "startColumn": f.column,
        "endLine": f.end_line,
        "endColumn": f.end_column,
    }
    if snippet:
        r["snippet"] = {"text": f.text}
    return r


def _location(f: Finding) -> dict[str, Any]:
    uri, relative = artifact_uri(f.path)
    loc: dict[str, Any] = {"uri": uri}
    if relative:
        loc["uriBaseId"] = "%SRCROOT%"
    return loc


def _result(f: Finding, index: int, occurrence: int) -> dict[str, Any]:
    text = f.message
    if f.suggestion is not None:
        text += f" (suggestion: {json.dumps(f.suggestion, ensure_ascii=False)})"
    res: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": index,
        "level": LEVELS[f.severity],
        "message": {"text": text},
        "locations": [{"physicalLocation": {"artifactLocation": _location(f), "region": _region(f, True)}}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(f, occurrence)},
    }
    if f.suggestion is not None:
        what = (
            f"Replace with {json.dumps(f.suggestion, ensure_ascii=False)}"
            if f.suggestion
            else "Remove the text"
        )
        res["fixes"] = [
            {
                "description": {"text": what},
                "artifactChanges": [
                    {
                        "artifactLocation": _location(f),
                        "replacements": [
                            {"deletedRegion": _region(f, False), "insertedContent": {"text": f.suggestion}}
                        ],
                    }
                ],
            }
        ]
    return res


def to_sarif(report: Report) -> dict[str, Any]:
    """The report as a SARIF 2.1.0 log (a JSON-ready dict)."""
    ids = sorted(set(report.rules) | {f.rule for f in report.findings})
    index = {rule_id: i for i, rule_id in enumerate(ids)}
    seen: Counter[tuple[str, str, str]] = Counter()
    occurrence: dict[int, int] = {}
    # Occurrences count in document order, whatever order the report lists findings in.
    for i, f in sorted(enumerate(report.findings), key=lambda t: (t[1].path, t[1].start, t[1].end)):
        key = (f.rule, f.path, f.text)
        occurrence[i] = seen[key]
        seen[key] += 1
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "zhen",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_descriptor(r, report.rules.get(r)) for r in ids],
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index[f.rule], occurrence[i]) for i, f in enumerate(report.findings)],
        "properties": {"signature": dict(report_signature(report))},
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(report: Report, color: bool = False) -> str:
    """Indented SARIF JSON ending with a newline; ``color`` is ignored."""
    return json.dumps(to_sarif(report), ensure_ascii=False, indent=1) + "\n"
