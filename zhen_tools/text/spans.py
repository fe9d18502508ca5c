"""detect_spans: partition text into maximal runs of one language (BCP 47) and script (ISO 15924).

How a text is cut, in order:

1. **Script runs.** Maximal runs whose letters are all Latin, all Cyrillic, all CJK (Han, kana,
   Hangul, Bopomofo) or all of some other script; digits, punctuation and spaces between letters
   of one script stay inside the run. One regular expression finds the non-Latin runs, and Latin
   runs are what lies between them, so English text is skipped at C speed. A word never splits:
   a word mixing Latin and Cyrillic letters (``PocTex`` with a Cyrillic ``Р``) goes whole to the
   script most of its letters use. Runs of another script shorter than four letters (a Greek ``α``
   in English prose) are treated like punctuation; longer ones are ``und`` with their ISO code.
2. **Pieces.** CJK runs are cut at line breaks and at sentence ends (``。！？!?；``) and each piece
   is classified by ``scripts.classify_han``; a piece of characters shared by both Chinese scripts
   (``zh``) takes the script of its Chinese neighbour in the same run, so a headline
   ``盯上6000米深海稀土!日本派船…`` is one ``zh-Hans`` span; Han with kana stays one ``ja`` piece.
   Latin and Cyrillic runs are cut at line breaks and sentence ends. A Latin sentence is English
   when English function words make up a good share of it (``data/english_markers.txt``; a
   str.count fast path first) or, failing that, when most of its uncapitalised words are
   everyday English words not shared with the other Latin languages
   (``data/english_common.txt``, for headlines); pinyin (``zh-Latn``, see below) when every word
   is; else whatever langdetect says of its uncapitalised words (names mislead it), when there
   are enough of them to judge and it is sure. Cyrillic letters settle uk/be/sr/mk/ru
   (``і``, ``ў``, ``ћ``, ``ѓ``, ``ы``) before langdetect is asked. Sentences too short to judge
   (a French name, ``Search documents``) take the language of the nearest judged sentence of
   their script, else ``en`` (``ru`` for Cyrillic).
3. **Pinyin.** Inside a Latin sentence, a stretch of capitalised words that all parse as pinyin
   syllables (``pinyin.split_syllables``) and none of which is an English word
   (``data/english_pinyin_words.txt``) or reads as romanised Japanese (three or more open
   syllables in a word: ``Takahashi``, ``Tanaka``) is ``zh-Latn`` when it is untranslated rather
   than a name English writes in pinyin: three one-syllable words in a row (``Mei Ri Jing Ji Xin
   Wen``, as transliteration tools write), three or more words with no English head noun after
   them (``Meiri Jingji Xinwen``) or more than three before one, or words a term marker such as
   ``so-called`` introduces (``the so-called Zhongguo Meng``). Two words (``Lianhe Zaobao``,
   ``Xi Jinping``) and up to three before an English head (``Beijing Jiaotong University``,
   ``Yunnan Menglian County``) are names, and English. Words with pinyin tone marks on most
   syllables (``Zhōngguó``, ``Tiānānmén``) are ``zh-Latn`` on their own; ``réduire`` is not.
   An English word that is also pinyin between two pinyin words joins them (``Xunqiu Qianzheng
   He Qita``). In lower case, where English writes no names, the rule is about loans: English
   has taken Chinese words one or two at a time (``hukou``, ``guanxi``, ``yuan``, ``feng shui``),
   so a lone pinyin word (``a hukou reform``) and words of one syllable only are English, while
   two or more pinyin words in a row, one of two or more syllables that is not a dictionary loan,
   are ``zh-Latn`` (``the so-called zhongguo meng``, ``the tuhao jin phones``, ``hukou gaige``)
   in English sentences only (``bisa ada`` is Indonesian), and not when glued to an address or a
   compound (``xinhua.net``, ``anti-jingji``). A word of open syllables only (``bisa``, ``sana``)
   needs an initial only pinyin has (x, q, c, z, sh). Most sentences are settled without looking
   at a word: the tokens seen before are remembered (see ``_seed_words``). A
   sentence made only of pinyin words (a source line ``Lianhe Zaobao· 07:26``) is ``zh-Latn``
   unless shaped like a personal name. ``Sina``, ``Takaichi``, ``China``, ``Hong Kong``,
   ``Qinghai Lake`` and ``Long March`` are not pinyin.
4. **Spans.** Neighbouring pieces of one language and script on the same line merge; a span never
   takes letters from two lines, so a line is the largest unit (a paragraph, a headline) and a
   Chinese headline between English lines is exactly its own span. The neutral characters
   between two spans are split thus: everything up to and including the last line break goes to
   the earlier span (a line break ends a span; blank lines and lines without letters ride with
   the span before them); on one line, between Chinese/Japanese/Korean and an alphabetic script,
   full-width punctuation (``，。」``) and digits written against the Han text (``3.5万``,
   ``6000米``) go to the CJK span and spaces and ASCII punctuation to the alphabetic one, so
   ``…world,"仅次于 China`` gives ``仅次于`` exactly; otherwise they go to the earlier span. Text
   before the first letter joins the first span. A text without letters is one ``und``/``Zyyy``
   span; an empty text has none.

langdetect is loaded only when a Latin or Cyrillic sentence needs it, with a small set of
profiles per script and a fixed seed, and is never shown Han text.

>>> [(s.lang, s.text) for s in detect_spans('ranked "third,"仅次于 China.')]
[('en', 'ranked "third,"'), ('zh-Hans', '仅次于'), ('en', ' China.')]
>>> [(s.lang, s.script, s.text) for s in detect_spans("Mei Ri Jing Ji Xin Wen· 07:26\\n稀土国产化")]
[('zh-Latn', 'Latn', 'Mei Ri Jing Ji Xin Wen· 07:26\\n'), ('zh-Hans', 'Hani', '稀土国产化')]
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from zhen_tools.text.chars import (
    CJK,
    CYRILLIC,
    LATIN,
    LINE_BREAKS,
    classify_han,
    script_code,
)
from zhen_tools.text.lazyre import lazy_compile, lazy_regex
from zhen_tools.text.pinyin import SHAPE_FINAL, SHAPE_INITIAL, count_tone_marks, split_syllables

if TYPE_CHECKING:
    from langdetect.detector_factory import DetectorFactory

__all__ = ["Span", "detect_spans"]


@dataclass(frozen=True)
class Span:
    """``text == source[start:end]`` is in language ``lang`` written in ``script``."""

    start: int
    end: int
    lang: str
    script: str
    text: str


_DATA = Path(__file__).resolve().parents[1] / "data"

# Run kinds: Latin, Cyrillic, CJK (Han/kana/Hangul), Other letters.
_L, _C, _H, _O = "L", "C", "H", "O"
_ALPHA = frozenset((_L, _C, _O))
_SCRIPT_OF_KIND = {_L: "Latn", _C: "Cyrl"}
_LB = LINE_BREAKS

_LETTER = {
    _H: rf"[{CJK}]\p{{M}}*+",
    _C: rf"[{CYRILLIC}]\p{{M}}*+",
    _O: rf"[\p{{L}}--[{LATIN}{CYRILLIC}{CJK}]]\p{{M}}*+",
}
# Runs of the non-Latin kinds: a letter of the kind, then any non-letters followed by another
# letter of it, taken possessively so a failed extension costs nothing. The cheap look-ahead for
# "a letter that is not Latin" lets the engine skip English text fast. Latin runs are what lies
# between these, from the first Latin letter to the last.
_NONLATIN_RUN_RE = lazy_regex(
    r"(?=[^\p{Latin}\P{L}])(?:"
    + "|".join(rf"(?P<{k}>{x}(?:[^\p{{L}}]*+{x})*+)" for k, x in _LETTER.items())
    + ")",
    regex.V1,
)
# Characters none of which is a letter outside the Latin script (checked against regex's own
# Unicode tables by tests/text/test_spans.py): ASCII and Latin-1 but the micro sign, the Latin
# extensions, IPA, combining marks, Latin Extended Additional, and the punctuation, currency,
# number-form, arrow, mathematical and other symbol blocks. Text made of these alone (most English
# news: curly quotes, dashes, é) holds no non-Latin run, so its scan is skipped, at re's speed.
_MAYBE_NONLATIN_RE = lazy_compile(
    "[^\x00-\xb4\xb6-\u02af\u0300-\u036f\u1e00-\u1eff\u2000-\u206f\u20a0-\u20cf\u2150-\u2bff]"
)
_LATIN_FIRST_RE = lazy_regex(r"\p{Latin}")
_OTHER_LETTER_RE = lazy_regex(_LETTER[_O], regex.V1)
_CYRILLIC_ALL_RE = lazy_regex(r"\p{Cyrillic}")
_LATIN_LAST_RE = lazy_regex(r"(?r)\p{Latin}\p{M}*")
_SENT_END = "。！？｡!?；;"
# Pieces of a CJK run: letter to letter, never across a line break or a sentence end.
_CJK_PIECE_RE = lazy_regex(rf"{_LETTER[_H]}(?:[^\p{{L}}{_LB}{_SENT_END}]*+{_LETTER[_H]})*+", regex.V1)
# Where an alphabetic run is cut: line breaks, and sentence ends followed by a capital or digit.
_ALPHA_BREAK_RE = lazy_regex(
    rf"(?=[{_LB}.!?…])(?:[{_LB}]++|[.!?…]++[\"'”’»)\]]*+\s++(?=[\"'“‘«(\[]?[\p{{Lu}}\p{{Lt}}\p{{N}}]))"
)
_BREAK_CHAR_RE = lazy_compile(f"[{_LB}.!?…]")
_FIRST_LETTER_RE = lazy_regex(r"\p{L}")
_LAST_LETTER_RE = lazy_regex(r"(?r)\p{L}\p{M}*")
_LAST_LINE_BREAK_RE = lazy_regex(rf"(?r)[{_LB}]")
_LINE_BREAK_RE = lazy_compile(f"[{_LB}]")
_LETTERS_RE = lazy_regex(r"\p{L}")
_ASCII_LETTERS = frozenset(string.ascii_letters)
_MARK_RE = lazy_regex(r"\p{M}")

_WORD_RE = lazy_regex(r"[\p{Latin}\p{M}]++(?:['’][\p{Latin}\p{M}]++)*+")
_CYR_WORD_RE = lazy_regex(r"[\p{Cyrillic}\p{M}]++")
# Two or more capitalised words in a row: where pinyin names and titles hide in English. Pinyin
# needs only ASCII letters, the toned vowels (U+00C0-U+01DC) and combining tone marks, and plain
# ranges keep this scan fast; word edges (``McDonald Wang``) are checked afterwards, in Python.
# Patterns of plain ranges only run on the standard ``re``: it scans them twice as fast as
# ``regex`` (these scans see every Latin character of the input).
_PY_UPPER = r"A-Z\u00c0-\u01dc"
_PY_LOWER = r"a-z\u00c0-\u01dc\u0300-\u030c'’-"
_CAP_SEQ_RE = lazy_compile(rf"[{_PY_UPPER}][{_PY_LOWER}]*+(?:[ \u00a0]++[{_PY_UPPER}][{_PY_LOWER}]*+)++")
# Words that introduce a term in transliteration rather than a name: ``the so-called Zhongguo
# Meng``, ``dubbed Tuhao``, ``literally Jiayou``; an opening quote may follow.
_TERM_MARKER_RE = lazy_regex(r"\b(?:so[- ]called|dubbed|termed|literally)[ \u00a0]+[\"'“‘]?\Z", regex.I)
# The most pinyin words before an English head noun that still read as a name: place, district
# and firm (``Fujian Longyan Qiaolong Emergency Equipment Company``).
_MAX_NAME_WORDS = 3
_TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜĀÁǍÀĒÉĚÈĪÍǏÌŌÓǑÒŪÚǓÙǕǗǙǛ"
# Cheap test for "may hold a tone mark": the Latin-1/Extended range the toned vowels live in.
_TONE_CHAR_RE = lazy_compile(r"[\u00c0-\u01dc\u0300-\u030c]")
_TONE_CHARS = frozenset(_TONE_VOWELS + "\u0300\u0301\u0304\u030c")
# Web addresses and domain names are not words of any language (toutiao.com/article/123).
_URL_RE = lazy_regex(r"(?:[a-z][a-z0-9+.-]*://)?[\w-]++(?:\.[\w-]++)++(?:/\S*+)?", regex.I)

# Lower-case untoned pinyin. A token (as str.split cuts it) that may hold a pinyin word of two or
# more syllables: the shape of a syllable (``pinyin.SHAPE_INITIAL``, ``SHAPE_FINAL``), an initial
# before every syllable but the first unless an apostrophe parts them (xi'an), punctuation around
# it. Matched at C speed over the new tokens of a sentence written as lines of one string.
_LOWER_TOKENS_RE = lazy_compile(
    rf"^[\"'“‘(\[«]*+({SHAPE_INITIAL}?{SHAPE_FINAL}(?:{SHAPE_INITIAL}{SHAPE_FINAL}|['’]{SHAPE_FINAL})+)"
    r"(?:['’]s)?[\"'”’)\]»,.;:!?…]*+$",
    re.M,
)
# Lower-case words, apostrophes inside (xi'an, meng's), one or more spaces between them.
_LOWER_WORD = r"[a-z]++(?:['’][a-z]++)*+"
_LOWER_WORD_RE = lazy_compile(_LOWER_WORD)
_LOWER_STRETCH_RE = lazy_compile(rf"{_LOWER_WORD}(?:[ \u00a0]++{_LOWER_WORD})*+")
# Characters that glue a word to a larger token: an address, a handle, a compound, a file name.
_GLUE = frozenset("-‐_@#/\\&+=~")
# Words English has taken from Mandarin as they are (dictionary entries) that parse as pinyin of
# two or more syllables. Alone, any lower-case pinyin word counts as a loan; these do not make a
# run of pinyin words untranslated either (``renminbi yuan``). One-syllable loans (``yuan``,
# ``feng shui``) need no entry: a run needs a word of two or more syllables.
_LOANWORDS = frozenset(
    [
        "baijiu",
        "gaokao",
        "guanxi",
        "hukou",
        "hutong",
        "jiaozi",
        "putonghua",
        "qigong",
        "renminbi",
        "weiqi",
        "wushu",
    ]
)
# Tokens known to hold no lower-case pinyin word that could make a run untranslated: most
# sentences are settled by one C-speed ``issuperset`` over their str.split tokens. Bounded; a
# pure cache (a token's answer never changes), so its state never changes a result.
_PLAIN_TOKENS: set[str] = set()
_MAX_PLAIN_TOKENS = 1 << 16
_TOKEN_CHUNK = 1 << 16  # characters split at a time

# Punctuation that belongs to CJK text when it sits between CJK and alphabetic text.
_CJK_PUNCT = frozenset(
    [chr(c) for c in range(0x3000, 0x3040)] + [chr(c) for c in range(0xFF00, 0xFFF0)] + ["\u30fb"]
)
_NUMBER_INNER = frozenset(".,%")

# A sentence is judged by langdetect only with this many uncapitalised words and letters in them.
_MIN_WORDS, _MIN_LETTERS = 4, 20
_MIN_PROB = 0.8
_MIN_ENGLISH_SHARE = 0.1
_MIN_COMMON_SHARE = 0.5  # of uncapitalised words in data/english_common.txt
_MIN_OTHER_LETTERS = 4
# English words also common in French, German, Dutch, Spanish, Italian or Portuguese: they count
# half, and only beside a word of data/english_markers.txt.
_WEAK_MARKERS = frozenset(["a", "an", "as", "he", "in", "is", "of", "on", "was"])
# The fast path counts only the commonest markers, as " word " with str.count (no word split).
_FAST_STRONG = (" the ", " and ", " to ", " that ", " with ", " for ", " from ", " by ")
_FAST_WEAK = (" of ", " in ", " is ", " a ")
# Profiles per script. Latin: English and the European and South-East Asian languages whose names
# and quotations turn up in China news; Cyrillic: the languages whose letters do not settle it.
# Korean and the Chinese profiles are never loaded: they claim traditional Chinese and short text.
_LATIN_PROFILES = ("en", "fr", "de", "es", "it", "pt", "nl", "id", "vi")
_CYRILLIC_PROFILES = ("ru", "uk", "bg", "mk")

_COMPOUND_SURNAMES = frozenset(
    [
        "ouyang",
        "sima",
        "zhuge",
        "shangguan",
        "situ",
        "dongfang",
        "huangfu",
        "zhangsun",
        "yuwen",
        "murong",
        "linghu",
        "gongsun",
        "xiahou",
        "zhongli",
        "wenren",
        "duanmu",
    ]
)


# -- word lists and langdetect, each loaded once, on first need -------------------------------


def _word_list(name: str) -> frozenset[str]:
    text = (_DATA / name).read_text(encoding="utf-8")
    return frozenset(w for w in text.split("\n") if w and not w.startswith("#"))


@lru_cache(maxsize=1)
def _english_markers() -> frozenset[str]:
    return _word_list("english_markers.txt")


@lru_cache(maxsize=1)
def _english_common() -> frozenset[str]:
    return _word_list("english_common.txt")


@lru_cache(maxsize=1)
def _english_pinyin_words() -> frozenset[str]:
    return _word_list("english_pinyin_words.txt")


def _import_langdetect() -> Any:
    """langdetect, imported when a sentence first needs it (never for English or Han text)."""
    import langdetect.detector_factory
    import langdetect.lang_detect_exception

    return langdetect


@lru_cache(maxsize=4)
def _detector_factory(codes: tuple[str, ...]) -> DetectorFactory:
    """A langdetect factory with only ``codes`` loaded (all 55 profiles cost ~220 ms, 66 MiB)."""
    langdetect = _import_langdetect()
    directory = Path(langdetect.__file__).parent / "profiles"
    factory = langdetect.detector_factory.DetectorFactory()
    factory.load_json_profile([(directory / c).read_text(encoding="utf-8") for c in codes])
    factory.set_seed(0)  # deterministic: langdetect samples n-grams at random
    return factory


def _langdetect(text: str, codes: tuple[str, ...]) -> tuple[str, float] | None:
    LangDetectException = _import_langdetect().lang_detect_exception.LangDetectException
    detector = _detector_factory(codes).create()
    detector.append(text)
    try:
        probs = detector.get_probabilities()
    except LangDetectException:
        return None
    return (probs[0].lang, probs[0].prob) if probs else None


# -- pinyin ---------------------------------------------------------------------------------

_OPEN_SYLLABLE_RE = lazy_regex(r"(?:[bcdfghjklmnpqrstwxyz]|[csz]h)?[aeiou]")


@lru_cache(maxsize=65536)
def _pinyin_good(word: str) -> bool:
    """A word that parses as pinyin and is neither an English word nor romanised Japanese.

    Japanese names parse as pinyin surprisingly often (``Takahashi`` ta-ka-ha-shi, ``Tanaka``);
    three or more open consonant+vowel syllables in one word is how Japanese reads, while
    pinyin words of three syllables nearly always have a closed or diphthong one (``Wangfujing``).
    """
    if word[-2:] in ("'s", "’s"):
        word = word[:-2]
    if "-" in word or "‐" in word:  # Hong Kong-Canada: each part must pass on its own
        return all(map(_pinyin_good, word.replace("‐", "-").split("-")))
    syllables = split_syllables(word)
    if syllables is None or word.lower() in _english_pinyin_words():
        return False
    return len(syllables) < 3 or not all(map(_OPEN_SYLLABLE_RE.fullmatch, syllables))


def _syllable_count(word: str) -> int:
    if word[-2:] in ("'s", "’s"):
        word = word[:-2]
    return sum(len(split_syllables(part) or ()) for part in word.replace("‐", "-").split("-"))


def _name_shaped(words: list[str]) -> bool:
    """``Xi Jinping``, ``Wang Yi``, ``Ouyang Xiu``, ``Chiling Tong``: a surname (one syllable or a
    compound surname) and a given name of one or two syllables, in either order."""
    if len(words) != 2:
        return False
    n0, n1 = map(_syllable_count, words)
    if (n0 == 1 or words[0].lower() in _COMPOUND_SURNAMES) and 1 <= n1 <= 2:
        return True
    return (n1 == 1 or words[1].lower() in _COMPOUND_SURNAMES) and 1 <= n0 <= 2


def _is_pinyin_stretch(words: list[str]) -> bool:
    """Words already known to be pinyin and not English: do they read as pinyin text?

    Tone-marked pinyin marks most syllables (``Zhōngguó``, ``rénmín rìbào``); an accent or two
    among many syllables is French or Spanish (``réduire`` parses as re-dui-re)."""
    marks = sum(map(count_tone_marks, words))
    if marks:
        return sum(map(_syllable_count, words)) <= 2 * marks
    return len(words) >= 2 and not _name_shaped(words)


def _pinyin_stretches(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the zh-Latn stretches inside the Latin run ``text[start:end]``."""
    found: list[tuple[int, int]] = []
    for seq in _CAP_SEQ_RE.finditer(text, start, end):
        words = seq.group()
        if not _seq_stretches(words, False, False, True):
            continue  # the usual case (a marker only adds); dropping cut words could only find less
        s, e = seq.span()
        marked = _TERM_MARKER_RE.search(text, max(start, s - 24), s) is not None
        # A word cut by the match edge (``McDonald``, ``WeN``) is not a whole word: drop it.
        cut_before = s > 0 and (text[s - 1].isalpha() or text[s - 1] in "'’-")
        cut_after = e < len(text) and (text[e].isalpha() or bool(_MARK_RE.match(text[e])))
        for a, b in _seq_stretches(words, cut_before, cut_after, marked and not cut_before):
            found.append((s + a, s + b))
    # Tone-marked words on their own (``Zhōngguó``, lower-case ``rénmín``): few characters in
    # English text fall in the toned-vowel range, so each is looked at in Python.
    last_word = (-1, -1)
    for m in _TONE_CHAR_RE.finditer(text, start, end) if not text.isascii() else ():
        if m.group() not in _TONE_CHARS:
            continue
        ws, we = m.start(), m.end()
        while ws > start and (text[ws - 1].isalpha() or _MARK_RE.match(text[ws - 1]) or text[ws - 1] in "'’"):
            ws -= 1
        while we < end and (text[we].isalpha() or _MARK_RE.match(text[we]) or text[we] in "'’"):
            we += 1
        if (ws, we) == last_word:
            continue
        last_word = (ws, we)
        word = text[ws:we]
        if _pinyin_good(word) and _is_pinyin_stretch([word]) and not any(a <= ws < b for a, b in found):
            found.append((ws, we))
            found.sort()
    return found


