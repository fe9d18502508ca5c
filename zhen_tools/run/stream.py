"""Streaming checks of records (JSONL lines, or dicts and tuples from a library caller): findings
come out as each batch of records is checked, so memory stays flat on any input size.

The work is two plain functions, free of any engine: ``map_records`` checks a batch of records
(grouped into documents) and returns its findings plus a partial of the run-scope
``inconsistent-rendering`` state (name key -> spellings with counts and a bounded sample of
locations); ``final_findings`` turns the merged partials (``merge_states``) into that rule's
findings. The local engine runs ``map_records`` here or in a pool of processes; the Dask engine
(``dask_engine``) runs it in Dask partitions; Spark could call the same two functions from
``mapPartitions`` and ``reduceByKey``.

>>> recs = [{"id": "a", "source": "损失约2.6万亿日元。", "target": "A loss of 2.6 billion yen."}]
>>> [(f.id, f.rule, f.text, f.start) for f in check_pairs(recs, RunOptions(glossary=False, config=False))]
[('a', 'number-mismatch', '2.6 billion', 10)]
"""

from __future__ import annotations

import bisect
import dataclasses
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from zhen_tools.align.aligner import Bead
from zhen_tools.config import Config, selector_matches
from zhen_tools.findings import Finding
from zhen_tools.formats.jsonl import (
    FIELDS,
    Record,
    RecordError,
    group_documents,
    parse_fields,
    read_records,
    record_of,
)
from zhen_tools.glossary.model import Glossary
from zhen_tools.rules.context import DocContext, PairContext
from zhen_tools.rules.inconsistent_rendering import State, add_mentions, merge_states, minority
from zhen_tools.rules.registry import Rule, default_severity
from zhen_tools.run.filter import known_rule_ids, select_rules
from zhen_tools.run.inputs import resolve_config, resolve_glossary
from zhen_tools.run.options import RunOptions
from zhen_tools.text.document import Segment, document_from_text

__all__ = [
    "StreamSetup",
    "batches",
    "check_pairs",
    "final_findings",
    "jsonl_records",
    "map_records",
    "merge_states",
    "record_order",
    "stream_setup",
]

_RUN_RULE = "inconsistent-rendering"
BATCH = 64  # records per task: enough to amortise messaging, small enough to stream


@dataclass(frozen=True)
class StreamSetup:
    """What checking records needs, sent once to each worker: the document and pair rules,
    whether the run-scope rule is selected, the glossary, the config (severity overrides,
    per-file ignores) and how many locations of each spelling the run-scope state keeps."""

    doc_rules: Sequence[tuple[str, Callable[..., Iterable[Finding]]]]
    pair_rules: Sequence[tuple[str, Callable[..., Iterable[Finding]]]]
    collect: Callable[[DocContext], Any] | None
    glossary: Glossary | None
    config: Config
    sample: int


def stream_setup(options: RunOptions, config_start: Sequence[str] = ()) -> StreamSetup:
    """Resolve the options (config, rules, glossary) for a record run; raises ConfigError or
    GlossaryError like ``prepare``."""
    cfg = resolve_config(options.config, list(config_start), known_rule_ids())
    rules = select_rules(options.select, options.ignore, cfg, options.rules)
    return setup_for(rules, resolve_glossary(options.glossary, cfg), cfg, options.rendering_sample)


def setup_for(rules: Mapping[str, Rule], glossary: Glossary | None, cfg: Config, sample: int) -> StreamSetup:
    doc_rules, pair_rules = [], []
    collect = None
    for rid, rule in rules.items():
        if rid == "unused-ignore":
            continue  # inline suppressions are not read in records
        if (fn := rule.func("document")) is not None:
            doc_rules.append((rid, fn))
        if (fn := rule.func("pair")) is not None:
            pair_rules.append((rid, fn))
        if rid == _RUN_RULE and (fn := rule.func("run")) is not None:
            collect = getattr(fn, "collect", None)
    return StreamSetup(tuple(doc_rules), tuple(pair_rules), collect, glossary, cfg, sample)


def record_order(rec: Record) -> tuple[str, int]:
    """Where a record sorts among all records of a run (the same in every engine)."""
    return (rec.path, rec.line)


# -- map: a batch of records -> findings + partial state ---------------------------------------


