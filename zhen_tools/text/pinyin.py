"""Pinyin-syllable parsing: does a Latin word read as Hanyu Pinyin, and as which syllables.

The syllable inventory is the standard Hanyu Pinyin table (409 syllables). It was derived once,
at writing time, from pypinyin's per-character readings (``pypinyin.pinyin_dict``) of the GB2312
characters, tone marks removed, ``ü`` written ``v`` as pypinyin does, and the nasal interjections
``m``, ``n``, ``ng``, ``hng`` dropped; ``tests/test_pinyin.py`` re-derives it to guard it. So this
module imports nothing heavy at run time.

Parsing follows the orthography rule of Hanyu Pinyin: a syllable that starts with ``a``, ``o`` or
``e`` only begins a word or follows an apostrophe (``Xi'an`` is two syllables, ``Xian`` one).
That strictness is what keeps ``Sanae``, ``Maria`` or ``Asian`` from reading as pinyin. A tone
mark on the vowel shows the syllable start as plainly, so ``Tiānānmén`` is tian-an-men without it.

>>> split_syllables("Zhōngguó")
['zhong', 'guo']
>>> split_syllables("Xi'an"), split_syllables("Xian")
(['xi', 'an'], ['xian'])
>>> is_pinyin_word("Okinotorishima"), is_pinyin_word("Jingji")
(False, True)

Parsing says nothing about language: ``Takaichi`` parses as ta-kai-chi and ``China`` as chi-na;
deciding whether a run of such words is pinyin or English is the job of ``spans``.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from zhen_tools.text.lazyre import lazy_compile

__all__ = [
    "SHAPE_FINAL",
    "SHAPE_INITIAL",
    "SYLLABLES",
    "count_tone_marks",
    "fold_tones",
    "has_tone_marks",
    "is_pinyin_word",
    "split_syllables",
]

SYLLABLES: frozenset[str] = frozenset(
    """
    a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang
    cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan
    chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei deng di dia
    dian diao die ding diu dong dou du duan dui dun duo e ei en er fa fan fang fei fen feng fo fou
    fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha hai han
    hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie
    jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan
    kuang kui kun kuo la lai lan lang lao le lei len leng li lia lian liang liao lie lin ling liu lo
    long lou lu luan lun luo lv lve ma mai man mang mao me mei men meng mi mian miao mie min ming
    miu mo mou mu na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou
    nu nuan nuo nv nve o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu qi
    qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou
    ru ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang shao she shei shen sheng
    shi shou shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan
    tang tao te tei teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen
    weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi
    yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang
    zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou
    zu zuan zui zun zuo
    """.split()
)

# The shape of a syllable as regular-expression sources: an initial, a final of the pinyin table
# (not every pairing is a syllable). ``_SHAPE_RE``, any syllable then consonant-initial ones, is
# a superset of what ``_split_part`` parses (tests/text/test_pinyin.py checks it), matched at C
# speed first, so that the many words that are not pinyin never reach the parser.
SHAPE_INITIAL = r"(?:[bpmfdtnlgkhjqxrwy]|[zcs]h?)"
SHAPE_FINAL = (
    r"(?:a(?:i|o|ng?)?|e(?:i|r|ng?)?|i(?:a(?:o|ng?)?|e|u|ong|ng?)?|o(?:u|ng)?|u(?:a(?:i|ng?)?|[eion])?|ve?)"
)
_SHAPE_RE = lazy_compile(f"{SHAPE_INITIAL}?{SHAPE_FINAL}(?:{SHAPE_INITIAL}{SHAPE_FINAL})*")

_MAX_LEN = max(map(len, SYLLABLES))
# Longer "words" are not parsed: a megabyte of letters without a space is no word, and parsing it
# would cost time and memory in proportion.
_MAX_WORD = 64
# The four tone diacritics (macron, acute, caron, grave) as combining characters after NFD.
_TONE_MARKS = frozenset("\u0304\u0301\u030c\u0300")
_SEPARATORS = "'-"  # apostrophes and hyphens separate syllables
_ASCII_SEPARATORS = str.maketrans({"’": "'", "‘": "'", "‐": "-"})


def fold_tones(word: str) -> str | None:
    """Lower-case ``word`` with pinyin tone marks removed and ``ü`` written ``v``; None when it
    has any other non-ASCII letter or mark (``São``, ``Chikyū`` folds, ``Björn`` does not).

    >>> fold_tones("Lǚ"), fold_tones("São")
    ('lv', None)
    """
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFD", word)
    kept = "".join(ch for ch in decomposed if ch not in _TONE_MARKS)
    folded = unicodedata.normalize("NFC", kept).lower().replace("ü", "v")
    folded = folded.translate(_ASCII_SEPARATORS)
    return folded if folded.isascii() else None


def has_tone_marks(word: str) -> bool:
    """True when ``word`` carries a pinyin tone diacritic (``ā á ǎ à`` on any vowel).

    >>> has_tone_marks("Zhōngguó"), has_tone_marks("Zhongguo")
    (True, False)
    """
    if word.isascii():
        return False
    return any(ch in _TONE_MARKS for ch in unicodedata.normalize("NFD", word))


def count_tone_marks(word: str) -> int:
    """How many pinyin tone diacritics ``word`` carries (one per toned syllable in real pinyin).

    >>> count_tone_marks("Zhōngguó"), count_tone_marks("réduire")
    (2, 1)
    """
    if word.isascii():
        return 0
    return sum(ch in _TONE_MARKS for ch in unicodedata.normalize("NFD", word))


def _split_part(part: str, toned: frozenset[int] = frozenset()) -> list[str] | None:
    """Fewest-syllable parse of one apostrophe-free, folded chunk (longest syllable first on ties).
    ``toned``: positions of vowels that carried a tone mark."""
    n = len(part)
    # count[i]: fewest syllables in a parse of part[i:] (None: none), nxt[i]: where its first
    # syllable ends. Filled from the end; pointers, not lists, so memory stays linear.
    count: list[int | None] = [None] * (n + 1)
    nxt = [n] * (n + 1)
    count[n] = 0
    for i in range(n - 1, -1, -1):
        for j in range(min(n, i + _MAX_LEN), i, -1):
            rest = count[j]
            if rest is None or part[i:j] not in SYLLABLES:
                continue
            # Orthography: a/o/e-initial syllables never follow another without an apostrophe,
            # unless a tone mark on that vowel shows where the syllable starts (Tiānānmén).
            if j < n and part[j] in "aoe" and j not in toned:
                continue
            if toned and sum(i <= t < j for t in toned) > 1:
                continue  # one tone mark to a syllable: Xīān is xi-an
            if count[i] is None or rest + 1 < count[i]:  # type: ignore[operator]
                count[i], nxt[i] = rest + 1, j
    if count[0] is None:
        return None
    out = []
    i = 0
    while i < n:
        out.append(part[i : nxt[i]])
        i = nxt[i]
    return out


def _parses(part: str) -> bool:
    """Whether an untoned, apostrophe-free chunk splits into syllables (a/o/e-initial ones only
    first), found going forward so that a word which is not pinyin is given up on as soon as no
    syllable reaches further: ``became`` after its first letter. ``_split_part`` then finds the
    parse with fewest syllables."""
    n = len(part)
    reach = [True] + [False] * n
    furthest = 0
    for i in range(n):
        if i > furthest:
            return False
        if not reach[i] or (i and part[i] in "aoe"):
            continue
        for j in range(i + 1, min(n, i + _MAX_LEN) + 1):
            if part[i:j] in SYLLABLES:
                reach[j] = True
                furthest = max(furthest, j)
    return reach[n]


def split_syllables(word: str) -> list[str] | None:
    """The pinyin syllables of ``word`` (tone marks folded, lower case, ``ü`` as ``v``), or None
    when it does not parse. Apostrophes and hyphens separate syllables.

    >>> split_syllables("Jingji"), split_syllables("Chang'e"), split_syllables("China")
    (['jing', 'ji'], ['chang', 'e'], ['chi', 'na'])
    >>> split_syllables("Sina"), split_syllables("Sanae"), split_syllables("Takaichi")
    (['si', 'na'], None, ['ta', 'kai', 'chi'])
    """
    parsed = _split_word(word)
    return None if parsed is None else list(parsed)


def _toned_positions(word: str) -> frozenset[int]:
    """Indices, in ``fold_tones(word)``, of the letters that carried a tone mark."""
    if word.isascii():
        return frozenset()
    out = set()
    index = -1
    for ch in unicodedata.normalize("NFD", word):
        if unicodedata.combining(ch):
            if ch in _TONE_MARKS and index >= 0:
                out.add(index)
        else:
            index += 1  # one folded letter per base character (ü folds to v)
    return frozenset(out)


@lru_cache(maxsize=65536)
def _split_word(word: str) -> tuple[str, ...] | None:
    if len(word) > _MAX_WORD:
        return None  # no word is that long (Zhonghuarenmingongheguo has 23 letters)
    folded = fold_tones(word)
    if not folded:
        return None
    toned = _toned_positions(word)
    out: list[str] = []
    chunk: list[str] = []
    offset = 0  # index in ``folded`` where ``chunk`` starts
    for i, ch in enumerate(folded + "'"):
        if ch in _SEPARATORS:
            if not chunk:
                return None  # empty chunk: leading, trailing or doubled separator
            local = frozenset(p - offset for p in toned if offset <= p < i)
            part = "".join(chunk)
            if not local and not (_SHAPE_RE.fullmatch(part) and _parses(part)):
                return None  # most words that are not pinyin: no parse needed
            parsed = _split_part(part, local)
            if parsed is None:
                return None
            out.extend(parsed)
            chunk = []
            offset = i + 1
        elif "a" <= ch <= "z":
            chunk.append(ch)
        else:
            return None
    return tuple(out)


def is_pinyin_word(word: str) -> bool:
    """True when every letter of ``word`` belongs to a pinyin syllable.

    >>> is_pinyin_word("Xinwen"), is_pinyin_word("Rìběn"), is_pinyin_word("Tokyo")
    (True, True, False)
    """
    return _split_word(word) is not None