@lru_cache(maxsize=16384)
def _seq_stretches(
    seq: str, cut_before: bool, cut_after: bool, marked: bool = False
) -> tuple[tuple[int, int], ...]:
    """Offsets in a capitalised sequence of its zh-Latn stretches (``marked``: a word such as
    ``so-called`` right before it introduces a term). The same names recur through a text, so
    each sequence is judged once."""
    words = []
    pos = 0
    for word in seq.split():
        s = seq.index(word, pos)
        pos = s + len(word)
        words.append((s, pos, word))
    words = words[1 if cut_before else 0 : len(words) - 1 if cut_after else len(words)]
    out = []
    i = 0
    while i < len(words):
        if not _pinyin_good(words[i][2]):
            i += 1
            continue
        j = i + 1
        while j < len(words) and words[j - 1][2][-2:] not in ("'s", "’s"):
            if _pinyin_good(words[j][2]):
                j += 1  # a possessive ends a name: ``Ningxia's Yinchuan`` is two
            elif j + 1 < len(words) and split_syllables(words[j][2]) and _pinyin_good(words[j + 1][2]):
                j += 2  # an English word that is also pinyin between pinyin words (Qianzheng He Qita)
            else:
                break
        headed = j < len(words) and not _pinyin_good(words[j][2])
        if _is_untranslated([w[2] for w in words[i:j]], headed, marked and i == 0):
            out.append((words[i][0], words[j - 1][1]))
        i = j
    return tuple(out)


