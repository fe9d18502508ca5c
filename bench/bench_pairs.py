"""Source/target checks on WMT21 zh-en (1,948 professional translations, line-aligned).

Prints:
 1. findings per 1,000 segments of each pair rule, line pairs given as pairs (bundled glossary),
    with every remaining number-mismatch so it can be judged;
 2. recall of number-mismatch on English numbers edited on purpose (x10, x0.1, one digit);
 3. alignment quality: lines joined into paragraphs of 3-5, 5% of English lines merged with the
    next or dropped; the share of untouched lines recovered as their own 1-1 bead;
 4. throughput of alignment + number + glossary checking (segments/s).

Run: python bench/bench_pairs.py [--corpus DIR] [--seed N] [--samples N]
The corpus is read in place (../shared/corpora/wmt21-zhen) and never copied.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from zhen_tools.align.aligner import Bead, Segment, align_paragraphs
from zhen_tools.glossary.model import Glossary
from zhen_tools.rules.context import DocContext, PairContext
from zhen_tools.rules.glossary_mismatch import glossary_mismatch
from zhen_tools.rules.glossary_missing import glossary_missing
from zhen_tools.rules.number_mismatch import number_mismatch
from zhen_tools.rules.untranslated import untranslated_pair
from zhen_tools.run.inputs import pair_documents
from zhen_tools.text.document import document_from_text
from zhen_tools.text.numbers import extract_numbers

RULES = {
    "glossary-missing": glossary_missing,
    "glossary-mismatch": glossary_mismatch,
    "number-mismatch": number_mismatch,
    "untranslated": untranslated_pair,
}
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "wmt21-zhen"


def load(corpus: Path) -> tuple[list[str], list[str]]:
    zh = (corpus / "newstest2021.zh-en.src.zh").read_text(encoding="utf-8").split("\n")
    en = (corpus / "newstest2021.zh-en.ref.A.en").read_text(encoding="utf-8").split("\n")
    n = min(len(zh), len(en))
    while n and not zh[n - 1] and not en[n - 1]:
        n -= 1
    return zh[:n], en[:n]


def glossary() -> Glossary | None:
    bundled = ROOT / "glossaries" / "japan-rare-earths.toml"
    if not bundled.exists():
        return None
    from zhen_tools.glossary import load_glossary

    return load_glossary([str(bundled)])


def line_pair(zh: list[str], en: list[str], g) -> PairContext:  # type: ignore[no-untyped-def]
    """The corpus as two documents whose lines are given as 1-1 beads (no alignment, no drift)."""
    src = DocContext(document_from_text("\n".join(zh), "newstest2021.zh"), g)
    tgt = DocContext(document_from_text("\n".join(en), "newstest2021.en"), g)
    beads, s_off, t_off = [], 0, 0
    for a, b in zip(zh, en):
        beads.append(Bead((Segment(s_off, s_off + len(a), a),), (Segment(t_off, t_off + len(b), b),)))
        s_off += len(a) + 1
        t_off += len(b) + 1
    return PairContext(src, tgt, kind="bilingual", beads=beads)


# -- 1. findings per 1,000 segments ----------------------------------------------------------


def false_positives(zh: list[str], en: list[str], g, samples: int) -> None:  # type: ignore[no-untyped-def]
    pair = line_pair(zh, en, g)
    counts: Counter[str] = Counter()
    numbers = []
    for rid, fn in RULES.items():
        for f in fn(pair):
            counts[rid] += 1
            if rid == "number-mismatch":
                numbers.append(f)
    n = len(zh)
    print(
        f"1. findings per 1,000 segments ({n} line pairs, glossary: "
        f"{'japan-rare-earths' if g is not None else 'none'})"
    )
    for rid in RULES:
        print(f"   {rid:<18} {counts[rid]:>4}  {1000 * counts[rid] / n:6.2f} / 1,000")
    print(f"   number-mismatch findings ({min(samples, len(numbers))} of {len(numbers)}):")
    for f in numbers[:samples]:
        print(f"   line {f.line}: [{f.text[:40]}] {f.message}")
        print(f"      zh: {zh[f.line - 1][:150]}")
        print(f"      en: {en[f.line - 1][:150]}")


# -- 2. recall on edited numbers -------------------------------------------------------------

_DIGITS = re.compile(r"[\d,.]*\d")


def _edit(token: str, how: str, rng: random.Random) -> str:
    """``token`` (digits with , and .) multiplied by 10 or 0.1, or with one digit changed."""
    commas = "," in token
    if how == "digit":
        positions = [i for i, c in enumerate(token) if c.isdigit()]
        i = rng.choice(positions)
        choices = [d for d in "0123456789" if d != token[i] and not (d == "0" and i == positions[0])]
        return token[:i] + rng.choice(choices) + token[i + 1 :]
    plain = token.replace(",", "")
    whole, _, frac = plain.partition(".")
    digits = whole + frac
    point = len(whole) + (1 if how == "x10" else -1)
    if point <= 0:
        digits = "0" * (1 - point) + digits
        point = 1
    digits = digits + "0" * max(0, point - len(digits))
    whole, frac = digits[:point].lstrip("0") or "0", digits[point:].rstrip("0")
    if commas and len(whole) > 3:
        whole = f"{int(whole):,}"
    return whole + ("." + frac if frac else "")


def recall(zh: list[str], en: list[str], g, seed: int, share: float = 0.05) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    candidates = []
    for i, line in enumerate(en):
        nums = [
            n
            for n in extract_numbers(line, "en")
            if n.strict and n.kind in ("plain", "percent", "year", "ordinal") and _DIGITS.match(n.text)
        ]
        if nums:
            candidates.append((i, nums))
    chosen = rng.sample(candidates, max(1, round(share * len(en))))
    edited = list(en)
    edits: dict[int, tuple[int, int, str, str]] = {}
    for i, nums in chosen:
        n = rng.choice(nums)
        m = _DIGITS.match(n.text)
        assert m is not None
        old = m.group()
        how = rng.choice(("x10", "x0.1", "digit"))
        new = _edit(old, how, rng)
        if new == old:
            continue
        line = edited[i]
        edited[i] = line[: n.start] + new + line[n.start + len(old) :]
        edits[i] = (n.start, n.start + len(new), how, f"{old} -> {new}")
    pair = line_pair(zh, edited, g)
    offsets = [b.target[0].start for b in pair.beads]
    hit: dict[str, list[int]] = {"x10": [0, 0], "x0.1": [0, 0], "digit": [0, 0]}
    found = list(number_mismatch(pair))
    missed = []
    for i, (a, b, how, what) in edits.items():
        lo, hi = offsets[i] + a, offsets[i] + b
        ok = any(f.start < hi and lo < f.end for f in found)
        hit[how][0] += ok
        hit[how][1] += 1
        if not ok:
            missed.append((i, what))
    total = sum(v[0] for v in hit.values()), sum(v[1] for v in hit.values())
    print(
        f"\n2. number-mismatch recall on {total[1]} edited English lines (5% of {len(en)}, seed {seed}): "
        f"{total[0]}/{total[1]} = {100 * total[0] / total[1]:.1f}%"
    )
    for how, (k, of) in hit.items():
        print(f"   {how:<6} {k}/{of}")
    for i, what in missed[:10]:
        print(f"   missed line {i + 1}: {what}: {edited[i][:120]}")


# -- 3. alignment quality ----------------------------------------------------------------------


def alignment(zh: list[str], en: list[str], seed: int, share: float = 0.05) -> None:
    rng = random.Random(seed)
    paras, i = [], 0
    while i < len(zh):
        k = rng.randint(3, 5)
        paras.append(list(range(i, min(i + k, len(zh)))))
        i += k
    gold: set[int] = set()
    tgt_paras: list[list[tuple[tuple[int, ...], str]]] = []
    merged = dropped = 0
    for p in paras:
        out: list[tuple[tuple[int, ...], str]] = []
        j = 0
        while j < len(p):
            g, r = p[j], rng.random()
            if r < share / 2 and j + 1 < len(p):
                out.append(((g, p[j + 1]), en[g] + " " + en[p[j + 1]]))
                merged += 1
                j += 2
            elif r < share:
                dropped += 1
                j += 1
            else:
                out.append(((g,), en[g]))
                gold.add(g)
                j += 1
        tgt_paras.append(out)

    def build(
        groups: list[list[tuple[tuple[int, ...], str]]], sep: str
    ) -> tuple[list[Segment], dict[int, list[Segment]], dict[int, tuple[int, ...]]]:
        paras_out: list[Segment] = []
        subs: dict[int, list[Segment]] = {}
        ids: dict[int, tuple[int, ...]] = {}
        off = 0
        for group in groups:
            start, parts, segs = off, [], []
            for k, (gid, text) in enumerate(group):
                if k:
                    parts.append(sep)
                    off += len(sep)
                segs.append(Segment(off, off + len(text), text))
                ids[off] = gid
                parts.append(text)
                off += len(text)
            para = Segment(start, off, "".join(parts))
            paras_out.append(para)
            subs[para.start] = segs
            off += 1
        return paras_out, subs, ids

    sp, s_subs, s_ids = build([[((g,), zh[g]) for g in p] for p in paras], "")
    tp, t_subs, t_ids = build(tgt_paras, " ")
    # Paragraph offsets of the two sides overlap: look sentences up by side.
    side_of = {id(p): s_subs for p in sp} | {id(p): t_subs for p in tp}

    def split(p: Segment) -> list[Segment]:
        return side_of[id(p)][p.start]

    t0 = time.perf_counter()
    beads = align_paragraphs(sp, tp, split=split)
    dt = time.perf_counter() - t0
    ok = 0
    for b in beads:
        if b.kind == "1-1":
            line = s_ids[b.source[0].start]
            ok += t_ids[b.target[0].start] == line and line[0] in gold
    print(
        f"\n3. alignment: {len(sp)} paragraphs of 3-5 lines, {merged} English lines merged with the "
        f"next and {dropped} dropped (seed {seed})"
    )
    print(
        f"   untouched lines recovered as 1-1 beads: {ok}/{len(gold)} = {100 * ok / len(gold):.1f}%"
        f"   ({dt:.2f}s)"
    )


# -- 4. throughput ----------------------------------------------------------------------------


def throughput(zh: list[str], en: list[str], g, seed: int) -> None:  # type: ignore[no-untyped-def]
    """The corpus as two documents of paragraphs (3-5 lines each), aligned and checked."""
    rng = random.Random(seed)
    zs, es, i = [], [], 0
    while i < len(zh):
        k = rng.randint(3, 5)
        zs.append("".join(zh[i : i + k]))
        es.append(" ".join(en[i : i + k]))
        i += k
    src = DocContext(document_from_text("\n\n".join(zs), "wmt.zh.txt"), g)
    tgt = DocContext(document_from_text("\n\n".join(es), "wmt.en.txt"), g)
    t0 = time.perf_counter()
    pair = pair_documents(src, tgt)
    beads = pair.beads
    t1 = time.perf_counter()
    found = sum(
        len(list(RULES[r](pair))) for r in ("number-mismatch", "glossary-missing", "glossary-mismatch")
    )
    t2 = time.perf_counter()
    n = len(zh)
    print(
        f"\n4. throughput on {n} segments as two {len(zs)}-paragraph documents: "
        f"alignment {t1 - t0:.2f}s ({n / (t1 - t0):.0f} segments/s, {len(beads)} beads), "
        f"number+glossary rules {t2 - t1:.2f}s ({n / (t2 - t1):.0f} segments/s), "
        f"total {n / (t2 - t0):.0f} segments/s ({found} findings)"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--seed", type=int, default=20260113)
    ap.add_argument("--samples", type=int, default=40)
    args = ap.parse_args(argv)
    if not (args.corpus / "newstest2021.zh-en.src.zh").exists():
        print(f"bench_pairs: corpus not found in {args.corpus}", file=sys.stderr)
        return 2
    zh, en = load(args.corpus)
    g = glossary()
    false_positives(zh, en, g, args.samples)
    recall(zh, en, g, args.seed)
    alignment(zh, en, args.seed)
    throughput(zh, en, g, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
