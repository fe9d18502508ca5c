"""The Dask engine: JSONL records checked in Dask partitions, inconsistent-rendering as a reduce of
name-keyed partials. The only module that imports Dask (lazily: ``pip install 'zhen-tools[dask]'``).

Each file is cut into byte ranges (``PARTITION_BYTES``); a first pass counts the line breaks in
each range, so every partition knows the number of its first line; a partition then reads the
records whose line starts in its range, except that a document (consecutive records with one
``doc``) belongs to the partition where it starts: a partition skips the records that continue
its predecessor's last document and reads on past its end to finish its own. Each partition
runs ``stream.map_records`` (findings + inconsistent-rendering partial); the partials are merged
into one state on the client as each partition's result arrives (``merge_states``: the state
holds a bounded sample of places per spelling, so it grows with the distinct names, never with
the records), and ``drain_findings`` turns it into that rule's findings. Findings come back
partition by partition, in record order, as with ``--jobs``; at most two partitions per worker
are in flight, so no process holds more than a few partitions' records and findings.
``check_records`` does the same for records that are not in files (``check_pairs`` with
``engine="dask"``): the client cuts them into chunks of ``CHUNK`` records and sends each as a
task's data.

>>> byte_ranges(10, 4)
[(0, 4), (4, 8), (8, 10)]
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from zhen_tools.findings import Finding
from zhen_tools.formats.jsonl import Record, RecordError, group_documents, parse_line
from zhen_tools.run.mapred import State, StreamSetup, batches, drain_findings, map_records, merge_states

__all__ = [
    "CHUNK",
    "PARTITION_BYTES",
    "WORKER_CONFIG",
    "EngineError",
    "byte_ranges",
    "check_jsonl",
    "check_records",
    "read_partition",
]

# About 10,000 news segment pairs: a few per worker even at 100k pairs, a few seconds of work per
# task, so the scheduler's per-task cost (milliseconds) is lost in it. Smaller partitions do not
# make a worker smaller: at 50k records a worker held 205 MB with 1 MB partitions and 207 MB with
# 4 MB ones (measured with Dask's profiler still on), since its memory is the rules' word caches
# and Dask's own, not the records of a partition.
PARTITION_BYTES = 4 * 1024 * 1024
CHUNK = 1000  # records per task when the client sends the records themselves (about 400 kB)
# Dask settings of the workers of the LocalCluster this engine starts (a cluster of your own keeps
# its settings: set the same there, e.g. DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False). Dask's
# statistical profiler samples a worker's task thread every 10 ms and keeps a call tree per task
# prefix for the dashboard; over the rules' many distinct call paths that tree grew by about
# 1,400 dicts a partition: after 20 partitions a worker held 156 MB with it, 141 MB without.
WORKER_CONFIG = {"distributed.worker.profile.enabled": False}


class EngineError(Exception):
    """The engine cannot run (Dask missing, scheduler unreachable); one line."""


def _distributed() -> Any:
    """``dask.distributed``, or an EngineError saying how to install it."""
    try:
        import dask.distributed
    except ImportError:
        raise EngineError("--engine dask needs Dask: pip install 'zhen-tools[dask]'") from None
    return dask.distributed


def byte_ranges(size: int, step: int) -> list[tuple[int, int]]:
    """``[start, end)`` ranges of at most ``step`` bytes covering ``size`` bytes."""
    return [(s, min(s + step, size)) for s in range(0, size, step)] or [(0, 0)]


def count_breaks(path: str, start: int, end: int) -> int:
    """Line feeds in bytes ``[start - 1, end - 1)`` of the file (``[0, end - 1)`` for the first
    range): summed over the ranges before one, one less than the number of its first line."""
    lo, hi = max(0, start - 1), max(0, end - 1)
    n = 0
    with open(path, "rb") as fh:
        fh.seek(lo)
        left = hi - lo
        while left > 0:
            chunk = fh.read(min(left, 1 << 20))
            if not chunk:
                break
            n += chunk.count(b"\n")
            left -= len(chunk)
    return n


def _line_start(fh: Any, pos: int) -> int:
    """Offset of the start of the line holding byte ``pos``."""
    while pos > 0:
        lo = max(0, pos - 65536)
        fh.seek(lo)
        chunk = fh.read(pos - lo)
        i = chunk.rfind(b"\n")
        if i >= 0:
            return lo + int(i) + 1
        pos = lo
    return 0


def _doc_before(fh: Any, start: int, fields: Mapping[str, str]) -> Any:
    """The ``doc`` of the last record whose line starts before ``start`` (blank and malformed
    lines are passed over, as ``group_documents`` never sees them)."""
    pos = start
    while pos > 0:
        ls = _line_start(fh, pos - 1)
        fh.seek(ls)
        item = parse_line(fh.readline(), "", 2, fields)
        if isinstance(item, Record):
            return item.doc
        pos = ls
    return None


def read_partition(
    path: str, start: int, end: int, first_line: int, fields: Mapping[str, str]
) -> tuple[list[Record], list[str]]:
    """The records of one partition (see the module docstring) and the malformed lines that
    start in its range. Blank and malformed lines never break a document, as in a local run."""
    records: list[Record] = []
    errors: list[str] = []
    with open(path, "rb") as fh:
        before = _doc_before(fh, start, fields) if start > 0 else None
        skipping = before is not None
        pos = start
        if start > 0:
            fh.seek(start - 1)
            fh.readline()  # the rest of the line holding byte start - 1: the predecessor's
            pos = fh.tell()
        n = first_line
        while True:
            raw = fh.readline()
            if not raw:
                break
            item = parse_line(raw, path, n, fields)
            pos += len(raw)
            n += 1
            if isinstance(item, Record):
                if pos - len(raw) >= end and (item.doc is None or not records or item.doc != records[-1].doc):
                    break  # past the range, and not finishing the last document
                if skipping and item.doc == before:
                    continue  # the rest of the predecessor's last document
                skipping = False
                records.append(item)
            elif isinstance(item, RecordError) and pos - len(raw) < end:
                errors.append(str(item))
    return records, errors


def _map_partition(
    path: str, start: int, end: int, first_line: int, fields: Mapping[str, str], setup: StreamSetup
) -> tuple[list[Finding], State, list[str]]:
    records, errors = read_partition(path, start, end, first_line, fields)
    findings, state, errs = map_records(group_documents(records), setup)
    return findings, state, errors + errs


@contextmanager
def _client(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A Dask client of the cluster at ``scheduler``, else of a LocalCluster of ``workers``
    processes (0: one per CPU), closed on exit."""
    dd = _distributed()
    import dask.config  # installed with dask.distributed

    cluster = None
    try:
        if scheduler:
            client = dd.Client(scheduler)
        else:
            n = workers if workers > 0 else (os.cpu_count() or 1)
            # One process per worker, one thread each: the checks are pure Python, so a second
            # thread would add no speed (the GIL), only a second partition's records and
            # analyses in memory. No dashboard (its pages are not built; the scheduler's small HTTP
            # server for health checks still starts, on 8787 or a free port), and so no worker
            # profiler (WORKER_CONFIG): nobody could look at its call trees, which grew with
            # every partition. Dask's memory limits are left as they are (each worker may use its
            # share of the machine's memory), and so is the trimming of the C heap: Dask's nanny
            # starts the workers with MALLOC_TRIM_THRESHOLD_=65536, and a malloc_trim(0) after
            # each partition gave back less than 0.5 MB. The scheduler runs in this process (a
            # LocalCluster's does; bench_scale.py --dask-apart measures it apart).
            with dask.config.set(WORKER_CONFIG):  # the nanny hands its config to the worker
                cluster = dd.LocalCluster(
                    n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None
                )
            client = dd.Client(cluster)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise EngineError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _raiser(on_error: Callable[[str], None] | None) -> Callable[[str], None]:
    def error(message: str) -> None:
        if on_error is None:
            raise RecordError(message)
        on_error(message)

    return error


