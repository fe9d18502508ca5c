"""Per-character script classes, and the Han tables that tell simplified, traditional and Japanese.

The character classes are ``regex`` set fragments (``\\p{...}`` syntax) shared by ``spans`` and
other modules so that "what is a Han character" has one answer. The Han tables come from
``zhen_tools/data/han_scripts.txt`` (generated from OpenCC's tables by ``bench/gen_data.py``) and
are read once, the first time Han text is classified.

>>> classify_han("日本從海底開採稀土"), classify_han("日本从海底开采稀土")
(('zh-Hant', 'Hani'), ('zh-Hans', 'Hani'))
>>> classify_han("中日"), classify_han("沖ノ鳥島"), classify_han("한국어")
(('zh', 'Hani'), ('ja', 'Jpan'), ('ko', 'Hang'))
>>> script_code("Ж"), script_code("中"), script_code("7")
('Cyrl', 'Hani', 'Zyyy')
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

__all__ = [
    "CJK",
    "CYRILLIC",
    "HAN",
    "HANGUL",
    "KANA",
    "LATIN",
    "LINE_BREAKS",
    "HanTables",
    "classify_han",
    "han_tables",
    "script_code",
]

# Set fragments, to be used inside [...]. ー and ｰ (prolonged sound marks) and 〱-〵 (kana
# repetition marks) have script Common but only occur in Japanese words, so they count as kana.
HAN = r"\p{Han}"
KANA = r"\p{Hiragana}\p{Katakana}\u30fc\uff70\u3031-\u3035"
HANGUL = r"\p{Hangul}"
# Bopomofo is only written beside traditional Chinese, so it rides with the Han characters.
CJK = HAN + KANA + HANGUL + r"\p{Bopomofo}"
LATIN = r"\p{Latin}"
CYRILLIC = r"\p{Cyrillic}"
# What str.splitlines() splits on.
LINE_BREAKS = r"\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

_DATA = Path(__file__).resolve().parents[1] / "data"
_KANA_RE = regex.compile(f"[{KANA}]")
_HANGUL_RE = regex.compile(f"[{HANGUL}]")
_BOPOMOFO_RE = regex.compile(r"\p{Bopomofo}")

# ISO 15924 codes of the scripts worth naming; anything else with letters is Zzzz (unknown).
_SCRIPT_CODES = (
    ("Latin", "Latn"), ("Han", "Hani"), ("Cyrillic", "Cyrl"), ("Hiragana", "Hira"),
    ("Katakana", "Kana"), ("Hangul", "Hang"), ("Bopomofo", "Bopo"), ("Greek", "Grek"),
    ("Arabic", "Arab"), ("Hebrew", "Hebr"), ("Thai", "Thai"), ("Devanagari", "Deva"),
    ("Tibetan", "Tibt"), ("Mongolian", "Mong"), ("Armenian", "Armn"), ("Georgian", "Geor"),
    ("Khmer", "Khmr"), ("Lao", "Laoo"), ("Myanmar", "Mymr"), ("Ethiopic", "Ethi"),
    ("Bengali", "Beng"), ("Tamil", "Taml"), ("Sinhala", "Sinh"), ("Inherited", "Zinh"),
    ("Common", "Zyyy"),
)


@lru_cache(maxsize=1)
def _script_res() -> tuple[tuple[regex.Pattern[str], str], ...]:
    return tuple((regex.compile(rf"\p{{Script={name}}}"), code) for name, code in _SCRIPT_CODES)


def script_code(ch: str) -> str:
    """ISO 15924 code of one character's Unicode script (``Zyyy`` for digits and punctuation,
    ``Zinh`` for combining marks, ``Zzzz`` for scripts not named here)."""
    for pattern, code in _script_res():
        if pattern.match(ch):
            return code
    return "Zzzz"


@dataclass(frozen=True)
class HanTables:
    """Han characters by the writing systems they belong to (see bench/gen_data.py)."""

    simplified: frozenset[str]  # only in simplified Chinese (从 国 们)
    traditional: frozenset[str]  # only in traditional Chinese (從 國 們)
    japanese: frozenset[str]  # Japanese-only forms: shinjitai and kokuji (従 駅 働)
    simplified_japanese: frozenset[str]  # simplified forms Japanese writes too (国 会 学)


@lru_cache(maxsize=1)
def han_tables() -> HanTables:
    """The Han tables, read from the package data on first use (a few milliseconds)."""
    raw = (_DATA / "han_scripts.txt").read_text(encoding="utf-8")
    sets: dict[str, frozenset[str]] = {}
    for line in raw.splitlines():
        if line and not line.startswith("#"):
            tag, chars = line.split("\t")
            sets[tag] = frozenset(chars)
    return HanTables(sets["S"], sets["T"], sets["J"], sets["SJ"])


def classify_han(text: str) -> tuple[str, str]:
    """(BCP 47 tag, ISO 15924 script) of a stretch of CJK text.

    Hangul makes it Korean. Kana make it Japanese, and so do Japanese-only kanji forms when they
    are at least as many as the simplified-only forms Japanese never writes (one odd character
    does not turn a Chinese sentence Japanese). Otherwise the characters that differ between the
    two Chinese scripts vote; a tie, including text of shared characters only, is plain ``zh``.
    """
    if _HANGUL_RE.search(text):
        return "ko", "Hang"
    if _KANA_RE.search(text):
        return "ja", "Jpan"
    t = han_tables()
    simp = sum(map(t.simplified.__contains__, text))
    trad = sum(map(t.traditional.__contains__, text))
    jap = sum(map(t.japanese.__contains__, text))
    if jap:
        simp_not_ja = simp - sum(map(t.simplified_japanese.__contains__, text))
        if jap >= simp_not_ja:
            return "ja", "Jpan"
    if _BOPOMOFO_RE.search(text):
        trad += 1
    if simp > trad:
        return "zh-Hans", "Hani"
    if trad > simp:
        return "zh-Hant", "Hani"
    return "zh", "Hani"
