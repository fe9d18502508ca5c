"""zhen_tools.text.pinyin: the syllable inventory and parsing words into pinyin syllables."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhen_tools.text.pinyin import (
    SYLLABLES,
    count_tone_marks,
    fold_tones,
    has_tone_marks,
    is_pinyin_word,
    split_syllables,
)


def test_inventory_is_the_standard_table_derived_from_pypinyin() -> None:
    """The literal table in pinyin.py is what its docstring says: pypinyin's readings of the
    GB2312 characters, tones folded, ü as v, without the nasal interjections m n ng hng."""
    from pypinyin.pinyin_dict import pinyin_dict

    derived = set()
    for code, readings in pinyin_dict.items():
        try:
            chr(code).encode("gb2312")
        except UnicodeEncodeError:
            continue
        for reading in readings.split(","):
            bare = "".join(
                c for c in unicodedata.normalize("NFD", reading) if c not in "\u0300\u0301\u0304\u030c"
            )
            derived.add(unicodedata.normalize("NFC", bare).replace("ü", "v"))
    derived -= {"m", "n", "ng", "hng"}
    assert derived == SYLLABLES
    assert len(SYLLABLES) == 409


@pytest.mark.parametrize("syllable", ["a", "er", "zhuang", "shuang", "lve", "nv", "jiong", "ri", "yo"])
def test_inventory_has(syllable: str) -> None:
    assert syllable in SYLLABLES


@pytest.mark.parametrize("not_syllable", ["m", "ng", "v", "ti'", "ki", "tsu", "chin", "sian", "be", "go"])
def test_inventory_lacks(not_syllable: str) -> None:
    assert not_syllable not in SYLLABLES


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("Zhōngguó", ["zhong", "guo"]),  # tone marks folded
        ("Zho\u0304ngguo\u0301", ["zhong", "guo"]),  # the same, decomposed
        ("Xi'an", ["xi", "an"]),  # the apostrophe separates
        ("Xi’an", ["xi", "an"]),  # curly apostrophe too
        ("Xian", ["xian"]),  # without it, one syllable
        ("Chang'e", ["chang", "e"]),
        ("Jingji", ["jing", "ji"]),
        ("Meiri", ["mei", "ri"]),
        ("Xinwen", ["xin", "wen"]),
        ("Lǚ", ["lv"]),
        ("lüe", ["lve"]),
        ("Guangdong-Hong", ["guang", "dong", "hong"]),  # hyphens separate
        ("Fangan", ["fan", "gan"]),  # fang-an would need an apostrophe
        ("ZHONGGUO", ["zhong", "guo"]),
        ("China", ["chi", "na"]),  # parsing says nothing about language
        ("Sina", ["si", "na"]),
        ("Takaichi", ["ta", "kai", "chi"]),
    ],
)
def test_split_syllables(word: str, syllables: list[str]) -> None:
    assert split_syllables(word) == syllables


@pytest.mark.parametrize(
    "word",
    [
        "",
        "Tokyo",  # to, kyo: not syllables
        "Sanae",  # san-a-e needs apostrophes before a and e
        "Maria",  # ma-ri-a likewise
        "Asian",
        "Tiananmen",  # only Tian'anmen is well-formed pinyin
        "Okinotorishima",
        "São",  # a tilde is not a tone mark
        "Björn",
        "Xi''an",  # empty syllable between apostrophes
        "'an",
        "Xi'",
        "Chikyū",  # kyu is Japanese
        "Wang2",
        "Ростех",
    ],
)
def test_split_syllables_rejects(word: str) -> None:
    assert split_syllables(word) is None
    assert not is_pinyin_word(word)


def test_split_syllables_returns_a_fresh_list() -> None:
    first = split_syllables("Jingji")
    assert first is not None
    first.append("x")
    assert split_syllables("Jingji") == ["jing", "ji"]


@pytest.mark.parametrize(
    ("word", "expected"), [("Xinwen", True), ("Rìběn", True), ("Long", True), ("March", False)]
)
def test_is_pinyin_word(word: str, expected: bool) -> None:
    assert is_pinyin_word(word) is expected


def test_tone_helpers() -> None:
    assert fold_tones("Rénmín") == "renmin"
    assert fold_tones("Nǚ") == "nv"
    assert fold_tones("Ñandú") is None
    assert has_tone_marks("Zhōngguó") and not has_tone_marks("Zhongguo")
    assert not has_tone_marks("Müller")  # a diaeresis is not a tone
    assert count_tone_marks("rénmín rìbào") == 4
    assert count_tone_marks("dépendance") == 1


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("Tiānānmén", ["tian", "an", "men"]),  # the toned ā starts a syllable: no apostrophe needed
        ("gōngānjú", ["gong", "an", "ju"]),
        ("Xīān", ["xi", "an"]),  # two tone marks, two syllables
        ("nǚér", ["nv", "er"]),
        ("Xian", ["xian"]),  # untoned: the apostrophe rule decides
        ("Tiananmen", None),
        ("Sanae", None),
    ],
)
def test_tone_marks_show_where_a_syllable_starts(word: str, syllables: list[str] | None) -> None:
    assert split_syllables(word) == syllables


def test_the_shape_pattern_holds_every_syllable() -> None:
    # Any syllable, then syllables with an initial: every parse fits the shape, so the shape
    # pattern rejects only words that do not parse.
    from zhen_tools.text.pinyin import SHAPE_FINAL, SHAPE_INITIAL

    first = re.compile(f"{SHAPE_INITIAL}?{SHAPE_FINAL}")
    after = re.compile(f"{SHAPE_INITIAL}{SHAPE_FINAL}")
    assert all(first.fullmatch(s) for s in SYLLABLES)
    assert all(after.fullmatch(s) for s in SYLLABLES if s[0] not in "aoe")
    assert not first.fullmatch("the") and not first.fullmatch("str")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(sorted(SYLLABLES) + list("abcdefghijklmnopqrstuvwxyz")), min_size=1, max_size=5)
)
def test_the_shape_gate_changes_no_parse(pieces: list[str]) -> None:
    from zhen_tools.text.pinyin import _split_part

    word = "".join(pieces)
    assert split_syllables(word) == _split_part(word)


def _reference_split(part: str, toned: frozenset[int] = frozenset()) -> list[str] | None:
    """The parser as first written (a list per position, quadratic memory): the oracle for the
    pointer version."""
    n = len(part)
    best: list[list[str] | None] = [None] * (n + 1)
    best[n] = []
    for i in range(n - 1, -1, -1):
        choice: list[str] | None = None
        for j in range(min(n, i + 6), i, -1):
            syl, rest = part[i:j], best[j]
            if rest is None or syl not in SYLLABLES:
                continue
            if rest and rest[0][0] in "aoe" and j not in toned:
                continue
            if toned and sum(i <= t < j for t in toned) > 1:
                continue
            if choice is None or len(rest) + 1 < len(choice):
                choice = [syl, *rest]
        best[i] = choice
    return best[0]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(sorted(SYLLABLES) + list("aeiougnr")), min_size=1, max_size=6),
    st.sets(st.integers(0, 20), max_size=3),
)
def test_the_parser_gives_what_the_first_parser_gave(pieces: list[str], toned: set[int]) -> None:
    from zhen_tools.text.pinyin import _split_part

    word = "".join(pieces)
    marks = frozenset(t for t in toned if t < len(word))
    assert _split_part(word, marks) == _reference_split(word, marks)


def test_a_megabyte_of_letters_is_no_word() -> None:
    # Parsing it would take time and memory in proportion (a list per letter once took gigabytes).
    assert split_syllables("zhongguo" * 125_000) is None
    assert split_syllables("Zhonghuarenmingongheguo") is not None
