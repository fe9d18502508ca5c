"""Benchmark the cost of a safe ``--fix`` on a large file: the stamp taken when reading (sha256
of the bytes, as a share of ``read_document``), and writing by splicing into the original bytes
after re-reading and comparing the stamp, against re-encoding the whole text (the old way, which
could change bytes).

The file is the WMT21 zh-en test set (``../shared/corpora``, read in place) interleaved zh/en
and repeated to about ``--mb`` MB, written in a temporary folder as UTF-8, GB18030 and
UTF-16-LE; one fix every ``--every`` lines. Runs alternate between the two ways; the table
prints medians and their ratio.

Usage: python bench/bench_fix_safety.py [--mb 8] [--runs 5] [--every 500]
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import tempfile
import time
from pathlib import Path

from zhen_tools.findings import make_finding
from zhen_tools.run.fix import plan_fixes, write_atomic, write_plan
from zhen_tools.text.document import read_document

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "wmt21-zhen"


def corpus_text(mb: float) -> str:
    zh = (CORPUS / "newstest2021.zh-en.src.zh").read_text(encoding="utf-8").splitlines()
    en = (CORPUS / "newstest2021.zh-en.ref.A.en").read_text(encoding="utf-8").splitlines()
    block = "".join(f"{a}\n{b}\n" for a, b in zip(zh, en, strict=True))
    reps = max(1, int(mb * 1e6 / len(block.encode("utf-8"))))
    return block * reps


def median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=8)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--every", type=int, default=500)
    args = ap.parse_args()
    text = corpus_text(args.mb)
    print(
        "| encoding | MB | fixes | read_document ms | of which sha256 ms | share | "
        "write: re-encode all ms | write_plan ms | ratio |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as d:
        for enc in ("utf-8", "gb18030", "utf-16-le"):
            data = text.encode(enc)
            path = Path(d) / f"big-{enc}.txt"
            path.write_bytes(data)
            doc = read_document(path)
            # One fix of the first ", " after every N-th line start: a stand-in for real fixes.
            finds = []
            for line_no in range(0, len(doc.line_starts), args.every):
                i = doc.text.find(" ", doc.line_starts[line_no])
                if i >= 0:
                    finds.append(make_finding(doc, i, i + 1, "t", "error", "m", suggestion="  "))
            plan = plan_fixes(doc, finds, rules={"t"})
            t_dec, t_read, t_old, t_new = [], [], [], []
            for _ in range(args.runs):
                raw = path.read_bytes()
                t0 = time.perf_counter()
                hashlib.sha256(raw).hexdigest()
                t_dec.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                doc = read_document(path)
                t_read.append(time.perf_counter() - t0)
                plan = plan_fixes(doc, finds, rules={"t"})
                original = path.read_bytes()
                t0 = time.perf_counter()
                write_atomic(str(path), doc.encode(plan.text))
                t_old.append(time.perf_counter() - t0)
                path.write_bytes(original)
                doc = read_document(path)
                plan = plan_fixes(doc, finds, rules={"t"})
                t0 = time.perf_counter()
                write_plan(plan)
                t_new.append(time.perf_counter() - t0)
                path.write_bytes(original)
            assert hashlib.sha256(path.read_bytes()).digest() == hashlib.sha256(data).digest()
            a, b, c, e = map(median_ms, (t_dec, t_read, t_old, t_new))
            print(
                f"| {enc} | {len(data) / 1e6:.1f} | {len(plan.applied)} | {b:.0f} | {a:.0f} | {a / b:.0%} | "
                f"{c:.0f} | {e:.0f} | {e / c:.2f} |"
            )


if __name__ == "__main__":
    main()
