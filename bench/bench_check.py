"""Benchmark ``zhen check``: cold start against codespell, throughput with --jobs 1/2, and imports.

Prints three tables:

1. Wall time of ``zhen check SEED`` (bundled glossary) and ``codespell SEED`` on the same file,
   hyperfine-style: alternating runs, median and min (target: zhen <= 1.5x codespell).
2. Throughput of ``zhen check DIR`` on ~10 MB of mixed text (the seeds copied into many files
   in a temporary folder) with ``--jobs 1`` and ``--jobs 2`` (target: >= 1 MB/s per process),
   with peak memory; then the same on real news that is all pairs: the WMT21 zh-en test set
   (``../shared/corpora``, read in place) split into 50-line ``NAME.zh.txt``/``NAME.en.txt``
   siblings in a temporary folder, so alignment and the pair rules run on every line.
3. Cold-start imports: which heavy libraries an English-only file and a mixed file pull in, and
   the slowest imports (``python -X importtime``).

Usage: python bench/bench_check.py [--runs N] [--mb MB] [--repeat N] [--seed PREFIX]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
BIN = Path(sys.executable).parent
HEAVY = ("jieba", "pypinyin", "langdetect", "rapidfuzz", "opencc", "confusables", "polib")


def _exe(name: str) -> str:
    p = BIN / name
    return str(p) if p.exists() else name


def _time(cmd: list[str], env: dict[str, str] | None = None) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - t


def cold_start(seed: Path, runs: int) -> None:
    zhen = [_exe("zhen"), "check", str(seed), "--no-config"]
    codespell = [_exe("codespell"), str(seed)]
    env = {**os.environ, "CI": "1"}
    for cmd in (zhen, codespell):  # warm the file cache and .pyc files
        _time(cmd, env)
    times: dict[str, list[float]] = {"zhen check": [], "codespell": []}
    for _ in range(runs):
        times["zhen check"].append(_time(zhen, env))
        times["codespell"].append(_time(codespell, env))
    print(f"## cold start on {seed.name} ({seed.stat().st_size} bytes), {runs} runs each")
    print(f"{'command':<12} {'median':>9} {'min':>9} {'max':>9}")
    for name, ts in times.items():
        print(
            f"{name:<12} {statistics.median(ts) * 1000:8.0f}ms {min(ts) * 1000:8.0f}ms {max(ts) * 1000:8.0f}ms"
        )
    ratio = statistics.median(times["zhen check"]) / statistics.median(times["codespell"])
    print(f"zhen / codespell = {ratio:.2f}x (target <= 1.5x)\n")


def make_corpus(folder: Path, megabytes: float) -> tuple[int, int]:
    """Seeds copied into ``folder`` (one seed per file, 50 files per subfolder) up to ``megabytes``."""
    seeds = sorted(SEEDS.glob("*.txt"))
    total, n = 0, 0
    while total < megabytes * 1_000_000:
        src = seeds[n % len(seeds)]
        sub = folder / f"d{n // 50:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, sub / f"{n:05d}.txt")
        total += src.stat().st_size
        n += 1
    return n, total


WMT = ROOT.parent / "shared" / "corpora" / "wmt21-zhen"


def make_pairs(folder: Path, lines: int = 50) -> tuple[int, int]:
    """The WMT21 source and reference as sibling files of ``lines`` lines each."""
    zh = (WMT / "newstest2021.zh-en.src.zh").read_text(encoding="utf-8").splitlines()
    en = (WMT / "newstest2021.zh-en.ref.A.en").read_text(encoding="utf-8").splitlines()
    folder.mkdir(parents=True)
    size = 0
    for i in range(0, len(en), lines):
        for lang, side in (("zh", zh), ("en", en)):
            path = folder / f"{i // lines:03d}.{lang}.txt"
            path.write_text("\n".join(side[i : i + lines]) + "\n", encoding="utf-8")
            size += path.stat().st_size
    return 2 * ((len(en) + lines - 1) // lines), size


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB of the largest process waited for)."""
    wall, _, rss = _usage(cmd, env)
    return wall, rss


