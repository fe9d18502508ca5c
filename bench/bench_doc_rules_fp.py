"""False positives of the document rules on clean professional text, and their throughput.

Runs ``untranslated``, ``repeated-text`` and ``punctuation`` over each line of the WMT21 zh→en
reference (English with no Han characters: any ``untranslated`` finding is a false positive) and
over each line of its Chinese source (where ``untranslated`` and ``punctuation`` must stay silent).
Prints findings per 1,000 lines and lists every ``punctuation`` and ``repeated-text`` finding on
the English for review. A segment is a sentence, not a paragraph, so a quotation running over
several segments is unbalanced in each; the last section therefore also checks the reference as
one document (segments in order), where such quotations pair up. Reads the corpus in place from
../shared/corpora.

    python bench/bench_doc_rules_fp.py [CORPUS_DIR]
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from zhen_tools.findings import Finding
from zhen_tools.rules.context import DocContext
from zhen_tools.rules.punctuation import punctuation
from zhen_tools.rules.repeated_text import repeated_text
from zhen_tools.rules.untranslated import untranslated
from zhen_tools.text.document import document_from_text

RULES = {"untranslated": untranslated, "repeated-text": repeated_text, "punctuation": punctuation}
DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "wmt21-zhen"


def run(path: Path) -> tuple[int, dict[str, list[tuple[int, Finding]]], float]:
    lines = path.read_text(encoding="utf-8").splitlines()
    found: dict[str, list[tuple[int, Finding]]] = {rule: [] for rule in RULES}
    t0 = time.perf_counter()
    for n, line in enumerate(lines, start=1):
        ctx = DocContext(document_from_text(line, f"{path.name}:{n}"))
        for rule, func in RULES.items():
            found[rule] += [(n, f) for f in func(ctx)]
    return len(lines), found, time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    corpus = Path(args[0]) if args else DEFAULT
    status = 0
    for name, listed, must_be_silent in (
        ("newstest2021.zh-en.ref.A.en", ("punctuation", "repeated-text"), ("untranslated",)),
        ("newstest2021.zh-en.src.zh", ("punctuation", "repeated-text"), ("untranslated", "punctuation")),
    ):
        n, found, secs = run(corpus / name)
        chars = sum(len(line) for line in (corpus / name).read_text(encoding="utf-8").splitlines())
        print(
            f"== {name}: {n} lines, {chars / secs / 1e6:.2f} M chars/s "
            f"({secs * 1000 / n:.3f} ms/line, 3 rules)"
        )
        for rule in RULES:
            sev = Counter(f.severity.value for _, f in found[rule])
            print(
                f"  {rule:14} {len(found[rule]):4} findings = {1000 * len(found[rule]) / n:6.2f} "
                f"per 1,000 lines  {dict(sev)}"
            )
        for rule in listed:
            for line_no, f in found[rule]:
                print(
                    f"    {rule} line {line_no} col {f.column}: {f.message}: {f.text!r} -> {f.suggestion!r}"
                )
        for rule in must_be_silent:
            if found[rule]:
                print(f"  FAIL: {rule} must not fire on {name}")
                status = 1
    path = corpus / "newstest2021.zh-en.ref.A.en"
    text = path.read_text(encoding="utf-8")
    t0 = time.perf_counter()
    ctx = DocContext(document_from_text(text, path.name))
    whole = {rule: list(func(ctx)) for rule, func in RULES.items()}
    secs = time.perf_counter() - t0
    print(f"== {path.name} as one document: {len(text) / secs / 1e6:.2f} M chars/s (3 rules)")
    for rule, findings in whole.items():
        print(f"  {rule:14} {len(findings):4} findings")
        if rule != "untranslated":
            for f in findings:
                print(f"    {rule} line {f.line} col {f.column}: {f.message}: {f.text[:60]!r}")
    return status


if __name__ == "__main__":
    sys.exit(main())
