"""``--fix``: apply the unambiguous suggestions of the fixable rules as one plan, and write files safely.

One check, then one plan of edits per document: the suggestions of findings whose rule is
``fixable`` (``Rule.fixable``), each applied only where no other fix overlaps it (overlapping
fixes are all left alone and reported). The fixed text is checked once more to report what
remains; it is not fixed again.

Nothing is lost: in a bilingual file each replacement is encoded for its container (XML, PO
string, CSV cell) and the rewritten file must read back to the same units with only the fixed
target text changed; the encoded replacements are spliced into the file's original bytes, so
every byte outside the fixed spans stays as it was; a file that changed since it was read, or a
symlink to a file outside the checked paths, is left alone (``write_plan``).

>>> from zhen_tools.text.document import document_from_text
>>> from zhen_tools.findings import make_finding
>>> doc = document_from_text("Tokyo，Japan")
>>> f = make_finding(doc, 5, 6, "punctuation", "warning", "full-width comma", suggestion=", ")
>>> plan = plan_fixes(doc, [f])
>>> plan.text, fix_lines(plan)
('Tokyo, Japan', ["<text>:1:6: fixed punctuation: '，' -> ', '"])
"""

from __future__ import annotations

import codecs
import dataclasses
import difflib
import hashlib
import os
import re
import stat
import tempfile
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field

from zhen_tools.findings import Finding
from zhen_tools.formats import BilingualError, bilingual_format, read_units
from zhen_tools.formats.markup import CHARACTER_REFERENCE, markup_format
from zhen_tools.formats.rewrite import RewriteError, check_rewrite, encode_edits
from zhen_tools.rules.registry import Rule
from zhen_tools.run.execute import CheckResult, run_job
from zhen_tools.run.filter import registered_rules
from zhen_tools.run.inputs import Input, prepare
from zhen_tools.run.options import RunOptions
from zhen_tools.text.document import Document, document_from_text

__all__ = [
    "FixError",
    "FixOutcome",
    "FixPlan",
    "apply_edits",
    "check_units",
    "fix",
    "fix_lines",
    "fixable_rules",
    "plan_fixes",
    "skipped_lines",
    "splice_bytes",
    "unified_diff",
    "write_atomic",
    "write_plan",
]


class FixError(Exception):
    """A fix could not be written; ``str()`` is one line naming the file."""


@dataclass(frozen=True)
class FixPlan:
    """The fixes for one document: those applied (in text order), those skipped with a reason,
    the resulting text, and the edits that make it: ``(start, end, file text)`` in offsets of
    ``doc.text``, replacements encoded for the file's container (sorted, disjoint)."""

    doc: Document
    applied: tuple[Finding, ...]
    skipped: tuple[tuple[Finding, str], ...]
    text: str
    edits: tuple[tuple[int, int, str], ...] = ()


def _fixable(doc: Document, f: Finding, rules: Collection[str]) -> bool:
    return (
        f.rule in rules
        and f.suggestion is not None
        and f.path == doc.path
        and 0 <= f.start <= f.end <= len(doc.text)
        and doc.text[f.start : f.end] == f.text  # the finding describes this very text
        and f.suggestion != f.text
    )


def fixable_rules(rules: Mapping[str, Rule] | None = None) -> frozenset[str]:
    """The ids of the rules (default: the registry) whose suggestion is, by the rule's own
    contract, the one right replacement; other rules' suggestions are hints for a human."""
    return frozenset(rid for rid, r in (registered_rules() if rules is None else rules).items() if r.fixable)


def plan_fixes(doc: Document, findings: Iterable[Finding], rules: Collection[str] | None = None) -> FixPlan:
    """Choose the fixes to apply to ``doc``: findings of ``rules`` (default: the registry's
    fixable rules) with a suggestion, non-overlapping, encodable in the document's encoding."""
    if rules is None:
        rules = fixable_rules()
    seen: dict[tuple[int, int, str], Finding] = {}
    for f in findings:
        if _fixable(doc, f, rules):
            seen.setdefault((f.start, f.end, f.suggestion or ""), f)  # same edit from two rules: once
    cands = sorted(seen.values(), key=lambda f: (f.start, f.end, f.rule))
    markup = bilingual_format(doc.path) in ("xliff", "tmx")
    references = markup or markup_format(doc.path) is not None  # files that write &rdquo;
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
            if markup and "<" in f.text:
                # In XML a literal "<" is written &lt;: this one opens a tag, which a
                # replacement would delete while the units' text read back the same.
                skipped.append((f, "it spans inline markup"))
                i = j
                continue
            if references and (_cuts_reference(doc.text, f.start) or _cuts_reference(doc.text, f.end)):
                # `&rdquo;.` -> `&rdquo.`: the file would show the reference's letters.
                skipped.append((f, "it cuts a character reference"))
                i = j
                continue
            try:
                (f.suggestion or "").encode(doc.encoding)
            except (UnicodeEncodeError, LookupError):
                skipped.append((f, f"the replacement cannot be written in {doc.encoding}"))
            else:
                applied.append(f)
        else:
            skipped.extend((f, "overlaps another fix") for f in group)
        i = j
    edits = encode_edits(doc, [(f.start, f.end, f.suggestion or "") for f in applied])
    return FixPlan(doc, tuple(applied), tuple(skipped), apply_edits(doc.text, edits), tuple(edits))


