"""Issue 13 in one run: cold start against codespell, pairs throughput, aligner scaling.

Prints three tables, each from alternating runs (this machine is shared, so only ratios and
medians of interleaved runs mean anything):

1. ``zhen check SEED`` and ``zhen check seeds/`` against ``codespell`` on the same paths
   (targets: one English seed <= 0.8x codespell, the five seeds <= 1.0x).
2. ``zhen check`` (JSON, ``--jobs 1``) on WMT21 zh-en as 50-line sibling pairs, in MB/s per
   process (target >= 2 MB/s), from the wall time and from the CPU time (user + system) of each
   run; with ``--baseline`` also the median of the paired runs' CPU-time ratios, the number that
   survives a loaded machine.
3. The aligner alone (``align``) on WMT21 lines, one line per segment, with 5% of English lines
   merged with the next and 5% dropped: time per 1,000 source segments on a ~450-segment and a
   ~3,700-segment document (the corpus twice over), 1-1 bead precision/recall/F1 against the
   untouched lines, and how many dropped lines came out as their own 1-0 bead (target: the
   large document within 1.3x of the small one per 1,000 segments, F1 >= 0.96).
4. Where the time of section 2 goes: each rule, and the shared analyses the rules and the
   aligner ask for (numbers, glossary matches, name spans, sentences, the aligner's own work),
   timed exclusively (a rule's time leaves out the analyses it asked for) inside fresh
   ``--jobs 1`` processes of this tree, medians of ``--repeat``; and the fixed cost of a run
   (start, imports, tables), from the CPU time of ``zhen`` (``--zhen``) on one pair against
   all of them.

Usage: python bench/bench_speed.py [--runs N] [--repeat N] [--skip cold,pairs,align,profile]
       [--zhen EXE] [--codespell EXE] [--baseline TREE_OR_EXE]

Sections 1 and 2 time the ``zhen`` beside this interpreter (``--zhen`` another, e.g. a non-editable
``pip install .`` in its own venv: an editable install adds an import hook to every start) and,
with ``--baseline``, a second ``zhen`` executable or source tree, in alternating runs (section 1
with codespell too). They print wall medians (the target) and CPU medians (user + system of the
child, steadier when other jobs load the machine).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_check import WMT, _exe, _time, _usage, make_pairs

SEEDS = ROOT / "seeds"


def _env() -> dict[str, str]:
    """The environment of a pre-commit hook: CI quiet, and .pyc files written and used (a shell
    with PYTHONDONTWRITEBYTECODE would compile every module from source on every run)."""
    env = {**os.environ, "CI": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _zhen(baseline: Path | None, exe: str | None = None) -> list[str]:
    """The ``zhen`` command, or (``baseline``) the same interpreter running the ``zhen_tools``
    of another source tree, e.g. ``git archive BASE | tar -x -C DIR`` (an editable install's
    import hook would otherwise win over ``sys.path``)."""
    if baseline is None:
        return [exe or _exe("zhen")]
    if baseline.is_file():  # another installed ``zhen`` executable
        return [str(baseline)]
    code = (
        "import sys; sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in repr(f).lower()]; "
        "sys.path.insert(0, sys.argv.pop(1)); from zhen_tools.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    return [sys.executable, "-c", code, str(baseline)]


def _time_cpu(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds: user + system of the child)."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, _, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - t, usage.ru_utime + usage.ru_stime


def cold_start(
    runs: int, baseline: Path | None, zhen: str | None = None, codespell: str | None = None
) -> None:
    env = _env()
    (seed,) = SEEDS.glob("000_*.txt")
    cases = {
        f"one seed ({seed.name[:3]})": [str(seed)],
        "all seeds": [str(SEEDS)],
    }
    print(f"## 1. cold start, {runs} alternating runs each (median ms: wall, then CPU)")
    print(f"zhen: {' '.join(_zhen(None, zhen))}" + (f"; baseline: {baseline}" if baseline else ""))
    names = ["zhen", "codespell"] + (["baseline"] if baseline else [])
    print(f"{'input':<20}" + "".join(f"{n:>11}" for n in names) + f"{'zhen/codespell':>16}", end="")
    print(f"{'baseline/codespell':>20}" if baseline else "")
    for label, paths in cases.items():
        cmds = {
            # With a baseline, both run the same way (this tree through the same -c wrapper).
            "zhen": [
                *_zhen(ROOT if baseline and baseline.is_dir() else None, zhen),
                "check",
                *paths,
                "--no-config",
            ],
            "codespell": [codespell or _exe("codespell"), *paths],
        }
        if baseline:
            cmds["baseline"] = [*_zhen(baseline), "check", *paths, "--no-config"]
        for cmd in cmds.values():  # warm the file cache and .pyc files
            _time(cmd, env)
        times: dict[str, list[tuple[float, float]]] = {k: [] for k in cmds}
        for _ in range(runs):
            for k, cmd in cmds.items():
                times[k].append(_time_cpu(cmd, env))
        for i, kind in enumerate(("wall", "CPU")):
            med = {k: statistics.median(t[i] for t in v) for k, v in times.items()}
            row = "".join(f"{med[k] * 1000:9.0f}ms" + " " for k in cmds)
            row += f"{med['zhen'] / med['codespell']:15.2f}x"
            if baseline:
                row += f"{med['baseline'] / med['codespell']:19.2f}x"
            print(f"{label + ' ' + kind:<20}{row}")
    print("(targets: one seed <= 0.8x, all seeds <= 1.0x)\n")


# Section 2's command after its paths, which sections 2 and 4 run alike.
_PAIRS_OPTIONS = ["--no-config", "--format", "json", "--jobs", "1"]


@contextlib.contextmanager
def _pairs_folder() -> Iterator[tuple[Path, int, int]]:
    """Sections 2 and 4's input, in a temporary folder: (the folder of WMT21 as 50-line sibling
    pairs, its number of files, its bytes)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pairs"
        yield (folder, *make_pairs(folder))


