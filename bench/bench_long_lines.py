"""Benchmark ``zhen check`` on one very long line against the same text one sentence per line.

Every rule should be linear in line length, so a megabyte on one line should take about as long
as a megabyte of lines. The text is real news: WMT21 zh-en reference sentences
(``../shared/corpora``, read in place), with every third one given a Chinese fragment from its
source sentence and every seventh a Chinese gloss in parentheses, so ``untranslated`` and the
parenthetical checks have work to do. Runs alternate (single line, lines, single line, ...) so
the load of the machine hits both alike; prints the median and the ratio.

``--pairs`` adds the source/target form: the Chinese sentences on one line in ``NAME.zh.txt``
and the English on one line in ``NAME.en.txt`` (the aligner's sentence alignment of one huge
paragraph), against one sentence per line.

Usage: python bench/bench_long_lines.py [--sizes 100,300,1000] [--runs N] [--pairs]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "wmt21-zhen"
ZHEN = str(Path(sys.executable).parent / "zhen")


def _sentences() -> tuple[list[str], list[str]]:
    zh = (CORPUS / "newstest2021.zh-en.src.zh").read_text(encoding="utf-8").splitlines()
    en = (CORPUS / "newstest2021.zh-en.ref.A.en").read_text(encoding="utf-8").splitlines()
    return zh, en


def _mixed(zh: list[str], en: list[str]) -> list[str]:
    out = []
    for i, (z, e) in enumerate(zip(zh, en)):
        if i % 3 == 0:
            words = e.split()
            half = len(words) // 2
            out.append(" ".join(words[:half]) + " " + z[:6] + "，" + " ".join(words[half:]))
        elif i % 7 == 0:
            out.append(f"{e} ({z[:4]})")
        else:
            out.append(e)
    return out


def _take(items: list[str], chars: int) -> list[str]:
    out, n, i = [], 0, 0
    while n < chars:
        out.append(items[i % len(items)])
        n += len(out[-1]) + 1
        i += 1
    return out


def _time(args: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(
        [ZHEN, "check", "--no-config", "--exit-zero", *args], stdout=subprocess.DEVNULL, check=True
    )
    return time.perf_counter() - t


def _compare(label: str, one: list[str], many: list[str], runs: int) -> None:
    times: dict[str, list[float]] = {"one": [], "many": []}
    for _ in range(runs):
        times["one"].append(_time(one))
        times["many"].append(_time(many))
    a, b = statistics.median(times["one"]), statistics.median(times["many"])
    print(f"{label:<18} {a:>10.2f} {b:>10.2f} {a / b:>7.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,300,1000", help="sizes in KB, comma-separated")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--pairs", action="store_true", help="also the source/target form")
    args = ap.parse_args()
    zh, en = _sentences()
    mixed = _mixed(zh, en)
    print(f"{'input':<18} {'1 line s':>10} {'lines s':>10} {'ratio':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        for kb in (int(s) for s in args.sizes.split(",")):
            text = _take(mixed, kb * 1000)
            (d / "one.txt").write_text(" ".join(text) + "\n", encoding="utf-8")
            (d / "many.txt").write_text("\n".join(text) + "\n", encoding="utf-8")
            _compare(f"mixed {kb} KB", [str(d / "one.txt")], [str(d / "many.txt")], args.runs)
            if not args.pairs:
                continue
            n = len(_take(en, kb * 1000 // 2))  # half the size in English, about as much Chinese
            zs, es = [zh[i % len(zh)] for i in range(n)], [en[i % len(en)] for i in range(n)]
            (d / "p1.zh.txt").write_text("".join(zs) + "\n", encoding="utf-8")
            (d / "p1.en.txt").write_text(" ".join(es) + "\n", encoding="utf-8")
            (d / "pn.zh.txt").write_text("\n".join(zs) + "\n", encoding="utf-8")
            (d / "pn.en.txt").write_text("\n".join(es) + "\n", encoding="utf-8")
            one = [str(d / "p1.zh.txt"), str(d / "p1.en.txt")]
            _compare(f"pair {kb} KB", one, [str(d / "pn.zh.txt"), str(d / "pn.en.txt")], args.runs)


if __name__ == "__main__":
    main()
