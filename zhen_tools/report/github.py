"""GitHub Actions report: one ``::error``/``::warning``/``::notice`` workflow command per finding.

GitHub turns these lines into annotations on the pull request's diff. Columns are code points and
``endColumn`` is the last character (inclusive, unlike ``Finding.end_column``), as GitHub defaults
``endColumn`` to ``col`` for a one-character annotation; GitHub refuses columns on an annotation
spanning several lines, so those carry lines only.

>>> from zhen_tools.text.document import document_from_text
>>> from zhen_tools.findings import make_finding
>>> from zhen_tools.report import Report
>>> doc = document_from_text("50% of it,仅次于 China", "a.txt")
>>> f = make_finding(doc, 10, 13, "untranslated", "error", "Chinese text")
>>> print(render(Report((f,), 1, {"a.txt": doc})), end="")
::error file=a.txt,line=1,col=11,endLine=1,endColumn=13,title=untranslated::Chinese text
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from zhen_tools.findings import Finding, Severity

if TYPE_CHECKING:
    from zhen_tools.report import Report

__all__ = ["COMMANDS", "escape_data", "escape_property", "render"]

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(s: str) -> str:
    """A command's message, escaped as GitHub's toolkit does (``%``, CR, LF).

    >>> escape_data("50%\\r\\nnext")
    '50%25%0D%0Anext'
    """
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    """A property value, escaped as GitHub's toolkit does (also ``:`` and ``,``).

    >>> escape_property("a,b:c%")
    'a%2Cb%3Ac%25'
    """
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding) -> str:
    """The workflow command for one finding."""
    props = [("file", f.path.replace("\\", "/")), ("line", str(f.line))]
    body = f.text.rstrip("\r\n")  # a trailing line break does not make a span multi-line
    if "\n" in body or "\r" in body:
        last_line = f.end_line - 1 if f.end_column == 1 else f.end_line
        props += [("endLine", str(last_line))]
    else:
        props += [
            ("col", str(f.column)),
            ("endLine", str(f.line)),
            ("endColumn", str(f.column + max(0, len(body) - 1))),
        ]
    props.append(("title", f.rule))
    message = f.message
    if f.suggestion is not None:
        message += f" (suggestion: {json.dumps(f.suggestion, ensure_ascii=False)})"
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{COMMANDS[f.severity]} {head}::{escape_data(message)}"


def render(report: Report, color: bool = False) -> str:
    """One line per finding (nothing when there are none); ``color`` is ignored."""
    return "".join(annotation(f) + "\n" for f in report.findings)