def _is_untranslated(words: list[str], headed: bool, marked: bool) -> bool:
    """Capitalised pinyin words inside Latin prose: untranslated pinyin, or a name English uses?

    English writes Chinese places, firms and papers in pinyin, a syllable group to a word:
    ``Beijing Jiaotong University`` and ``Yunnan Menglian County`` (an English head noun after
    the pinyin), ``Lianhe Zaobao`` and ``Xi Jinping`` (two words, the shape of most names). Not
    names: tone marks (``Zhōngguó``), one syllable to a word over three or more words (``Mei Ri
    Jing Ji Xin Wen``, as transliteration tools write), three or more pinyin words with no
    English head (``Meiri Jingji Xinwen``) or more than three before it (a phrase, not a name),
    and words a term marker introduces (``the so-called Zhongguo Meng``).
    """
    if any(map(count_tone_marks, words)):
        return _is_pinyin_stretch(words)
    if len(words) < 2:
        return False
    if marked:
        return True
    one = [_syllable_count(w) == 1 for w in words]
    if any(all(one[k : k + 3]) for k in range(len(one) - 2)):
        return True  # three one-syllable words in a row
    return len(words) >= 3 and not (headed and len(words) <= _MAX_NAME_WORDS)


@lru_cache(maxsize=4096)
def _lower_seed(word: str) -> bool:
    """A lower-case word that makes a run of pinyin words untranslated: pinyin (not English, not
    romanised Japanese) of two or more syllables, not a loan English dictionaries list, and not
    made only of open syllables (a consonant and one vowel) unless one of them starts as only
    pinyin does (x, q, c, z, sh): ``bisa``, ``sana``, ``juga`` are Indonesian as readily."""
    if word in _LOANWORDS or word in _english_pinyin_words() or not _pinyin_good(word):
        return False
    syllables = split_syllables(word[:-2] if word[-2:] in ("'s", "’s") else word) or []
    if len(syllables) < 2:
        return False
    return not all(map(_OPEN_SYLLABLE_RE.fullmatch, syllables)) or any(
        s[0] in "xqcz" or s.startswith("sh") for s in syllables
    )


