"""Benchmark peak memory of ``zhen check`` against the size of its input.

Generates files of 5 / 20 / 50 MB of real news text: WMT21 zh-en reference sentences
(``../shared/corpora``, read in place), one line per segment, with every third line given a
Chinese fragment from its source sentence (so ``untranslated`` has work). The corpus is 0.4 MB,
so beyond its first copy every sentence is spliced from halves of two (``_lines``), as a big
archive of distinct articles has few repeated sentences; then it runs
``zhen check --no-config --exit-zero`` on each in a subprocess, reading the child's peak RSS
(``ru_maxrss``). Prints MB of input, seconds, peak RSS in MB and RSS per MB of input; the start-up
RSS (an empty file) is printed too, so the per-MB figure can be read net of it.

Usage: python bench/bench_memory.py [--sizes 5,20,50] [--base DIR] [--api] [--tracemalloc MB]

``--base DIR`` runs each size with the tree at DIR (e.g. an untouched checkout of main) and then
with this one, each as ``python -m zhen_tools.cli`` with its tree on PYTHONPATH (bytecode cached
outside both trees), so the two are compared in alternating runs under the same load. ``--api``
adds rows for the library's ``check()`` alone (no report rendered), net of the same start-up RSS.

``--tracemalloc MB`` instead checks one file of that size in this process under tracemalloc and
prints the peak and the 15 biggest allocation sites at the peak.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "wmt21-zhen"
ZHEN = str(Path(sys.executable).parent / "zhen")


# A sentence as ``repeated-text`` cuts them: up to every full stop (or ! ?), with its closing
# quotes and brackets, that a space follows -- so also after ``U.S.`` or ``a.m.``.
_SENTENCE = re.compile(r"\S.*?(?:[.!?]+[\"'\u201d\u2019)\]]*(?=\s|$)|$)")


def _corpus() -> tuple[list[str], list[str]]:
    zh = (CORPUS / "newstest2021.zh-en.src.zh").read_text(encoding="utf-8").splitlines()
    en = (CORPUS / "newstest2021.zh-en.ref.A.en").read_text(encoding="utf-8").splitlines()
    return zh, en


def _lines(copies: int = 1) -> Iterator[str]:
    """The corpus's English lines, then ``copies - 1`` more copies whose every sentence is new:
    the first half of its words joined to the second half of another sentence's (copy ``k``
    takes the sentence ``k`` places on). Copying the corpus verbatim would make nearly every
    sentence after the first copy a repeat, which ``repeated-text`` rightly reports at each
    one -- tens of thousands of findings no real archive of distinct articles has. Every third
    line gets a Chinese fragment of its source line in its middle (so ``untranslated`` has work).
    """
    zh, en = _corpus()
    split = [_SENTENCE.findall(line) for line in en]
    flat = [s.split() for line in split for s in line]
    for k in range(copies):
        g = 0
        for i, (z, sentences) in enumerate(zip(zh, split)):
            out = []
            for s in sentences:
                if k == 0:
                    out.append(s)
                else:
                    head, tail = _halves(flat[g], flat[(g + k) % len(flat)])
                    out.append(" ".join(head + tail))
                g += 1
            line = " ".join(out)
            if i % 3 == 0:
                words = line.split()
                line = (
                    " ".join(words[: len(words) // 2])
                    + " "
                    + z[:6]
                    + "\uff0c"
                    + " ".join(words[len(words) // 2 :])
                )
            yield line


def _halves(words: list[str], other: list[str]) -> tuple[list[str], list[str]]:
    """The first half of ``words`` and the second half of ``other``, less a word that the seam
    would double (``of the`` + ``the ...``: a ``repeated-text`` finding the splice made)."""
    head, tail = words[: len(words) // 2], other[len(other) // 2 :]
    if head and tail and head[-1].lower() == tail[0].lower():
        tail = tail[1:]
    return head, tail


def _write(path: Path, mb: float) -> None:
    target = int(mb * 1024 * 1024)
    per_copy = sum(len(line.encode()) + 1 for line in _lines())
    with path.open("wb") as fh:
        written = 0
        for line in _lines(target // per_copy + 2):
            data = (line + "\n").encode()
            fh.write(data)
            written += len(data)
            if written >= target:
                break


# Where the trees run by ``--base`` keep their bytecode (not inside the trees).
PYCACHE = Path(tempfile.gettempdir()) / "zhen-bench-memory-pycache"


# What ``--api`` runs instead of ``zhen check``: the check alone, without a report.
_API = "import sys; from zhen_tools import check; check(sys.argv[1], config=False, max_file_size=0)"


def _command(zhen: str, path: Path, api: bool = False) -> tuple[list[str], dict[str, str] | None]:
    """The command checking ``path`` with ``zhen`` (an executable, or a tree's directory), and
    its environment; with ``api``, the library's ``check`` (the executable's own Python)."""
    args = ["check", "--no-config", "--exit-zero", "--max-file-size", "0", str(path)]
    if not Path(zhen).is_dir():
        if api:
            return [str(Path(zhen).parent / "python"), "-c", _API, str(path)], None
        return [zhen, *args], None
    # PYTHONSAFEPATH: no current folder (a checkout's own zhen_tools) before PYTHONPATH.
    env = dict(os.environ, PYTHONPATH=zhen, PYTHONPYCACHEPREFIX=str(PYCACHE), PYTHONSAFEPATH="1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if api:
        return [sys.executable, "-c", _API, str(path)], env
    return [sys.executable, "-m", "zhen_tools.cli", *args], env


def _peak(path: Path, zhen: str = ZHEN, api: bool = False) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of ``zhen check`` (or, with ``api``, of the library's
    ``check``) on ``path``, in a child process."""
    cmd, env = _command(zhen, path, api)
    code = (
        "import resource, subprocess, sys, time;"
        "t = time.perf_counter();"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=False);"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, *cmd],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=path.parent,  # not a checkout, whose zhen_tools ``-c`` and ``-m`` would import first
    ).stdout.split()
    return float(out[0]), int(out[1]) / 1024


