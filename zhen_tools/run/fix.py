"""``--fix``: apply the unambiguous suggestions of an allowlist of rules, and write files safely.

Only findings of ``FIXABLE_RULES`` with a suggestion are applied, and only where no other fix
overlaps them (overlapping fixes are all left alone and reported). The text is re-checked after
each pass until nothing more is fixable, then written back atomically in its own encoding, BOM
and line endings, so the only bytes that change are the fixed ones.

>>> from zhen_tools.text.document import document_from_text
>>> from zhen_tools.findings import make_finding
>>> doc = document_from_text("Tokyo，Japan")
>>> f = make_finding(doc, 5, 6, "punctuation", "warning", "full-width comma", suggestion=", ")
>>> plan = plan_fixes(doc, [f])
>>> plan.text, fix_lines(plan)
('Tokyo, Japan', ["<text>:1:6: fixed punctuation: '，' -> ', '"])
"""

from __future__ import annotations

import difflib
import os
import re
import stat
import tempfile
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from zhen_tools.text.document import Document, document_from_text
from zhen_tools.findings import Finding

if TYPE_CHECKING:
    from zhen_tools.rules.registry import Rule
    from zhen_tools.config import Config
    from zhen_tools.run.engine import CheckResult
    from zhen_tools.glossary.model import Glossary

__all__ = [
    "FIXABLE_RULES",
    "FixError",
    "FixPlan",
    "FixOutcome",
    "plan_fixes",
    "fix_lines",
    "skipped_lines",
    "unified_diff",
    "write_atomic",
    "fix_run",
]

# Rules whose suggestion is, by their own contract, the one right replacement: a forbidden
# rendering's preferred form, a near miss with exactly one candidate, full-width -> ASCII
# punctuation. Other rules' suggestions are hints for a human.
FIXABLE_RULES = frozenset({"glossary-forbidden", "glossary-near-miss", "punctuation"})

MAX_PASSES = 10


class FixError(Exception):
    """A fix could not be written; ``str()`` is one line naming the file."""


@dataclass(frozen=True)
class FixPlan:
    """The fixes for one document: those applied (in text order), those skipped with a reason,
    and the resulting text."""

    doc: Document
    applied: tuple[Finding, ...]
    skipped: tuple[tuple[Finding, str], ...]
    text: str


def _fixable(doc: Document, f: Finding, rules: Collection[str]) -> bool:
    return (
        f.rule in rules
        and f.suggestion is not None
        and f.path == doc.path
        and 0 <= f.start <= f.end <= len(doc.text)
        and doc.text[f.start : f.end] == f.text  # the finding describes this very text
        and f.suggestion != f.text
    )


def plan_fixes(doc: Document, findings: Iterable[Finding], rules: Collection[str] = FIXABLE_RULES) -> FixPlan:
    """Choose the fixes to apply to ``doc``: fixable, non-overlapping, encodable in its encoding."""
    seen: dict[tuple[int, int, str], Finding] = {}
    for f in findings:
        if _fixable(doc, f, rules):
            seen.setdefault((f.start, f.end, f.suggestion or ""), f)  # same edit from two rules: once
    cands = sorted(seen.values(), key=lambda f: (f.start, f.end, f.rule))
    skipped: list[tuple[Finding, str]] = []
    applied: list[Finding] = []
    i = 0
    while i < len(cands):
        # Gather a cluster of mutually entangled fixes: each overlaps the cluster's extent or
        # starts where the previous one starts (two edits at one point are ambiguous too).
        group = [cands[i]]
        end = cands[i].end
        j = i + 1
        while j < len(cands) and (cands[j].start < end or cands[j].start == group[-1].start):
            group.append(cands[j])
            end = max(end, cands[j].end)
            j += 1
        if len(group) == 1:
            f = group[0]
            try:
                (f.suggestion or "").encode(doc.encoding)
            except (UnicodeEncodeError, LookupError):
                skipped.append((f, f"the replacement cannot be written in {doc.encoding}"))
            else:
                applied.append(f)
        else:
            skipped.extend((f, "overlaps another fix") for f in group)
        i = j
    parts: list[str] = []
    pos = 0
    for f in applied:
        parts.append(doc.text[pos : f.start])
        parts.append(f.suggestion or "")
        pos = f.end
    parts.append(doc.text[pos:])
    return FixPlan(doc, tuple(applied), tuple(skipped), "".join(parts))


def fix_lines(plan: FixPlan) -> list[str]:
    """One line per applied fix: ``path:line:col: fixed rule: 'old' -> 'new'``."""
    return [f"{f.path}:{f.line}:{f.column}: fixed {f.rule}: '{f.text}' -> '{f.suggestion}'" for f in plan.applied]