def _seed_words(text: str, start: int, end: int) -> list[str]:
    """The ``_lower_seed`` words among the str.split tokens of ``text[start:end]``: none in nearly
    all text. Tokens known to hold none are remembered, so most text is settled by one C-speed
    ``issuperset``; new tokens go through the shape pattern in one call, as lines of one string.
    Read in chunks cut at white space, so a long text never makes one long list."""
    seeds: list[str] = []
    pos = start
    while pos < end:
        stop = min(end, pos + _TOKEN_CHUNK)
        if stop < end:
            cut = max(text.rfind(" ", pos, stop), text.rfind("\n", pos, stop))
            stop = cut if cut > pos else stop
        tokens = text[pos:stop].split()
        pos = stop
        if _PLAIN_TOKENS.issuperset(tokens):
            continue
        novel = set(tokens).difference(_PLAIN_TOKENS)
        found = {}
        # New tokens that all start with a digit or a capital (names, numbers) hold no seed: a
        # seed starts with a-z or an opening quote or bracket, all outside "0" to "Z".
        if min(novel) < "0" or max(novel) >= "[":
            found = {m[0]: m[1] for m in _LOWER_TOKENS_RE.finditer("\n".join(novel)) if _lower_seed(m[1])}
        if len(_PLAIN_TOKENS) + len(novel) > _MAX_PLAIN_TOKENS:
            _PLAIN_TOKENS.clear()
        _PLAIN_TOKENS.update(novel.difference(found) if found else novel)
        seeds.extend(found.values())
    return seeds


