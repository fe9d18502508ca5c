"""Measure the pair rules' quality on real professional news: false alarms and recall, by rule.

The WMT21 zh-en test set (``../shared/corpora``, read in place, 1,948 line-aligned segments) is
written as 50-line ``NAME.zh.txt``/``NAME.en.txt`` siblings in a temporary folder and checked
through the real engine (``zhen_tools.check``), so alignment, drift tolerance and the pair rules
run as they do for a user. One function per rule family fills one row of the table.

number-mismatch:

(a) false alarms: every target line the rule flags on the untouched corpus is looked up in
    ``bench/quality_labels_number_mismatch.tsv`` (global 1-based line number, ``real`` or
    ``false``, a note; verdicts by a reader, never corpus text). False alarms per 1,000 clean
    segments = lines labelled ``false`` / (segments - lines labelled ``real``) x 1000. Flagged
    lines without a verdict are counted and listed (``--show`` prints them to label).
(b) recall: with a fixed seed, ~8% of the English lines get one injected number defect (a changed
    plain number, a scale word, a percentage, a year, a day of month, a clock time, a number
    glued to a unit or a model name, or a dropped number); a defect is caught when the rule
    flags that line.

Usage: python bench/bench_quality.py [--seed N] [--rate 0.08] [--show]
Before/after: run it once with this tree and once from another directory with
``PYTHONPATH=<old tree>`` (a whole ``git archive`` of the old commit, so its bundled glossaries,
which anchor the alignment, are found too).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WMT = ROOT.parent / "shared" / "corpora" / "wmt21-zhen"
LABELS = Path(__file__).resolve().parent / "quality_labels_number_mismatch.tsv"
LINES = 50


def load() -> tuple[list[str], list[str]]:
    zh = (WMT / "newstest2021.zh-en.src.zh").read_text(encoding="utf-8").splitlines()
    en = (WMT / "newstest2021.zh-en.ref.A.en").read_text(encoding="utf-8").splitlines()
    assert len(zh) == len(en), "the corpus must be line-aligned"
    return zh, en


def flagged_lines(zh: list[str], en: list[str], rule: str) -> dict[int, list[str]]:
    """Global 1-based target line -> messages of ``rule`` on it, checking 50-line siblings."""
    import zhen_tools

    out: dict[int, list[str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i in range(0, len(en), LINES):
            for lang, side in (("zh", zh), ("en", en)):
                (folder / f"{i // LINES:03d}.{lang}.txt").write_text(
                    "\n".join(side[i : i + LINES]) + "\n", encoding="utf-8"
                )
        for f in zhen_tools.check([str(folder)], select=[rule], config=False):
            chunk = int(Path(f.path).name.split(".")[0])
            for line in range(f.line, f.end_line + 1):
                out.setdefault(chunk * LINES + line, []).append(f.message)
    return out


# -- injected number defects ------------------------------------------------------------------

_SCALE_SWAP = {"million": "billion", "billion": "million", "thousand": "million", "trillion": "billion"}
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"


def _bump(digits: str, rng: random.Random) -> str:
    """Another number of the same shape: one digit changed (never to the same digit)."""
    pos = [i for i, c in enumerate(digits) if c.isdigit()]
    i = rng.choice(pos)
    old = int(digits[i])
    new = rng.choice([d for d in range(10) if d != old and not (i == 0 and d == 0 and len(pos) > 1)])
    return digits[:i] + str(new) + digits[i + 1 :]


# kind -> pattern whose group 1 is the number to change (or whole match to drop)
INJECT: dict[str, re.Pattern[str]] = {
    "percent": re.compile(r"(?<![\w.,])(\d+(?:\.\d+)?)(?=\s?(?:%|percent))"),
    "scaled": re.compile(r"(?<![\w.,])\d+(?:\.\d+)? (million|billion|thousand|trillion)\b"),
    "year": re.compile(r"(?<![\w.,])((?:19|20)\d\d)(?![\w,.]\d)"),
    "day": re.compile(rf"\b{_MONTH} (\d{{1,2}})\b(?!:)"),
    "time": re.compile(r"(?<![\d:])\d{1,2}:(\d\d)(?![\d:])"),
    "unit": re.compile(
        r"(?<![\w.,])(\d+(?:\.\d+)?)(?=\s?(?:km|kg|nm|mm|cm|mg|GB|MB|kW|MW|GW|mph|m|g|℃|°C|degrees|meters|"
        r"metres|kilometers|kilometres|tons|tonnes|hectares|mu|yuan|cubic meters)\b)"
    ),
    "model": re.compile(r"\b[A-Z]{1,5}-?(\d{1,4})\b"),
    "plain": re.compile(r"(?<![\w.,:$-])(\d{1,3}(?:,\d{3})+|\d{2,})(?![\w.,:%-]|\s?(?:%|percent))"),
    "dropped": re.compile(
        r"(?<![\w.,:-])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:st|nd|rd|th)?(?![\w.,:-]) ?(?=[a-z])"
    ),
}


def inject(line: str, kind: str, rng: random.Random, source: str) -> str | None:
    """``line`` with one defect of ``kind``, or None when the line has no place for it. A model
    code is changed only where the source writes it too (copied verbatim): a code the
    translator introduced has nothing to be checked against."""
    ms = list(INJECT[kind].finditer(line))
    if kind == "model":
        ms = [m for m in ms if m.group() in source]
    if not ms:
        return None
    m = rng.choice(ms)
    if kind == "dropped":
        return line[: m.start()] + line[m.end() :]
    if kind == "scaled":
        word = m.group(1)
        return line[: m.start(1)] + _SCALE_SWAP[word] + line[m.end(1) :]
    if kind == "time":
        return (
            line[: m.start(1)]
            + rng.choice([x for x in ("00", "15", "30", "40", "45") if x != m.group(1)])
            + line[m.end(1) :]
        )
    if kind in ("unit", "model"):
        # ten times the number: 14nm -> 140nm, 2.02 meters -> 20.2 meters, CMV-22 -> CMV-220
        whole, _, frac = m.group(1).partition(".")
        new = (whole + frac[:1]).lstrip("0") or "0"
        new += "." + frac[1:] if frac[1:] else ("" if frac else "0")
    else:
        new = _bump(m.group(1), rng)
        if kind == "day" and not 1 <= int(new) <= 28:
            new = str(int(m.group(1)) % 28 + 1)
    return line[: m.start(1)] + new + line[m.end(1) :]


def injected_corpus(zh: list[str], en: list[str], seed: int, rate: float) -> tuple[list[str], dict[int, str]]:
    """The English with ``rate`` of its lines given one defect each; 1-based line -> kind.

    Lines are visited in a seeded random order and each gets the applicable kind injected least
    so far, so that rare kinds (codes copied from the source, clock times) are represented."""
    rng = random.Random(seed)
    out = list(en)
    kinds: dict[int, str] = {}
    done: Counter[str] = Counter()
    order = list(range(len(en)))
    rng.shuffle(order)
    for i in order:
        if len(kinds) >= rate * len(en):
            break
        options = [k for k in INJECT if INJECT[k].search(en[i])]
        rng.shuffle(options)
        for kind in sorted(options, key=lambda k: done[k]):
            new = inject(en[i], kind, rng, zh[i])
            if new is not None and new != en[i]:
                out[i] = new
                kinds[i + 1] = kind
                done[kind] += 1
                break
    return out, kinds


# -- rule families --------------------------------------------------------------------------


def read_labels() -> dict[int, str]:
    labels: dict[int, str] = {}
    if LABELS.exists():
        for row in LABELS.read_text(encoding="utf-8").splitlines():
            if row and not row.startswith("#"):
                line, verdict, *_ = row.split("\t")
                labels[int(line)] = verdict
    return labels


def numbers_row(zh: list[str], en: list[str], args: argparse.Namespace) -> dict[str, str]:
    flagged = flagged_lines(zh, en, "number-mismatch")
    labels = read_labels()
    findings = sum(len(v) for v in flagged.values())
    real = sum(1 for v in labels.values() if v == "real")
    false = [n for n in flagged if labels.get(n) == "false"]
    true = [n for n in flagged if labels.get(n) == "real"]
    unlabelled = sorted(n for n in flagged if n not in labels)
    if args.show:
        for n in unlabelled:
            print(f"{n}\t{zh[n - 1]}\n\t{en[n - 1]}\n\t{flagged[n]}", file=sys.stderr)
    bad, kinds = injected_corpus(zh, en, args.seed, args.rate)
    caught = flagged_lines(zh, bad, "number-mismatch")
    by_kind = Counter(kinds.values())
    hit = Counter(k for n, k in kinds.items() if n in caught)
    if args.misses:
        for n, k in sorted(kinds.items()):
            if n not in caught:
                print(f"{n}\t{k}\t{zh[n - 1]}\n\t{en[n - 1]}\n\t{bad[n - 1]}", file=sys.stderr)
    recall = sum(hit.values()) / max(1, len(kinds))
    per_kind = " ".join(f"{k}:{hit[k]}/{by_kind[k]}" for k in INJECT if by_kind[k])
    return {
        "rule": "number-mismatch",
        "findings/1k seg": f"{1000 * findings / len(en):.1f}",
        "flagged lines": str(len(flagged)),
        "real": str(len(true)),
        "false": str(len(false)),
        "unlabelled": str(len(unlabelled)),
        "FA/1k clean": f"{1000 * len(false) / (len(en) - real):.1f}",
        "recall": f"{recall:.3f} ({sum(hit.values())}/{len(kinds)})",
        "by kind": per_kind,
        "_unlabelled": " ".join(map(str, unlabelled)),
    }


FAMILIES: dict[str, Callable[[list[str], list[str], argparse.Namespace], dict[str, str]]] = {
    "numbers": numbers_row,
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--rate", type=float, default=0.08)
    ap.add_argument("--show", action="store_true", help="print unlabelled flagged lines (stderr)")
    ap.add_argument("--misses", action="store_true", help="print missed injected defects (stderr)")
    ap.add_argument("--family", action="append", choices=sorted(FAMILIES))
    args = ap.parse_args()
    zh, en = load()
    import zhen_tools

    print(f"## pair-rule quality on WMT21 zh-en ({len(en)} segments, {LINES}-line siblings)")
    print(f"zhen_tools from {Path(zhen_tools.__file__).parent}; seed {args.seed}, rate {args.rate}")
    for name in args.family or sorted(FAMILIES):
        row = FAMILIES[name](zh, en, args)
        for k, v in row.items():
            if not k.startswith("_") or v:
                print(f"{k.lstrip('_'):>16}  {v}")


if __name__ == "__main__":
    main()