def check_jsonl(
    paths: Sequence[str],
    setup: StreamSetup,
    fields: Mapping[str, str],
    scheduler: str | None = None,
    workers: int = 1,
    on_error: Callable[[str], None] | None = None,
    partition_bytes: int = PARTITION_BYTES,
) -> Iterator[Finding]:
    """Every finding of the JSONL files, checked on the Dask cluster at ``scheduler`` (else a
    LocalCluster of ``workers`` processes, 0: one per CPU): each partition's findings in
    record order, then inconsistent-rendering's. Errors go to ``on_error`` (else raise
    RecordError); an unreadable file is one error."""
    with _client(scheduler, workers) as client:
        yield from _run_files(client, paths, setup, fields, _raiser(on_error), partition_bytes)


def check_records(
    groups: Iterable[list[Record]],
    setup: StreamSetup,
    scheduler: str | None = None,
    workers: int = 1,
    on_error: Callable[[str], None] | None = None,
    chunk: int = CHUNK,
) -> Iterator[Finding]:
    """Every finding of documents of records (``group_documents``), checked on Dask as
    ``check_jsonl`` checks files: the records are read from ``groups`` only as fast as the
    cluster checks them, in chunks of about ``chunk`` records (a document is never split)."""
    with _client(scheduler, workers) as client:
        setup_f = client.scatter(setup, broadcast=True)
        tasks = ((map_records, batch, setup_f) for batch in batches(groups, chunk))
        yield from _pump(client, tasks, setup, _raiser(on_error))


