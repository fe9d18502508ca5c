"""What anchoring names on the source costs: inconsistent-rendering's share of a pairs run.

WMT21 zh-en as 50-line sibling pairs (as ``bench_speed.py`` section 2), checked in process with
``zhen_tools.run.run`` (``--jobs 1``), in a fresh interpreter per run: with every rule, and with
every rule but inconsistent-rendering; the difference is the rule's cost (its per-pair part,
``anchor_mentions``, its per-document part and its run-scope part). A third run is profiled and
gives ``anchor_mentions``' cumulative time; a fourth times ``anchor_mentions`` alone over the
pairs already aligned (best of 5 passes: the least disturbed by other jobs). With ``--baseline
DIR`` (another source tree, e.g. ``git archive BASE | tar -x -C DIR``) the same runs of that tree
alternate with this one's, as this machine is shared and only interleaved runs compare.

    python bench/bench_anchor.py [--repeat 5] [--baseline DIR]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from bench_check import WMT, make_pairs

# Run in a fresh interpreter: the tree's zhen_tools, never the editable install's.
CHILD = r"""
import sys, time
tree, folder, mode = sys.argv[1:4]
sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in repr(f).lower()]
sys.path.insert(0, tree)
from zhen_tools.run import RunOptions, run
ignore = ["inconsistent-rendering"] if mode == "without" else []
options = RunOptions(config=False, jobs=1, ignore=ignore)
if mode == "profile":
    import cProfile, pstats
    prof = cProfile.Profile()
    prof.enable()
t = time.perf_counter()
res = run([folder], options)
wall = time.perf_counter() - t
anchor = 0.0
if mode == "profile":
    prof.disable()
    for (path, _, name), row in pstats.Stats(prof).stats.items():
        if name == "anchor_mentions" and path.endswith("inconsistent_rendering.py"):
            anchor = row[3]
print(wall, anchor, sum(f.rule == "inconsistent-rendering" for f in res.findings))
"""

# anchor_mentions alone over every pair, the pairs aligned and the name spans found beforehand
# (other rules need both): the best of 5 passes, its per-segment cache emptied before each.
ALONE = r"""
import sys, time
from pathlib import Path
tree, folder = sys.argv[1:3]
sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in repr(f).lower()]
sys.path.insert(0, tree)
from zhen_tools.rules import inconsistent_rendering as ir
from zhen_tools.rules.context import DocContext
from zhen_tools.run.inputs import find_pairs
from zhen_tools.text.document import read_document
ctxs = [DocContext(read_document(p)) for p in sorted(Path(folder).iterdir())]
pairs = find_pairs(ctxs)
for pair in pairs:
    pair.beads, pair.target.names
list(ir.anchor_mentions(pairs[0]))  # imports and tables loaded once, as in any run
best = float("inf")
for _ in range(5):
    ir._source_names.cache_clear()
    for pair in pairs:
        pair.target.memos.pop(ir.ANCHORED, None)
    t = time.perf_counter()
    for pair in pairs:
        list(ir.anchor_mentions(pair))
    best = min(best, time.perf_counter() - t)
print(best, sum(len(p.target.memos[ir.ANCHORED]) for p in pairs))
"""


def once(tree: Path, folder: Path, mode: str) -> tuple[float, float, int]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(tree), str(folder), mode],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return float(out[0]), float(out[1]), int(out[2])


def alone(tree: Path, folder: Path) -> tuple[float, int]:
    cmd = [sys.executable, "-c", ALONE, str(tree), str(folder)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), int(out[1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--baseline", type=Path, help="another source tree to time alongside")
    args = ap.parse_args(argv)
    if not WMT.is_dir():
        print(f"(skipped: {WMT} is absent)")
        return 0
    trees = {"this": ROOT, **({"baseline": args.baseline.resolve()} if args.baseline else {})}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pairs"
        files, size = make_pairs(folder)
        walls: dict[tuple[str, str], list[float]] = {(k, m): [] for k in trees for m in ("with", "without")}
        anchor: dict[str, list[float]] = {k: [] for k in trees}
        solo: dict[str, list[float]] = {k: [] for k in trees}
        linked: dict[str, int] = {}
        found: dict[str, int] = {}
        for _ in range(args.repeat):
            for k, tree in trees.items():
                for mode in ("with", "without"):
                    wall, _, n = once(tree, folder, mode)
                    walls[(k, mode)].append(wall)
                    if mode == "with":
                        found[k] = n
                anchor[k].append(once(tree, folder, "profile")[1])
                t, linked[k] = alone(tree, folder)
                solo[k].append(t)
    print(
        f"## WMT21 as sibling pairs: {size / 1e6:.2f} MB in {files} files, --jobs 1, {args.repeat} alternating runs"
    )
    print(
        f"{'tree':9} {'all rules s':>11} {'without IR s':>12} {'IR cost s':>9} {'IR share':>8} "
        f"{'anchor_mentions s (profiled)':>28} {'anchor_mentions s (alone)':>25} {'links':>6} {'IR findings':>11}"
    )
    for k in trees:
        w, wo = statistics.median(walls[(k, "with")]), statistics.median(walls[(k, "without")])
        cost = statistics.median(a - b for a, b in zip(walls[(k, "with")], walls[(k, "without")]))
        print(
            f"{k:9} {w:11.2f} {wo:12.2f} {cost:9.2f} {cost / w:8.0%} {statistics.median(anchor[k]):28.2f} "
            f"{statistics.median(solo[k]):25.3f} {linked[k]:6} {found[k]:11}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