def map_records(
    groups: Iterable[Sequence[Record]], setup: StreamSetup
) -> tuple[list[Finding], State, list[str]]:
    """Check documents of records (``group_documents``): (findings in record order, the
    inconsistent-rendering partial, errors as lines). Engine-neutral: plain data in and out."""
    findings: list[Finding] = []
    state: State = {}
    errors: list[str] = []
    for group in groups:
        findings.extend(_check_group(group, setup, state, errors))
    return findings, state, errors


def _joined(texts: Sequence[str]) -> tuple[str, list[int]]:
    """The texts joined by line breaks, and where each starts."""
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    return "\n".join(texts), starts


def _check_group(
    group: Sequence[Record], setup: StreamSetup, state: State, errors: list[str]
) -> list[Finding]:
    first = group[0]
    path = first.path
    target, starts = _joined([r.target for r in group])
    tctx = DocContext(document_from_text(target, path), setup.glossary)
    raw: list[Finding] = []
    for rid, fn in setup.doc_rules:
        try:
            raw.extend(fn(tctx))
        except Exception as exc:  # one broken rule must not hide the other records' results
            errors.append(_rule_error(rid, first, exc))
    sources = [r.source or "" for r in group]
    if setup.pair_rules and any(sources):
        source, sstarts = _joined(sources)
        sctx = DocContext(document_from_text(source, path), setup.glossary)
        beads = [
            Bead((Segment(ss, ss + len(r.source), r.source),), (Segment(ts, ts + len(r.target), r.target),))
            for r, ss, ts in zip(group, sstarts, starts)
            if r.source and r.target.strip()
        ]
        pair = PairContext(sctx, tctx, kind="bilingual", beads=beads)
        for rid, fn in setup.pair_rules:
            try:
                raw.extend(fn(pair))
            except Exception as exc:
                errors.append(_rule_error(rid, first, exc))
    if setup.collect is not None:
        try:
            mentions = tctx.memo(_RUN_RULE, setup.collect)
        except Exception as exc:
            errors.append(_rule_error(_RUN_RULE, first, exc))
        else:

            def where(a: int) -> str:
                return f"{path}:{group[bisect.bisect_right(starts, a) - 1].line}"

            def loc(a: int, b: int) -> tuple[Any, ...]:
                i = bisect.bisect_right(starts, a) - 1
                r = group[i]
                return (r.path, r.line, r.id, a - starts[i], b - starts[i], target[a:b])

            add_mentions(state, mentions, record_order(first), target, where, loc, setup.sample)
    out = []
    for f in raw:
        i = bisect.bisect_right(starts, f.start) - 1
        r = group[i]
        a = f.start - starts[i]
        b = min(f.end - starts[i], len(r.target))
        out.append(_record_finding(r, a, b, f.rule, f.severity, f.message, f.suggestion))
    return _finish(out, setup.config)


def _record_finding(r: Record, a: int, b: int, rule: str, severity: Any, message: str, sugg: Any) -> Finding:
    """A finding at ``r.target[a:b]``: line is the record's line, columns count in its target."""
    return Finding(
        r.path, a, b, r.line, a + 1, r.line, b + 1, rule, severity, message, r.target[a:b], sugg, id=r.id
    )


def _rule_error(rid: str, rec: Record, exc: BaseException) -> str:
    detail = str(exc).splitlines()[0] if str(exc) else ""
    return f"{rec.path}:{rec.line}: rule {rid} failed: {type(exc).__name__}{': ' + detail if detail else ''}"


def _finish(findings: list[Finding], cfg: Config) -> list[Finding]:
    """Per-file ignores and severity overrides; duplicates removed; record order."""
    out = []
    for f in set(findings):
        off = cfg.ignored_rules(f.path)
        if off and any(selector_matches(s, f.rule) for s in off):
            continue
        sev = cfg.severity_for(f.rule) if cfg.severity else None
        out.append(dataclasses.replace(f, severity=sev) if sev and sev != f.severity else f)
    return sorted(out, key=_record_key)


def _record_key(f: Finding) -> tuple[str, int, int, int, str, str]:
    return (f.path, f.line, f.start, f.end, f.rule, f.message)


# -- reduce: merged partials -> the run-scope findings -----------------------------------------


def final_findings(state: State, setup: StreamSetup) -> list[Finding]:
    """The inconsistent-rendering findings of a run from its merged state."""
    sev = default_severity(_RUN_RULE)
    out = [
        Finding(path, a, b, line, a + 1, line, b + 1, _RUN_RULE, sev, message, surface, suggestion, id=rid)
        for (path, line, rid, a, b, surface), _, message, suggestion in minority(state)
    ]
    return _finish(out, setup.config)