def _run_files(
    client: Any,
    paths: Sequence[str],
    setup: StreamSetup,
    fields: Mapping[str, str],
    error: Callable[[str], None],
    partition_bytes: int,
) -> Iterator[Finding]:
    ranges: list[tuple[str, int, int]] = []
    for path in paths:
        try:
            size = os.path.getsize(path)
        except OSError as exc:
            error(f"{path}: cannot read: {exc.strerror or exc}")
            continue
        ranges += [(path, s, e) for s, e in byte_ranges(size, partition_bytes)]
    breaks = client.gather(client.map(count_breaks, *zip(*ranges), pure=False)) if ranges else []
    firsts, last, total = [], None, 0
    for (path, start, _), nl in zip(ranges, breaks):
        if path != last:
            last, total = path, 0
        firsts.append(1 if start == 0 else 2 + total)
        total += nl
    setup_f = client.scatter(setup, broadcast=True)
    tasks = (
        (_map_partition, path, start, end, first, dict(fields), setup_f)
        for (path, start, end), first in zip(ranges, firsts)
    )
    yield from _pump(client, tasks, setup, error)


def _pump(
    client: Any, tasks: Iterator[tuple[Any, ...]], setup: StreamSetup, error: Callable[[str], None]
) -> Iterator[Finding]:
    """Run ``map_records``-shaped tasks (function and arguments) with two per worker in
    flight, yielding each task's findings in task order as it finishes and folding its partial
    into the run's state here, then the run-scope findings. A task's result is released as soon
    as it is read: no worker keeps findings or partials waiting for the client, and the client
    keeps only the one merged state (its size follows the distinct names)."""
    window = max(2, 2 * len(client.scheduler_info().get("workers", ())))
    pending: deque[Any] = deque()

    def submit_next() -> None:
        task = next(tasks, None)
        if task is not None:
            pending.append(client.submit(*task, pure=False))

    for _ in range(window):
        submit_next()
    state: State = {}
    while pending:
        future = pending.popleft()
        found, partial, errs = future.result()
        del future
        submit_next()  # keep the workers busy while this result is folded and written
        for e in errs:
            error(e)
        merge_states(state, partial, setup.sample)
        del partial
        yield from found
        del found
    yield from drain_findings(state, setup)