def pairs(repeat: int, baseline: Path | None, zhen: str | None = None) -> None:
    """Section 2. Both sides run the same way: with a source tree as the baseline, this tree
    through the same ``-c`` wrapper; otherwise the ``zhen`` executable (``--zhen``), alongside
    a baseline executable (the wrapper alone costs ~6% more CPU than an installed ``zhen``)."""
    if not WMT.is_dir():
        print(f"(skipped the pairs: {WMT} is absent)\n")
        return
    env = _env()
    with _pairs_folder() as (folder, files, size):
        args = ["check", str(folder), *_PAIRS_OPTIONS]
        cmds = {"zhen": [*_zhen(ROOT if baseline and baseline.is_dir() else None, zhen), *args]}
        if baseline:
            cmds["baseline"] = [*_zhen(baseline), *args]
        for cmd in cmds.values():
            _usage(cmd, env)
        walls: dict[str, list[float]] = {k: [] for k in cmds}
        cpus: dict[str, list[float]] = {k: [] for k in cmds}
        for _ in range(repeat):
            for k, cmd in cmds.items():
                wall, cpu, _ = _usage(cmd, env)
                walls[k].append(wall)
                cpus[k].append(cpu)
    mb = size / 1e6
    print(f"## 2. WMT21 as sibling pairs: {mb:.2f} MB in {files} files, --jobs 1, {repeat} alternating runs")
    for k, ws in walls.items():
        med, cpu = statistics.median(ws), statistics.median(cpus[k])
        print(
            f"{k:<9} wall median {med:.2f}s = {mb / med:.2f} MB/s, best {mb / min(ws):.2f} MB/s; "
            f"CPU median {cpu:.2f}s = {mb / cpu:.2f} MB/s"
        )
    if baseline:
        ratio = statistics.median(c / b for c, b in zip(cpus["zhen"], cpus["baseline"], strict=True))
        print(f"CPU time zhen/baseline, median of the paired runs: {ratio:.2f}x")
    print("(target: >= 2 MB/s per process)\n")