def _cuts_reference(text: str, i: int) -> bool:
    """Whether offset ``i`` falls inside a character reference (``&rdquo;``), not at its edge.

    >>> _cuts_reference("said&rdquo;.", 10), _cuts_reference("said&rdquo;.", 11)
    (True, False)
    """
    amp = text.rfind("&", max(0, i - 40), i)
    if amp < 0:
        return False
    m = CHARACTER_REFERENCE.match(text, amp)
    return m is not None and amp < i < m.end()


def apply_edits(text: str, edits: Iterable[tuple[int, int, str]]) -> str:
    """``text`` with each sorted, disjoint ``(start, end, new)`` edit made.

    >>> apply_edits("Tokyo，Japan", [(5, 6, ", ")])
    'Tokyo, Japan'
    """
    parts: list[str] = []
    pos = 0
    for start, end, new in edits:
        parts += [text[pos:start], new]
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def fix_lines(plan: FixPlan) -> list[str]:
    """One line per applied fix: ``path:line:col: fixed rule: 'old' -> 'new'`` (a line break in
    the old text, where a PO string wraps, shown as ``\\n``)."""
    return [
        f"{f.path}:{f.line}:{f.column}: fixed {f.rule}: '{_one_line(f.text)}' -> '{_one_line(f.suggestion or '')}'"
        for f in plan.applied
    ]


def skipped_lines(plan: FixPlan) -> list[str]:
    """One line per fix left alone, with the reason."""
    return [
        f"{f.path}:{f.line}:{f.column}: not fixed {f.rule}: '{_one_line(f.text)}' -> "
        f"'{_one_line(f.suggestion or '')}' ({why})"
        for f, why in plan.skipped
    ]


def _one_line(text: str) -> str:
    """``text`` with its line breaks escaped, for a one-line message.

    >>> print(_one_line('South "\\n"Bird'))
    South "\\n"Bird
    """
    return text.replace("\r", "\\r").replace("\n", "\\n") if "\n" in text or "\r" in text else text


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
            line = (
                f"@@ -{int(m.group(1)) + lo}{m.group(2) or ''} +{int(m.group(3)) + lo}{m.group(4) or ''} @@\n"
            )
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


def _advance(data: bytes, pos: int, chunk: str, encoding: str) -> int:
    """The byte offset in ``data`` after the characters ``chunk`` that start at byte ``pos``.
    Encoding the chunk gives it when the bytes round-trip (nearly always); otherwise (Big5's
    ``\\xa1\\xfe``, re-encoded as ``\\xa2A``) the original bytes are decoded until
    ``len(chunk)`` characters have come out."""
    raw = chunk.encode(encoding)
    if data.startswith(raw, pos):
        return pos + len(raw)
    dec = codecs.getincrementaldecoder(encoding)()
    count = 0
    i = pos
    while count < len(chunk):
        if i >= len(data):
            raise ValueError("the text does not match the file's bytes")
        count += len(dec.decode(data[i : i + 1]))
        i += 1
    return i


def splice_bytes(doc: Document, data: bytes, edits: Iterable[tuple[int, int, str]]) -> bytes:
    """``data`` (the bytes ``doc`` was read from) with each edit's span replaced by its encoded
    text; every other byte is kept as it is, even one that would not re-encode the same.

    >>> from zhen_tools.text.document import decode_bytes
    >>> data = b"\\xa1@\\xa1\\xfe \\xa4\\xe9\\xa5\\xbb\\xa1A"   # Big5: "　／ 日本，"
    >>> text, enc, bom = decode_bytes(data)
    >>> doc = document_from_text(text, encoding=enc, bom=bom)
    >>> splice_bytes(doc, data, [(5, 6, ", ")])
    b'\\xa1@\\xa1\\xfe \\xa4\\xe9\\xa5\\xbb, '
    """
    out: list[bytes] = []
    bpos = len(doc.bom_bytes)
    out.append(data[:bpos])
    pos = 0
    for start, end, new in edits:
        b_start = _advance(data, bpos, doc.text[pos:start], doc.encoding)
        b_end = _advance(data, b_start, doc.text[start:end], doc.encoding)
        out += [data[bpos:b_start], new.encode(doc.encoding)]
        bpos, pos = b_end, end
    out.append(data[bpos:])
    return b"".join(out)


def _stamp(data: bytes, st: os.stat_result) -> tuple[int, int, str]:
    return st.st_size, st.st_mtime_ns, hashlib.sha256(data).hexdigest()


