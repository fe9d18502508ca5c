"""The one home of character classes: Han, kana, Hangul, CJK punctuation, "mostly Chinese".

Every module that asks "is this Han?" reads the answer here. The classes are character-class
bodies (to be used inside ``[...]``) written as ``\\uXXXX``/``\\UXXXXXXXX`` ranges, so the same
string works in the standard ``re`` module and in ``regex``. Han covers Unicode's Han script
and every CJK extension block of planes 2 and 3 whole (their unassigned places included): 𠮷
(U+20BB7) is Han; the Yijing hexagram ䷀ (U+4DC0) is a symbol, not Han. Kana are
hiragana, katakana and the marks only Japanese uses (ー, 々's companion 〆, 〱); the katakana middle
dot ・ is punctuation. The Han tables that tell simplified, traditional and Japanese forms apart
come from ``zhen_tools/data/han_scripts.txt`` (generated from OpenCC's tables by
``bench/gen_data.py``) and are read the first time Han text is classified.

>>> is_han("𠮷"), is_han("䷀"), is_han("か"), is_han("ｆ")
(True, False, False, False)
>>> mostly_chinese("日本盯上海底稀土，超70%依赖中国进口"), mostly_chinese("Takaichi (高市早苗) said")
(True, False)
>>> classify_han("日本從海底開採稀土"), classify_han("日本从海底开采稀土")
(('zh-Hant', 'Hani'), ('zh-Hans', 'Hani'))
>>> classify_han("中日"), classify_han("沖ノ鳥島"), classify_han("한국어")
(('zh', 'Hani'), ('ja', 'Jpan'), ('ko', 'Hang'))
>>> script_code("Ж"), script_code("中"), script_code("7")
('Cyrl', 'Hani', 'Zyyy')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from zhen_tools.text.lazyre import lazy_compile

__all__ = [
    "BOPOMOFO",
    "CJK",
    "CJK_PUNCT",
    "CYRILLIC",
    "HAN",
    "HANGUL",
    "HAN_KANA",
    "HAN_KANA_RE",
    "KANA",
    "LATIN",
    "LINE_BREAKS",
    "HanTables",
    "ascii_punct",
    "classify_han",
    "english_line",
    "fragment_ranges",
    "han_fragments",
    "han_kana_count",
    "han_tables",
    "has_han_kana",
    "is_han",
    "mostly_chinese",
    "script_code",
    "separator_bar",
]

# Class bodies for ``[...]``, valid in both ``re`` and ``regex``.
# Han script: CJK radicals and Kangxi radicals, 々 〇 and the Hangzhou numerals, the unified
# ideographs with extension A, compatibility ideographs, the Khitan/Vietnamese reading marks, and
# the extension blocks of planes 2 and 3 (B to J, the compatibility supplement) whole.
HAN = (
    r"\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff"
    r"\uf900-\ufaff\U00016fe2-\U00016fe3\U00016ff0-\U00016fff\U00020000-\U0002fa1f\U00030000-\U0003347f"
)
# Hiragana, katakana (full and half width, circled and squared, the kana supplements) and the
# marks that have script Common but occur only in Japanese words: 〆, 〱-〵 (kana repetition),
# ゛゜ (voicing marks), ー and ｰ (prolonged sound). Not ・ (U+30FB): it is punctuation.
KANA = (
    r"\u3006\u3031-\u3035\u3041-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff\u32d0-\u32fe"
    r"\u3300-\u3357\uff66-\uff9f\U0001aff0-\U0001b16f\U0001f200"
)
HANGUL = (
    r"\u1100-\u11ff\u302e-\u302f\u3131-\u318e\u3200-\u321e\u3260-\u327e\ua960-\ua97f"
    r"\uac00-\ud7ff\uffa0-\uffdc"
)
# Bopomofo is only written beside traditional Chinese, so it rides with the Han characters.
BOPOMOFO = r"\u02ea-\u02eb\u3100-\u312f\u31a0-\u31bf"
HAN_KANA = HAN + KANA
CJK = HAN + KANA + HANGUL + BOPOMOFO
# CJK and full-width punctuation, which belongs to the Chinese text it touches: 、。〃 〈〉《》「」『』
# 【】〔〕 and the rest of U+3014-301F, ・, and the full-width forms of ASCII punctuation.
CJK_PUNCT = (
    r"\u3001-\u3003\u3008-\u3011\u3014-\u301f\u30fb\uff01-\uff0f\uff1a-\uff20"
    r"\uff3b-\uff40\uff5b-\uff65"
)
# ``regex`` fragments for the alphabetic scripts (script properties: no literal table to keep).
LATIN = r"\p{Latin}"
CYRILLIC = r"\p{Cyrillic}"
# What str.splitlines() splits on.
LINE_BREAKS = r"\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

_HAN_RE = lazy_compile(f"[{HAN}]")
# One Han or kana character (compiled once for every rule that looks for one).
HAN_KANA_RE = lazy_compile(f"[{HAN_KANA}]")
# The words of an English line: Latin letters (with the accented Latin-1 and Extended-A/B ones).
_LATIN_WORD = lazy_compile(r"[A-Za-z\u00c0-\u024f]+(?:['\u2019][A-Za-z]+)*")
_LETTER = lazy_compile(r"[^\W\d_]")


def is_han(ch: str) -> bool:
    """Whether the character is Han (any CJK ideograph, extension planes included)."""
    return _HAN_RE.match(ch) is not None


def han_kana_count(text: str) -> int:
    """How many Han and kana characters ``text`` holds."""
    return len(HAN_KANA_RE.findall(text))


def separator_bar(line: str, i: int) -> bool:
    """Whether the 丨 (U+4E28, a Han character) at ``line[i]`` separates non-Chinese text (``News
    丨 China``): no Han or kana next to it, spaces aside. Between Chinese words it is Chinese.

    >>> separator_bar("Video 丨 China", 6), separator_bar("丨Sports", 0), separator_bar("中丨国", 1)
    (True, True, False)
    """
    j = i - 1
    while j >= 0 and line[j] in " \t\u3000":
        j -= 1
    k = i + 1
    while k < len(line) and line[k] in " \t\u3000":
        k += 1
    before = line[j] if j >= 0 else "a"
    after = line[k] if k < len(line) else "a"
    return not HAN_KANA_RE.match(before) and not HAN_KANA_RE.match(after)


def has_han_kana(text: str) -> bool:
    """Whether ``text`` holds a Han or kana character."""
    return HAN_KANA_RE.search(text) is not None


# A fragment's core: Han/kana runs joined by spaces, CJK punctuation or digits between them
# (日本派船探查 距中国, 据悉，2025年), so one untranslated clause is one fragment.
_CORE = lazy_compile(f"[{HAN_KANA}]+(?:[ \\t\\u3000{CJK_PUNCT}0-9\\uff10-\\uff19]*[{HAN_KANA}]+)*")
_PUNCT_CHAR = lazy_compile(f"[{CJK_PUNCT}]")
_PUNCT_AFTER = lazy_compile(f"[{CJK_PUNCT}]+")


def han_fragments(line: str) -> Iterator[tuple[re.Match[str], int, int, str, str]]:
    """Each Han/kana core of ``line`` with the extent of the fragment (the core plus the CJK
    punctuation touching it) and that leading and trailing punctuation. A gloss's full-width
    parentheses touch it too, so the fragment of ``mud（稀土泥）`` is ``（稀土泥）``.

    >>> [(m.group(), start, end, lead, trail) for m, start, end, lead, trail in han_fragments("据悉，Japan")]
    [('据悉', 0, 3, '', '，')]
    """
    for m in _CORE.finditer(line):
        # The leading punctuation, found by stepping back from the core: searching the line up
        # to it for ``[punct]+$`` would rescan the line for every fragment, quadratic on a long
        # line. Cores joined by punctuation alone are one core, so this stops before the last.
        start = m.start()
        while start > 0 and _PUNCT_CHAR.match(line, start - 1):
            start -= 1
        trail = _PUNCT_AFTER.match(line, m.end())
        yield (
            m,
            start,
            trail.end() if trail else m.end(),
            line[start : m.start()],
            trail.group() if trail else "",
        )


def fragment_ranges(line: str) -> list[tuple[int, int]]:
    """(start, end) within ``line`` of every Han/kana fragment with its touching CJK punctuation."""
    return [(start, end) for _, start, end, _, _ in han_fragments(line)]


def english_line(line: str) -> bool:
    """Is this line English (Latin words outweigh Han/kana), so that Han/kana in it is a fragment?

    A Chinese sentence runs about 1.5 characters per word of its English translation, so a line
    is English when its Latin words outnumber two thirds of its Han/kana characters.

    >>> english_line('declared its resource scale "third in the world,"仅次于 China and Brazil.')
    True
    >>> english_line("盯上6000米深海稀土!日本派船探查 距中国加强两用物项出口管制不到一周")
    False
    >>> english_line("2026-01-13 07:26")  # no words at all: not English
    False
    """
    words = len(_LATIN_WORD.findall(line))
    return words > 0 and 2 * han_kana_count(line) < 3 * words


def mostly_chinese(text: str) -> bool:
    """A line whose letters are mostly Han (or kana): a Chinese headline in a digest, the source
    column of a table. Short mixed lines such as ``Mei Ri Jing Ji Xin Wen· 2026-01-13 07:26``
    are English.

    >>> mostly_chinese("中国能源报· 2026-01-12 12:51"), mostly_chinese("Mei Ri Jing Ji Xin Wen· 2026-01-13")
    (True, False)
    """
    han = han_kana_count(text)
    if han < 2:
        return False  # most lines: no need to count their letters
    latin = len(_LETTER.findall(text)) - han
    # One Han character carries what two or three English letters do, so "mostly Han" weighs
    # each Han character double: "日本JAMSTEC宣布" is a Chinese line.
    return 2 * han >= latin


_EXTRA_ASCII = {"。": ".", "、": ",", "【": "[", "】": "]", "〔": "(", "〕": ")", "｡": ".", "､": ","}


def ascii_punct(ch: str) -> str | None:
    """The ASCII character for a full-width or CJK punctuation mark, or None.

    >>> ascii_punct("，"), ascii_punct("。"), ascii_punct("、"), ascii_punct("【"), ascii_punct("「")
    (',', '.', ',', '[', None)
    """
    if ch in _EXTRA_ASCII:
        return _EXTRA_ASCII[ch]
    if "\uff01" <= ch <= "\uff5e" and not ch.isalnum():
        return unicodedata.normalize("NFKC", ch)
    return None


_DATA = Path(__file__).resolve().parents[1] / "data"
_KANA_RE = lazy_compile(f"[{KANA}]")
_HANGUL_RE = lazy_compile(f"[{HANGUL}]")
_BOPOMOFO_RE = lazy_compile(f"[{BOPOMOFO}]")

# ISO 15924 codes of the scripts worth naming; anything else with letters is Zzzz (unknown).
_SCRIPT_CODES = (
    ("Latin", "Latn"),
    ("Han", "Hani"),
    ("Cyrillic", "Cyrl"),
    ("Hiragana", "Hira"),
    ("Katakana", "Kana"),
    ("Hangul", "Hang"),
    ("Bopomofo", "Bopo"),
    ("Greek", "Grek"),
    ("Arabic", "Arab"),
    ("Hebrew", "Hebr"),
    ("Thai", "Thai"),
    ("Devanagari", "Deva"),
    ("Tibetan", "Tibt"),
    ("Mongolian", "Mong"),
    ("Armenian", "Armn"),
    ("Georgian", "Geor"),
    ("Khmer", "Khmr"),
    ("Lao", "Laoo"),
    ("Myanmar", "Mymr"),
    ("Ethiopic", "Ethi"),
    ("Bengali", "Beng"),
    ("Tamil", "Taml"),
    ("Sinhala", "Sinh"),
    ("Inherited", "Zinh"),
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