def _usage(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds (user + system), peak RSS in MB) of one run. On a shared
    machine the CPU time of a one-process run drifts far less than its wall time."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - t, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def _rates(folder: Path, files: int, size: int, label: str, repeat: int) -> None:
    """``--jobs 1`` and ``--jobs 2``, alternating, ``repeat`` times each: this machine's speed
    drifts by tens of percent from minute to minute, so both the median and the best are shown."""
    print(f"## throughput on {label}: {size / 1e6:.1f} MB in {files} files, {repeat} runs each")
    print(f"{'jobs':<6} {'median':>8} {'best':>8} {'MB/s per process (median, best)':>32} {'peak RSS':>9}")
    env = {**os.environ, "CI": "1"}
    runs: dict[int, list[tuple[float, float]]] = {1: [], 2: []}
    for _ in range(repeat):
        for jobs in runs:
            cmd = [_exe("zhen"), "check", str(folder), "--no-config", "--format", "json", "--jobs", str(jobs)]
            runs[jobs].append(_run(cmd, env))
    for jobs, results in runs.items():
        walls = [w for w, _ in results]
        med, best = statistics.median(walls), min(walls)
        per = f"{size / 1e6 / med / jobs:.2f}, {size / 1e6 / best / jobs:.2f}"
        print(f"{jobs:<6} {med:7.1f}s {best:7.1f}s {per:>32} {max(r for _, r in results):7.0f}MB")


def throughput(megabytes: float, repeat: int = 3) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        files, size = make_corpus(folder, megabytes)
        _rates(folder, files, size, "the seeds copied", repeat)
        print("(target: >= 1 MB/s per process)\n")
        if WMT.is_dir():
            files, size = make_pairs(Path(tmp) / "pairs")
            _rates(Path(tmp) / "pairs", files, size, "WMT21 zh-en as sibling pairs", repeat)
            print()
        else:
            print(f"(skipped the WMT21 pairs: {WMT} is absent)\n")


def imports(seed: Path) -> None:
    print("## cold-start imports (python -X importtime)")
    with tempfile.TemporaryDirectory() as tmp:
        english = Path(tmp) / "english.txt"
        english.write_text(
            "The ship reached Minami-Torishima on Monday, officials said.\n" * 20, encoding="utf-8"
        )
        for label, path in (("English-only file", english), (f"mixed file {seed.name}", seed)):
            code = (
                "import sys; from zhen_tools.cli import main; main(['check', sys.argv[1], '--no-config']); "
                "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in sys.argv[2].split(','))), "
                "file=sys.stderr)"
            )
            proc = subprocess.run(
                [sys.executable, "-X", "importtime", "-c", code, str(path), ",".join(HEAVY)],
                capture_output=True,
                text=True,
                env={**os.environ, "CI": "1"},
                check=False,
            )
            lines = proc.stderr.splitlines()
            loaded = sorted({m.split(".")[0] for m in lines[-1].split()}) if lines else []
            rows = []
            for line in lines:
                if line.startswith("import time:") and "|" in line:
                    parts = [p.strip() for p in line[len("import time:") :].split("|")]
                    if parts[0].isdigit():
                        rows.append((int(parts[1]), parts[2]))
            top = sorted(rows, reverse=True)[:8]
            print(f"{label}: heavy libraries imported: {', '.join(loaded) or 'none'}")
            for us, name in top:
                print(f"    {us / 1000:7.1f} ms  {name.strip()}")
    print()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--repeat", type=int, default=3, help="throughput runs per --jobs value")
    ap.add_argument("--seed", default="000")
    args = ap.parse_args()
    (seed,) = SEEDS.glob(f"{args.seed}_*.txt")
    print(f"machine: {os.cpu_count()} CPUs; python {sys.version.split()[0]}\n")
    cold_start(seed, args.runs)
    imports(seed)
    throughput(args.mb, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
