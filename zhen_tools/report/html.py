"""HTML report for editors: one self-contained file (inline CSS and JS, no network request) with
the findings table, name clusters, and each document -- a pair side by side, bead by bead -- with
the findings highlighted.

Safety against the checked text: every piece of document text is HTML-escaped here; the data the
script reads is JSON inside ``<script type="application/json">`` with ``<``, ``>``, ``&``, U+2028
and U+2029 escaped, and the script writes it with ``textContent`` only. A Content-Security-Policy
allows no connection at all and runs only the report's own script (by a nonce), so a ``<script>``
in a checked document is shown as text and could not run even if it reached the markup.

>>> from zhen_tools.findings import make_finding
>>> from zhen_tools.report import Report
>>> from zhen_tools.text.document import document_from_text
>>> doc = document_from_text("Tokyo，<script>alert(1)</script>", "a.en.txt")
>>> f = make_finding(doc, 5, 6, "punctuation", "warning", "full-width comma", suggestion=",")
>>> page = render(Report((f,), 1, documents={doc.path: doc}))
>>> "<script>alert" in page, "&lt;script&gt;alert(1)&lt;/script&gt;" in page
(False, True)
>>> '<mark class="f sev-warning" data-f="0">，</mark>' in page
True
"""

from __future__ import annotations

import bisect
import hashlib
import html
import json
import os
import re
import shlex
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from zhen_tools.findings import Finding
from zhen_tools.formats import bilingual_format, readable_text
from zhen_tools.run.baseline import Entry, fingerprints
from zhen_tools.run.fix import fixable_rules, plan_fixes
from zhen_tools.text.document import Document

if TYPE_CHECKING:
    from zhen_tools.report import Report

__all__ = ["embed_json", "render"]

MAX_LINKS = 200  # occurrence links shown per rendering of a name cluster


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    kind: str  # f: a finding, s: a finding's source span, o: an occurrence of a clustered name
    ref: int  # finding index or occurrence index
    cls: str = ""


