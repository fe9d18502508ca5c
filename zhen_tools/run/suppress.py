"""Inline suppressions: ``zhen: ignore[rule,...]`` comments, and the ``unused-ignore`` rule.

At the end of a line, ``# zhen: ignore[punctuation]`` (or ``<!-- zhen: ignore[punctuation] -->``,
the form for Markdown and HTML) suppresses findings of those rules that start on that line;
a bare ``zhen: ignore`` suppresses every rule there. ``zhen: ignore-next-line[rule]`` alone on its
line suppresses findings starting on the next line. Rule names may be prefixes (``glossary``).
Both comment forms are understood in every kind of file, so a comment copied from a Markdown
file into a plain-text one keeps working. In Markdown and HTML, one shown as code (a fenced
block, a code span, ``<pre>``) is an example in a style guide, not a directive. In a PO file,
``# zhen: ignore[...]`` as a comment line of an entry (a translator comment) covers the whole
entry, down to the blank line that ends it.

>>> from zhen_tools.text.document import document_from_text
>>> doc = document_from_text("Tokyo， Japan  # zhen: ignore[punctuation]\\nnext")
>>> [(s.line, s.rules) for s in parse_suppressions(doc)]
[(1, ('punctuation',))]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from zhen_tools.config import selector_matches
from zhen_tools.findings import Finding, make_finding
from zhen_tools.formats.markup import code_regions
from zhen_tools.formats.units import bilingual_format
from zhen_tools.rules.unused_ignore import UNUSED_IGNORE
from zhen_tools.text.document import Document
from zhen_tools.text.lazyre import compile_cached

__all__ = ["UNUSED_IGNORE", "Suppression", "apply_suppressions", "parse_suppressions"]


_KIND = r"(?P<kind>ignore-next-line|ignore)(?![\w-])(?:\s*\[(?P<rules>[^\]\n]*)\])?"
# Either comment form, running to the end of the line.
_DIRECTIVE = compile_cached(
    rf"(?:<!--\s*zhen:\s*{_KIND}\s*-->|#\s*zhen:\s*{_KIND.replace('?P<', '?P<h')})\s*\Z"
)


@dataclass(frozen=True)
class Suppression:
    """One directive: it covers findings starting on ``line`` (to ``last`` when that is later:
    a PO entry's lines); ``rules`` None means every rule.

    ``start``/``end`` are the offsets of the comment itself, where an unused one is reported.
    """

    line: int
    rules: tuple[str, ...] | None
    start: int
    end: int
    next_line: bool
    last: int = 0

    def covers(self, rule: str) -> str | None:
        """The selector of this directive that matches ``rule`` ("" for a bare ignore), or None."""
        if self.rules is None:
            return ""
        for sel in self.rules:
            if selector_matches(sel, rule):
                return sel
        return None


def parse_suppressions(doc: Document) -> list[Suppression]:
    """Every suppression directive in ``doc``, in text order."""
    text = doc.text
    if "zhen:" not in text:  # the common case costs one substring search
        return []
    out: list[Suppression] = []
    seen_lines: set[int] = set()
    code = code_regions(doc.path, text)  # a directive shown as code is an example
    po: bool | None = None  # whether a comment line covers its PO entry, asked once needed
    code_starts = [a for a, _ in code]
    for m in re.finditer("zhen:", text):
        line, _ = doc.position(m.start())
        if line in seen_lines:
            continue
        seen_lines.add(line)
        body = doc.line_text(line)
        d = _DIRECTIVE.search(body)
        if d is None:
            continue
        base = doc.line_starts[line - 1]
        i = bisect.bisect_right(code_starts, base + d.start()) - 1
        if i >= 0 and base + d.start() < code[i][1]:
            continue
        kind = d.group("kind") or d.group("hkind")
        raw = d.group("rules") if d.group("kind") else d.group("hrules")
        rules = tuple(r.strip() for r in raw.split(",") if r.strip()) if raw is not None else ()
        next_line = kind == "ignore-next-line"
        alone = not body[: d.start()].strip()
        if next_line and not alone:
            continue  # ignore-next-line must stand on its own line
        last = 0
        if po is None:
            po = bilingual_format(doc.path) == "po"
        if po and alone and not next_line and d.group("hkind"):
            last = _entry_end(doc, line)  # a translator comment: the whole entry
        out.append(
            Suppression(
                line + 1 if next_line else line,
                rules or None,
                base + d.start(),
                base + d.end(),
                next_line,
                last,
            )
        )
    return out


def _entry_end(doc: Document, line: int) -> int:
    """The last line of the PO entry whose comment is on ``line``: entries end at a blank line."""
    n = line
    while n < len(doc.line_starts) and doc.line_text(n + 1).strip():
        n += 1
    return n


def apply_suppressions(
    doc: Document,
    findings: Iterable[Finding],
    *,
    active_rules: Collection[str] = (),
    report_unused: bool = False,
    known_rules: Collection[str] | None = None,
) -> tuple[list[Finding], list[Finding]]:
    """Split ``findings`` of ``doc`` into (kept, unused-ignore findings).

    A directive (or one rule named in it) that suppressed nothing is reported as ``unused-ignore``
    when ``report_unused``; a named rule only counts as unused if it is in ``active_rules`` (the
    rules that ran on this document), since a rule that did not run proves nothing. A name that
    is no rule of ``known_rules`` at all (``untranslatd``) is reported too: it never suppresses
    anything, and its author meant another.
    """
    findings = list(findings)
    sups = parse_suppressions(doc)
    if not sups:
        return findings, []
    by_line: dict[int, list[int]] = {}
    for i, s in enumerate(sups):
        for line in range(s.line, max(s.line, s.last) + 1):
            by_line.setdefault(line, []).append(i)
    used: set[tuple[int, str]] = set()
    kept: list[Finding] = []
    for f in findings:
        hit = False
        for i in by_line.get(f.line, ()):
            sel = sups[i].covers(f.rule)
            if sel is not None:
                used.add((i, sel))
                hit = True
        if not hit:
            kept.append(f)
    unused: list[Finding] = []
    if report_unused:
        for i, s in enumerate(sups):
            if s.rules is None:
                if (i, "") not in used:
                    shown = doc.text[s.start : s.end].strip()
                    unused.append(_unused(doc, s, f"'{shown}' suppresses nothing"))
                continue
            for sel in s.rules:
                if known_rules is not None and not any(selector_matches(sel, r) for r in known_rules):
                    unused.append(_unused(doc, s, f"no rule is named '{sel}'"))
                elif (i, sel) not in used and any(selector_matches(sel, r) for r in active_rules):
                    unused.append(_unused(doc, s, f"no {sel} finding to ignore here"))
    return kept, unused


def _unused(doc: Document, s: Suppression, why: str) -> Finding:
    """The ``unused-ignore`` warning on directive ``s``."""
    return make_finding(doc, s.start, s.end, UNUSED_IGNORE, "warning", f"unused suppression: {why}")