def _lines() -> tuple[list[str], list[str]]:
    zh = (WMT / "newstest2021.zh-en.src.zh").read_text(encoding="utf-8").splitlines()
    en = (WMT / "newstest2021.zh-en.ref.A.en").read_text(encoding="utf-8").splitlines()
    return zh, en


def edited(zh: list[str], en: list[str], rng: random.Random, share: float = 0.05):  # type: ignore[no-untyped-def]
    """Source and target segments (one line each) with ``share / 2`` of the English lines merged
    with the next and ``share / 2`` dropped; the gold 1-1 pairs; the dropped source lines."""
    from zhen_tools.text.document import Segment

    src = [Segment(0, len(t), t) for t in zh]
    tgt: list[Segment] = []
    ids: list[tuple[int, ...]] = []  # the source lines of each target line: one, or two merged
    dropped: set[int] = set()
    i = 0
    while i < len(zh):
        r = rng.random()
        if r < share / 2 and i + 1 < len(zh):
            text = en[i] + " " + en[i + 1]
            tgt.append(Segment(0, len(text), text))
            ids.append((i, i + 1))
            i += 2
        elif r < share:
            dropped.add(i)
            i += 1
        else:
            tgt.append(Segment(0, len(en[i]), en[i]))
            ids.append((i,))
            i += 1
    return src, tgt, ids, dropped


def score(src, tgt, ids, dropped, beads) -> tuple[float, float, float, float]:  # type: ignore[no-untyped-def]
    """1-1 bead precision, recall, F1 (gold: the untouched lines) and the share of dropped source
    lines aligned as their own 1-0 bead."""
    src_index = {id(s): k for k, s in enumerate(src)}
    tgt_index = {id(t): k for k, t in enumerate(tgt)}
    gold = {(k[0], n) for n, k in enumerate(ids) if len(k) == 1}
    found = {(src_index[id(b.source[0])], tgt_index[id(b.target[0])]) for b in beads if b.kind == "1-1"}
    right = len(found & {(s, t) for s, t in gold})
    p = right / len(found) if found else 0.0
    r = right / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    alone = sum(1 for b in beads if b.kind == "1-0" and src_index[id(b.source[0])] in dropped)
    return p, r, f, alone / len(dropped) if dropped else 1.0


def aligner(repeat: int, seed: int = 20260113) -> None:
    if not WMT.is_dir():
        print(f"(skipped the aligner: {WMT} is absent)\n")
        return
    from zhen_tools.align.aligner import align

    zh, en = _lines()
    n = min(len(zh), len(en))
    zh, en = zh[:n], en[:n]
    big = 3700
    docs = {
        "~450": edited(zh[:450], en[:450], random.Random(seed)),
        "~3,700": edited((zh + zh)[:big], (en + en)[:big], random.Random(seed + 1)),
    }
    times: dict[str, list[float]] = {k: [] for k in docs}
    beads = {}
    for _ in range(repeat):
        for label, (src, tgt, _ids, _dropped) in docs.items():
            t = time.perf_counter()
            beads[label] = align(src, tgt)
            times[label].append(time.perf_counter() - t)
    print(f"## 3. aligner on WMT21 lines, 5% merged + 5% dropped, {repeat} alternating runs")
    print(
        f"{'document':<10} {'segments':>9} {'s/1k seg':>9} {'P':>6} {'R':>6} {'F1':>6} {'dropped as 1-0':>15}"
    )
    per = {}
    for label, (src, tgt, ids, dropped) in docs.items():
        per[label] = statistics.median(times[label]) / len(src) * 1000
        p, r, f, alone = score(src, tgt, ids, dropped, beads[label])
        print(
            f"{label:<10} {len(src):>5}/{len(tgt):<4}{per[label]:8.3f}s {p:6.3f} {r:6.3f} {f:6.3f} "
            f"{100 * alone:13.0f}%"
        )
    small, large = per.values()
    print(f"per-1k ratio large/small = {large / small:.2f}x (target <= 1.3x; F1 >= 0.96)\n")