def embed_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` (so no
    ``</script>`` or ``<!--``), and no U+2028/U+2029 (line breaks to old JavaScript parsers).

    >>> embed_json({"t": "</script><!-- & \\u2028"})
    '{"t": "\\\\u003c/script\\\\u003e\\\\u003c!-- \\\\u0026 \\\\u2028"}'
    """
    text = json.dumps(data, ensure_ascii=False)
    for ch, esc in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(ch, esc)
    return text


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _asset(name: str) -> str:
    return resources.files("zhen_tools.report").joinpath("html_assets", name).read_text(encoding="utf-8")


class _Page:
    """Marks by document, the HTML of each rendered range, and where each finding landed."""

    def __init__(self, documents: Mapping[str, Document]) -> None:
        self.documents = documents
        self.marks: dict[str, list[_Mark]] = defaultdict(list)
        self.starts: dict[str, list[int]] = {}
        self.longest: dict[str, int] = {}
        self.anchored: dict[tuple[str, int], str] = {}  # (kind, ref) -> element id
        self.rows: dict[str, list[tuple[int, str]]] = defaultdict(list)  # path -> (offset, row id)
        self.runs: dict[str, list[tuple[int, int]]] = defaultdict(list)  # a bilingual file's text

    def add(self, path: str | None, mark: _Mark) -> None:
        if path is not None and path in self.documents and 0 <= mark.start <= mark.end:
            self.marks[path].append(mark)

    def freeze(self) -> None:
        for path, marks in self.marks.items():
            marks.sort(key=lambda m: (m.start, m.end))
            self.starts[path] = [m.start for m in marks]
            self.longest[path] = max(m.end - m.start for m in marks)

    def text(self, path: str, start: int, end: int, decode: bool = False) -> str:
        """``documents[path].text[start:end]``, escaped, with its marks; with ``decode``, each
        piece as a bilingual file's reader reads it (``&amp;`` as ``&``, ``\\"`` as ``"``)."""
        doc = self.documents[path]
        if decode and bilingual_format(path) is not None:
            return self._marked(path, start, end, lambda a, b: readable_text(path, doc.text[a:b]))
        return self._marked(path, start, end, lambda a, b: doc.text[a:b])

    def read(self, f: Finding) -> str:
        """A finding's text as its reader reads it: in a bilingual file, the pieces of the runs
        of segment text it covers, decoded (a PO string's wrapping quotes, markup, entities
        gone); else the file's own characters."""
        runs = self.runs.get(f.path)
        if not runs or f.path not in self.documents or bilingual_format(f.path) is None:
            return f.text  # (a finding in plain text may span segments: what lies between counts)
        text = self.documents[f.path].text
        runs.sort()
        i = max(bisect.bisect_right(runs, (f.start, f.start)) - 1, 0)
        pieces = []
        while i < len(runs) and runs[i][0] < f.end:
            a, b = max(runs[i][0], f.start), min(runs[i][1], f.end)
            if a < b:
                pieces.append(readable_text(f.path, text[a:b]))
            i += 1
        return "".join(pieces) or f.text

    def _marked(self, path: str, start: int, end: int, piece: Callable[[int, int], str]) -> str:
        """The text ``piece(a, b)`` gives for ``start:end``, escaped, cut at its marks."""
        marks = self.marks.get(path, [])
        starts = self.starts.get(path, [])
        # Marks are sorted by start; one reaching into [start, end) starts before ``end`` and at
        # most the longest mark's length before ``start``.
        lo = bisect.bisect_left(starts, start - self.longest.get(path, 0))
        hi = bisect.bisect_left(starts, end)
        inside = [m for m in marks[lo:hi] if m.end > start or (m.start == m.end and start <= m.start < end)]
        if not inside:
            return _esc(piece(start, end))
        cuts = {start, end}
        for m in inside:
            cuts.add(max(start, m.start))
            cuts.add(min(end, m.end))
        points = sorted(cuts)
        # A zero-width finding (a missing character) is a caret at its place.
        pieces: list[str] = []
        for a, b in pairwise(points):
            pieces.append(self._piece(path, inside, a, b, piece(a, b)))
            for m in inside:
                if m.start == m.end == b and b < end:
                    pieces.append(self._caret(path, m))
        lead = [self._caret(path, m) for m in inside if m.start == m.end == start]
        return "".join(lead + pieces)

    def _anchor(self, m: _Mark) -> str:
        key = (m.kind, m.ref)
        if key in self.anchored:
            return ""
        ident = f"{m.kind}{m.ref}"
        self.anchored[key] = ident
        return f'<span class="anchor" id="{ident}"></span>'

    def _caret(self, path: str, m: _Mark) -> str:
        return self._anchor(m) + f'<mark class="{m.kind} z {m.cls}" data-{m.kind}="{m.ref}"></mark>'

    def _piece(self, path: str, inside: Sequence[_Mark], a: int, b: int, text: str) -> str:
        covering = [m for m in inside if m.start < b and m.end > a]
        if not covering or a == b:
            return _esc(text)
        lead = "".join(self._anchor(m) for m in covering)
        attrs: list[str] = []
        classes: list[str] = []
        for kind in ("f", "s", "o"):
            refs = [m for m in covering if m.kind == kind]
            if refs:
                classes.append(kind)
                classes.extend(sorted({m.cls for m in refs if m.cls}))
                attrs.append(f' data-{kind}="{" ".join(str(m.ref) for m in refs)}"')
        return f'{lead}<mark class="{" ".join(classes)}"{"".join(attrs)}>{_esc(text)}</mark>'

    def row(self, path: str, offset: int, ident: str) -> None:
        self.rows[path].append((offset, ident))

    def near(self, path: str, offset: int) -> str | None:
        """The row holding (or last before) ``offset`` in a rendered document."""
        rows = self.rows.get(path)
        if not rows:
            return None
        i = bisect.bisect_right([o for o, _ in rows], offset) - 1
        return rows[max(i, 0)][1]


def _segments_html(page: _Page, path: str, segments: Iterable[Sequence[tuple[int, int]]]) -> str:
    """A bead side: its segments one after another, each as the runs of its file that hold its
    text, shown as that text reads (a bilingual file's markup, entities and PO quoting gone)."""
    out = []
    for runs in segments:
        page.runs[path].extend(runs)
        out.append("".join(page.text(path, a, b, decode=True) for a, b in runs))
    return " ".join(out)


def _pair_section(page: _Page, k: int, view: Any) -> str:
    same = view.source == view.target
    title = _esc(view.target) if same else f"{_esc(view.source)} ⇄ {_esc(view.target)}"
    rows: list[str] = []
    for bi, (src, tgt) in enumerate(view.beads):
        ident = f"p{k}-{bi}"
        for runs in tgt:
            page.row(view.target, runs[0][0], ident)
        for runs in src:
            page.row(view.source, runs[0][0], ident)
        rows.append(
            f'<tr id="{ident}"><td class="n">{bi + 1}</td>'
            f'<td class="src" lang="zh">{_segments_html(page, view.source, src)}</td>'
            f'<td class="tgt" lang="en">{_segments_html(page, view.target, tgt)}</td></tr>'
        )
    return (
        f'<section class="doc" id="d{k}" data-path="{_esc(view.target)}"><h3>{title}'
        f" <small>({_esc(view.kind)}, {len(view.beads)} beads)</small></h3>"
        '<table class="sbs"><thead><tr><th>#</th><th>source</th><th>target</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table></section>"
    )


def _doc_section(page: _Page, k: int, path: str) -> str:
    doc = page.documents[path]
    ident = f"d{k}"
    page.row(path, 0, ident)
    return (
        f'<section class="doc" id="{ident}" data-path="{_esc(path)}"><h3>{_esc(path)}</h3>'
        f'<pre class="text">{page.text(path, 0, len(doc.text))}</pre></section>'
    )


def _clusters(
    findings: Sequence[Finding], documents: Mapping[str, Document], skip: set[str]
) -> list[dict[str, Any]]:
    """Name clusters from inconsistent-rendering findings: the majority spelling (the suggestion)
    and each minority one, with every whole-word occurrence in the documents checked."""
    groups: dict[str, set[str]] = {}
    for f in findings:
        if f.rule == "inconsistent-rendering" and f.suggestion:
            groups.setdefault(f.suggestion, {f.suggestion}).add(f.text)
    out = []
    for major, forms in sorted(groups.items()):
        renderings = []
        for form in sorted(forms, key=lambda s: (s != major, s)):
            pattern = re.compile(r"(?<!\w)" + re.escape(form) + r"(?!\w)")
            where = [
                (path, m.start(), m.end())
                for path, doc in sorted(documents.items())
                if path not in skip
                for m in pattern.finditer(doc.text)
            ]
            renderings.append({"form": form, "where": where})
        out.append({"name": major, "renderings": renderings})
    return out


def _clusters_html(page: _Page, clusters: list[dict[str, Any]], base: int) -> str:
    if not clusters:
        return "<p>No name is written in more than one form.</p>"
    n = base
    items = []
    for c in clusters:
        forms = []
        for r in c["renderings"]:
            links: list[str] = []
            for path, a, b in r["where"]:
                page.add(path, _Mark(a, b, "o", n))
                if len(links) < MAX_LINKS:
                    line, col = page.documents[path].position(a)
                    links.append(f'<a href="#o{n}" data-o="{n}">{_esc(path)}:{line}:{col}</a>')
                n += 1
            more = len(r["where"]) - len(links)
            tail = f" … and {more} more" if more > 0 else ""
            forms.append(
                f'<li><b class="form">{_esc(r["form"])}</b> <span class="count">×{len(r["where"])}</span> '
                + " ".join(links)
                + tail
                + "</li>"
            )
        items.append(f'<li class="cluster"><b>{_esc(c["name"])}</b><ul>{"".join(forms)}</ul></li>')
    return f'<ul class="clusters">{"".join(items)}</ul>'


@dataclass(frozen=True)
class _View:
    kind: str
    source: str
    target: str
    beads: tuple[Any, ...]


def _merged(pairs: Iterable[Any]) -> list[_View]:
    """One view per (source, target): a digest's headline pairs, or a file's pairs, are one table."""
    groups: dict[tuple[str, str], list[Any]] = {}
    for v in pairs:
        groups.setdefault((v.source, v.target), []).append(v)
    out = []
    for (source, target), vs in groups.items():
        beads = sorted(
            (b for v in vs for b in v.beads), key=lambda b: (b[1][:1] or b[0][:1] or [[(0, 0)]])[0][0]
        )
        out.append(_View(vs[0].kind, source, target, tuple(beads)))
    return out


def _entries(report: Report, findings: Sequence[Finding]) -> list[Entry]:
    root = os.path.dirname(os.path.abspath(report.baseline)) if report.baseline else os.getcwd()
    return fingerprints(findings, report.documents, root)


def _safe_fixes(report: Report, findings: Sequence[Finding]) -> set[int]:
    """Indexes of the findings ``zhen check --fix`` would apply."""
    rules = fixable_rules(report.rules or None)
    by_path: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(findings):
        by_path[f.path].append(i)
    out: set[int] = set()
    for path, idx in by_path.items():
        doc = report.documents.get(path)
        if doc is None:
            continue
        plan = plan_fixes(doc, [findings[i] for i in idx], rules)
        applied = {id(f) for f in plan.applied}
        out.update(i for i in idx if id(findings[i]) in applied)
    return out


def render(report: Report, color: bool = False) -> str:
    """The whole page; ``color`` is ignored."""
    new = list(report.findings)
    dismissed = list(report.dismissed)
    findings = new + [f for f, _ in dismissed]
    entries = _entries(report, new) + [e for _, e in dismissed]
    fixes = _safe_fixes(report, new)
    docs = report.documents
    page = _Page(docs)
    for i, f in enumerate(findings):
        page.add(f.path, _Mark(f.start, f.end, "f", i, f"sev-{f.severity.value}"))
        if f.source_path is not None and f.source_start is not None and f.source_end is not None:
            page.add(f.source_path, _Mark(f.source_start, f.source_end, "s", i))
    views = _merged(report.pairs)
    sources = {v.source for v in views if v.source != v.target}
    clusters = _clusters(findings, docs, sources)
    clusters_html = _clusters_html(page, clusters, 0)
    page.freeze()

    sections: list[str] = []
    shown: set[str] = set()
    for k, view in enumerate(views):
        if view.source in docs and view.target in docs:
            sections.append(_pair_section(page, k, view))
            shown.update((view.source, view.target))
    for path in sorted(docs):
        if path not in shown:
            sections.append(_doc_section(page, len(sections) + len(views), path))

    rows = []
    for i, (f, e) in enumerate(zip(findings, entries)):
        loc = page.anchored.get(("f", i)) or page.near(f.path, f.start) or ""
        rows.append(
            {
                "rule": f.rule,
                "severity": f.severity.value,
                "path": f.path,
                "line": f.line,
                "column": f.column,
                "message": f.message,
                "text": page.read(f),
                "suggestion": f.suggestion,
                "fix": i in fixes,
                "dismissed": i >= len(new),
                "reason": e.reason,
                "loc": loc,
                "src": page.anchored.get(("s", i)),
                "entry": e.to_json(),
            }
        )
    fix_paths = sorted({findings[i].path for i in fixes if findings[i].path != "-"})
    data = {
        "findings": rows,
        "rules": {rid: getattr(r, "summary", "") for rid, r in sorted(report.rules.items())},
        "files": report.files,
        "fix": ("zhen check --fix " + " ".join(shlex.quote(p) for p in fix_paths)) if fix_paths else "",
        "baseline": os.path.basename(report.baseline) if report.baseline else "zhen-baseline.json",
    }
    payload = embed_json(data)
    nonce = hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]
    csp = (
        "default-src 'none'; connect-src 'none'; img-src 'none'; font-src 'none'; "
        f"style-src 'unsafe-inline'; script-src 'nonce-{nonce}'; base-uri 'none'; form-action 'none'"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>zhen check report</title>\n"
        f"<style>{_asset('report.css')}</style></head>\n<body>\n"
        '<header><h1>zhen check</h1><p id="summary"></p>'
        '<div id="filters"><label>severity <select id="f-sev"><option value="">all</option>'
        '<option value="error">error</option><option value="warning">warning</option>'
        '<option value="info">info</option></select></label> '
        '<label>file <select id="f-file"><option value="">all files</option></select></label> '
        '<label><input type="checkbox" id="f-dismissed"> show dismissed (<span id="n-dismissed">0</span>)</label> '
        '<label>reason <input id="reason" placeholder="reason for new dismissals"></label> '
        '<button id="export" type="button">export baseline</button>'
        '<div id="f-rules"></div></div>'
        '<p id="fixcmd"></p></header>\n<main>\n'
        '<h2>Findings</h2><table id="findings"><thead><tr><th>dismiss</th><th>severity</th><th>rule</th>'
        "<th>where</th><th>text</th><th>message</th><th>suggestion</th></tr></thead><tbody></tbody></table>\n"
        f"<h2>Name clusters</h2>{clusters_html}\n"
        "<h2>Documents</h2>\n" + "\n".join(sections) + "\n</main>\n"
        f'<script type="application/json" id="zhen-data">{payload}</script>\n'
        f'<script nonce="{nonce}">{_asset("report.js")}</script>\n'
        "</body></html>\n"
    )
