"""Speed and behaviour figures for the foundation: detect_spans, tokenize, lazy loading, cold start.

    python bench/bench_foundation.py [--mb 10] [--runs 7]
    python bench/bench_foundation.py --against /path/to/baseline/checkout [--rounds 7]

Prints numbers only; nothing is asserted (unit tests never time anything). Targets from the
issue: detect_spans >= 5 MB/s on the five seeds concatenated to ~10 MB; English-only input
imports neither jieba nor langdetect; ``zhen detect`` on one English seed under 0.15 s cold.
The WMT21 zh-en news test set (read in place from ../shared/corpora) shows how real English
and real Chinese are labelled.

``--against TREE`` compares detect_spans' speed with another checkout's on a loaded machine:
each round runs fresh processes per tree, in alternating order, which time the WMT21 English
references as one text never seen before (a document: the usual call), then in another process
one call per line (first pass, then again with its caches warm), the English seeds repeated to
2 MB and the five seeds repeated to 2 MB. It prints each tree's
median and the median of the per-round ratios (this tree / TREE; below 1 is faster). Times
are CPU time of the process (``time.process_time``): on a loaded two-core machine wall time
counts the waits for a core too, which differ from process to process.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
WMT = ROOT.parent / "shared" / "corpora" / "wmt21-zhen"
# ZHEN_TREE=/path/to/another/checkout measures that tree's code (set by --against for its rounds).
sys.path.insert(0, os.environ.get("ZHEN_TREE", str(ROOT)))

from zhen_tools.text.spans import detect_spans


def _repeat_to(text: str, megabytes: float) -> str:
    size = len(text.encode("utf-8"))
    return text * max(1, round(megabytes * 1_000_000 / size))


def _throughput(label: str, func, text: str) -> None:  # type: ignore[no-untyped-def]
    func(text[:20000])  # warm: regexes compiled, tables loaded
    t0 = time.perf_counter()
    try:
        out = func(text)
    except NotImplementedError:
        print(f"{label:48s} n/a (NotImplementedError)")
        return
    dt = time.perf_counter() - t0
    mb = len(text.encode("utf-8")) / 1e6
    print(
        f"{label:48s} {mb / dt:6.2f} MB/s  ({mb:.1f} MB, {len(text) / dt / 1e6:.2f} M chars/s, "
        f"{dt:.2f} s, {len(out)} items)"
    )


def _python(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout.strip()


# Byte-code is cached as for an installed package (this sandbox sets PYTHONDONTWRITEBYTECODE,
# which would add ~20 ms of compiling to every start): a private cache prefix, one unmeasured run.
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
_ENV["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="zhen-pycache-")


def _wall(cmd: list[str], runs: int) -> float:
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=_ENV, check=False)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(
            cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=_ENV, check=False
        )
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


# (case, what a fresh process does before timing it).
_SPEED_CASES = (
    "WMT21 references as one text",
    "WMT21 references, a call a line",
    "the same again, caches warm",
    "English seeds, 2 MB",
    "five seeds, 2 MB",
)


def _speed_child(group: str) -> None:
    """One process's CPU times (one line of JSON) of its group of ``_SPEED_CASES``: ``text`` the
    WMT21 references as one text never seen before, ``lines`` the rest (a call per line first
    meets every word, then meets them again; then the repeated seeds)."""
    seeds = "".join(p.read_text(encoding="utf-8") + "\n" for p in SEEDS)
    english = "".join(p.read_text(encoding="utf-8") + "\n" for p in SEEDS if not p.name.startswith("002"))
    ref = (WMT / "newstest2021.zh-en.ref.A.en").read_text(encoding="utf-8").splitlines()
    # What any process pays once: patterns compiled, word lists and langdetect's profiles loaded.
    detect_spans(seeds + "Le gouvernement japonais a annoncé des essais dans les eaux profondes.\n")
    times = []
    if group == "text":
        text = "\n".join(ref)
        t0 = time.process_time()
        detect_spans(text)
        print(json.dumps([time.process_time() - t0]))
        return
    for _ in range(2):
        t0 = time.process_time()
        for line in ref:
            detect_spans(line)
        times.append(time.process_time() - t0)
    for text in (_repeat_to(english, 2.0), _repeat_to(seeds, 2.0)):
        t0 = time.process_time()
        detect_spans(text)
        times.append(time.process_time() - t0)
    print(json.dumps(times))


def _compare(other: str, rounds: int) -> None:
    """Alternating fresh processes of this tree and ``other``; medians and per-round ratios."""
    trees = {"this": str(ROOT), "other": other}
    results: dict[str, list[list[float]]] = {"this": [], "other": []}
    for r in range(rounds):
        for name in ("this", "other") if r % 2 == 0 else ("other", "this"):
            env = dict(os.environ, ZHEN_TREE=trees[name])
            times = []
            for group in ("text", "lines"):
                out = subprocess.run(
                    [sys.executable, __file__, "--child", group],
                    capture_output=True,
                    text=True,
                    env=env,
                    check=True,
                )
                times += json.loads(out.stdout)
            results[name].append(times)
    print(f"== detect_spans speed, {rounds} alternating rounds (CPU seconds, median)")
    print(f"{'case':34s} {'this tree':>10s} {'baseline':>10s} {'ratio':>7s}")
    for k, case in enumerate(_SPEED_CASES):
        mine = [t[k] for t in results["this"]]
        base = [t[k] for t in results["other"]]
        ratio = statistics.median(a / b for a, b in zip(mine, base))
        print(f"{case:34s} {statistics.median(mine):10.4f} {statistics.median(base):10.4f} {ratio:7.3f}")
    print(f"(this tree {ROOT}, baseline {other})")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=10.0, help="size of the repeated seed text")
    ap.add_argument("--runs", type=int, default=7, help="runs per cold-start timing (median)")
    ap.add_argument("--against", metavar="TREE", help="compare detect_spans' speed with this checkout")
    ap.add_argument("--rounds", type=int, default=7, help="alternating rounds for --against")
    ap.add_argument("--child", choices=("text", "lines"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _speed_child(args.child)
        return
    if args.against:
        _compare(args.against, args.rounds)
        return

    seeds = "".join(p.read_text(encoding="utf-8") + "\n" for p in SEEDS)
    english = "".join(p.read_text(encoding="utf-8") + "\n" for p in SEEDS if not p.name.startswith("002"))
    mixed = _repeat_to(seeds, args.mb)
    print("== throughput")
    _throughput("detect_spans, five seeds repeated", detect_spans, mixed)
    _throughput("detect_spans, English seeds repeated", detect_spans, _repeat_to(english, args.mb))
    from zhen_tools.text.segment import tokenize

    _throughput("tokenize, five seeds repeated", tokenize, _repeat_to(seeds, min(args.mb, 2.0)))

    print("== lazy loading")
    probe = (
        "import sys\nfrom zhen_tools.text.spans import detect_spans\n"
        "before = sorted(m for m in ('jieba', 'langdetect', 'opencc', 'pypinyin') if m in sys.modules)\n"
        "detect_spans(open(sys.argv[1], encoding='utf-8').read())\n"
        "after = sorted(m for m in ('jieba', 'langdetect', 'opencc', 'pypinyin') if m in sys.modules)\n"
        "print(before, after)\n"
    )
    for path in SEEDS:
        out = subprocess.run(
            [sys.executable, "-c", probe, str(path)], capture_output=True, text=True, cwd=ROOT, check=True
        ).stdout.strip()
        print(f"{path.name:48s} heavy modules after import, after detect_spans: {out}")
    print(
        "Han tables, first load:                          "
        + _python(
            "import time; from zhen_tools.text.chars import han_tables; t = time.perf_counter(); "
            "han_tables(); print(f'{(time.perf_counter() - t) * 1e3:.1f} ms')"
        )
    )
    # Current RSS from /proc (ru_maxrss would inherit this big parent's peak across fork).
    factory_probe = (
        "import time\n"
        "from zhen_tools.text import spans\n"
        "def rss(): return int(next(l for l in open('/proc/self/status') if l.startswith('VmRSS')).split()[1])\n"
        "r0 = rss()\n"
        "t = time.perf_counter()\n"
        "{load}\n"
        "print(f'{{(time.perf_counter() - t) * 1e3:.0f}} ms, +{{(rss() - r0) / 1024:.0f}} MiB')\n"
    )
    sentence = "Le gouvernement japonais a annoncé des essais dans les eaux profondes."
    print(
        "langdetect, our Latin subset + first detect:     "
        + _python(factory_probe.format(load=f"spans._langdetect({sentence!r}, spans._LATIN_PROFILES)"))
    )
    print(
        "langdetect, all 55 profiles + first detect:      "
        + _python(
            factory_probe.format(
                load=f"import langdetect; langdetect.DetectorFactory.seed = 0; "
                f"langdetect.detect({sentence!r})"
            )
        )
    )

    print("== cold start (median wall time, byte-code cached as after an install)")
    zhen = str(Path(sys.executable).parent / "zhen")
    english_seed = str(SEEDS[1])
    print(
        f"python -c pass                                   {_wall([sys.executable, '-c', 'pass'], args.runs):.3f} s"
    )
    print(
        f"zhen detect {Path(english_seed).name:36s} {_wall([zhen, 'detect', english_seed], args.runs):.3f} s"
    )
    print(
        f"zhen detect --format json (same)                 "
        f"{_wall([zhen, 'detect', '--format', 'json', english_seed], args.runs):.3f} s"
    )

    src, ref = WMT / "newstest2021.zh-en.src.zh", WMT / "newstest2021.zh-en.ref.A.en"
    if src.exists() and ref.exists():
        print("== WMT21 zh-en news (1,948 lines each), one detect_spans call per line")
        import zhen_tools.text.spans as spans_mod

        calls = [0]
        real = spans_mod._langdetect

        def counting(text: str, codes: tuple[str, ...]):  # type: ignore[no-untyped-def]
            calls[0] += 1
            return real(text, codes)

        spans_mod._langdetect = counting
        for path in (ref, src):
            lines = path.read_text(encoding="utf-8").splitlines()
            calls[0] = 0
            by_lang: collections.Counter[str] = collections.Counter()
            t0 = time.perf_counter()
            for line in lines:
                for s in detect_spans(line):
                    by_lang[s.lang] += 1
            dt = time.perf_counter() - t0
            print(
                f"{path.name:48s} {dt:.2f} s, langdetect asked {calls[0]} times, spans by lang: "
                f"{json.dumps(dict(by_lang.most_common()), ensure_ascii=False)}"
            )
        spans_mod._langdetect = real
    else:
        print("== WMT21 corpus not found beside the checkout; skipped")
    print(f"(pid {os.getpid()}, {os.cpu_count()} CPUs; figures vary with machine load)")


if __name__ == "__main__":
    main()
