"""Corpus scale: JSONL records through the local engine (--jobs 2) and the Dask engine (2 workers).

Generates N pairs at bench time in a temporary folder (never committed): the WMT21 zh-en lines
(../shared/corpora/wmt21-zhen, read in place) repeated, each copy with its numbers changed on both
sides alike and, in some copies, capitalised names respelled (a diacritic, or one of a few fixed
suffixes), so inconsistent-rendering has names spelled two ways; every 20 lines of a copy are one
``doc``. Prints:

 1. check_pairs: per-pair cost after warm-up (one process);
 2. --jobs 2 (the library's local engine in a child process): pairs/s, pairs/s per core, pairs per
    CPU-second of the process tree (what a core of our own would check on a shared machine), the peak
    RSS of each worker up to each checkpoint (sampled every 0.25 s), and the size of the run-scope
    state (distinct clusters, spellings, pickled bytes, bytes in memory, sized a cluster at a time)
    at each checkpoint, with the parent's (the reducer's) RSS and peak RSS (its own VmHWM) just
    before measuring the state and where that memory is: Python objects, pymalloc arenas, free C
    heap. The parent's peak is reset after each measurement, which allocates, so it is the peak of
    the run alone; at the end, its peak with the run-scope findings written;
 3. --engine dask (``zhen check`` with 2 workers, LocalCluster, whose scheduler runs in the
    client's process; with ``--dask-apart`` a ``dask scheduler`` and ``dask worker`` started apart,
    so the client's memory is the reducer's alone): pairs/s and peak RSS per process.

``--trace 2000,20000,60000`` only traces what grows in one worker: ``map_records`` in this process
under tracemalloc, and the source lines whose memory grew most between the marks (how the rules'
caches were found to be what grows in a worker).

With ``--base DIR`` (a checkout of an earlier commit, e.g. ``git worktree add /tmp/base 11c032e``)
each measurement of 2 and 3 runs on that tree and on this one in turn (base, head), each in child
processes with ``PYTHONPATH`` set to its tree, and a table of the pairs at the end compares them: on
a loaded machine only such alternating runs compare.

Run: python bench/bench_scale.py [--sizes 100000,300000,1000000] [--dask-sizes 100000,1000000]
     [--skip-dask] [--skip-local] [--dask-apart] [--base DIR] [--keep DIR] [--trace N,N,...]
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import pickle
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from zhen_tools.formats.jsonl import Record
    from zhen_tools.rules.inconsistent_rendering import State

ROOT = Path(__file__).resolve().parents[1]
if sys.argv[1:2] != ["_local"]:  # a child runs the tree on its PYTHONPATH
    sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpora" / "wmt21-zhen"

_DIGITS = re.compile(r"\d")
_NAME = re.compile(r"\b[A-Z][a-z]{4,}\b")
_ACCENT = {"a": "á", "e": "é", "o": "ō", "u": "ū", "i": "í"}
_SUFFIXES = ("ov", "ski", "son", "er", "ino")


def _perturb(rng: random.Random, copy: int, zh: str, en: str) -> tuple[str, str]:
    if copy:
        table = str.maketrans("0123456789", "".join(rng.sample("0123456789", 10)))
        zh, en = zh.translate(table), en.translate(table)  # the same numbers on both sides

        def respell(m: re.Match[str]) -> str:
            w = m.group()
            r = rng.random()
            if r < 0.05:
                i = next((k for k, ch in enumerate(w) if ch in _ACCENT and k), None)
                return w if i is None else w[:i] + _ACCENT[w[i]] + w[i + 1 :]
            if r < 0.08:
                return w + rng.choice(_SUFFIXES)
            return w

        en = _NAME.sub(respell, en)
    return zh, en


def generate(n: int, path: Path, seed: int = 11) -> None:
    zh = (CORPUS / "newstest2021.zh-en.src.zh").read_text(encoding="utf-8").splitlines()
    en = (CORPUS / "newstest2021.zh-en.ref.A.en").read_text(encoding="utf-8").splitlines()
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            copy, k = divmod(i, len(zh))
            s, t = _perturb(rng, copy, zh[k], en[k])
            rec = {"id": f"c{copy}-{k}", "source": s, "target": t, "doc": f"c{copy}-d{k // 20}"}
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")


# -- memory of a process tree -----------------------------------------------------------------


class Watch:
    """Samples the RSS of a process and its descendants (peaks per pid) and the CPU time each
    has used: on a machine shared with other jobs, pairs per CPU-second is what a core of our
    own would check, where pairs per wall-second depends on the others' load."""

    def __init__(self, pid: int) -> None:
        import psutil

        self.root = psutil.Process(pid)
        self.peaks: dict[int, tuple[str, int]] = {}
        self.cpu: dict[int, float] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        import psutil

        while not self.stop.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            for p in procs:
                try:
                    rss = p.memory_info().rss
                    name = " ".join(p.cmdline()[1:3])[-60:]
                    t = p.cpu_times()
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
                self.cpu[p.pid] = t.user + t.system
                old = self.peaks.get(p.pid)
                if old is None or rss > old[1]:
                    self.peaks[p.pid] = (name, rss)
            self.stop.wait(0.25)

    def snapshot(self) -> dict[int, tuple[str, int]]:
        return dict(self.peaks)

    def cpu_seconds(self) -> float:
        """CPU time of the process tree so far (a process that ends loses its last 0.25 s)."""
        return sum(self.cpu.values())

    def close(self) -> dict[int, tuple[str, int]]:
        self.stop.set()
        self.thread.join()
        return self.snapshot()


