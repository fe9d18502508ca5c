"""Streaming checks of records (JSONL lines, or dicts and tuples from a library caller): findings
come out as each batch of records is checked, so memory does not grow with the input (only the
run-scope name state grows, with the distinct names).

The work is the engine-free map and reduce of ``mapred`` (re-exported here): ``map_records``
checks a batch of records (grouped into documents) and returns its findings plus a partial of
the run-scope ``inconsistent-rendering`` state (name key -> spellings with counts and a bounded
sample of locations); ``final_findings`` turns the merged partials (``merge_states``) into that
rule's findings (``drain_findings``, which the engines use: one at a time, freeing the state).
The local engine (``stream``) runs ``map_records`` here or in a pool of processes and folds
each batch's partial into one state as it arrives; ``check_pairs`` runs it there or, with
``engine="dask"``, on Dask (``dask_engine``).

>>> recs = [{"id": "a", "source": "损失约2.6万亿日元。", "target": "A loss of 2.6 billion yen."}]
>>> [(f.id, f.rule, f.text, f.start) for f in check_pairs(recs, RunOptions(glossary=False, config=False))]
[('a', 'number-mismatch', '2.6 billion', 10)]
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

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
from zhen_tools.run.dask_engine import check_records
from zhen_tools.run.mapred import (
    BATCH,
    State,
    StreamSetup,
    batches,
    drain_findings,
    final_findings,
    map_records,
    merge_states,
    record_order,
    setup_for,
    stream_setup,
)
from zhen_tools.run.options import RunOptions

__all__ = [  # the map/reduce names of ``mapred`` stay importable from here
    "BATCH",
    "State",
    "StreamSetup",
    "batches",
    "check_pairs",
    "drain_findings",
    "final_findings",
    "jsonl_records",
    "map_records",
    "merge_states",
    "record_order",
    "run_local",
    "setup_for",
    "stream",
    "stream_setup",
]

# -- the local engine ---------------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _init(setup: StreamSetup) -> None:
    _WORKER["setup"] = setup


def _work(groups: list[list[Record]]) -> tuple[list[Finding], State, list[str]]:
    return map_records(groups, _WORKER["setup"])


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
    yield from drain_findings(state, setup)


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


def _records_of(
    items: Iterable[Any], fields: Mapping[str, str], keep_going: bool
) -> Iterator[Record | RecordError]:
    """Records of a caller's items; a malformed one raises its RecordError, or with
    ``keep_going`` is yielded for ``_valid`` to report."""
    for n, it in enumerate(items, 1):
        try:
            if isinstance(it, Record):
                yield it
            elif isinstance(it, tuple) and len(it) == 3:
                rid, source, target = it
                yield record_of({"id": rid, "source": source, "target": target}, "<pairs>", n)
            else:
                yield record_of(it, "<pairs>", n, fields)
        except RecordError as exc:
            if not keep_going:
                raise
            yield exc


def check_pairs(
    records: Iterable[Mapping[str, Any] | tuple[Any, str | None, str] | Record],
    options: RunOptions | None = None,
    errors: list[str] | None = None,
) -> Iterator[Finding]:
    """Findings of records, yielded as they are found (iterator in, iterator out): each record a
    dict shaped like a JSONL record (field names from ``options.fields``) or an ``(id, source,
    target)`` tuple. Findings carry the record's ``id`` and offsets into its ``target`` (and,
    for pair rules that know it, ``source_start``/``source_end`` into its ``source``); their
    ``path`` is ``<pairs>`` and ``line`` the record's 1-based position. inconsistent-rendering
    findings, which need every record, come last. ``options.engine`` picks where the records
    are checked: ``local`` (here, or ``options.jobs`` processes) or ``dask`` (the cluster at
    ``options.scheduler``, else a LocalCluster of ``options.jobs`` workers). Raises RecordError
    for a malformed record or a failing rule unless ``errors`` collects those (one line each;
    the other records are still checked), ConfigError/GlossaryError for bad options, and
    dask_engine.EngineError when Dask is missing or the scheduler is unreachable.

    >>> list(check_pairs([("x", None, "He said ，yes.")], RunOptions(glossary=False, config=False)))[0].column
    8
    """
    opts = options or RunOptions()
    setup = stream_setup(opts)
    fields = parse_fields(opts.fields)
    on_error = errors.append if errors is not None else None
    groups = group_documents(_valid(_records_of(records, fields, on_error is not None), on_error))
    if opts.engine == "dask":
        yield from check_records(groups, setup, opts.scheduler, opts.jobs, on_error)
    else:
        yield from stream(groups, setup, opts.jobs, on_error)
