"""Check a prepared run: each unit of inputs (in this process or a pool of worker processes) through
the document rules and the pair rules among them, then the run-scope rules over every document,
then the findings filtered and sorted.

Every document rule judges English text, so none runs on a source (an explicit ``--source``, or a
file named ``NAME.zh.EXT``, with or without its ``.en.`` sibling), and in a bilingual file (TSV/CSV,
PO, XLIFF, TMX) they read a view of the file with everything but the target text blanked, and
report only inside target text. Run-scope rules see the same: no source documents, bilingual
files as their target view.
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from zhen_tools.config import Config
from zhen_tools.findings import Finding
from zhen_tools.formats import (
    BilingualError,
    Unit,
    bilingual_format,
    in_regions,
    read_units,
    target_regions,
)
from zhen_tools.formats.units import segment_runs
from zhen_tools.glossary.model import Glossary
from zhen_tools.rules.context import DocContext, PairContext
from zhen_tools.rules.registry import Rule
from zhen_tools.run.filter import filter_findings, registered_rules
from zhen_tools.run.inputs import Item, Job, find_pairs, group_units, path_roles
from zhen_tools.text.document import Document, DocumentError, Segment, read_document

__all__ = ["CheckError", "CheckResult", "PairView", "RuleError", "run_job"]


class CheckError(Exception):
    """A rule failed on some input; ``str()`` is one line naming the file and the rule."""


class RuleError(CheckError):
    """A rule raised on some input (the run goes on; the exit status is 2)."""


Span = tuple[int, int]


@dataclass(frozen=True)
class PairView:
    """A pair as the pair rules aligned it, small enough to send back from a worker: the source
    and target paths (the same file for a bilingual file or a digest), and each bead's source and
    target segments, each as the (start, end) offsets of the runs of its document that hold its
    text: one run, or several where a bilingual file's segment has markup or a PO string's
    wrapping between its characters."""

    kind: str
    source: str
    target: str
    beads: tuple[tuple[tuple[tuple[Span, ...], ...], tuple[tuple[Span, ...], ...]], ...]


def _pair_view(pair: Any) -> PairView:
    def spans(segs: Iterable[Segment], text: str) -> tuple[tuple[Span, ...], ...]:
        return tuple(tuple(segment_runs(text, s)) for s in segs)

    src, tgt = pair.source.file.text, pair.target.file.text
    beads = tuple((spans(b.source, src), spans(b.target, tgt)) for b in pair.beads)
    return PairView(pair.kind, pair.source.doc.path, pair.target.doc.path, beads)


@dataclass
class CheckResult:
    """One run: findings in report order, the documents checked (by path), the input errors, the
    rules that ran, the glossary and config used, how many inputs there were to check, and the
    run's own files (baseline, config, glossaries) met among the inputs and left out."""

    findings: list[Finding]
    documents: dict[str, Document]
    errors: list[Exception]
    rules: dict[str, Rule]
    glossary: Glossary | None = None
    config: Config = field(default_factory=Config)
    inputs: int = 0
    pairs: list[PairView] = field(default_factory=list)  # with RunOptions.keep_pairs
    own: tuple[str, ...] = ()

    @property
    def files(self) -> int:
        return len(self.documents)


# -- one unit of inputs ---------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


@dataclass(frozen=True)
class _Setup:
    """What checking one unit of inputs needs; sent once to each worker process.

    ``collect`` are the per-document parts of run-scope rules (``fn.collect``, see
    ``rules.registry``), computed where the document is analysed; ``pair_rules`` run on the
    pairs found inside a unit; ``explicit`` are the run's explicit (source, target) paths;
    ``excuse`` are the document rules' ``excused_by_source`` functions, by rule id (see
    ``_excuse``).
    """

    rules: Sequence[tuple[str, Callable[..., Iterable[Finding]]]]
    glossary: Glossary | None
    roles: Mapping[str, tuple[str, str]]  # path -> (pair side, how), from inputs.path_roles
    columns: tuple[str | int, ...] | None = None
    collect: Sequence[tuple[str, Callable[[DocContext], Any]]] = ()
    keep: bool = False  # run-scope rules need each document back, with what ``collect`` found
    pair_rules: Sequence[tuple[str, Callable[..., Iterable[Finding]]]] = ()
    explicit: Sequence[tuple[str, str]] = ()
    excuse: Sequence[tuple[str, Callable[..., bool]]] = ()
    keep_pairs: bool = False
    max_file_size: int | None = None  # bytes one input may hold (None: no limit)