# -- 4. where the pairs' time goes ------------------------------------------------------------

# The shared analyses, by what computes them (module, attribute): timed apart from the rules
# that ask for them. A rule's own time leaves out the time of the analyses it triggered.
_ANALYSES = {
    "numbers (extract_numbers)": [("zhen_tools.rules.context", "extract_numbers")],
    "glossary matches (Glossary.find)": [("zhen_tools.glossary.model", "Glossary.find")],
    "name spans": [("zhen_tools.rules.context", "name_spans")],
    "aligner: sentences of paragraphs": [("zhen_tools.align.aligner", "split_sentences")],
    "aligner: DP, anchors and beads": [("zhen_tools.rules.context", "align_texts")],
    "inconsistent-rendering: source pinyin keys": [
        ("zhen_tools.rules.inconsistent_rendering", "_SourceNames.keys")
    ],
}


class _Clock:
    """Exclusive wall time per label: while a timed call runs, the call that was running is
    paused, so each moment is counted once, under the innermost label."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}
        self.stack: list[list] = []  # type: ignore[type-arg]

    def wrap(self, label: str, fn, consume: bool = False):  # type: ignore[no-untyped-def]
        def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
            now = time.perf_counter()
            if self.stack:
                top = self.stack[-1]
                self.spent[top[0]] = self.spent.get(top[0], 0.0) + now - top[1]
            self.stack.append([label, now])
            try:
                out = fn(*args, **kwargs)
                return list(out) if consume else out
            finally:
                end = time.perf_counter()
                lab, start = self.stack.pop()
                self.spent[lab] = self.spent.get(lab, 0.0) + end - start
                if self.stack:
                    self.stack[-1][1] = end

        for attr in ("collect", "excused_by_source"):  # what the runner reads off a rule function
            if hasattr(fn, attr):
                setattr(timed, attr, getattr(fn, attr))
        return timed


def _profile_child(folder: str) -> None:
    """One run of section 2's command inside this process, timed by label; prints JSON."""
    import importlib
    import io
    import json

    clock = _Clock()
    for label, places in _ANALYSES.items():
        for module, attr in places:
            owner = importlib.import_module(module)
            name = attr
            if "." in attr:
                cls, name = attr.split(".")
                owner = getattr(owner, cls)
            setattr(owner, name, clock.wrap(label, getattr(owner, name)))
    import zhen_tools.run.execute as execute

    doc_rules, scope_rules = execute._doc_rules, execute._scope_rules

    def timed_doc_rules(selected):  # type: ignore[no-untyped-def]
        return [(rid, clock.wrap(f"document rule {rid}", fn, True)) for rid, fn in doc_rules(selected)]

    def timed_scope_rules(selected, scope):  # type: ignore[no-untyped-def]
        out = scope_rules(selected, scope)
        if scope == "pair":
            return [(rid, clock.wrap(f"pair rule {rid}", fn, True)) for rid, fn in out]
        for rid, fn in out:
            if scope == "run" and hasattr(fn, "collect"):
                fn.collect = clock.wrap(f"run rule {rid}: collect", fn.collect)
        return out

    execute._doc_rules, execute._scope_rules = timed_doc_rules, timed_scope_rules
    from zhen_tools.cli import main as zhen_main

    run = clock.wrap("the rest of the run (reading, pairing, report)", zhen_main)
    with contextlib.redirect_stdout(io.StringIO()):
        run(["check", folder, *_PAIRS_OPTIONS])
    print(json.dumps(clock.spent))