def _inside(real: str, roots: Iterable[str]) -> bool:
    return any(real == r or real.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


def write_plan(plan: FixPlan, roots: Iterable[str] | None = None) -> None:
    """Write ``plan``'s fixes into its file, changing only the bytes of the fixed spans.

    Raises FixError (one line naming the file; the file left as it is) when the file changed
    since it was read (size, mtime or content), when it is a symlink whose target lies outside
    the real paths ``roots`` (the checked folders; None: anywhere), or when the result would not
    decode to the fixed text."""
    doc, path = plan.doc, plan.doc.path
    if doc.source_stamp is None:
        raise FixError(f"{path}: not read from a file; cannot fix in place")
    real = os.path.realpath(path)
    if roots is not None and not _inside(real, roots):
        # Only a symlink (the file's or a folder's on its way) leads outside the checked paths.
        what = "a symlink to" if os.path.islink(path) else "reached through a symlink:"
        raise FixError(f"{path}: {what} {real}, outside the checked paths; not fixed")
    try:
        with open(path, "rb") as fh:
            data = fh.read()
            st = os.fstat(fh.fileno())
    except OSError as exc:
        raise FixError(f"{path}: cannot read it again ({exc.strerror or exc}); not fixed") from None
    if _stamp(data, st) != doc.source_stamp:
        raise FixError(f"{path}: changed since it was read; not fixed (run again)")
    try:
        new = splice_bytes(doc, data, plan.edits)
        ok = new[len(doc.bom_bytes) :].decode(doc.encoding) == plan.text
    except (ValueError, UnicodeError):
        ok = False
    if not ok:
        raise FixError(f"{path}: the fixed text does not encode back in {doc.encoding}; file left unchanged")
    write_atomic(path, new)


@dataclass
class FixOutcome:
    """A fix run: ``first`` checked the original texts; ``plans`` are the plans that applied fixes
    (one per changed document); ``result`` checked the fixed texts once more (what remains, with
    the first check's input errors); ``remaining`` are the plans on the fixed texts: their
    ``skipped`` is what was left alone (their ``applied`` are fixes that only the fixed text
    offers, not applied: they stay findings). ``originals`` and ``fixed`` are the documents by path.
    ``refused`` are the files whose fixes would have broken them (a bilingual file that would not
    read back to the same units): they are not in ``plans`` and keep their text.
    """

    result: CheckResult
    first: CheckResult
    plans: list[FixPlan] = field(default_factory=list)
    remaining: list[FixPlan] = field(default_factory=list)
    originals: dict[str, Document] = field(default_factory=dict)
    fixed: dict[str, Document] = field(default_factory=dict)
    refused: list[RewriteError] = field(default_factory=list)

    def changed(self) -> list[str]:
        """Paths whose text changed, in input order."""
        return [p for p, d in self.fixed.items() if d.text != self.originals[p].text]


def _plans(result: CheckResult, docs: Mapping[str, Document], rules: Collection[str]) -> list[FixPlan]:
    by_path: dict[str, list[Finding]] = {}
    for f in result.findings:
        by_path.setdefault(f.path, []).append(f)
    return [plan_fixes(doc, by_path.get(path, ()), rules) for path, doc in docs.items()]


def fix(
    paths_or_texts: Input | Iterable[Input],
    options: RunOptions | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> FixOutcome:
    """Check, plan the fixes of the selected fixable rules, apply them, and check the fixed texts
    once to report what remains. Nothing is written: the caller writes ``outcome.fixed``
    documents (or prints diffs). Raises ConfigError or GlossaryError as ``run()`` does."""
    job = prepare(paths_or_texts, options or RunOptions())
    first = run_job(job, progress)
    fixable = fixable_rules(job.rules)
    plans: list[FixPlan] = []
    refused: list[RewriteError] = []
    fixed = dict(first.documents)
    for p in _plans(first, first.documents, fixable):
        if not p.applied:
            continue
        new = document_from_text(p.text, p.doc.path, encoding=p.doc.encoding, bom=p.doc.bom)
        try:
            check_units(p, new, job.options.columns)
        except RewriteError as exc:
            refused.append(exc)
            continue
        plans.append(p)
        fixed[p.doc.path] = new
    result = first
    if plans:
        # Input errors and rule failures were reported by the first check; do not repeat them.
        again = run_job(dataclasses.replace(job, inputs=tuple(fixed.values())))
        result = dataclasses.replace(again, errors=first.errors, inputs=first.inputs)
    remaining = [p for p in _plans(result, fixed, fixable) if p.applied or p.skipped]
    return FixOutcome(result, first, plans, remaining, dict(first.documents), fixed, refused)


def check_units(plan: FixPlan, new: Document, columns: tuple[str | int, ...] | None) -> None:
    """For a bilingual file: raise RewriteError unless the fixed text reads back to the same
    units with only the fixed targets changed, each by exactly its fixes."""
    if bilingual_format(plan.doc.path) is None:
        return
    try:
        old = read_units(plan.doc, columns)
    except BilingualError:
        return  # a file that does not parse has no findings to fix
    if old is None:
        return
    decoded = [(f.start, f.end, f.suggestion or "") for f in plan.applied]
    check_rewrite(old, new, decoded, lambda d: read_units(d, columns))
