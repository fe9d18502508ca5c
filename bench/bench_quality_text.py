"""Precision and recall of the text rules on WMT21 zh→en, checked as pairs through the real engine.

The source and reference are cut into documents of ``--lines`` consecutive segments
(``NNN.zh.txt`` / ``NNN.en.txt`` siblings in a temporary folder, as ``bench_check.make_pairs``
does) and checked with ``zhen_tools.run.run``. For the rules punctuation, repeated-text,
untranslated, inconsistent-rendering, homoglyph and glossary-*:

(a) findings per 1,000 segments on the clean reference, each listed with its corpus line so it
    can be read and labelled; the verdicts (line, rule, real/false, no corpus text) are kept in
    ``bench/quality_labels_text.tsv`` and the false alarms per 1,000 clean segments are counted
    from them (an unlabelled finding is counted as false and printed with ``?``);
(b) recall on defects injected with a fixed seed into ~8% of the English segments, one kind per
    segment: a Han fragment, a respelled Chinese name (one occurrence of a name that reads as
    pinyin and is used in two or more documents), a doubled word, a full-width or doubled
    punctuation mark, a deleted quote where the source's quotes balance, a Cyrillic look-alike
    letter, a generation loop (a word said three more times). An injection is
    caught when its rule reports a finding on that line that the clean run did not.

Reads the corpus in place from ../shared/corpora; prints numbers only (and corpus line numbers).

    python bench/bench_quality_text.py [--lines 50] [--seed 14] [--list]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from zhen_tools.run import RunOptions, run
from zhen_tools.text.pinyin import is_pinyin_word

ROOT = Path(__file__).resolve().parents[1]
WMT = ROOT.parent / "shared" / "corpora" / "wmt21-zhen"
LABELS = Path(__file__).resolve().parent / "quality_labels_text.tsv"
RULES = ("punctuation", "repeated-text", "untranslated", "inconsistent-rendering", "homoglyph", "glossary")
SELECT = ("punctuation", "repeated-text", "untranslated", "inconsistent-rendering", "homoglyph", "glossary")


def _rule(rid: str) -> str:
    return "glossary" if rid.startswith("glossary-") else rid


def write_pairs(folder: Path, zh: list[str], en: list[str], lines: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(0, len(en), lines):
        for lang, side in (("zh", zh), ("en", en)):
            (folder / f"{i // lines:03d}.{lang}.txt").write_text(
                "\n".join(side[i : i + lines]) + "\n", encoding="utf-8"
            )


def check(zh: list[str], en: list[str], lines: int) -> dict[str, set[int]]:
    """Rule -> corpus line numbers (1-based) with a finding; and every finding, for listing."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pairs"
        write_pairs(folder, zh, en, lines)
        res = run([str(folder)], RunOptions(select=SELECT, config=False))
        out: dict[str, set[int]] = defaultdict(set)
        check.findings = []  # type: ignore[attr-defined]
        for f in res.findings:
            n = int(Path(f.path).name.split(".")[0]) * lines + f.line
            out[_rule(f.rule)].add(n)
            check.findings.append((n, f))  # type: ignore[attr-defined]
        return out


# -- injections ------------------------------------------------------------------------------

_NAME = re.compile(r"\b[A-Z][a-z]{3,}\b")
_WORD = re.compile(r"\b[a-z]{3,}\b")
_HAN = ["中国", "发展", "记者", "表示", "合作", "会议"]
_CYR = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "p": "\u0440", "c": "\u0441", "x": "\u0445"}
_VOWEL_SWAP = {"a": "e", "e": "i", "i": "e", "o": "u", "u": "o"}


RESPELLED: dict[int, str] = {}  # line -> "old -> new", for --list


def _respell(word: str) -> str:
    for i in range(len(word) - 2, 0, -1):
        if word[i] in _VOWEL_SWAP:
            return word[:i] + _VOWEL_SWAP[word[i]] + word[i + 1 :]
    return word[:-1] + ("e" if word[-1] != "e" else "a")


def _english_words() -> set[str]:
    """English words that parse as pinyin (``China``, ``June``): the package's own word lists."""
    data = ROOT / "zhen_tools" / "data"
    words: set[str] = {"chinese"}  # an adjective, in neither list
    for name in ("english_pinyin_words.txt", "english_common.txt"):
        words.update(w for w in (data / name).read_text(encoding="utf-8").split() if not w.startswith("#"))
    return words


