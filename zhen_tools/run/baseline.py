"""Baselines: findings an editor dismissed once stay dismissed after the file is edited.

A baseline file records findings by a fingerprint that does not use line numbers: the rule, the
path (relative to the baseline's folder), the finding's text, its context (up to 32 characters
either side on its own line, whitespace collapsed) and its occurrence index among findings with
the same four. Inserting a paragraph above a dismissed finding keeps its fingerprint; the same
defect in another sentence has another context, so it is reported; rewriting the words right
next to it makes it new again (the editor sees it once more, which is the safe side).

>>> from zhen_tools.findings import make_finding
>>> from zhen_tools.text.document import document_from_text
>>> def found(text):
...     doc = document_from_text(text, "a.en.txt")
...     i = text.index("，")
...     return [make_finding(doc, i, i + 1, "punctuation", "warning", "full-width comma")], {doc.path: doc}
>>> entries = fingerprints(*found("Tokyo，Japan.\\n"), root=".")
>>> baseline = Baseline("zhen-baseline.json", tuple(entries))
>>> new, dismissed, unmatched = apply_baseline(*found("A new line.\\nTokyo，Japan.\\n"), baseline)
>>> (len(new), len(dismissed), len(unmatched))
(0, 1, 0)
>>> new, dismissed, unmatched = apply_baseline(*found("Osaka，Japan.\\n"), baseline)
>>> (len(new), len(dismissed), len(unmatched))
(1, 0, 1)
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from zhen_tools.findings import Finding
from zhen_tools.text.document import Document, NotRegularFileError, require_regular_file

__all__ = [
    "Baseline",
    "BaselineError",
    "Entry",
    "apply_baseline",
    "baseline_entries",
    "dumps",
    "fingerprints",
    "load_baseline",
    "relative_path",
    "write_baseline",
]

FORMAT = 1
CONTEXT = 32
_SPACE = re.compile(r"\s+")
_LINE_BREAK = re.compile(r"[\r\n\u2028\u2029]")


class BaselineError(ValueError):
    """A baseline file that cannot be read; ``str()`` is one line naming it."""


@dataclass(frozen=True)
class Entry:
    """One dismissed finding: its fingerprint and what it is made of (for readers of the file)."""

    fingerprint: str
    rule: str
    path: str
    text: str
    context: str
    occurrence: int
    reason: str | None = None

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "fingerprint": self.fingerprint,
            "rule": self.rule,
            "path": self.path,
            "text": self.text,
            "context": self.context,
            "occurrence": self.occurrence,
        }
        if self.reason:
            out["reason"] = self.reason
        return out


@dataclass(frozen=True)
class Baseline:
    """A loaded baseline: its path (paths in it are relative to its folder) and its entries."""

    path: str
    entries: tuple[Entry, ...] = ()

    @property
    def root(self) -> str:
        return os.path.dirname(os.path.abspath(self.path))


def relative_path(path: str, root: str) -> str:
    """``path`` relative to ``root`` (the baseline's folder; ``..`` if need be) with ``/``
    separators, so a baseline works from any working directory and on any OS; ``-`` as is.

    >>> relative_path("/work/articles/a.en.txt", "/work/qa")
    '../articles/a.en.txt'
    """
    if path == "-":
        return path
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute, root)
    except ValueError:  # another drive (Windows): no relative path exists
        rel = absolute
    return rel.replace(os.sep, "/")


def _context(text: str, start: int, end: int) -> str:
    """The finding's surroundings on its own line, whitespace collapsed; ``…`` marks the finding."""
    before = _LINE_BREAK.split(text[max(0, start - CONTEXT) : start])[-1]
    after = _LINE_BREAK.split(text[end : end + CONTEXT])[0]
    return _SPACE.sub(" ", before).lstrip() + "…" + _SPACE.sub(" ", after).rstrip()


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def fingerprints(findings: Sequence[Finding], documents: Mapping[str, Document], root: str) -> list[Entry]:
    """One Entry per finding, in the same order; paths are made relative to ``root``."""
    keyed: list[tuple[int, tuple[str, str, str, str]]] = []
    for i, f in enumerate(findings):
        doc = documents.get(f.path)
        context = _context(doc.text, f.start, f.end) if doc is not None else ""
        keyed.append((i, (f.rule, relative_path(f.path, root), f.text, context)))
    seen: dict[tuple[str, str, str, str], int] = {}
    out: list[Entry | None] = [None] * len(findings)
    # Occurrences count in text order, whatever order the findings came in.
    for i, key in sorted(keyed, key=lambda ik: (ik[1][1], findings[ik[0]].start, findings[ik[0]].end)):
        n = seen.get(key, 0)
        seen[key] = n + 1
        rule, path, text, context = key
        out[i] = Entry(_digest(rule, path, text, context, str(n)), rule, path, text, context, n)
    return [e for e in out if e is not None]


def apply_baseline(
    findings: Sequence[Finding], documents: Mapping[str, Document], baseline: Baseline
) -> tuple[list[Finding], list[tuple[Finding, Entry]], list[Entry]]:
    """(new findings, dismissed findings with their baseline entry, entries that matched nothing).

    An entry only goes stale for the files of this run: checking one file does not make the
    entries of the others stale."""
    by_print = {e.fingerprint: e for e in baseline.entries}
    new: list[Finding] = []
    dismissed: list[tuple[Finding, Entry]] = []
    used: set[str] = set()
    for f, entry in zip(findings, fingerprints(findings, documents, baseline.root)):
        known = by_print.get(entry.fingerprint)
        if known is None:
            new.append(f)
        else:
            dismissed.append((f, known))
            used.add(known.fingerprint)
    checked = {relative_path(p, baseline.root) for p in documents}
    unmatched = [e for e in baseline.entries if e.fingerprint not in used and e.path in checked]
    return new, dismissed, unmatched


def load_baseline(path: str | os.PathLike[str]) -> Baseline:
    """Read a baseline file (``-``: standard input, its paths relative to the working folder);
    raises BaselineError if it is missing or malformed."""
    name = os.fspath(path)
    try:
        if name == "-":
            data = json.loads(sys.stdin.buffer.read().decode("utf-8-sig"))
        else:
            require_regular_file(name)
            with open(name, encoding="utf-8-sig") as fh:
                data = json.load(fh)
    except FileNotFoundError:
        raise BaselineError(f"{name}: no such baseline (write one with --write-baseline {name})") from None
    except OSError as exc:
        raise BaselineError(f"{name}: cannot read baseline: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{name}: cannot read baseline: {exc}") from None
    entries = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise BaselineError(f"{name}: not a zhen baseline (no 'entries' list)")
    out = []
    for n, item in enumerate(entries):
        try:
            out.append(
                Entry(
                    str(item["fingerprint"]),
                    str(item["rule"]),
                    str(item["path"]),
                    str(item.get("text", "")),
                    str(item.get("context", "")),
                    int(item.get("occurrence", 0)),
                    str(item["reason"]) if item.get("reason") else None,
                )
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            raise BaselineError(
                f"{name}: entry {n + 1} needs at least a fingerprint, rule and path"
            ) from None
    return Baseline(name, tuple(out))


def dumps(entries: Iterable[Entry]) -> str:
    """The baseline file's text: entries by path, then as given; UTF-8 JSON, one entry a block."""
    ordered = sorted(entries, key=lambda e: e.path)
    body = json.dumps(
        {"zhen-baseline": FORMAT, "entries": [e.to_json() for e in ordered]}, ensure_ascii=False, indent=1
    )
    return body + "\n"


def baseline_entries(
    findings: Sequence[Finding],
    documents: Mapping[str, Document],
    root: str,
    previous: Baseline | None = None,
) -> tuple[list[Entry], list[Entry]]:
    """(the entries of a baseline whose paths are relative to ``root``, the stale entries of
    ``previous`` dropped): ``findings`` with the reasons of ``previous`` entries that still
    match, and the ``previous`` entries of files not in this run."""
    current = fingerprints(findings, documents, root)
    kept: list[Entry] = []
    dropped: list[Entry] = []
    if previous is not None:
        reasons = {e.fingerprint: e.reason for e in previous.entries if e.reason}
        current = [
            Entry(e.fingerprint, e.rule, e.path, e.text, e.context, e.occurrence, reasons.get(e.fingerprint))
            for e in current
        ]
        now = {e.fingerprint for e in current}
        checked = {relative_path(p, root) for p in documents}
        for e in previous.entries:
            if e.path not in checked:
                kept.append(e)
            elif e.fingerprint not in now:
                dropped.append(e)
    entries = list({e.fingerprint: e for e in [*kept, *current]}.values())
    return entries, dropped


def write_baseline(
    path: str | os.PathLike[str],
    findings: Sequence[Finding],
    documents: Mapping[str, Document],
    previous: Baseline | None = None,
) -> tuple[int, list[Entry]]:
    """Record ``findings`` at ``path``, keeping the reasons of entries that still match and the
    entries of files not in this run; returns (entries written, stale entries dropped)."""
    name = os.fspath(path)
    entries, dropped = baseline_entries(findings, documents, os.path.dirname(os.path.abspath(name)), previous)
    # Through a symlink, as a shell's `>` writes: the link stays, the file it names is replaced.
    # Never over a FIFO or device (`--write-baseline /dev/null` must not replace /dev/null).
    target = os.path.realpath(name)
    if os.path.lexists(target):
        try:
            require_regular_file(target)
        except (NotRegularFileError, IsADirectoryError) as exc:
            raise BaselineError(f"{name}: cannot write baseline: {exc.strerror}") from None
    tmp = target + ".tmp"
    try:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(dumps(entries))
        os.replace(tmp, target)
    except OSError as exc:
        raise BaselineError(f"{name}: cannot write baseline: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(OSError):
            os.remove(tmp)  # gone once replaced; a full disk leaves no half-written file behind
    return len(entries), dropped
