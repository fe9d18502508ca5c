"""Time ``extract_numbers`` on the WMT21 zh-en lines, this tree against another, and check that
both read the same numbers.

The aligner asks for the numbers of every segment of a pair (its anchors) and number-mismatch
asks again, so the reader's cost per line is paid on every pair checked. Each round times one
uncached pass over the 1,948 English lines (and the 1,948 Chinese ones) in a fresh process per
tree, the trees taking turns (A B A B ...), so a machine shared with other jobs slows both alike;
the table gives each tree's median and the ratio of the medians. Before timing, every line's
numbers from both trees are compared: any difference is printed and fails the run.

Usage: python bench/bench_numbers.py --baseline DIR [--rounds 7]
DIR is another tree (e.g. ``git worktree add /tmp/old main`` or a ``git archive`` of it); its
``zhen_tools`` is imported from there. Without ``--baseline`` only this tree is timed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WMT = ROOT.parent / "shared" / "corpora" / "wmt21-zhen"

# Run in a child process with the tree to time first on sys.path: prints one JSON object.
_CHILD = r"""
import dataclasses, json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from zhen_tools.text import numbers
wmt, mode = Path(sys.argv[2]), sys.argv[3]
lines = {
    "en": (wmt / "newstest2021.zh-en.ref.A.en").read_text(encoding="utf-8").splitlines(),
    "zh": (wmt / "newstest2021.zh-en.src.zh").read_text(encoding="utf-8").splitlines(),
}
if mode == "read":
    print(json.dumps({lang: [[list(map(str, dataclasses.astuple(n))) for n in numbers.extract_numbers(t, lang)]
                             for t in ts] for lang, ts in lines.items()}))
else:
    numbers.extract_numbers("warm up the patterns: 3.5万吨 on July 26, 2020, twenty", "en")
    numbers.extract_numbers("日产3.5万吨，7月26日", "zh")
    out = {}
    for lang, ts in lines.items():
        numbers._extract.cache_clear()  # time reading, not the cache
        t0 = time.perf_counter()
        for t in ts:
            numbers.extract_numbers(t, lang)
        out[lang] = (time.perf_counter() - t0) / len(ts) * 1e6
    print(json.dumps(out))
"""


def child(tree: Path, mode: str) -> dict[str, object]:
    p = subprocess.run(
        [sys.executable, "-c", _CHILD, str(tree), str(WMT), mode],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(p.stdout)
    return result


def same_numbers(trees: dict[str, Path]) -> bool:
    reads = {name: child(tree, "read") for name, tree in trees.items()}
    (a_name, a), (b_name, b) = reads.items()
    ok = True
    for lang in ("en", "zh"):
        for i, (x, y) in enumerate(zip(a[lang], b[lang])):  # type: ignore[call-overload]
            if x != y:
                ok = False
                print(f"DIFFERENT {lang} line {i + 1}:\n  {a_name}: {x}\n  {b_name}: {y}")
    print(f"numbers read: {'identical' if ok else 'DIFFERENT'} on {len(a['en'])} + {len(a['zh'])} lines")  # type: ignore[arg-type]
    return ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", type=Path, help="another tree to compare with")
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args()
    trees = {"this": ROOT}
    if args.baseline:
        trees = {"baseline": args.baseline.resolve(), "this": ROOT}
        if not same_numbers(trees):
            return 1
    times: dict[str, dict[str, list[float]]] = {name: {"en": [], "zh": []} for name in trees}
    for _ in range(args.rounds):
        for name, tree in trees.items():
            for lang, us in child(tree, "time").items():
                times[name][lang].append(float(us))  # type: ignore[arg-type]
    print(f"## extract_numbers on WMT21 lines, µs per line (median of {args.rounds} alternating rounds)")
    print(f"{'tree':<10} {'English':>9} {'Chinese':>9}")
    med = {name: {lang: statistics.median(v) for lang, v in t.items()} for name, t in times.items()}
    for name in trees:
        print(f"{name:<10} {med[name]['en']:>9.1f} {med[name]['zh']:>9.1f}")
    if args.baseline:
        ratio = {lang: med["this"][lang] / med["baseline"][lang] for lang in ("en", "zh")}
        print(f"{'this/base':<10} {ratio['en']:>9.2f} {ratio['zh']:>9.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