@dataclass
class _Checked:
    """One input after its document rules.

    ``role`` is ``plain``, ``source`` (the Chinese side of a pair: no document rule ran),
    ``bilingual`` (rules read only the target text; ``units`` are its translation units) or
    ``broken`` (a bilingual file that could not be parsed: nothing ran). ``ctx`` is what the
    rules read (a bilingual file's target view); it leaves a unit as ``memos`` only (what the
    run-scope rules' ``collect`` found), and ``_restore`` rebuilds a context around them.
    """

    doc: Document | None
    findings: list[Finding]
    errors: list[Exception]
    role: str = "plain"
    units: list[Unit] | None = None
    ctx: DocContext | None = None
    memos: dict[str, Any] | None = None


@dataclass
class _UnitResult:
    """A unit of inputs after every document rule and every pair inside it: ``checked`` holds
    (input index, result); ``findings``/``errors`` are those of the pair-scope rules."""

    checked: list[tuple[int, _Checked]]
    findings: list[Finding]
    errors: list[Exception]
    pairs: list[PairView] = field(default_factory=list)


def _scope_rules(rules: Mapping[str, Rule], scope: str) -> list[tuple[str, Callable[..., Iterable[Finding]]]]:
    """(id, function) of the rules with an implementation for ``scope``."""
    return [(rid, fn) for rid, r in rules.items() if (fn := r.func(scope)) is not None]


def _doc_rules(rules: Mapping[str, Rule]) -> list[tuple[str, Callable[..., Iterable[Finding]]]]:
    out = []
    for rid, rule in rules.items():
        fn = rule.func("document")
        if fn is not None and rid != "unused-ignore":
            out.append((rid, fn))
    return out


def _excusers(rules: Mapping[str, Rule]) -> tuple[tuple[str, Callable[..., bool]], ...]:
    """(id, ``excused_by_source``) of the document rules that have one (see ``_excuse``)."""
    return tuple(
        (rid, fn.excused_by_source)  # type: ignore[attr-defined]
        for rid, fn in _doc_rules(rules)
        if hasattr(fn, "excused_by_source")
    )


def _role(doc: Document, setup: _Setup) -> tuple[str, list[Unit] | None]:
    """The document's part in a pair: an explicit side, else a bilingual file (by reading it),
    else a sibling side; raises BilingualError for a bilingual file that cannot be parsed."""
    side = setup.roles.get(doc.path)
    if side is not None and side[1] == "explicit":
        return ("source" if side[0] == "source" else "plain"), None
    if bilingual_format(doc.path) is not None:
        units = read_units(doc, setup.columns)
        if units is not None:
            return "bilingual", units
    if side is not None and side[0] == "source":
        return "source", None
    return "plain", None


def _check_one(item: Item, setup: _Setup) -> _Checked:
    try:
        doc = item if isinstance(item, Document) else read_document(item, setup.max_file_size)
    except DocumentError as exc:
        return _Checked(None, [], [exc])
    try:
        role, units = _role(doc, setup)
    except BilingualError as exc:
        # Which text is the source is unknown: judging it all as English would report the
        # Chinese side, so nothing runs on this file (the error says why, exit 2).
        return _Checked(doc, [], [exc], "broken")
    if role == "source":
        # Chinese by design: every document rule judges English text.
        return _Checked(doc, [], [], role, ctx=DocContext.of(doc, setup.glossary))
    ctx = DocContext.of(doc, setup.glossary, units)
    findings: list[Finding] = []
    errors: list[Exception] = []
    big = len(doc.text) >= TRIM_AT
    for rid, fn in setup.rules:
        try:
            findings.extend(fn(ctx))
        except Exception as exc:  # one broken rule must not hide the other files' results
            errors.append(_rule_error(rid, doc.path, exc))
        if big:
            # What a rule built and dropped (a table of every sentence, a copy of the text) goes
            # back to the system before the next rule, which would otherwise start from this
            # one's high-water mark plus what it keeps.
            _trim_heap()
    if units is not None:
        regions = target_regions(units)
        findings = [f for f in findings if in_regions(f.start, f.end, regions)]
    return _Checked(doc, findings, errors, role, units, ctx)


def _rule_error(rid: str, where: str, exc: BaseException) -> CheckError:
    detail = str(exc).splitlines()[0] if str(exc) else ""
    return RuleError(f"{where}: rule {rid} failed: {type(exc).__name__}{': ' + detail if detail else ''}")


