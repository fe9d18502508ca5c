"""False positives of the glossary aligner rules on professional translations.

Runs glossary-forbidden, glossary-near-miss, transliteration, homoglyph (per document) and
inconsistent-rendering (run scope) with the bundled glossary over the WMT21 zh-en reference
translations -- published human translations that no glossary of ours covers, so every finding
is a false positive or a genuine inconsistency of the reference -- and prints findings per 1,000
lines for each rule, then each near-miss, transliteration and homoglyph finding with its line.

    python bench/bench_glossary_fp.py [--self] [PATH ...]   # default: the WMT21 reference

Targets: near-miss, transliteration and homoglyph each under 2 per 1,000 lines.

``--self`` is a stress test: instead of the bundled glossary it uses the glossary that
``zhen glossary suggest`` drafts from the same corpus (every recurring name and its variants
accepted), so near-miss compares every name-like span with hundreds of names that really occur.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpora" / "wmt21-zhen" / "newstest2021.zh-en.ref.A.en"
TARGET = 2.0
LISTED = ("glossary-near-miss", "transliteration", "homoglyph")


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(ROOT))
    from zhen_tools.glossary import load_glossary
    from zhen_tools.rules.context import DocContext
    from zhen_tools.rules.glossary_forbidden import glossary_forbidden
    from zhen_tools.rules.glossary_near_miss import glossary_near_miss
    from zhen_tools.rules.homoglyph import homoglyph
    from zhen_tools.rules.inconsistent_rendering import inconsistent_rendering
    from zhen_tools.rules.transliteration import transliteration
    from zhen_tools.text.document import read_document

    args = list(argv if argv is not None else sys.argv[1:])
    self_glossary = "--self" in args
    paths = [Path(p) for p in args if p != "--self"] or [DEFAULT]
    if not all(p.exists() for p in paths):
        print(f"missing input: {', '.join(str(p) for p in paths if not p.exists())}", file=sys.stderr)
        return 2
    if self_glossary:
        import tempfile

        from zhen_tools.run.suggest import suggest

        with tempfile.TemporaryDirectory() as tmp:
            drafted = Path(tmp) / "suggested.toml"
            drafted.write_text(suggest([str(p) for p in paths]), encoding="utf-8")
            glossary = load_glossary([drafted])
    else:
        glossary = load_glossary(sorted((ROOT / "glossaries").glob("*.toml")))
    ctxs = [DocContext(read_document(p), glossary) for p in paths]
    lines = sum(len(c.doc.line_starts) for c in ctxs)

    findings = []
    timings: dict[str, float] = {}
    for rule in (glossary_forbidden, glossary_near_miss, transliteration, homoglyph):
        t0 = time.perf_counter()
        for ctx in ctxs:
            findings.extend(rule(ctx))
        timings[rule.__name__] = time.perf_counter() - t0
    t0 = time.perf_counter()
    findings.extend(inconsistent_rendering(ctxs))
    timings["inconsistent_rendering"] = time.perf_counter() - t0

    counts = Counter(f.rule for f in findings)
    print(
        f"{lines} lines in {len(ctxs)} document(s); glossary {glossary.name or '?'} "
        f"({len(glossary.entries)} entries)"
    )
    rules = (
        "glossary-forbidden",
        "glossary-near-miss",
        "transliteration",
        "inconsistent-rendering",
        "homoglyph",
    )
    for rule in rules:
        rate = 1000.0 * counts[rule] / max(1, lines)
        mark = "" if rule not in LISTED else ("  ok" if rate < TARGET else f"  OVER {TARGET}")
        secs = timings[rule.replace("-", "_")]
        print(
            f"{rule:24} {counts[rule]:4d} findings  {rate:6.2f} per 1,000 lines  {secs * 1000:7.1f} ms{mark}"
        )
    for f in sorted(findings, key=lambda f: (f.rule, f.path, f.start)):
        if f.rule in LISTED or f.rule == "inconsistent-rendering":
            print(f"{f.path}:{f.line}:{f.column}: {f.rule}: {f.text!r} -> {f.suggestion!r}: {f.message}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
