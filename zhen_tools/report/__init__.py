"""Reporters: render a Report (findings of one run) as text, JSON, SARIF, GitHub annotations,
HTML or JSONL (one finding per line)."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TextIO

from zhen_tools.findings import Finding
from zhen_tools.text.document import Document

__all__ = ["FORMATS", "Report", "render", "write"]

FORMATS = ("text", "json", "sarif", "github", "html", "jsonl")


@dataclass(frozen=True)
class Report:
    """Everything a reporter needs: the findings in report order, how many files were checked,
    the documents by path (for source lines), the rules that ran (id -> registry Rule), and the
    signature (tool version, glossaries with hashes, dependency versions): build it with
    ``zhen_tools.report.signature.signature(glossary.sources)``.

    For the HTML report only: ``pairs`` are the run's aligned pairs (``run.execute.PairView``,
    from a run with ``keep_pairs``), ``dismissed`` the findings a baseline dismissed, each with
    its ``run.baseline.Entry``, and ``baseline`` the baseline file's path (its folder is where
    exported baseline paths are relative to)."""

    findings: tuple[Finding, ...]
    files: int
    documents: Mapping[str, Document] = field(default_factory=dict)
    rules: Mapping[str, Any] = field(default_factory=dict)
    signature: Mapping[str, Any] = field(default_factory=dict)
    pairs: tuple[Any, ...] = ()
    dismissed: tuple[tuple[Finding, Any], ...] = ()
    baseline: str | None = None
    failed: int = 0  # rule runs that raised (their errors are printed apart)
    unread: int = 0  # inputs that could not be read or parsed (their errors are printed apart)


def render(report: Report, fmt: str = "text", *, color: bool = False) -> str:
    """The report in ``fmt`` (one of FORMATS), ready to write to stdout as is: it ends with a
    newline (``github`` with no findings is empty). ``color`` adds ANSI colours to ``text`` only.
    Each format is a module ``report/<fmt>.py`` with ``render(report, color)``."""
    return str(_module(fmt).render(report, color=color))


def _module(fmt: str) -> Any:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    return importlib.import_module(f"zhen_tools.report.{fmt}")


def write(report: Report, fmt: str, stream: TextIO, *, color: bool = False) -> None:
    """Write ``render(report, fmt, color=color)`` to ``stream``, a piece at a time for a format
    whose module has ``chunks(report, color)`` (text): the text report of a big file's tens of
    thousands of findings is never one string (nor, encoded, one bytes object) in memory."""
    mod = _module(fmt)
    pieces = getattr(mod, "chunks", None)
    if pieces is None:
        stream.write(str(mod.render(report, color=color)))
        return
    for piece in pieces(report, color=color):
        stream.write(piece)