def inject(
    zh: list[str], en: list[str], lines: int, seed: int, rate: float = 0.08
) -> tuple[list[str], dict[int, tuple[str, str]]]:
    """(new English lines, {line number: (kind, rule)}) for ~rate of the segments."""
    rng = random.Random(seed)
    new = list(en)
    done: dict[int, tuple[str, str]] = {}
    # Names used in two or more documents, for respelling one occurrence.
    docs_of: dict[str, set[int]] = defaultdict(set)
    english = _english_words()
    for i, line in enumerate(en):
        for m in _NAME.finditer(line):
            # A Chinese name (it reads as pinyin), not the sentence's first word.
            if m.start() > 0 and is_pinyin_word(m.group()) and m.group().lower() not in english:
                docs_of[m.group()].add(i // lines)
    multi = {w for w, d in docs_of.items() if len(d) >= 2}
    kinds = ["han", "respell", "doubled-word", "punct", "quote", "cyrillic", "loop"]
    for i in range(len(en)):
        if rng.random() >= rate:
            continue
        for k in range(len(kinds)):  # the next kind in turn that this segment allows
            kind = kinds[(len(done) + k) % len(kinds)]
            got = _apply(kind, en[i], zh[i], multi, rng)
            if got is not None:
                new[i] = got[0]
                done[i + 1] = (kind, got[1])
                if kind == "respell":
                    RESPELLED[i + 1] = _apply.last  # type: ignore[attr-defined]
                break
    return new, done


def _apply(kind: str, line: str, src: str, multi: set[str], rng: random.Random) -> tuple[str, str] | None:
    """(the line with one defect of ``kind``, the rule that should report it), or None."""
    if kind == "han":
        words = list(_WORD.finditer(line))
        if not words:
            return None
        m = rng.choice(words)
        return line[: m.start()] + rng.choice(_HAN) + line[m.end() :], "untranslated"
    if kind == "respell":
        names = [m for m in _NAME.finditer(line) if m.start() > 0 and m.group() in multi]
        if not names:
            return None
        m = rng.choice(names)
        _apply.last = f"{m.group()} -> {_respell(m.group())}"  # type: ignore[attr-defined]
        return line[: m.start()] + _respell(m.group()) + line[m.end() :], "inconsistent-rendering"
    if kind == "doubled-word":
        words = list(_WORD.finditer(line))
        if not words:
            return None
        m = rng.choice(words)
        return line[: m.end()] + " " + m.group() + line[m.end() :], "repeated-text"
    if kind == "punct":
        spots = [j for j, ch in enumerate(line) if ch in ",." and line[j + 1 : j + 2] in ("", " ")]
        if not spots:
            return None
        j = rng.choice(spots)
        mark = {",": "\uff0c", ".": "\u3002"}[line[j]] if rng.random() < 0.5 else line[j] * 2
        return line[:j] + mark + line[j + 1 :], "punctuation"
    if kind == "quote":
        quotes = [j for j, ch in enumerate(line) if ch in '"\u201c\u201d']
        src_quotes = sum(src.count(q) for q in '"\u201c\u201d')
        if len(quotes) != 2 or src_quotes % 2 or not src_quotes:
            return None
        j = rng.choice(quotes)
        return line[:j] + line[j + 1 :], "punctuation"
    if kind == "cyrillic":
        spots = [j for j, ch in enumerate(line) if ch in _CYR and line[j - 1 : j].isalpha()]
        if not spots:
            return None
        j = rng.choice(spots)
        return line[:j] + _CYR[line[j]] + line[j + 1 :], "homoglyph"
    if kind == "loop":
        words = list(re.finditer(r"\b[A-Za-z]{3,}\b", line))
        if not words:
            return None
        m = words[-1] if rng.random() < 0.5 else rng.choice(words)
        return line[: m.end()] + (", " + m.group()) * 3 + line[m.end() :], "repeated-text"
    raise ValueError(kind)


def load_labels() -> dict[tuple[int, str], str]:
    labels: dict[tuple[int, str], str] = {}
    if LABELS.exists():
        for row in LABELS.read_text(encoding="utf-8").splitlines():
            if row and not row.startswith("#"):
                line, rule, verdict = row.split("\t")[:3]
                labels[(int(line), rule)] = verdict
    return labels


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lines", type=int, default=50, help="segments per document")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--list", action="store_true", help="list every finding on the clean reference")
    args = ap.parse_args(argv)
    zh = (WMT / "newstest2021.zh-en.src.zh").read_text(encoding="utf-8").splitlines()
    en = (WMT / "newstest2021.zh-en.ref.A.en").read_text(encoding="utf-8").splitlines()
    n = len(en)
    clean = check(zh, en, args.lines)
    clean_findings = list(check.findings)  # type: ignore[attr-defined]
    labels = load_labels()
    print(f"## (a) clean reference: {n} segments in documents of {args.lines} lines")
    head = f"{'rule':24} {'flagged seg':>11} {'per 1,000':>9} {'real':>5} {'false':>6} {'unlabelled':>10}"
    print(f"{head} {'false/1,000 clean':>18}")
    for rule in RULES:
        segs = clean.get(rule, set())
        verdicts = Counter(labels.get((s, rule), "?") for s in segs)
        real = verdicts["real"]
        false = verdicts["false"] + verdicts["?"]
        print(
            f"{rule:24} {len(segs):11} {1000 * len(segs) / n:9.2f} {real:5} {verdicts['false']:6} "
            f"{verdicts['?']:10} {1000 * false / (n - real):18.2f}"
        )
    if args.list:
        for line, f in sorted(clean_findings, key=lambda x: (x[0], x[1].rule)):
            verdict = labels.get((line, _rule(f.rule)), "?")
            print(f"  {line:5} {verdict:5} {f.rule:24} {f.message}: {f.text[:50]!r}")
    new, done = inject(zh, en, args.lines, args.seed)
    dirty = check(zh, new, args.lines)
    print(f"## (b) recall on {len(done)} injected segments (seed {args.seed}, {len(done) / n:.1%})")
    by_kind: dict[str, list[bool]] = defaultdict(list)
    for line, (kind, rule) in sorted(done.items()):
        by_kind[kind].append(line in dirty.get(rule, set()) and line not in clean.get(rule, set()))
    print(f"{'defect':16} {'rule':24} {'injected':>8} {'caught':>7} {'recall':>7}")
    rule_of = {k: r for k, r in done.values()}
    for kind, hits in by_kind.items():
        print(f"{kind:16} {rule_of[kind]:24} {len(hits):8} {sum(hits):7} {sum(hits) / len(hits):7.2f}")
    if args.list:
        for line, (kind, rule) in sorted(done.items()):
            hit = line in dirty.get(rule, set()) and line not in clean.get(rule, set())
            if not hit:
                print(f"  missed {kind} at line {line} {RESPELLED.get(line, '')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
