"""Benchmark peak memory of ``zhen check`` against the size of its input.

Generates files of 5 / 20 / 50 MB of real news text: WMT21 zh-en reference sentences
(``../shared/corpora``, read in place), one sentence per line, with every third line given a
Chinese fragment from its source sentence (so ``untranslated`` has work), and runs
``zhen check --no-config --exit-zero`` on each in a subprocess, reading the child's peak RSS
(``ru_maxrss``). Prints MB of input, seconds, peak RSS in MB and RSS per MB of input; the start-up
RSS (an empty file) is printed too, so the per-MB figure can be read net of it.

Usage: python bench/bench_memory.py [--sizes 5,20,50] [--tracemalloc MB]

``--tracemalloc MB`` instead checks one file of that size in this process under tracemalloc and
prints the peak and the 15 biggest allocation sites at the peak.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "wmt21-zhen"
ZHEN = str(Path(sys.executable).parent / "zhen")


def _lines() -> list[str]:
    zh = (CORPUS / "newstest2021.zh-en.src.zh").read_text(encoding="utf-8").splitlines()
    en = (CORPUS / "newstest2021.zh-en.ref.A.en").read_text(encoding="utf-8").splitlines()
    out = []
    for i, (z, e) in enumerate(zip(zh, en)):
        if i % 3 == 0:
            words = e.split()
            out.append(
                " ".join(words[: len(words) // 2]) + " " + z[:6] + "，" + " ".join(words[len(words) // 2 :])
            )
        else:
            out.append(e)
    return out


def _write(path: Path, mb: float, lines: list[str]) -> None:
    target = int(mb * 1024 * 1024)
    with path.open("wb") as fh:
        written, i = 0, 0
        while written < target:
            # Number the copies' lines, so that repeated-text sees new sentences, as in a real
            # archive, rather than reporting every line of every copy after the first.
            line = f"{lines[i % len(lines)]} ({i // len(lines)})\n".encode() if i >= len(lines) else None
            line = line or (lines[i] + "\n").encode()
            fh.write(line)
            written += len(line)
            i += 1


def _peak(path: Path) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of ``zhen check`` on ``path``, in a child process."""
    code = (
        "import resource, subprocess, sys, time;"
        "t = time.perf_counter();"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=False);"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            ZHEN,
            "check",
            "--no-config",
            "--exit-zero",
            "--max-file-size",
            "0",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return float(out[0]), int(out[1]) / 1024


def _tracemalloc(mb: float) -> None:
    import tracemalloc

    from zhen_tools import check

    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "big.txt"
        _write(p, mb, _lines())
        tracemalloc.start(8)
        findings = check(str(p), config=False, max_file_size=0)
        current, peak = tracemalloc.get_traced_memory()
        snap = tracemalloc.take_snapshot()
        print(f"{len(findings)} findings; traced now {current / 2**20:.0f} MB, peak {peak / 2**20:.0f} MB")
        for stat in snap.statistics("traceback")[:15]:
            print(f"{stat.size / 2**20:8.1f} MB  {stat.count:>9} blocks")
            for line in stat.traceback.format()[-6:]:
                print("      ", line)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="5,20,50", help="sizes in MB, comma-separated")
    ap.add_argument("--tracemalloc", type=float, default=None, metavar="MB")
    args = ap.parse_args()
    if args.tracemalloc:
        _tracemalloc(args.tracemalloc)
        return
    lines = _lines()
    print(f"{'input MB':>9} {'seconds':>8} {'peak RSS MB':>12} {'RSS/MB input':>13}")
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty.txt"
        empty.write_text("\n", encoding="utf-8")
        secs, base = _peak(empty)
        print(f"{0:>9} {secs:>8.1f} {base:>12.0f} {'':>13}")
        for mb in (float(s) for s in args.sizes.split(",")):
            p = Path(tmp) / f"in{mb:g}.txt"
            _write(p, mb, lines)
            size = os.path.getsize(p) / 2**20
            secs, rss = _peak(p)
            print(f"{size:>9.1f} {secs:>8.1f} {rss:>12.0f} {rss / size:>13.1f}")
            p.unlink()


if __name__ == "__main__":
    main()
