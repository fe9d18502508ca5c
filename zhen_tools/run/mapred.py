"""Records checked as map and reduce over plain data, free of any engine: ``map_records`` checks
documents of records and returns their findings plus a partial of the run-scope
``inconsistent-rendering`` state; ``merge_states`` merges partials (the keyed reduce);
``final_findings`` turns the merged state into that rule's findings. The local engine
(``stream``) and the Dask engine (``dask_engine``) both run these; Spark could call them from
``mapPartitions`` and ``reduceByKey``.

>>> setup = stream_setup(RunOptions(glossary=False, config=False))
>>> recs = [Record("n1", "损失约2.6万亿日元。", "A loss of 2.6 billion yen.", None, "p.jsonl", 1)]
>>> (f,), partial, errors = map_records([recs], setup)
>>> (f.id, f.text, f.start, f.end), recs[0].source[f.source_start : f.source_end]
(('n1', '2.6 billion', 10, 21), '2.6万亿')
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from zhen_tools.align.aligner import Bead
from zhen_tools.config import Config, selector_matches
from zhen_tools.findings import Finding, RecordFinding
from zhen_tools.formats.jsonl import Record
from zhen_tools.glossary.model import Glossary
from zhen_tools.rules.context import DocContext, PairContext
from zhen_tools.rules.inconsistent_rendering import (
    Place,
    State,
    add_mentions,
    merge_cluster,
    merge_states,
    minority,
)
from zhen_tools.rules.registry import Rule, default_severity
from zhen_tools.run.filter import known_rule_ids, select_rules
from zhen_tools.run.inputs import resolve_config, resolve_glossary
from zhen_tools.run.options import RunOptions
from zhen_tools.text.document import Segment, document_from_text

__all__ = [
    "BATCH",
    "State",
    "StreamSetup",
    "batches",
    "drain_findings",
    "final_findings",
    "map_records",
    "merge_states",
    "record_order",
    "setup_for",
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
            # inconsistent-rendering's pair part stores each record's source-anchored names,
            # which its ``collect`` (run after the pair rules) adds to the record's partial
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
    for cid, cluster in state.items():  # packed here, so that the reducer only adopts them
        state[cid] = merge_cluster(None, cluster)
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
    tctx = DocContext.of(document_from_text(target, path), setup.glossary)
    raw: list[Finding] = []
    for rid, fn in setup.doc_rules:
        try:
            raw.extend(fn(tctx))
        except Exception as exc:  # one broken rule must not hide the other records' results
            errors.append(_rule_error(rid, first, exc))
    sources = [r.source or "" for r in group]
    sstarts: list[int] = []
    if setup.pair_rules and any(sources):
        source, sstarts = _joined(sources)
        sctx = DocContext.of(document_from_text(source, path), setup.glossary)
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
            docline = first.line

            def place(idx: int, a: int, b: int) -> tuple[Any, ...]:
                i = bisect.bisect_right(starts, a) - 1
                r = group[i]
                surface = target[a:b]
                surface = surfaces.setdefault(surface, surface)  # one object per text: a smaller pickle
                other = r.path if r.path != path else None  # a document may run on into the next file
                return (path, docline, idx, r.line, r.id, a - starts[i], b - starts[i], surface, other)

            surfaces: dict[str, str] = {}
            add_mentions(state, mentions, place, setup.sample)
    out = []
    for f in raw:
        i = bisect.bisect_right(starts, f.start) - 1
        r = group[i]
        a = f.start - starts[i]
        b = min(f.end - starts[i], len(r.target))
        out.append(_record_finding(r, a, b, f, _source_span(f, i, group, sstarts)))
    return _finish(out, setup.config)


def _source_span(
    f: Finding, i: int, group: Sequence[Record], sstarts: Sequence[int]
) -> tuple[int, int] | None:
    """The source span a pair rule gave ``f``, as offsets into the source of record ``i`` (the
    record ``f`` is on); None when there is none or it lies in another record's source."""
    if f.source_start is None or f.source_end is None or not sstarts:
        return None
    j = bisect.bisect_right(sstarts, f.source_start) - 1
    source = group[i].source
    if j != i or source is None:
        return None
    a, b = f.source_start - sstarts[i], f.source_end - sstarts[i]
    return (a, b) if 0 <= a <= b <= len(source) else None


def _record_finding(r: Record, a: int, b: int, f: Finding, source: tuple[int, int] | None) -> RecordFinding:
    """``f`` at ``r.target[a:b]``: line is the record's line, columns count in its target; the
    source span, if any, counts in its source."""
    sa, sb = source if source is not None else (None, None)
    return RecordFinding(
        r.path, a, b, r.line, a + 1, r.line, b + 1, f.rule, f.severity, f.message, r.target[a:b],
        f.suggestion, r.path if source is not None else None, sa, sb, r.id,
    )  # fmt: skip


def _rule_error(rid: str, rec: Record, exc: BaseException) -> str:
    detail = str(exc).splitlines()[0] if str(exc) else ""
    return f"{rec.path}:{rec.line}: rule {rid} failed: {type(exc).__name__}{': ' + detail if detail else ''}"


def _finish(findings: Sequence[Finding], cfg: Config) -> list[Finding]:
    """Per-file ignores and severity overrides; duplicates removed; record order."""
    return sorted(filter(None, (_configured(f, cfg) for f in set(findings))), key=_record_key)


def _configured(f: Finding, cfg: Config) -> Finding | None:
    """``f`` with the config's severity override, or None when a per-file ignore drops it."""
    off = cfg.ignored_rules(f.path)
    if off and any(selector_matches(s, f.rule) for s in off):
        return None
    sev = cfg.severity_for(f.rule) if cfg.severity else None
    return dataclasses.replace(f, severity=sev) if sev and sev != f.severity else f


def _record_key(f: Finding) -> tuple[str, int, int, int, str, str]:
    return (f.path, f.line, f.start, f.end, f.rule, f.message)


# -- reduce: merged partials -> the run-scope findings -----------------------------------------


def final_findings(state: State, setup: StreamSetup) -> list[Finding]:
    """The inconsistent-rendering findings of a run from its merged state."""
    return _finish(list(_run_findings(minority(state, setup.sample))), setup.config)


def drain_findings(state: State, setup: StreamSetup) -> Iterator[Finding]:
    """``final_findings`` for an engine at the end of its run, one finding at a time, emptying
    ``state`` as its minority places are read (``minority(consume=True)``): the reducer never
    holds the whole state with every place unpacked, nor more than one finding built."""
    items: list[Any] = minority(state, setup.sample, consume=True)
    # _record_key's order: (the record's path, its line, start, end, the rule, message)
    items.sort(key=lambda it: (it[0][8] or it[0][0], it[0][3], it[0][5], it[0][6], it[2]))
    last: Any = None
    same: set[Finding] = set()  # the findings at one record key so far (duplicates dropped)
    for i, f in enumerate(_run_findings(items)):
        items[i] = None  # released as it is written
        key = _record_key(f)
        if key != last:
            last, same = key, set()
        if f in same:
            continue
        same.add(f)
        if (g := _configured(f, setup.config)) is not None:
            yield g


def _run_findings(items: Iterable[tuple[Place, str, str, str]]) -> Iterator[Finding]:
    """The finding of each (place, surface, message, suggestion) of ``minority``."""
    sev = default_severity(_RUN_RULE)
    for (path, _, _, line, rid, a, b, surface, other), _, message, suggestion in items:
        yield RecordFinding(
            other or path, a, b, line, a + 1, line, b + 1, _RUN_RULE, sev, message, surface, suggestion, id=rid
        )  # fmt: skip


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