# -- the local engine ---------------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _init(setup: StreamSetup) -> None:
    _WORKER["setup"] = setup


def _work(groups: list[list[Record]]) -> tuple[list[Finding], State, list[str]]:
    return map_records(groups, _WORKER["setup"])


def batches(groups: Iterable[list[Record]], size: int = BATCH) -> Iterator[list[list[Record]]]:
    """Documents in batches of about ``size`` records (a document is never split)."""
    batch: list[list[Record]] = []
    n = 0
    for g in groups:
        batch.append(g)
        n += len(g)
        if n >= size:
            yield batch
            batch, n = [], 0
    if batch:
        yield batch


def run_local(
    groups: Iterable[list[Record]], setup: StreamSetup, jobs: int
) -> Iterator[tuple[list[Finding], State, list[str]]]:
    """``map_records`` over batches of documents, in order: here, or in ``jobs`` processes with
    a bounded window of batches in flight (the input is read only as fast as it is checked)."""
    if jobs <= 0:
        jobs = os.cpu_count() or 1
    if jobs == 1:
        for batch in batches(groups):
            yield map_records(batch, setup)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(jobs, initializer=_init, initargs=(setup,)) as pool:
        window: deque[Any] = deque()
        for batch in batches(groups):
            window.append(pool.submit(_work, batch))
            if len(window) >= jobs * 4:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()


def stream(
    groups: Iterable[list[Record]],
    setup: StreamSetup,
    jobs: int = 1,
    on_error: Callable[[str], None] | None = None,
) -> Iterator[Finding]:
    """Every finding of the records: each batch's as it is checked, then inconsistent-rendering's."""
    state: State = {}
    for found, partial, errs in run_local(groups, setup, jobs):
        for e in errs:
            _error(e, on_error)
        merge_states(state, partial, setup.sample)
        yield from found
    yield from final_findings(state, setup)


def _error(message: str, on_error: Callable[[str], None] | None) -> None:
    if on_error is None:
        raise RecordError(message)
    on_error(message)


# -- inputs -----------------------------------------------------------------------------------


def jsonl_records(
    paths: Sequence[str],
    fields: Mapping[str, str] = FIELDS,
    on_error: Callable[[str], None] | None = None,
    stdin: Any = None,
) -> Iterator[Record]:
    """The records of JSONL files (``-``: standard input), read lazily; a malformed record or an
    unreadable file goes to ``on_error`` (raises RecordError without one) and is skipped."""
    for path in paths:
        try:
            if path == "-":
                handle: Any = stdin or sys.stdin.buffer
                yield from _valid(read_records(handle, "-", fields), on_error)
                continue
            with open(path, "rb") as fh:
                yield from _valid(read_records(fh, path, fields), on_error)
        except OSError as exc:
            _error(f"{path}: cannot read: {exc.strerror or exc}", on_error)


def _valid(items: Iterable[Record | RecordError], on_error: Callable[[str], None] | None) -> Iterator[Record]:
    for it in items:
        if isinstance(it, RecordError):
            _error(str(it), on_error)
        else:
            yield it


def _records_of(items: Iterable[Any], fields: Mapping[str, str]) -> Iterator[Record]:
    for n, it in enumerate(items, 1):
        if isinstance(it, Record):
            yield it
        elif isinstance(it, tuple) and len(it) == 3:
            rid, source, target = it
            yield record_of({"id": rid, "source": source, "target": target}, "<pairs>", n)
        else:
            yield record_of(it, "<pairs>", n, fields)


def check_pairs(
    records: Iterable[Mapping[str, Any] | tuple[Any, str | None, str] | Record],
    options: RunOptions | None = None,
) -> Iterator[Finding]:
    """Findings of records, yielded as they are found (iterator in, iterator out): each record a
    dict shaped like a JSONL record (field names from ``options.fields``) or an ``(id, source,
    target)`` tuple. Findings carry the record's ``id`` and offsets into its ``target``; their
    ``path`` is ``<pairs>`` and ``line`` the record's 1-based position. inconsistent-rendering
    findings, which need every record, come last. Raises RecordError for a malformed record,
    ConfigError/GlossaryError for bad options.

    >>> list(check_pairs([("x", None, "He said ，yes.")], RunOptions(glossary=False, config=False)))[0].column
    8
    """
    opts = options or RunOptions()
    setup = stream_setup(opts)
    fields = parse_fields(opts.fields)
    yield from stream(group_documents(_records_of(records, fields)), setup, opts.jobs)
