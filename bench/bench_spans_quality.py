"""How well detect_spans labels real English news: false foreign spans and injected fragments.

    python bench/bench_spans_quality.py [--seed 14] [--show]

Reads the WMT21 zh-en news test set in place (../shared/corpora/wmt21-zhen, professional
translations nobody here wrote). Prints numbers only; nothing is asserted.

1. **False foreign spans.** Each English reference line, untouched, is one detect_spans call;
   every span whose language is not ``en`` (and that holds letters) is a false foreign span, since
   the references are English throughout (a few lines quote a name in Chinese characters; those
   are counted apart, as ``Han in the reference``, not as errors).
2. **Injected fragments.** With a fixed seed, a fragment made from the aligned Chinese source line
   is put between two words of a reference line, in one of these forms: Han characters as in the
   source; lower-case pinyin with tone marks (``rénmín rìbào``) and without, a word to a jieba
   word, two to four words (``renmin ribao``); capitalised pinyin one syllable
   to a word (``Ren Min Ri Bao``, how transliteration tools write untranslated names); and
   capitalised pinyin one word to a jieba word, three or four words (``Renmin Ribao Shelun``),
   and two such words (``Renmin Ribao``: the shape of most names English writes in pinyin,
   which detect_spans reads as English on purpose; shown so the trade-off is visible).
   A fragment is detected when spans not labelled ``en`` cover at least half of its letters.
3. **Script labels.** The Chinese source lines as written (simplified) and converted by OpenCC to
   Taiwan's and Hong Kong's standards (``s2tw``, ``s2hk``; needs the ``gen`` extra): how many
   lines come out ``zh-Hans``, ``zh-Hant``, plain ``zh`` or mixed.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WMT = ROOT.parent / "shared" / "corpora" / "wmt21-zhen"
# ZHEN_TREE=/path/to/another/checkout measures that tree's code (a before/after comparison).
sys.path.insert(0, os.environ.get("ZHEN_TREE", str(ROOT)))

from zhen_tools.text.chars import HAN
from zhen_tools.text.spans import detect_spans

FORMS = ("han", "toned", "lower", "syllables", "words", "words2")


def _foreign(text: str) -> list[tuple[str, str]]:
    return [(s.lang, s.text) for s in detect_spans(text) if s.lang not in ("en", "und")]


def _han_words(src: str) -> list[list[str]]:
    """Runs of consecutive Han words of the source line (no digits or punctuation), cut by jieba
    itself (not by zhen_tools, so both trees of a comparison inject the same fragments)."""
    import jieba
    import regex

    jieba.setLogLevel(60)
    han = regex.compile(f"[{HAN}]+")
    runs: list[list[str]] = [[]]
    for piece in jieba.lcut(src, HMM=False):
        if han.fullmatch(piece):
            runs[-1].append(piece)
        elif runs[-1]:
            runs.append([])
    return [r for r in runs if r]


def _pinyin(word: str, toned: bool) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(word, style=Style.TONE if toned else Style.NORMAL)


def _fragment(form: str, words: list[str]) -> str:
    if form == "han":
        return "".join(words)
    if form == "toned":
        return " ".join("".join(_pinyin(w, True)) for w in words)
    if form == "lower":
        return " ".join(_joined(w) for w in words).lower()
    if form == "syllables":
        return " ".join(s.capitalize() for w in words for s in _pinyin(w, False))
    return " ".join(_joined(w).capitalize() for w in words)


def _joined(word: str) -> str:
    """Pinyin of one jieba word as one word; Hanyu Pinyin writes an apostrophe before a/o/e
    inside a word (Xi'an), which pypinyin does not."""
    parts = _pinyin(word, False)
    out = parts[0]
    for p in parts[1:]:
        out += ("'" if p[0] in "aoe" else "") + p
    return out


def _inject(rng: random.Random, line: str, fragment: str) -> tuple[str, int, int]:
    gaps = [i for i, ch in enumerate(line) if ch == " "]
    at = rng.choice(gaps) if gaps else len(line)
    text = line[:at] + " " + fragment + line[at:]
    return text, at + 1, at + 1 + len(fragment)


def _covered(text: str, start: int, end: int) -> bool:
    letters = [i for i in range(start, end) if text[i].isalpha()]
    foreign: set[int] = set()
    for s in detect_spans(text):
        if s.lang != "en":
            foreign.update(range(max(s.start, start), min(s.end, end)))
    return sum(i in foreign for i in letters) * 2 >= len(letters)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--per-form", type=int, default=300, help="injected lines per form")
    ap.add_argument("--show", action="store_true", help="print the false spans and the misses")
    args = ap.parse_args()
    src_path, ref_path = WMT / "newstest2021.zh-en.src.zh", WMT / "newstest2021.zh-en.ref.A.en"
    if not ref_path.exists():
        print("WMT21 corpus not found beside the checkout; nothing measured")
        return
    src = src_path.read_text(encoding="utf-8").splitlines()
    ref = ref_path.read_text(encoding="utf-8").splitlines()

    false_spans: list[tuple[int, str, str]] = []
    han_in_ref = 0
    for n, line in enumerate(ref):
        for lang, text in _foreign(line):
            if lang.startswith("zh-Han") or lang == "zh":
                han_in_ref += 1
            else:
                false_spans.append((n + 1, lang, text))
    lines_with = len({n for n, _, _ in false_spans})
    print(f"== untouched WMT21 reference lines: {len(ref)}")
    print(
        f"false foreign spans        {len(false_spans):5d}  ({1000 * len(false_spans) / len(ref):.1f} per 1,000 lines)"
    )
    print(f"lines with one or more     {lines_with:5d}  ({1000 * lines_with / len(ref):.1f} per 1,000 lines)")
    print(f"Han in the reference       {han_in_ref:5d}  (not counted)")
    by_lang: dict[str, int] = {}
    for _, lang, _ in false_spans:
        by_lang[lang] = by_lang.get(lang, 0) + 1
    print("by label                  ", ", ".join(f"{k} {v}" for k, v in sorted(by_lang.items())))
    if args.show:
        for n, lang, text in false_spans:
            print(f"  line {n:4d} {lang:8s} {text!r}")

    candidates = [(i, runs) for i, line in enumerate(src) if (runs := _han_words(line))]
    print(f"\n== injected fragments (seed {args.seed}, {args.per_form} lines per form)")
    for form in FORMS:
        rng = random.Random(f"{args.seed}-{form}")  # each form its own draws
        need = {"words": 3, "words2": 2, "lower": 2}.get(form, 1)  # jieba words the form needs
        pool = [(i, r) for i, runs in candidates for r in runs if len(r) >= need]
        hits = 0
        misses = []
        for _ in range(args.per_form):
            i, run = rng.choice(pool)
            k = {"words": rng.randint(3, 4), "words2": 2}.get(form) or rng.randint(2, 4)
            a = rng.randint(0, max(0, len(run) - k))
            words = run[a : a + k]
            fragment = _fragment(form, words)
            text, s, e = _inject(rng, ref[i], fragment)
            if _covered(text, s, e):
                hits += 1
            else:
                misses.append(text[max(0, s - 30) : e + 30])
        print(f"{form:10s} detected {hits:4d} of {args.per_form}  ({100 * hits / args.per_form:.1f}%)")
        if args.show:
            for m in misses[:15]:
                print(f"  missed in {m!r}")

    _script_labels(src)


def _script_labels(src: list[str]) -> None:
    """Labels of the Chinese source lines as written (simplified) and as OpenCC converts them to
    the Taiwan and Hong Kong standards: the share of lines whose Han spans all say so."""
    try:
        import opencc
    except ImportError:
        print("\n== script labels skipped: pip install -e '.[gen]' for opencc")
        return
    print("\n== script labels of the WMT21 Chinese source, one detect_spans call per line")
    for config, want in (("", "zh-Hans"), ("s2tw", "zh-Hant"), ("s2hk", "zh-Hant")):
        convert = opencc.OpenCC(config).convert if config else str
        counts: dict[str, int] = {}
        for line in src:
            langs = {sp.lang for sp in detect_spans(convert(line)) if sp.script == "Hani"}
            label = langs.pop() if len(langs) == 1 else ("mixed" if langs else "none")
            counts[label] = counts.get(label, 0) + 1
        shown = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        print(f"{config or 'as written':10s} {want} {counts.get(want, 0):5d} of {len(src)}  ({shown})")


if __name__ == "__main__":
    main()