def _check_unit(unit: Sequence[tuple[int, Item]], setup: _Setup) -> _UnitResult:
    """Check the documents of one unit and every pair among them. Units are closed under
    pairing (``inputs.group_units``), so the pairs found here are exactly those a whole-run pairing finds.
    What leaves the unit is small: findings, the documents, and the run-scope rules' memos --
    never the analyses (spans, tokens, matches), which would cost more to send back from a
    worker process than to compute."""
    checked = [(i, _check_one(item, setup)) for i, item in unit]
    findings: list[Finding] = []
    errors: list[Exception] = []
    views: list[PairView] = []
    if setup.pair_rules or setup.excuse or setup.keep_pairs:
        findings = _check_pairs(checked, setup, errors, views)
    # The run-scope rules' part comes last, once the pairs (and their beads) are gone: at no
    # time does a big document hold both its beads and what ``collect`` keeps of it.
    for _, out in checked:
        if out.ctx is not None and out.role != "source":
            _collect(out, setup)
        out.memos = dict(out.ctx.memos) if out.ctx is not None and setup.keep else None
        out.ctx = None
    if sum(len(out.doc.text) for _, out in checked if out.doc is not None) >= TRIM_AT:
        _trim_heap()
    return _UnitResult(checked, findings, errors, views)


# Characters of text in one unit (or one document) from which its analyses, once dropped, are
# handed back to the system (``_trim_heap``) after the unit (and after each document rule): a big
# file's leave ~2 MB of free heap per MB of text behind.
TRIM_AT = 1 << 22


def _trim_heap() -> None:
    """Give the free pages of the C heap back to the system (glibc's ``malloc_trim``; nothing
    elsewhere). The analyses of a big document are millions of small objects whose memory the
    allocator keeps once they are freed, so the next units and the run-scope rules would start
    from the high-water mark of this one (on 20 MB of news the peak fell from 273 to 245 MB).
    Only for units and documents this big: a trim walks the whole heap (8 ms after a 50 MB
    file)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


_TRIM: list[Callable[[int], int] | None] = []


def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, loaded once (ctypes only when a big unit needs it), else None."""
    if not _TRIM:
        try:
            import ctypes

            _TRIM.append(ctypes.CDLL(None).malloc_trim)
        except (ImportError, OSError, AttributeError):
            _TRIM.append(None)
    return _TRIM[0]


def _collect(out: _Checked, setup: _Setup) -> None:
    """Run the run-scope rules' ``collect`` on a checked input's context (kept in its memos)."""
    assert out.ctx is not None and out.doc is not None
    for rid, collect in setup.collect:
        try:
            out.ctx.memo(rid, collect)
        except Exception as exc:
            out.errors.append(_rule_error(rid, out.doc.path, exc))


def _check_pairs(
    checked: list[tuple[int, _Checked]], setup: _Setup, errors: list[Exception], views: list[PairView]
) -> list[Finding]:
    """The pair-scope rules' findings on every pair among the checked inputs; drops the document
    findings a pair's source excuses (``_excuse``)."""
    ctxs = []
    units: dict[str, list[Unit] | None] = {}
    whole: list[tuple[_Checked, DocContext]] = []  # a bilingual file paired as a whole
    for _, out in checked:
        if out.doc is None or out.role == "broken" or out.doc.path in units:
            continue
        units[out.doc.path] = out.units
        ctx = out.ctx if out.ctx is not None and out.role != "bilingual" else None
        if ctx is None:
            ctx = DocContext.of(out.doc, setup.glossary)
            whole.append((out, ctx))
        ctxs.append(ctx)
    paths = {c.doc.path for c in ctxs}
    explicit = [(s, t) for s, t in setup.explicit if s in paths and t in paths]
    pairs = _find_pairs(setup, ctxs, explicit, units, errors)
    findings = _pair_findings(setup, pairs, errors, views)
    # What a run-scope rule's pair part stored for its run part (memo keys "<rule id>:...", in
    # offsets of the file, which the target view keeps) moves to the context ``collect`` reads.
    prefixes = tuple(f"{rid}:" for rid, _ in setup.collect)
    for out, ctx in whole:
        if out.ctx is not None and prefixes:
            out.ctx.memos.update((k, v) for k, v in ctx.memos.items() if k.startswith(prefixes))
    if setup.excuse:
        _excuse(checked, pairs, setup.excuse, errors)
    return findings


