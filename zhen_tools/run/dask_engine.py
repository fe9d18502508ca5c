"""The Dask engine: JSONL records checked in Dask partitions, inconsistent-rendering as a reduce of
name-keyed partials. The only module that imports Dask (lazily: ``pip install 'zhen-tools[dask]'``).

Each file is cut into byte ranges (``PARTITION_BYTES``); a first pass counts the line breaks in
each range, so every partition knows the number of its first line; a partition then reads the
records whose line starts in its range, except that a document (consecutive records with one
``doc``) belongs to the partition where it starts: a partition skips the records that continue
its predecessor's last document and reads on past its end to finish its own. Each partition
runs ``stream.map_records`` (findings + inconsistent-rendering partial); the partials are merged
by ``merge_states`` tasks on the workers as partitions finish, and ``stream.final_findings`` turns the result into that
rule's findings. Findings come back partition by partition, in record order, as with
``--jobs``.

>>> byte_ranges(10, 4)
[(0, 4), (4, 8), (8, 10)]
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from zhen_tools.findings import Finding
from zhen_tools.formats.jsonl import Record, RecordError, group_documents, parse_line
from zhen_tools.rules.inconsistent_rendering import State, merge_states
from zhen_tools.run.stream import StreamSetup, final_findings, map_records

__all__ = ["PARTITION_BYTES", "EngineError", "byte_ranges", "check_jsonl", "read_partition"]

PARTITION_BYTES = 16 * 1024 * 1024  # about 50,000 news segment pairs


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


def _merge(a: State, b: State, sample: int) -> State:
    return merge_states(a, b, sample)


def _part(result: tuple[Any, ...], i: int) -> Any:
    return result[i]


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
    dd = _distributed()
    cluster = None
    try:
        if scheduler:
            client = dd.Client(scheduler)
        else:
            n = workers if workers > 0 else (os.cpu_count() or 1)
            cluster = dd.LocalCluster(
                n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None
            )
            client = dd.Client(cluster)
    except (OSError, TimeoutError) as exc:
        raise EngineError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None
    try:
        yield from _run(client, paths, setup, fields, on_error, partition_bytes)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _run(
    client: Any,
    paths: Sequence[str],
    setup: StreamSetup,
    fields: Mapping[str, str],
    on_error: Callable[[str], None] | None,
    partition_bytes: int,
) -> Iterator[Finding]:
    def error(message: str) -> None:
        if on_error is None:
            raise RecordError(message)
        on_error(message)

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
    # A window of partitions in flight (two per worker): a worker never holds more than a few
    # partitions' findings waiting for the client, whatever the input size.
    window = max(2, 2 * len(client.scheduler_info().get("workers", ())))
    todo = iter(zip(ranges, firsts))
    pending: deque[tuple[Any, Any, Any]] = deque()

    def submit_next() -> None:
        nxt = next(todo, None)
        if nxt is not None:
            (path, start, end), first = nxt
            res = client.submit(_map_partition, path, start, end, first, dict(fields), setup_f, pure=False)
            parts = tuple(client.submit(_part, res, i, pure=False) for i in range(3))
            pending.append(parts)

    for _ in range(window):
        submit_next()
    state = None
    while pending:
        found, partial, errs = pending.popleft()
        # The reduce, folded on the workers as partitions finish: one partial per distinct name.
        state = partial if state is None else client.submit(_merge, state, partial, setup.sample, pure=False)
        for e in errs.result():
            error(e)
        yield from found.result()
        del found, partial, errs
        submit_next()
    if state is not None:
        yield from final_findings(state.result(), setup)