def _mb(n: int) -> str:
    return f"{n / 1e6:.0f} MB"


def _peaks_line(peaks: dict[int, tuple[str, int]], root: int) -> str:
    parent = peaks.get(root, ("", 0))[1]
    others = sorted((rss for pid, (_, rss) in peaks.items() if pid != root), reverse=True)
    return f"parent {_mb(parent)}; others " + ", ".join(_mb(r) for r in others)


# -- the local engine, in a child process -------------------------------------------------------


def deep_size(obj: object) -> int:
    """Bytes of ``obj`` and everything it holds (dicts, lists, tuples; each object counted once):
    what the run-scope state costs in memory, beside its pickled size."""
    seen: set[int] = set()
    total = 0
    stack = [obj]
    while stack:
        o = stack.pop()
        if id(o) in seen:
            continue
        seen.add(id(o))
        total += sys.getsizeof(o)
        if isinstance(o, dict):
            stack.extend(o.keys())
            stack.extend(o.values())
        elif isinstance(o, (list, tuple)):
            stack.extend(o)
    return total


def _rss_now() -> int:
    """This process's resident memory now (Linux), in bytes."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _peak_rss() -> int:
    """This process's peak resident memory (Linux ``VmHWM``) since it started or since the
    last ``_reset_peak``, in bytes."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


