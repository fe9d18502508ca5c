"""The Dask engine: byte-range partitions read every record once, and a 2-worker LocalCluster gives
the findings of the local engine."""

from __future__ import annotations

import json
import sys
import time

import pytest

from zhen_tools import check_pairs
from zhen_tools.formats.jsonl import FIELDS, Record, group_documents, record_of
from zhen_tools.run.dask_engine import (
    EngineError,
    _client,
    byte_ranges,
    check_jsonl,
    check_records,
    count_breaks,
    read_partition,
)
from zhen_tools.run.options import RunOptions
from zhen_tools.run.stream import jsonl_records, stream, stream_setup

NAMES = ["Chikyu", "Chikyū", "Minami-Torishima", "Minami-Tori-shima", "Lynas", "Takaichi"]


def _lines() -> list[str]:
    """Records in documents of 1-4 records, with blank, malformed and non-ASCII lines among them."""
    out = []
    for i in range(90):
        doc = f"d{i // 4}" if i % 9 else None
        name = NAMES[(i * 5) % len(NAMES)]
        n = i + 1
        tons = f"{n},000" if i % 10 == 0 else f"{n}0,000"  # n万 is n0,000: every tenth is wrong
        rec = {
            "id": i,
            "source": f"损失约{n}万吨。",
            "target": f"{name} lost {tons} tons ，she said.",
            "doc": doc,
        }
        out.append(json.dumps(rec, ensure_ascii=i % 2 == 0))
        if i % 13 == 5:
            out.append("")
        if i % 17 == 3:
            out.append('{"id": "bad", "target": 5}')
    return out


def _as_records(rows: list[dict]) -> list[Record]:
    return [record_of(r, "<pairs>", n) for n, r in enumerate(rows, 1)]


@pytest.fixture
def jsonl(tmp_path):
    path = tmp_path / "pairs.jsonl"
    path.write_text("\n".join(_lines()) + "\n", encoding="utf-8")
    return path


def _partitions(path, step):
    ranges = byte_ranges(path.stat().st_size, step)
    first, records, errors = 1, [], []
    for start, end in ranges:
        recs, errs = read_partition(str(path), start, end, first, FIELDS)
        records.append(recs)
        errors += errs
        first += count_breaks(str(path), start, end) + (start == 0)
    return records, errors


@pytest.mark.parametrize("step", [1, 7, 100, 333, 1000, 10**6])
def test_partitions_read_each_record_once_and_never_split_a_document(jsonl, step):
    whole_errors: list[str] = []
    whole = list(jsonl_records([str(jsonl)], FIELDS, whole_errors.append))
    parts, errors = _partitions(jsonl, step)
    assert [r for part in parts for r in part] == whole  # same records, lines and order
    assert errors == whole_errors and len(errors) == 6  # i % 17 == 3: i = 3, 20, 37, 54, 71, 88
    expected = [[r.line for r in g] for g in group_documents(whole)]
    got = [[r.line for r in g] for part in parts for g in group_documents(part)]
    assert got == expected


def test_missing_extra_is_one_line(monkeypatch, jsonl):
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    setup = stream_setup(RunOptions(glossary=False, config=False))
    with pytest.raises(EngineError, match=r"pip install 'zhen-tools\[dask\]'"):
        next(check_jsonl([str(jsonl)], setup, FIELDS))


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as c:
        yield c


def test_dask_gives_the_local_findings(cluster, jsonl):
    setup = stream_setup(RunOptions(config=False))  # the bundled glossary too
    local_errors: list[str] = []
    local = list(
        stream(
            group_documents(jsonl_records([str(jsonl)], FIELDS, local_errors.append)),
            setup,
            1,
            local_errors.append,
        )
    )
    errors: list[str] = []
    found = list(check_jsonl([str(jsonl)], setup, FIELDS, cluster.scheduler_address, 2, errors.append, 700))
    assert {f.rule for f in local} >= {"number-mismatch", "punctuation", "inconsistent-rendering"}
    assert found == local
    assert errors == local_errors


def test_check_pairs_honours_engine_dask(cluster, jsonl):
    rows = [json.loads(line) for line in _lines() if line.strip() and '"bad"' not in line]
    local = list(check_pairs(rows, RunOptions(config=False)))
    on_dask = RunOptions(config=False, engine="dask", scheduler=cluster.scheduler_address, jobs=2)
    assert {f.rule for f in local} >= {"number-mismatch", "punctuation", "inconsistent-rendering"}
    assert (
        list(
            check_records(
                group_documents(_as_records(rows)), stream_setup(on_dask), cluster.scheduler_address, chunk=7
            )
        )
        == local
    )
    assert list(check_pairs(rows, on_dask)) == local
    # the source offsets of pair rules survive the trip through the workers
    assert any(f.source_start is not None for f in local if f.rule == "number-mismatch")


def test_check_pairs_on_dask_collects_errors(cluster):
    errors: list[str] = []
    opts = RunOptions(glossary=False, config=False, engine="dask", scheduler=cluster.scheduler_address)
    found = list(check_pairs([{"target": 5}, ("ok", None, "Bad ，comma.")], opts, errors))
    assert errors == ['<pairs>:1: "target" is not a string']
    assert [(f.id, f.rule) for f in found] == [("ok", "punctuation")]


def test_the_engines_own_cluster_keeps_no_profile():
    # Dask's profiler keeps a call tree per task prefix for a dashboard nobody sees here; over the
    # rules' call paths it grew with every partition. With it on, a task of 1.5 s leaves about
    # 150 samples (every 10 ms, moved to the history every second).
    pytest.importorskip("dask.distributed")
    with _client(None, 1) as client:
        client.submit(time.sleep, 1.5, pure=False).result()
        assert client.profile()["count"] == 0