def _find_pairs(
    setup: _Setup,
    ctxs: list[DocContext],
    explicit: Sequence[tuple[str, str]],
    units: Mapping[str, list[Unit] | None],
    errors: list[Exception],
) -> list[PairContext]:
    try:
        return list(find_pairs(ctxs, explicit=list(explicit), columns=setup.columns, units=units))
    except Exception as exc:
        errors.append(_rule_error("pairing", "<run>", exc))
        return []


def _pair_findings(
    setup: _Setup, found: list[PairContext], errors: list[Exception], views: list[PairView] | None = None
) -> list[Finding]:
    out: list[Finding] = []
    for pair in found:
        for rid, fn in setup.pair_rules:
            try:
                out.extend(fn(pair))  # type: ignore[misc]
            except Exception as exc:
                errors.append(_rule_error(rid, _pair_name(pair), exc))
        if setup.keep_pairs and views is not None:
            try:
                views.append(_pair_view(pair))
            except Exception as exc:
                errors.append(_rule_error("pairing", _pair_name(pair), exc))
    return out


def _excuse(
    checked: Sequence[tuple[int, _Checked]],
    pairs: Sequence[PairContext],
    excuse: Sequence[tuple[str, Callable[..., bool]]],
    errors: list[Exception],
) -> None:
    """Drop the document findings on a pair's target that its aligned source shares.

    A document rule judges the English alone; when the source is known, some of what it reports
    is the source's own shape (a quotation running past the segment, a headline said twice).
    A document rule function may carry ``excused_by_source(finding, pair, bead) -> bool``; each
    of its findings on the target of a (non-digest) pair is passed with the bead whose target
    segment holds the finding's start, and removed when that returns True. Findings outside
    every bead, and on documents in no pair, stay.
    """
    by_rule = dict(excuse)
    outs = {out.doc.path: out for _, out in checked if out.doc is not None and out.findings}
    for pair in pairs:
        out = outs.get(pair.target.doc.path)
        if out is None or pair.digest or not any(f.rule in by_rule for f in out.findings):
            continue
        segs = sorted(
            (seg.doc_offset(0), seg.doc_offset(len(seg.text)), n)
            for n, bead in enumerate(pair.beads)
            for seg in bead.target
        )
        starts = [a for a, _, _ in segs]
        keep = []
        for f in out.findings:
            fn = by_rule.get(f.rule)
            i = bisect.bisect_right(starts, f.start) - 1 if fn is not None else -1
            try:
                drop = (
                    i >= 0 and f.start < segs[i][1] and fn is not None and fn(f, pair, pair.beads[segs[i][2]])
                )
            except Exception as exc:
                errors.append(_rule_error(f.rule, _pair_name(pair), exc))
                drop = False
            if not drop:
                keep.append(f)
        out.findings = keep


def _pair_name(pair: object) -> str:
    for a, b in (("source", "target"), ("src", "tgt")):
        s, t = getattr(pair, a, None), getattr(pair, b, None)
        if s is not None and t is not None:
            sp = getattr(getattr(s, "doc", s), "path", s)
            tp = getattr(getattr(t, "doc", t), "path", t)
            return f"{sp} + {tp}"
    return "<pair>"


def _worker_init(setup: _Setup) -> None:
    _WORKER["setup"] = setup


def _worker_unit(unit: Sequence[tuple[int, Item]]) -> _UnitResult:
    return _check_unit(unit, _WORKER["setup"])


def _restore(out: _Checked, setup: _Setup) -> DocContext | None:
    """The context the run-scope rules see for a checked input (a bilingual file's target
    view), holding the memos its unit computed; None for an input that has none."""
    if out.doc is None or out.memos is None or out.role in ("source", "broken"):
        return None
    ctx = DocContext.of(out.doc, setup.glossary, out.units)
    ctx.memos.update(out.memos)
    return ctx


def _jobs(jobs: int, n: int) -> int:
    if jobs <= 0:
        jobs = os.cpu_count() or 1
    return max(1, min(jobs, n))