def _reset_peak() -> None:
    """Start ``VmHWM`` again from the present RSS (Linux: ``5`` into ``clear_refs``)."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
    except OSError:
        pass


def heap_free() -> int:
    """Bytes the C heap holds free (glibc ``mallinfo2().fordblks``; 0 elsewhere): memory freed
    but not given back to the system, which RSS counts (fragmentation)."""
    import ctypes

    class MallInfo2(ctypes.Structure):
        _fields_ = [
            (n, ctypes.c_size_t)
            for n in "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost".split()
        ]

    try:
        fn = ctypes.CDLL(None).mallinfo2
    except (OSError, AttributeError):
        return 0
    fn.restype = MallInfo2
    return int(fn().fordblks)


def python_blocks() -> tuple[int, int]:
    """(bytes in pymalloc's arenas, bytes of live objects in them): the difference is memory
    Python holds free in arenas that still hold a live object (fragmentation)."""
    r, w = os.pipe()
    saved = os.dup(2)
    os.dup2(w, 2)  # sys._debugmallocstats writes to the C stderr
    try:
        sys._debugmallocstats()
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(w)
    chunks = []
    while chunk := os.read(r, 1 << 16):
        chunks.append(chunk)
    os.close(r)
    arenas = live = 0
    for line in b"".join(chunks).decode().splitlines():
        if line.startswith("# arenas allocated current"):
            arenas = int(line.split("=")[1].replace(",", "")) * (1 << 20)
        elif line.startswith("# bytes in allocated blocks"):
            live = int(line.split("=")[1].replace(",", ""))
    return arenas, live


def state_sizes(state: State) -> tuple[int, int]:
    """(pickled bytes, bytes in memory) of the run-scope state, a cluster at a time: what the
    reduce ships per key, and what the reducer holds. One pickle or one ``deep_size`` of the
    whole state would allocate tens of MB at 1M pairs (the pickle, its memo, the set of ids
    seen) in the process being measured; per cluster the transients stay small. Objects two
    clusters share (the ``"name"`` in every cluster id) are counted in each."""
    pickled = memory = sys.getsizeof(state)
    for item in state.items():
        pickled += len(pickle.dumps(item, pickle.HIGHEST_PROTOCOL))
        memory += deep_size(item) - sys.getsizeof(item)  # the item tuple is this loop's, not the state's
    return pickled, memory


def child_local(path: str, checkpoints: list[int], jobs: int) -> None:
    """Run the local engine over the file; print a JSON line at each checkpoint. The parent's
    peak is its own ``VmHWM`` read just before each measurement of the state, the peak reset
    after it: the measuring (pickles, sizes) does not count in the reducer's peak."""
    from zhen_tools.formats.jsonl import group_documents
    from zhen_tools.rules.inconsistent_rendering import merge_states
    from zhen_tools.run import stream
    from zhen_tools.run.options import RunOptions
    from zhen_tools.run.stream import jsonl_records, run_local, stream_setup

    setup = stream_setup(RunOptions(config=False))
    state: State = {}
    done = findings = 0
    marks = sorted(checkpoints)
    t0 = time.perf_counter()
    fed = [0]
    peak = 0

    def counted(groups: Iterable[list[Record]]) -> Iterator[list[Record]]:
        # records handed to the engine (ahead of the results by <= 8 batches)
        for g in groups:
            fed[0] += len(g)
            yield g

    groups = counted(group_documents(jsonl_records([path], on_error=lambda e: None)))
    for found, partial, _ in run_local(groups, setup, jobs):
        merge_states(state, partial, setup.sample)
        findings += len(found)
        done = fed[0]
        while marks and done >= marks[0]:
            rss = _rss_now()  # before measuring the state, which allocates (pickle, deep_size)
            peak = max(peak, _peak_rss())
            free_c = heap_free()
            arenas, live = python_blocks()
            spellings = sum(len(c[1]) for c in state.values())
            pickled, memory = state_sizes(state)
            print(
                json.dumps(
                    {
                        "pairs": marks.pop(0),
                        "seconds": time.perf_counter() - t0,
                        "findings": findings,
                        "clusters": len(state),
                        "spellings": spellings,
                        "state_bytes": pickled,
                        "state_memory": memory,
                        "rss": rss,
                        "peak": peak,
                        "heap_free": free_c,
                        "arenas": arenas,
                        "live": live,
                    }
                ),
                flush=True,
            )
            _reset_peak()
    # the engines' end (a tree from before drain_findings: final_findings)
    drain = getattr(stream, "drain_findings", stream.final_findings)
    findings += sum(1 for _ in drain(state, setup))
    peak = max(peak, _peak_rss())
    print(
        json.dumps({"end": time.perf_counter() - t0, "findings": findings, "peak": peak}),
        flush=True,
    )


def _env(tree: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(tree)}


def _peaks(peaks: dict[int, tuple[str, int]], root: int) -> tuple[int, int]:
    """(parent's peak RSS, the largest peak of the other processes)."""
    others = [rss for pid, (_, rss) in peaks.items() if pid != root]
    return peaks.get(root, ("", 0))[1], max(others, default=0)


# (case, tree, pairs/s, pairs per CPU-second, parent's peak RSS, largest other peak, findings)
ROWS: list[tuple[str, str, float, float, int, int, int]] = []


def bench_local(
    path: Path, checkpoints: list[int], jobs: int, tree: Path = ROOT, label: str = "head"
) -> None:
    cmd = [sys.executable, __file__, "_local", str(path), ",".join(map(str, checkpoints)), str(jobs)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=_env(tree))
    watch = Watch(proc.pid)
    assert proc.stdout is not None
    print(f"\n[{label}: {tree}] --jobs {jobs} (local engine), checkpoints {checkpoints}")
    for line in proc.stdout:
        d = json.loads(line)
        if "pairs" in d:
            rate = d["pairs"] / d["seconds"]
            per_cpu = d["pairs"] / max(watch.cpu_seconds(), 1e-9)
            print(
                f"  {d['pairs']:>9,} pairs  {d['seconds']:7.1f} s  {rate:7.0f} pairs/s ({rate / jobs:.0f}/core,"
                f" {per_cpu:.0f} per CPU-second)"
                f"  state: {d['clusters']:,} clusters, {d['spellings']:,} spellings, {d['state_bytes'] / 1e6:.2f} MB"
                f" pickled, {d['state_memory'] / 1e6:.2f} MB in memory"
                f" ({d['state_memory'] / max(d['spellings'], 1):.0f} bytes per spelling)"
                f"  parent RSS now {_mb(d['rss'])}, peak {_mb(d['peak'])} (measuring the state excluded;"
                f" Python objects {_mb(d['live'])} in {_mb(d['arenas'])} of arenas, C heap free {_mb(d['heap_free'])});"
                f" peak RSS so far (sampled): {_peaks_line(watch.snapshot(), proc.pid)}"
            )
            _, worker = _peaks(watch.snapshot(), proc.pid)
            ROWS.append((f"local {d['pairs']:,}", label, rate, per_cpu, d["peak"], worker, d["findings"]))
        else:
            print(f"  end {d['end']:.1f} s, {d['findings']:,} findings, parent peak {_mb(d['peak'])}")
    proc.wait()
    print(f"  peak RSS (sampled): {_peaks_line(watch.close(), proc.pid)}")


def _cluster(tree: Path, workers: int, folder: str) -> tuple[list[subprocess.Popen[bytes]], str]:
    """A Dask scheduler and ``workers`` single-thread workers as processes of their own (``dask
    scheduler``, ``dask worker``), running ``tree``: the scheduler's memory apart from the client's."""
    sched_file = os.path.join(folder, "scheduler.json")
    dask_cli = [sys.executable, "-m", "dask"]
    # the workers set up as the README asks of a cluster of one's own: no profiler (what the
    # engine's LocalCluster does by itself, WORKER_CONFIG)
    env = {**_env(tree), "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED": "False"}
    procs = [
        subprocess.Popen(
            [
                *dask_cli,
                "scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--no-dashboard",
                "--scheduler-file",
                sched_file,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
    ]
    while not os.path.exists(sched_file):
        time.sleep(0.2)
    time.sleep(0.5)  # the file is written whole before the scheduler listens, but not atomically
    address = json.loads(Path(sched_file).read_text())["address"]
    procs.append(
        subprocess.Popen(
            [*dask_cli, "worker", address, "--nworkers", str(workers), "--nthreads", "1", "--no-dashboard"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
    )
    from dask.distributed import Client

    with Client(address) as client:  # type: ignore[no-untyped-call]  # distributed's __init__ is unannotated
        client.wait_for_workers(workers, timeout=120)
    return procs, address


def bench_dask(
    path: Path, n: int, workers: int, tree: Path = ROOT, label: str = "head", apart: bool = False
) -> None:
    """``zhen check --engine dask`` on a LocalCluster (the scheduler in the client's process), or
    with ``apart`` on a scheduler and workers started here, each a process of its own."""
    # `zhen check` of the tree on PYTHONPATH (ahead of the editable install)
    cmd = [sys.executable, "-c", "import sys; from zhen_tools.cli import main; sys.exit(main())"]
    cmd += ["check", str(path), "--no-config", "--format", "jsonl", "--exit-zero"]
    cmd += ["--engine", "dask", "--jobs", str(workers)]
    cluster: list[subprocess.Popen[bytes]] = []
    watches = []
    with tempfile.TemporaryDirectory() as folder:
        if apart:
            cluster, address = _cluster(tree, workers, folder)
            cmd += ["--scheduler", address]
            watches = [(name, p.pid, Watch(p.pid)) for name, p in zip(("scheduler", "workers"), cluster)]
        t0 = time.perf_counter()
        with tempfile.TemporaryFile() as out:
            proc = subprocess.Popen(cmd, stdout=out, env=_env(tree))
            watch = Watch(proc.pid)
            proc.wait()
            secs = time.perf_counter() - t0
            out.seek(0)
            lines = sum(1 for _ in out)
        for p in reversed(cluster):
            p.terminate()
            p.wait()
    peaks = watch.close()
    cpu = watch.cpu_seconds() + sum(w.cpu_seconds() for _, _, w in watches)
    rate = n / secs
    per_cpu = n / max(cpu, 1e-9)
    parent, worker = _peaks(peaks, proc.pid)
    apart_peaks = {name: (pid, w.close()) for name, pid, w in watches}
    if apart:
        nanny, worker_peaks = apart_peaks["workers"]
        worker = _peaks(worker_peaks, nanny)[1]  # the nannies' children
    case = f"dask{' apart' if apart else ''} {n:,}"
    ROWS.append((case, label, rate, per_cpu, parent, worker, lines))
    print(
        f"  [{label}] {case} pairs  {secs:7.1f} s  {rate:7.0f} pairs/s ({rate / workers:.0f}/core,"
        f" {per_cpu:.0f} per CPU-second)  "
        f"{lines:,} findings  exit {proc.returncode}"
    )
    print(f"    peak RSS: client {_peaks_line(peaks, proc.pid)}")
    for name, (pid, pk) in apart_peaks.items():
        print(f"    peak RSS: {name} {_peaks_line(pk, pid)}")


def trace_growth(path: Path, marks: list[int], top: int = 15) -> None:
    """What grows in a worker: ``map_records`` over the first records of the file in this
    process, under ``tracemalloc``, a snapshot at each mark (records checked), and the lines
    whose live memory grew most between marks. Slow (tracemalloc triples the time) and its RSS
    is tracemalloc's too: read the traced sizes, not the RSS."""
    import gc
    import tracemalloc

    from zhen_tools.formats.jsonl import group_documents
    from zhen_tools.run.mapred import batches, map_records
    from zhen_tools.run.options import RunOptions
    from zhen_tools.run.stream import jsonl_records, stream_setup

    setup = stream_setup(RunOptions(config=False))
    tracemalloc.start()
    snaps: list[tuple[int, tracemalloc.Snapshot]] = []
    done = 0
    todo = sorted(marks)
    for batch in batches(group_documents(jsonl_records([str(path)]))):
        map_records(batch, setup)
        done += sum(len(g) for g in batch)
        if todo and done >= todo[0]:
            gc.collect()
            print(
                f"{todo.pop(0):>9,} records: traced {tracemalloc.get_traced_memory()[0] / 1e6:.1f} MB",
                flush=True,
            )
            snaps.append((done, tracemalloc.take_snapshot()))
            if not todo:
                break
    for (a, old), (b, new) in itertools.pairwise(snaps):
        print(f"growth from {a:,} to {b:,} records:")
        for stat in new.compare_to(old, "lineno")[:top]:
            print(f"  {stat}")


def bench_check_pairs(path: Path) -> None:
    from zhen_tools.run.options import RunOptions
    from zhen_tools.run.stream import check_pairs

    with open(path, encoding="utf-8") as fh:
        recs = [json.loads(next(fh)) for _ in range(6000)]
    for r in recs:
        r.pop("doc")
    opts = RunOptions(config=False)
    errors: list[str] = []
    list(check_pairs(recs[:1000], opts, errors))  # warm-up: glossary, jieba, tables
    t0 = time.perf_counter()
    n = sum(1 for _ in check_pairs(recs[1000:], opts, errors))
    secs = time.perf_counter() - t0
    print(
        f"check_pairs after warm-up: {secs / 5000 * 1e3:.3f} ms per pair ({5000 / secs:.0f} pairs/s), {n} findings,"
        f" {len(errors)} rule errors"
    )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_local":
        child_local(sys.argv[2], [int(x) for x in sys.argv[3].split(",")], int(sys.argv[4]))
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100000,300000,1000000")
    ap.add_argument("--dask-sizes", default="100000,1000000")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--skip-dask", action="store_true")
    ap.add_argument("--skip-local", action="store_true")
    ap.add_argument(
        "--dask-apart",
        action="store_true",
        help="run the scheduler and the workers as processes of their own (dask scheduler, dask worker):"
        " the client's memory without the scheduler's",
    )
    ap.add_argument(
        "--keep",
        help="folder that keeps the generated files and reuses them on the next run (generation is"
        " deterministic; default: a temporary folder, removed at the end)",
    )
    ap.add_argument("--base", type=Path, help="a tree of an earlier commit to alternate with this one")
    ap.add_argument("--skip-check-pairs", action="store_true")
    ap.add_argument(
        "--trace",
        metavar="N,N,...",
        help="only trace what grows in one worker (tracemalloc, snapshots after N records each), e.g. 2000,20000,60000",
    )
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    dask_sizes = [int(x) for x in args.dask_sizes.split(",")] if not (args.skip_dask or args.trace) else []
    print(
        time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores",
    )
    with contextlib.ExitStack() as stack:
        tmp = Path(args.keep) if args.keep else Path(stack.enter_context(tempfile.TemporaryDirectory()))
        big = max(sizes + dask_sizes)
        files = {}
        for n in sorted(set([big, *dask_sizes])):
            files[n] = tmp / f"pairs-{n}.jsonl"
            if files[n].exists():
                print(f"reusing {files[n]}")
                continue
            t0 = time.perf_counter()
            part = files[n].with_suffix(".part")  # renamed when whole: a kept file is never a torn one
            generate(n, part)
            part.rename(files[n])
            print(
                f"generated {n:,} pairs ({files[n].stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t0:.0f} s"
            )
        if args.trace:
            trace_growth(files[big], [int(x) for x in args.trace.split(",")])
            return
        if not args.skip_check_pairs:
            bench_check_pairs(files[big])
        trees = [("base", args.base.resolve()), ("head", ROOT)] if args.base else [("head", ROOT)]
        if not args.skip_local:
            for label, tree in trees:
                bench_local(files[big], sizes, args.jobs, tree, label)
        for n in dask_sizes:
            for label, tree in trees:
                bench_dask(files[n], n, args.jobs, tree, label, args.dask_apart)
    print(
        f"\n{time.strftime('%H:%M UTC', time.gmtime())}, load {os.getloadavg()[0]:.1f}\n"
        "case              tree   pairs/s  per core  per CPU-s  parent peak  largest other peak  findings"
    )
    for case, label, rate, per_cpu, parent, worker, found in ROWS:
        cells = f"{rate:8.0f}  {rate / args.jobs:8.0f}  {per_cpu:9.0f}  {_mb(parent):>11}  {_mb(worker):>18}"
        cells += f"  {found:>8,}"
        print(f"{case:<17} {label:<5} {cells}")


if __name__ == "__main__":
    main()