def profile(repeat: int, zhen_exe: str | None = None) -> None:
    if not WMT.is_dir():
        print(f"(skipped the profile: {WMT} is absent)\n")
        return
    import json

    env = _env()
    with _pairs_folder() as (folder, files, size):
        one = folder.parent / "one"
        one.mkdir()
        for path in sorted(folder.iterdir())[:2]:  # 000.en.txt, 000.zh.txt
            (one / path.name).write_bytes(path.read_bytes())
        args = ["check", *_PAIRS_OPTIONS]
        zhen = _zhen(None, zhen_exe)  # as section 2 runs it: the -c wrapper alone costs ~6%
        cpu: dict[str, list[float]] = {"one": [], "all": []}
        runs: list[dict[str, float]] = []
        child = [sys.executable, str(Path(__file__).resolve()), "--profile-child", str(folder)]
        for warm in (folder, one):  # .pyc files and the cache, written once
            _usage([*zhen, *args, str(warm)], env)
        for _ in range(repeat):
            cpu["one"].append(_usage([*zhen, *args, str(one)], env)[1])
            cpu["all"].append(_usage([*zhen, *args, str(folder)], env)[1])
            out = subprocess.run(child, env=env, capture_output=True, text=True, check=True).stdout
            runs.append(json.loads(out))
    pairs_n = files // 2
    one_cpu, all_cpu = statistics.median(cpu["one"]), statistics.median(cpu["all"])
    per_pair = (all_cpu - one_cpu) / (pairs_n - 1)
    fixed = one_cpu - per_pair
    labels = sorted(
        {k for r in runs for k in r}, key=lambda k: -statistics.median(r.get(k, 0.0) for r in runs)
    )
    print(
        f"## 4. where section 2's time goes: {size / 1e6:.2f} MB, {pairs_n} pairs, medians of {repeat} runs"
    )
    print(
        f"CPU of a run: one pair {one_cpu * 1000:.0f} ms, all {all_cpu * 1000:.0f} ms: "
        f"fixed cost (start, imports, tables) ~{fixed * 1000:.0f} ms, then ~{per_pair * 1000:.1f} ms a pair"
    )
    total = statistics.median(sum(r.values()) for r in runs)
    print(f"{'in the process, after start-up (exclusive wall time)':<56} {'ms':>7} {'share':>6}")
    for label in labels:
        ms = statistics.median(r.get(label, 0.0) for r in runs) * 1000
        print(f"{label:<56} {ms:7.1f} {ms / total / 10:5.1f}%")
    print(f"{'all of it':<56} {total * 1000:7.1f}")
    print(f"(to reach 2 MB/s the whole run may take {size / 2e6 * 1000:.0f} ms)\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15, help="cold-start runs per command")
    ap.add_argument("--repeat", type=int, default=3, help="pairs and aligner runs")
    ap.add_argument("--skip", default="", help="comma-separated: cold, pairs, align, profile")
    ap.add_argument("--profile-child", help=argparse.SUPPRESS)  # section 4's timed run, in a fresh process
    ap.add_argument(
        "--baseline",
        type=Path,
        help="another source tree, or zhen executable, to time alongside (cold start and pairs)",
    )
    ap.add_argument("--zhen", help="the zhen executable to time (default: the one beside this python)")
    ap.add_argument("--codespell", help="the codespell executable (default: the one beside this python)")
    args = ap.parse_args()
    if args.profile_child:
        _profile_child(args.profile_child)
        return 0
    skip = set(filter(None, args.skip.split(",")))
    print(f"machine: {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}; python {sys.version.split()[0]}\n")
    if "cold" not in skip:
        cold_start(args.runs, args.baseline, args.zhen, args.codespell)
    if "pairs" not in skip:
        pairs(args.repeat, args.baseline, args.zhen)
    if "align" not in skip:
        aligner(args.repeat)
    if "profile" not in skip:
        profile(args.repeat, args.zhen)
    return 0


if __name__ == "__main__":
    sys.exit(main())
