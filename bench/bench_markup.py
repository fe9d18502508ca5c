"""Benchmark the views the rules read of marked-up files: linear in the file's size?

``prose_view`` blanks the code, markup and web addresses of a Markdown file, and ``target_view``
keeps only the target text of an XLIFF file (entities kept, inline tags blanked). Both run on
every such file before any rule, so each must stay linear: two quadratic slips were caught by
hand (a fenced-block lookup per match: 33.6 s for 4.6 MB of Markdown; a function call per target
character: 1.6 s for 5.4 MB of XLIFF). The inputs are built from real news, the WMT21 zh-en
reference and source (``../shared/corpora``, read in place): Markdown paragraphs of reference
sentences with a link, a code span, an inline tag and a web address each, a fenced block every
fifth paragraph; XLIFF units of source and reference with an ``&amp;`` and a ``<g>`` in each
target. For each size (a multiple of the corpus) it prints the median time and the time per MB;
the last column is the time per MB against the smallest size's (1.0 is linear).

Usage: python bench/bench_markup.py [--sizes 1,4,16] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from zhen_tools.formats import read_units, target_view
from zhen_tools.formats.markup import prose_view
from zhen_tools.text.document import document_from_text

CORPUS = ROOT.parent / "shared" / "corpora" / "wmt21-zhen"


def _corpus() -> tuple[list[str], list[str]]:
    zh = (CORPUS / "newstest2021.zh-en.src.zh").read_text(encoding="utf-8").splitlines()
    en = (CORPUS / "newstest2021.zh-en.ref.A.en").read_text(encoding="utf-8").splitlines()
    return zh, en


def markdown(en: list[str], times: int) -> str:
    parts = []
    for k in range(times):
        for i, line in enumerate(en):
            words = line.split()
            if len(words) > 4:
                words[1] = f"[{words[1]}](https://example.com/{k}/{i}_(page))"
                words[2] = f"`{words[2]}`"
                words[3] = f"<b>{words[3]}</b>"
            parts.append(" ".join(words) + f" See https://news.example.com/{k}/{i}.\n\n")
            if i % 5 == 4:
                parts.append("```text\nraw output, the the\n```\n\n")
    return "".join(parts)


def xliff(zh: list[str], en: list[str], times: int) -> str:
    units = []
    for k in range(times):
        for i, (z, e) in enumerate(zip(zh, en)):
            words = escape(e).split(" ")
            if len(words) > 2:
                words[1] = f'<g id="{i}">{words[1]}</g> &amp;'
            units.append(
                f'<trans-unit id="{k}-{i}"><source>{escape(z)}</source>'
                f"<target>{' '.join(words)}</target></trans-unit>"
            )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2"><file source-language="zh" '
        'target-language="en" datatype="plaintext" original="x"><body>\n'
        + "\n".join(units)
        + "\n</body></file></xliff>\n"
    )


def _median(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1,4,16", help="multiples of the corpus")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    zh, en = _corpus()
    print("view            size  MB     median s  ms/MB   per MB vs smallest")
    for name in ("markdown", "xliff"):
        base = None
        for times in (int(s) for s in args.sizes.split(",")):
            run: Callable[[], object]
            if name == "markdown":
                text = markdown(en, times)
                run = partial(prose_view, "a.md", text)
            else:
                doc = document_from_text(xliff(zh, en, times), "a.xlf")
                units = read_units(doc)
                assert units is not None
                run = partial(target_view, doc, units)
                text = doc.text
            mb = len(text.encode("utf-8")) / 1e6
            sec = _median(run, args.runs)
            per = sec * 1000 / mb
            base = base or per
            print(f"{name:<14} {times:>4}x  {mb:6.1f}  {sec:8.3f}  {per:6.1f}  {per / base:5.2f}x")


if __name__ == "__main__":
    main()