def _check_units(
    units: list[list[tuple[int, Item]]],
    setup: _Setup,
    jobs: int,
    progress: Callable[[int, int], None] | None,
) -> Iterator[_UnitResult]:
    total = sum(len(u) for u in units)
    done = 0
    workers = _jobs(jobs, len(units))
    if workers == 1:
        for unit in units:
            yield _check_unit(unit, setup)
            done += len(unit)
            if progress:
                progress(done, total)
        return
    # Imported here: a run in one process never needs them.
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # Small chunks keep both processes busy to the end; not so small that messaging dominates.
    chunk = max(1, min(16, len(units) // (workers * 8)))
    with ProcessPoolExecutor(workers, initializer=_worker_init, initargs=(setup,)) as pool:
        try:
            for res in pool.map(_worker_unit, units, chunksize=chunk):
                yield res
                done += len(res.checked)
                if progress:
                    progress(done, total)
        except BrokenProcessPool:
            # A worker was killed (out of memory?): say so in one line instead of a traceback.
            yield _UnitResult([], [], [CheckError("a checking process died (out of memory?); try --jobs 1")])


# -- the run --------------------------------------------------------------------------------


def run_job(job: Job, progress: Callable[[int, int], None] | None = None) -> CheckResult:
    """Check a prepared run (``inputs.prepare``). Unreadable inputs and crashing rules do not stop
    it: each is one line in ``errors`` and the other inputs are still checked. ``progress`` is
    called with (inputs done, inputs in all)."""
    opts = job.options
    selected = job.rules
    errs: list[Exception] = []
    run_rules = _scope_rules(selected, "run")
    pair_rules = _scope_rules(selected, "pair")
    explicit = list(job.pairs)
    items: list[Item] = []
    for item in job.inputs:
        if item == "-":  # standard input can only be read here, never in a worker process
            try:
                item = read_document("-", job.max_file_size)
            except DocumentError as exc:
                errs.append(exc)
                continue
        items.append(item)
    roles = path_roles([it.path if isinstance(it, Document) else it for it in items], explicit)
    setup = _Setup(
        _doc_rules(selected),
        job.glossary,
        roles,
        opts.columns,
        collect=tuple((rid, fn.collect) for rid, fn in run_rules if hasattr(fn, "collect")),
        keep=bool(run_rules),
        pair_rules=tuple(pair_rules),
        explicit=tuple(explicit),
        excuse=_excusers(selected),
        keep_pairs=opts.keep_pairs,
        max_file_size=job.max_file_size,
    )
    checked: list[_Checked | None] = [None] * len(items)
    findings: list[Finding] = []
    pair_errs: list[Exception] = []
    views: list[PairView] = []
    for res in _check_units(group_units(items, roles, explicit), setup, opts.jobs, progress):
        for i, out in res.checked:
            checked[i] = out
        findings.extend(res.findings)
        pair_errs.extend(res.errors)
        views.extend(res.pairs)
    docs: dict[str, Document] = {}
    broken: set[str] = set()  # bilingual files that could not be parsed: nothing was judged
    rule_ctxs: list[DocContext] = []  # what run-scope rules see
    regions: dict[str, list[tuple[int, int]]] = {}
    for maybe in checked:
        if maybe is None:
            continue
        out = maybe
        errs.extend(out.errors)
        doc = out.doc
        if doc is None or doc.path in docs:
            continue
        docs[doc.path] = doc
        if out.role == "broken":
            broken.add(doc.path)
        findings.extend(out.findings)
        if out.units is not None:
            regions[doc.path] = target_regions(out.units)
        ctx = _restore(out, setup)
        out.memos = None  # held by ``ctx`` now, and only until the run-scope rules are done
        if ctx is not None:
            rule_ctxs.append(ctx)
    for rid, fn in run_rules:
        try:
            found = list(fn(rule_ctxs))  # type: ignore[misc]
        except Exception as exc:
            errs.append(_rule_error(rid, "<run>", exc))
            continue
        findings.extend(
            f for f in found if f.path not in regions or in_regions(f.start, f.end, regions[f.path])
        )
    # What ``collect`` kept (every mention of a name, for one) goes before the findings are
    # filtered and sorted, so that the memory it held serves those instead of adding to the peak.
    rule_ctxs.clear()
    ctx = None  # the loop's last one, too
    errs.extend(pair_errs)
    warn = job.config.warn_unused_ignores if opts.warn_unused_ignores is None else opts.warn_unused_ignores
    known = opts.rules if opts.rules is not None else registered_rules()  # the ids a comment may name
    judged = {path: doc for path, doc in docs.items() if path not in broken} if broken else docs
    final = filter_findings(
        findings, judged, selected, job.config, bool(warn) and "unused-ignore" in selected, known
    )
    findings.clear()
    if any(len(doc.text) >= TRIM_AT for doc in docs.values()):
        _trim_heap()  # what the run-scope rules and the filter dropped, before the report is made
    result = CheckResult(
        final, docs, errs, dict(selected), job.glossary, job.config, len(job.inputs), own=job.own
    )
    result.pairs = sorted(views, key=lambda v: (v.target, v.source))
    return result