def _tracemalloc(mb: float) -> None:
    """Check one file under tracemalloc; a watcher thread snapshots the heap each time it grows 5%
    past the last snapshot, so the sites printed are those near the peak, not at the end."""
    import threading
    import tracemalloc

    from zhen_tools import check

    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "big.txt"
        _write(p, mb)
        tracemalloc.start(8)
        best: list[tuple[int, tracemalloc.Snapshot | None]] = [(0, None)]  # the watcher's last
        done = threading.Event()

        def watch() -> None:
            while not done.wait(0.25):
                current = tracemalloc.get_traced_memory()[0]
                if current > best[0][0] * 1.05:
                    best[0] = (current, tracemalloc.take_snapshot())

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        findings = check(str(p), config=False, max_file_size=0)
        done.set()
        watcher.join()
        current, peak = tracemalloc.get_traced_memory()
        print(
            f"{len(findings)} findings; traced now {current / 2**20:.0f} MB, peak {peak / 2**20:.0f} MB;"
            f" sites at {best[0][0] / 2**20:.0f} MB:"
        )
        snap = best[0][1] or tracemalloc.take_snapshot()
        for stat in snap.statistics("traceback")[:15]:
            print(f"{stat.size / 2**20:8.1f} MB  {stat.count:>9} blocks")
            for line in stat.traceback.format()[-6:]:
                print("      ", line)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="5,20,50", help="sizes in MB, comma-separated")
    ap.add_argument("--tracemalloc", type=float, default=None, metavar="MB")
    ap.add_argument(
        "--zhen",
        default=ZHEN,
        help="zhen executables to compare, comma-separated: each size is run with each in turn"
        " (default: this venv's)",
    )
    ap.add_argument(
        "--base",
        metavar="DIR",
        help="a tree to compare with this one (e.g. an untouched checkout of main): each size runs"
        " DIR's then this tree's zhen_tools, alternately (overrides --zhen)",
    )
    ap.add_argument(
        "--api",
        action="store_true",
        help="also run each size through the library's check() alone (rows marked 'api'): the"
        " check's own peak, without the report zhen renders",
    )
    args = ap.parse_args()
    if args.tracemalloc:
        _tracemalloc(args.tracemalloc)
        return
    zhens = [str(Path(args.base).resolve()), str(ROOT)] if args.base else args.zhen.split(",")
    print(
        f"{'input MB':>9} {'seconds':>8} {'s/MB':>6} {'peak RSS MB':>12} {'RSS/MB input':>13} {'net RSS/MB':>11}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty.txt"
        empty.write_text("\n", encoding="utf-8")
        base = {}
        for n, zhen in enumerate(zhens):
            secs, base[zhen] = _peak(empty, zhen)
            print(f"{0:>9} {secs:>8.1f} {'':>6} {base[zhen]:>12.0f} {'':>13} {'':>11}  [{n}]")
        for mb in (float(s) for s in args.sizes.split(",")):
            p = Path(tmp) / f"in{mb:g}.txt"
            _write(p, mb)
            size = os.path.getsize(p) / 2**20
            for api in (False, True) if args.api else (False,):
                for n, zhen in enumerate(zhens):
                    secs, rss = _peak(p, zhen, api)
                    net = (rss - base[zhen]) / size
                    print(
                        f"{size:>9.1f} {secs:>8.1f} {secs / size:>6.2f} {rss:>12.0f} {rss / size:>13.1f}"
                        f" {net:>11.1f}  [{n}]{' api' if api else ''}"
                    )
            p.unlink()
    for n, zhen in enumerate(zhens):
        print(f"[{n}] {zhen}")


if __name__ == "__main__":
    main()