def skipped_lines(plan: FixPlan) -> list[str]:
    """One line per fix left alone, with the reason."""
    return [
        f"{f.path}:{f.line}:{f.column}: not fixed {f.rule}: '{f.text}' -> '{f.suggestion}' ({why})"
        for f, why in plan.skipped
    ]


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_HUNK = re.compile(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@")


def unified_diff(old: Document, new_text: str, context: int = 3) -> str:
    """A unified diff (``a/PATH`` -> ``b/PATH``) of a document's text and its fixed text.

    Common leading and trailing lines are cut before diffing, so a large file with a few fixes
    costs little.

    >>> doc = document_from_text("one\\ntwo\\n", "x.txt")
    >>> print(unified_diff(doc, "one\\n2\\n"), end="")
    --- a/x.txt
    +++ b/x.txt
    @@ -1,2 +1,2 @@
     one
    -two
    +2
    """
    a, b = _LINE.findall(old.text), _LINE.findall(new_text)
    p = 0
    while p < len(a) and p < len(b) and a[p] == b[p]:
        p += 1
    s = 0
    while s < len(a) - p and s < len(b) - p and a[-1 - s] == b[-1 - s]:
        s += 1
    lo = max(0, p - context)
    a_mid, b_mid = a[lo : len(a) - max(0, s - context)], b[lo : len(b) - max(0, s - context)]
    out: list[str] = []
    # git's a/ b/ prefixes for relative paths; an absolute path is shown as it is.
    a_name, b_name = (old.path, old.path) if os.path.isabs(old.path) else (f"a/{old.path}", f"b/{old.path}")
    for line in difflib.unified_diff(a_mid, b_mid, a_name, b_name, n=context):
        m = _HUNK.match(line)
        if m:
            line = f"@@ -{int(m.group(1)) + lo}{m.group(2) or ''} +{int(m.group(3)) + lo}{m.group(4) or ''} @@\n"
        if not line.endswith(("\n", "\r")):
            line += "\n\\ No newline at end of file\n"
        out.append(line)
    return "".join(out)


def write_atomic(path: str, data: bytes) -> None:
    """Replace the file at ``path`` by ``data`` atomically: a temporary file in the same folder,
    fsync, the original's mode, then ``os.replace``. A symlink's target is replaced, not the link.
    Raises FixError (one line) and leaves the original untouched on failure."""
    real = os.path.realpath(path)
    folder = os.path.dirname(real) or "."
    tmp = None
    try:
        st = os.stat(real)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(real)}.", suffix=".zhen-tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
        try:
            os.chown(tmp, st.st_uid, st.st_gid)
        except (OSError, AttributeError):
            pass  # only the owner (or root) may give a file away; keeping the mode matters most
        os.replace(tmp, real)
        tmp = None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise FixError(f"{path}: cannot write the fixed file ({reason}); file left unchanged") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


@dataclass
class FixOutcome:
    """A fix run: the final check of the fixed texts (the remaining findings), the first check of
    the original texts, every plan that
    applied fixes (pass by pass), the plans of the last pass (their ``skipped`` is what was left
    alone), and the original and fixed documents by path."""

    result: CheckResult
    first: CheckResult | None = None
    plans: list[FixPlan] = field(default_factory=list)
    last: list[FixPlan] = field(default_factory=list)
    originals: dict[str, Document] = field(default_factory=dict)
    fixed: dict[str, Document] = field(default_factory=dict)

    def changed(self) -> list[str]:
        """Paths whose text changed, in input order."""
        return [p for p, d in self.fixed.items() if d.text != self.originals[p].text]


def fix_run(
    inputs: list[str | Document],
    selected: Mapping[str, Rule],
    glossary: Glossary | None,
    cfg: Config,
    *,
    jobs: int = 1,
    pairs: Sequence[tuple[str, str]] = (),
    columns: tuple[str | int, str | int] | None = None,
    errors: list[Exception] | None = None,
    warn_unused_ignores: bool | None = None,
    progress: Callable[[int, int], None] | None = None,
    rules: Collection[str] = FIXABLE_RULES,
) -> FixOutcome:
    """Check, fix what is fixable, and re-check (at most MAX_PASSES times) until no fix applies.
    Nothing is written: the caller writes ``outcome.fixed`` documents (or prints diffs)."""
    from zhen_tools.run.engine import run_documents

    result = run_documents(inputs, selected, glossary, cfg, jobs=jobs, pairs=pairs, columns=columns,
                           errors=errors, warn_unused_ignores=warn_unused_ignores, progress=progress)
    outcome = FixOutcome(result, result, originals=dict(result.documents), fixed=dict(result.documents))
    for _ in range(MAX_PASSES):
        by_path: dict[str, list[Finding]] = {}
        for f in result.findings:
            by_path.setdefault(f.path, []).append(f)
        plans = [plan_fixes(doc, by_path.get(path, ()), rules) for path, doc in outcome.fixed.items()]
        outcome.last = [p for p in plans if p.applied or p.skipped]
        applied = [p for p in plans if p.applied]
        if not applied:
            break
        outcome.plans.extend(applied)
        for p in applied:
            outcome.fixed[p.doc.path] = document_from_text(p.text, p.doc.path, encoding=p.doc.encoding,
                                                           bom=p.doc.bom)
        # Rule failures were already reported by the first pass; later passes must not repeat them.
        result = run_documents(list(outcome.fixed.values()), selected, glossary, cfg, jobs=jobs, pairs=pairs,
                               columns=columns, errors=[], warn_unused_ignores=warn_unused_ignores)
        outcome.result = result
    return outcome