def _lower_pinyin(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the runs of untoned lower-case pinyin in the sentence ``text[start:end]``.

    English writes the Chinese names it keeps with capitals, and the Chinese words it has taken
    in (``hukou``, ``guanxi``, ``yuan``, ``feng shui``) one or two at a time. So lower-case
    pinyin is untranslated when two or more pinyin words that are not English stand in a row
    and one of them has two or more syllables and is not a dictionary loan (``the so-called
    zhongguo meng``, ``the tuhao jin phones``, ``hukou gaige``); an English word that is also
    pinyin between two of them joins them (``jiakuai he tuijin``). A lone word (``a hukou
    reform``, ``renminbi``), one-syllable words only (``feng shui``, ``de la``) and words glued to
    an address, handle or compound (``xinhua.net``, ``#jingji``, ``anti-jingji``) are not.
    """
    found: list[tuple[int, int]] = []
    for m in _LOWER_STRETCH_RE.finditer(text, start, end):
        s, e = m.span()
        words = [(w.start(), w.end(), w.group()) for w in _LOWER_WORD_RE.finditer(text, s, e)]
        if s > 0 and (text[s - 1].isalnum() or text[s - 1] in _GLUE or text[s - 1] in ".:"):
            words = words[1:]  # the tail of a longer token (``www.jingji``, ``Xinhua``'s ``inhua``)
        if e < len(text) and (
            text[e].isalnum()
            or text[e] in _GLUE
            or _MARK_RE.match(text[e])
            or (text[e] in ".:" and text[e + 1 : e + 2].isalnum())
        ):
            words = words[:-1]  # the head of a longer token (``jingji.com``, ``hé``)
        found.extend(_lower_runs(words))
    return found


def _lower_runs(words: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """The untranslated runs (see ``_lower_pinyin``) among lower-case words in a row."""
    good = [_pinyin_good(w) for _, _, w in words]
    out = []
    i = 0
    while i < len(words):
        if not good[i]:
            i += 1
            continue
        j = i + 1
        while j < len(words) and words[j - 1][2][-2:] not in ("'s", "’s"):
            if good[j]:
                j += 1
            elif j + 1 < len(words) and good[j + 1] and split_syllables(words[j][2]):
                j += 2  # an English word that is also pinyin between pinyin words
            else:
                break
        if j - i >= 2 and any(good[x] and _lower_seed(words[x][2]) for x in range(i, j)):
            out.append((words[i][0], words[j - 1][1]))
        i = j
    return out


# -- classifying one sentence ------------------------------------------------------------------


def _fast_english(sentence: str) -> bool:
    """English by counting the commonest function words with str.count: no word split."""
    strong = sum(map(sentence.count, _FAST_STRONG))
    if not strong:
        return False
    need = _MIN_ENGLISH_SHARE * (sentence.count(" ") + 1)
    # The weak markers only add: counted only when the strong ones fall short.
    return strong >= need or strong + 0.5 * sum(map(sentence.count, _FAST_WEAK)) >= need


def _english_share(words: list[str]) -> float:
    """Share of ``words`` that mark English: the function words of data/english_markers.txt, and
    at half weight the short words other Latin languages share with English. 0 without at least
    one of the former."""
    lowered = list(map(str.lower, words))
    strong = sum(map(_english_markers().__contains__, lowered))
    if not strong:
        return 0.0
    return (strong + 0.5 * sum(map(_WEAK_MARKERS.__contains__, lowered))) / len(words)


def _classify_latin(sentence: str) -> str | None:
    """Language of one Latin sentence, or None when it is too short to judge."""
    if _fast_english(sentence):
        return "en"
    words = _WORD_RE.findall(_URL_RE.sub(" ", sentence) if "." in sentence else sentence)
    if not words:
        return None
    if _english_share(words) >= _MIN_ENGLISH_SHARE:
        return "en"
    if all(map(_pinyin_good, words)) and _is_pinyin_stretch(words):
        return "zh-Latn"
    # Names say nothing about the language around them and mislead langdetect (``Wang Liwen,
    # village cadre, helped Fu Kunbao`` reads as Dutch), so only uncapitalised words are judged.
    common = [w for w in words if not w[0].isupper()]
    if len(common) < _MIN_WORDS or sum(map(len, common)) < _MIN_LETTERS:
        return None
    # Headlines have few function words but plenty of everyday English ones.
    if sum(map(_english_common().__contains__, common)) >= _MIN_COMMON_SHARE * len(common):
        return "en"
    guess = _langdetect(" ".join(common), _LATIN_PROFILES)
    if guess is None or guess[1] < _MIN_PROB:
        return None
    return guess[0]


# Letters that settle a Cyrillic language, checked in this order.
_CYRILLIC_LETTERS = (
    (lazy_regex("[ѓќѕЃЌЅ]"), "mk"),
    (lazy_regex("[ћђЋЂ]"), "sr"),
    (lazy_regex("[јљњџЈЉЊЏ]"), "sr"),
    (lazy_regex("[ўЎ]"), "be"),
    (lazy_regex("[іїєґІЇЄҐ]"), "uk"),
    (lazy_regex("[ыэёЫЭЁ]"), "ru"),
)


def _classify_cyrillic(sentence: str) -> str | None:
    """Language of one Cyrillic sentence by its telltale letters, else langdetect, else None."""
    for pattern, lang in _CYRILLIC_LETTERS:
        if pattern.search(sentence):
            return lang
    words = _CYR_WORD_RE.findall(sentence)
    if len(words) < _MIN_WORDS or sum(map(len, words)) < _MIN_LETTERS:
        return None
    guess = _langdetect(sentence, _CYRILLIC_PROFILES)
    if guess is None or guess[1] < _MIN_PROB:
        return None
    return guess[0]


# -- runs and pieces ---------------------------------------------------------------------------


@dataclass
class _Piece:
    """A run of text of one kind, language and script: what spans are made of."""

    start: int
    end: int
    kind: str
    lang: str | None  # None: too short to judge, decided by its neighbours
    script: str


def _script_runs(text: str) -> list[tuple[int, int, str]]:
    """Maximal letter-bounded runs of one script kind, mixed-script words made whole, runs of
    other scripts too short to matter dropped."""
    runs: list[tuple[int, int, str]] = []
    pos = 0
    for m in _NONLATIN_RUN_RE.finditer(text) if _MAYBE_NONLATIN_RE.search(text) else ():
        _latin_run(text, pos, m.start(), runs)
        runs.append((m.start(), m.end(), m.lastgroup or _O))
        pos = m.end()
    _latin_run(text, pos, len(text), runs)
    if any(a[1] == b[0] and a[2] in _ALPHA and b[2] in _ALPHA for a, b in pairwise(runs)):
        runs = _mend_words(text, runs)
    kept = []
    for start, end, kind in runs:
        if kind == _O and len(_LETTERS_RE.findall(text, start, end)) < _MIN_OTHER_LETTERS:
            # Too short to matter: punctuation to its neighbours, unless it is a mended word
            # that holds Latin or Cyrillic letters too (``αμm``), which then rides with those.
            latin = len(_LATIN_FIRST_RE.findall(text, start, end))
            cyrillic = len(_CYRILLIC_ALL_RE.findall(text, start, end))
            if not latin and not cyrillic:
                continue
            kind = _L if latin >= cyrillic else _C
        kept.append((start, end, kind))
    return kept


def _latin_run(text: str, start: int, end: int, runs: list[tuple[int, int, str]]) -> None:
    if start >= end:
        return
    if text[start] in _ASCII_LETTERS:
        first = start
    else:
        m = _LATIN_FIRST_RE.search(text, start, end)
        if m is None:
            return
        first = m.start()
    runs.append((first, _latin_end(text, first, end), _L))


def _latin_end(text: str, first: int, end: int) -> int:
    """End of the last Latin letter (with its marks) in ``text[first:end]``, which has one. A text
    usually ends in an ASCII letter and a few ASCII non-letters (``said."``): no search then."""
    p = end
    while p > first and end - p < 8 and text[p - 1] < "\x80" and text[p - 1] not in _ASCII_LETTERS:
        p -= 1  # ASCII punctuation, digits, spaces: neither letters nor marks
    if text[p - 1] in _ASCII_LETTERS:
        return p
    last = _LATIN_LAST_RE.search(text, first, p)
    assert last is not None
    return int(last.end())


def _kind_of(ch: str) -> str:
    if _LATIN_FIRST_RE.match(ch):
        return _L
    for kind in (_C, _H):
        if regex.match(_LETTER[kind], ch):
            return kind
    return _O


def _is_word_char(ch: str) -> bool:
    return (ch.isalpha() or bool(_MARK_RE.match(ch))) and _kind_of(ch) != _H


def _mend_words(text: str, runs: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Give each word that straddles two alphabetic runs to the script of most of its letters
    (ties: Latin, then Cyrillic). Rare, so plain Python."""
    overrides: list[tuple[int, int, str]] = []
    for a, b in pairwise(runs):
        if a[1] != b[0] or a[2] not in _ALPHA or b[2] not in _ALPHA:
            continue
        if overrides and overrides[-1][1] > a[1]:
            continue  # this boundary lies inside a word already mended
        ws, we = a[1], b[0]
        while ws > 0 and _is_word_char(text[ws - 1]):
            ws -= 1
        while we < len(text) and _is_word_char(text[we]):
            we += 1
        counts: dict[str, int] = {}
        for ch in text[ws:we]:
            if ch.isalpha():
                k = _kind_of(ch)
                counts[k] = counts.get(k, 0) + 1
        best = max((_L, _C, _O), key=lambda k: (counts.get(k, 0), k == _L, k == _C))
        overrides.append((ws, we, best))
    out: list[tuple[int, int, str]] = []
    for start, end, kind in runs:
        cut = [(start, end)]
        for ws, we, _ in overrides:
            cut = [p for s, e in cut for p in ((s, min(e, ws)), (max(s, we), e)) if p[0] < p[1]]
        for s, e in cut:
            first = _FIRST_LETTER_RE.search(text, s, e)
            last = _LAST_LETTER_RE.search(text, s, e)
            if first and last:
                out.append((first.start(), last.end(), kind))
    out.extend(overrides)
    out.sort()
    merged: list[tuple[int, int, str]] = []
    for run in out:
        if merged and merged[-1][2] == run[2]:
            merged[-1] = (merged[-1][0], run[1], run[2])
        else:
            merged.append(run)
    return merged


def _cjk_pieces(text: str, start: int, end: int, pieces: list[_Piece]) -> None:
    ours = []
    for m in _CJK_PIECE_RE.finditer(text, start, end):
        lang, script = classify_han(m.group())
        ours.append(_Piece(m.start(), m.end(), _H, lang, script))
    # Characters common to both Chinese scripts take the script of the Chinese around them.
    _fill(ours, lambda p: p.lang == "zh", lambda p: p.lang if p.lang in ("zh-Hans", "zh-Hant") else None)
    pieces.extend(ours)


def _alpha_pieces(text: str, start: int, end: int, kind: str, pieces: list[_Piece]) -> None:
    """Sentences of an alphabetic run, classified; pinyin stretches cut out of Latin ones."""
    if kind == _O:
        # Scripts named only by their ISO code, language undetermined (``und``).
        first = _OTHER_LETTER_RE.search(text, start, end)
        script = script_code(first.group()) if first else "Zzzz"
    else:
        script = _SCRIPT_OF_KIND[kind]
    cuts = _pinyin_stretches(text, start, end) if kind == _L else []
    seeds = set(_seed_words(text, start, end)) if kind == _L else set()
    k = 0
    s = start
    breaks = _alpha_breaks(text, start, end)
    breaks.append((end, end))
    for b_start, b_end in breaks:
        bounds = _letter_bounds(text, s, b_start)
        if bounds:
            ss, se = bounds
            sentence = text[ss:se]
            if kind == _O:
                pieces.append(_Piece(ss, se, kind, "und", script))
            elif kind == _C:
                pieces.append(_Piece(ss, se, kind, _classify_cyrillic(sentence), script))
            else:
                lang = _classify_latin(sentence)
                while k < len(cuts) and cuts[k][1] <= ss:
                    k += 1
                ours = []
                while k < len(cuts) and cuts[k][0] < se:
                    ours.append(cuts[k])
                    k += 1
                # Lower-case pinyin only in English (or unjudged) sentences: Indonesian or French
                # words can parse as pinyin too (``bisa ada``).
                if seeds and lang in ("en", None) and (len(seeds) > 8 or any(w in sentence for w in seeds)):
                    ours = _merge_cuts(ours, _lower_pinyin(text, ss, se))
                pos = ss
                for cs, ce in ours if lang != "zh-Latn" else ():
                    _add_trimmed(text, pieces, pos, cs, kind, lang, script)
                    pieces.append(_Piece(cs, ce, kind, "zh-Latn", script))
                    pos = ce
                if pos == ss:  # no pinyin cut out: the sentence is already letter-bounded
                    pieces.append(_Piece(ss, se, kind, lang, script))
                else:
                    _add_trimmed(text, pieces, pos, se, kind, lang, script)
        s = b_end


def _alpha_breaks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``_ALPHA_BREAK_RE.finditer`` over ``text[start:end]``, tried only where a match can start
    (a line break or ``.!?…``, found by ``re`` at C speed): the same matches, in less time."""
    out = []
    pos = start
    match = _ALPHA_BREAK_RE.match
    for c in _BREAK_CHAR_RE.finditer(text, start, end):
        if c.start() >= pos and (m := match(text, c.start(), end)):
            out.append((m.start(), m.end()))
            pos = m.end()
    return out


def _merge_cuts(cuts: list[tuple[int, int]], more: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``cuts`` and those of ``more`` that overlap none of them, in order."""
    extra = [c for c in more if not any(a < c[1] and c[0] < b for a, b in cuts)]
    return sorted(cuts + extra) if extra else cuts


def _add_trimmed(
    text: str, pieces: list[_Piece], s: int, e: int, kind: str, lang: str | None, script: str
) -> None:
    bounds = _letter_bounds(text, s, e)
    if bounds:
        pieces.append(_Piece(bounds[0], bounds[1], kind, lang, script))


def _letter_bounds(text: str, s: int, e: int) -> tuple[int, int] | None:
    """From the first letter of ``text[s:e]`` to the end of its last letter (with its marks), or
    None without letters. Most sentences start and end with an ASCII letter: no search then."""
    if s >= e:
        return None
    if text[s] in _ASCII_LETTERS:
        first = s
    else:
        m = _FIRST_LETTER_RE.search(text, s, e)
        if m is None:
            return None
        first = m.start()
    if text[e - 1] in _ASCII_LETTERS:
        return first, e
    last = _LAST_LETTER_RE.search(text, first, e)
    assert last is not None
    return first, last.end()


def _fill(
    pieces: list[_Piece], empty: Callable[[_Piece], bool], lends: Callable[[_Piece], str | None]
) -> None:
    """Give each ``empty`` piece the language the nearest lending piece before it lends, else the
    one after it (two linear passes)."""
    before: list[str | None] = []
    last: str | None = None
    for p in pieces:
        before.append(last)
        last = lends(p) or last
    last = None
    for i in range(len(pieces) - 1, -1, -1):
        p = pieces[i]
        lent = lends(p)
        if empty(p):
            p.lang = before[i] or last or p.lang
        last = lent or last


def _settle_unjudged(pieces: list[_Piece]) -> None:
    """Sentences too short to judge take the language of the nearest judged one of their script
    (before, else after; pinyin does not lend its tag), else the script's default."""
    if all(p.lang is not None for p in pieces):
        return
    for kind, default in ((_L, "en"), (_C, "ru")):
        same = [p for p in pieces if p.kind == kind]
        if any(p.lang is None for p in same):
            _fill(same, lambda p: p.lang is None, lambda p: p.lang if p.lang != "zh-Latn" else None)
            for p in same:
                if p.lang is None:
                    p.lang = default


# -- neutral characters between spans ----------------------------------------------------------


def _split_gap(text: str, a_end: int, b_start: int, a_kind: str, b_kind: str) -> int:
    """Where the neutral characters ``text[a_end:b_start]`` between two spans are divided."""
    if a_end == b_start:
        return a_end
    lb = _LAST_LINE_BREAK_RE.search(text, a_end, b_start)
    if lb:
        return int(lb.end())
    if a_kind == _H and b_kind != _H:
        p = a_end
        while p < b_start and text[p] in _CJK_PUNCT:
            p += 1
        return p
    if b_kind == _H and a_kind != _H:
        p = b_start
        while p > a_end and (
            text[p - 1] in _CJK_PUNCT or text[p - 1].isdigit() or text[p - 1] in _NUMBER_INNER
        ):
            p -= 1
        # A number glued to the Han text starts with a digit, not with its separators.
        while p < b_start and text[p] in _NUMBER_INNER:
            p += 1
        return p
    return b_start


def detect_spans(text: str) -> list[Span]:
    """Cut ``text`` into maximal spans of one language and script, covering it in order.

    >>> [(s.lang, s.script) for s in detect_spans("Ростех объявил, 沖ノ鳥島 and 한국어")]
    [('ru', 'Cyrl'), ('ja', 'Jpan'), ('en', 'Latn'), ('ko', 'Hang')]
    >>> detect_spans("2026-01-13")
    [Span(start=0, end=10, lang='und', script='Zyyy', text='2026-01-13')]
    """
    if not text:
        return []
    pieces: list[_Piece] = []
    for start, end, kind in _script_runs(text):
        if kind == _H:
            _cjk_pieces(text, start, end, pieces)
        else:
            _alpha_pieces(text, start, end, kind, pieces)
    if not pieces:
        return [Span(0, len(text), "und", "Zyyy", text)]
    _settle_unjudged(pieces)
    groups: list[_Piece] = []
    for p in pieces:
        last = groups[-1] if groups else None
        if (
            last
            and last.lang == p.lang
            and last.script == p.script
            and not _LINE_BREAK_RE.search(text, last.end, p.start)
        ):
            last.end = p.end
        else:
            groups.append(p)
    bounds = [0]
    for a, b in pairwise(groups):
        bounds.append(_split_gap(text, a.end, b.start, a.kind, b.kind))
    bounds.append(len(text))
    return [Span(s, e, g.lang or "und", g.script, text[s:e]) for g, s, e in zip(groups, bounds, bounds[1:])]
