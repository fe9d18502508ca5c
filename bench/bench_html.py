"""Benchmark the HTML report: size, the cost of writing it, and how fast it opens and filters in a
headless browser.

For the seeds (five files, one report) and for WMT21 zh-en (``../shared/corpora``, read in place)
as 39 sibling pairs of 50 lines (~2,000 segments, one report), prints:

1. ``zhen check --format html -o FILE`` against ``--format json -o FILE`` on the same inputs:
   alternating runs, median wall time and the ratio (the machine is shared: ratios, not seconds).
2. The report's size, and its findings, sections and marks.
3. In headless Chromium (Debian's chromium + chromium-driver, via selenium): time to
   DOMContentLoaded, to the load event and until the report's script has built the table
   (``data-ready``), and the time one filter change takes (untick a rule, re-apply), median of
   several loads and several clicks.

Usage: python bench/bench_html.py [--runs N] [--loads N]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selenium.webdriver import Chrome

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from bench_check import SEEDS, make_pairs

BIN = Path(sys.executable).parent
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


def _zhen(folder: Path, fmt: str, out: Path) -> float:
    t = time.perf_counter()
    subprocess.run(
        [str(BIN / "zhen"), "check", "--no-config", "--format", fmt, "-o", str(out), "."],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - t


def write_cost(folder: Path, runs: int, out: Path) -> None:
    times: dict[str, list[float]] = {"html": [], "json": []}
    for fmt in times:  # warm caches
        _zhen(folder, fmt, out.with_suffix("." + fmt))
    for _ in range(runs):
        for fmt in times:
            times[fmt].append(_zhen(folder, fmt, out.with_suffix("." + fmt)))
    h, j = statistics.median(times["html"]), statistics.median(times["json"])
    print(f"  zhen check --format html: {h * 1000:7.0f} ms   --format json: {j * 1000:7.0f} ms", end="")
    print(f"   html/json = {h / j:.2f}x")


def describe(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    start = text.index('id="zhen-data">') + len('id="zhen-data">')
    data = json.loads(text[start : text.index("</script>", start)])
    sections, rows, marks = text.count('<section class="doc"'), text.count("<tr id="), text.count("<mark")
    print(
        f"  size {page.stat().st_size / 1024:.0f} KiB; {len(data['findings'])} findings, "
        f"{sections} document sections, {rows} bead rows, {marks} marks"
    )


def browser() -> Chrome:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
        "--disable-sync --no-first-run --window-size=1400,1000"
    ).split():
        options.add_argument(arg)
    options.add_argument("--user-data-dir=" + tempfile.mkdtemp(prefix="zhen-bench-chromium-"))
    return webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))


TIMING = """
var n = performance.getEntriesByType('navigation')[0];
return [n.domContentLoadedEventEnd, n.loadEventEnd];
"""
FILTER = """
var box = document.querySelector('#f-rules input');
var t = performance.now();
box.click();
var rows = document.querySelectorAll('#findings tbody tr:not(.hidden)').length;
document.body.offsetHeight;  // force the layout the change causes
return [performance.now() - t, rows];
"""


def open_times(driver, page: Path, loads: int) -> None:  # type: ignore[no-untyped-def]
    dcl, load, clicks = [], [], []
    for _ in range(loads):
        driver.get(page.as_uri())
        while driver.execute_script("return document.body.getAttribute('data-ready')") != "1":
            time.sleep(0.01)
        a, b = driver.execute_script(TIMING)
        dcl.append(a)
        load.append(b)
        for _ in range(4):  # untick, tick again, ...
            clicks.append(driver.execute_script(FILTER)[0])
    print(
        f"  browser: DOMContentLoaded {statistics.median(dcl):6.0f} ms, load {statistics.median(load):6.0f} ms "
        f"(script done before load), filter change {statistics.median(clicks):5.1f} ms "
        f"(max {max(clicks):.1f}); median of {loads} loads, {len(clicks)} changes"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--loads", type=int, default=5)
    args = ap.parse_args()
    have_browser = Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        shutil.copytree(SEEDS, seeds)
        pairs = Path(tmp) / "wmt21"
        files, _ = make_pairs(pairs)
        driver = browser() if have_browser else None
        try:
            for label, folder in (
                ("seeds (5 files)", seeds),
                (f"WMT21 as {files // 2} sibling pairs", pairs),
            ):
                print(f"## {label}")
                page = Path(tmp) / f"{folder.name}.html"
                write_cost(folder, args.runs, page)
                describe(page)
                if driver is not None:
                    open_times(driver, page, args.loads)
                else:
                    print("  browser: not measured (no /usr/bin/chromium + chromedriver)")
        finally:
            if driver is not None:
                driver.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
