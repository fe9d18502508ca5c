"""numbers.py: extraction and normalisation of Chinese and English numbers, and comparison."""

from __future__ import annotations

import os
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SEEDS
from zhen_tools.text import numbers
from zhen_tools.text.numbers import (
    compare,
    extract_numbers,
    required,
    same_quantity,
    say,
    scale_error,
)


def values(text: str, lang: str) -> list[tuple[str, Decimal, str]]:
    return [(n.text, n.value, n.kind) for n in extract_numbers(text, lang)]


# -- extraction -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("３．５万吨", [("３．５万", Decimal(35000), "plain")]),  # full-width: text is the slice
        ("2.6万亿日元", [("2.6万亿", Decimal(2_600_000_000_000), "plain")]),
        ("十五名船员", [("十五", Decimal(15), "plain")]),
        ("两千吨", [("两千", Decimal(2000), "plain")]),
        ("二〇二六年", [("二〇二六年", Decimal(2026), "year")]),
        ("百分之七十", [("百分之七十", Decimal(70), "percent")]),
        ("超过70%", [("70%", Decimal(70), "percent")]),
        ("七成", [("七成", Decimal(70), "percent")]),
        ("1月12日", [("1月12日", Decimal(112), "date")]),
        ("2026年", [("2026年", Decimal(2026), "year")]),
        ("一百零五个", [("一百零五", Decimal(105), "plain")]),
        ("三千五百吨", [("三千五百", Decimal(3500), "plain")]),
        ("1,200亿", [("1,200亿", Decimal(120_000_000_000), "plain")]),
        ("18.9千米", [("18.9", Decimal("18.9"), "plain")]),  # 千米 is a kilometre
        ("82万千瓦", [("82万", Decimal(820_000), "plain")]),  # 千瓦 is a kilowatt
        ("3个百分点", [("3", Decimal(3), "plain")]),  # not 300
    ],
)
def test_chinese_values(text: str, expected: list[tuple[str, Decimal, str]]) -> None:
    assert values(text, "zh") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("35,000 tons", [("35,000", Decimal(35000), "plain")]),
        ("2.6 trillion yen", [("2.6 trillion", Decimal(2_600_000_000_000), "plain")]),
        ("$1.2bn", [("1.2bn", Decimal(1_200_000_000), "plain")]),
        ("70 per cent", [("70 per cent", Decimal(70), "percent")]),
        ("on January 12, 2026", [("January 12", Decimal(112), "date"), ("2026", Decimal(2026), "year")]),
        ("12 Jan. 2026", [("12 Jan.", Decimal(112), "date"), ("2026", Decimal(2026), "year")]),
        ("twenty-five ships", [("twenty-five", Decimal(25), "plain")]),
        ("the 14th plan", [("14th", Decimal(14), "ordinal")]),
    ],
)
def test_english_values(text: str, expected: list[tuple[str, Decimal, str]]) -> None:
    assert values(text, "en") == expected


@pytest.mark.parametrize(
    "text, lang",
    [
        ("COVID-19", "en"),
        ("the G20 summit", "en"),
        ("5G networks", "en"),
        ("Ka-52 helicopter", "en"),
        ("卡-52直升机", "zh"),
        ("G20峰会", "zh"),
        ("737NG客机", "zh"),
    ],
)
def test_codes_are_not_quantities(text: str, lang: str) -> None:
    """Digits glued to letters name a model or code: only ever soft."""
    assert all(not n.strict for n in extract_numbers(text, lang))


@pytest.mark.parametrize(
    "text, lang",
    [
        ("version 1.2.3", "en"),
        ("call 010-12345678", "en"),
        ("电话010-12345678", "zh"),
        ("日产量很高", "zh"),
    ],
)
def test_not_numbers(text: str, lang: str) -> None:
    assert extract_numbers(text, lang) == []


def test_offsets_point_into_the_text() -> None:
    text = "据报道，日产约3.5万吨，占百分之七十。"
    for n in extract_numbers(text, "zh"):
        assert text[n.start : n.end] == n.text
    assert [n.approx for n in extract_numbers(text, "zh")] == [True, False]


def test_soft_words_do_not_demand_a_match() -> None:
    """一些/两岸/十分 and English "one"/"first" are soft: never reported when unmatched."""
    assert not any(n.strict for n in extract_numbers("一些人认为两岸十分重要", "zh"))
    assert not any(n.strict for n in extract_numbers("one of the first ships", "en"))


# -- comparison -----------------------------------------------------------------------------

SHOULD_EQUAL = [
    ("3.5万吨", "35,000 tons"),
    ("2.6万亿日元", "2.6 trillion yen"),
    ("约2.6万亿日元", "about 2.6 trillion yen"),
    ("超过70%", "more than 70%"),
    ("百分之七十", "70 percent"),
    ("七成", "70%"),
    ("十五名", "15 crew members"),
    ("十五名", "fifteen crew members"),
    ("两千吨", "2,000 tons"),
    ("二〇二六年", "in 2026"),
    ("2026年", "2026"),
    ("1月12日", "January 12"),
    ("1月12日", "12 January"),
    ("2026年1月12日", "January 12, 2026"),
    ("11.8亿元", "1.2 billion yuan"),  # a scaled number rounded
    ("100多万人", "more than 1 million people"),
    ("6000米", "6,000 meters"),
    ("约2000公里", "about 2,000 kilometers"),
    ("第一次", "the first time"),
    ("一艘船", "a ship"),  # 一 as "a"
    ("两国", "both countries"),
    ("12日", "on the 12th"),
    ("7月26日电", "July 26, 2020"),  # a dateline year the source leaves implicit
    ("24小时", "around the clock"),
    ("半米", "0.5 meters"),
    ("“90后”", "the post-90s generation"),
    ("3：0", "3:0"),
    ("６０００米", "6000 m"),
    ("近2000公里", "nearly 2,000 kilometers"),
    ("10斤", "5 kg"),  # a conversion may change the precision
    ("《2020的第一场战役》", "The First War of 2020"),
]

SHOULD_MISMATCH = [
    ("3.5万吨", "3,500 tons", "scale"),
    ("2.6万亿日元", "2.6 billion yen", "scale"),
    ("日产350吨", "3,500 tons a day", "scale"),
    ("百分之七十", "17%", "differs"),
    ("1月12日", "January 13", "differs"),
    ("2026年", "2027", "differs"),
    ("1983年", "in 1982", "differs"),
    ("54例", "43 cases", "differs"),
    ("2030万元", "203 million yuan", "scale"),
    ("约6000米", "about 600 meters", "scale"),
    ("6000米", "6,100 meters", "differs"),
    ("11.8亿元", "1.3 billion yuan", "differs"),
    ("十五名", "16 crew members", "differs"),
    ("5艘船", "ships", "missing"),
    ("船只", "5 ships", "extra"),
    ("近2000公里", "nearly 2,060 kilometers", "differs"),  # same unit: a precision invented
    ("《2020的第一场战役》", "The First War of 2040", "differs"),  # a year written without 年
]


@pytest.mark.parametrize("zh, en", SHOULD_EQUAL)
def test_should_equal(zh: str, en: str) -> None:
    assert compare(extract_numbers(zh, "zh"), extract_numbers(en, "en")) == []


@pytest.mark.parametrize("zh, en, kind", SHOULD_MISMATCH)
def test_should_mismatch(zh: str, en: str, kind: str) -> None:
    diffs = compare(extract_numbers(zh, "zh"), extract_numbers(en, "en"))
    assert [d.kind for d in diffs] == [kind]


def test_scale_error_names_both_scales() -> None:
    zh = extract_numbers("2.6万亿", "zh")[0]
    en = extract_numbers("2.6 billion", "en")[0]
    assert scale_error(zh, en) and not same_quantity(zh, en)
    assert (say(zh), say(en)) == ("2.6 trillion", "2.6 billion")


def test_rounding_only_for_scaled_or_hedged_numbers() -> None:
    """1,948 vs 1,900 is a changed number, not rounding: neither side is scaled or hedged."""
    assert compare(extract_numbers("1948人", "zh"), extract_numbers("1,900 people", "en"))
    assert not compare(extract_numbers("1948人", "zh"), extract_numbers("about 1,900 people", "en"))


def test_repeated_number_written_once() -> None:
    zh = extract_numbers("2026年开始，2026年结束", "zh")
    assert compare(zh, extract_numbers("starts and ends in 2026", "en")) == []


# -- soft source numbers a translation must keep (issue 14) ---------------------------------------

REQUIRED = [
    ("The meeting on the 25th ended at 3 p.m.", {"day", "hour", "one"}),
    ("The minister called for better regulation.", {"day", "hour", "one"}),
    ("The next day, the talks resumed.", {"hour", "one"}),
    ("He announced it on Wednesday.", {"hour", "one"}),
    ("Two days later, the dam held.", {"hour", "one"}),
    ("It was reported yesterday.", {"hour", "one"}),
    ("At noon the water rose.", {"day", "one"}),
    ("It closed at midnight.", {"day", "one"}),
    ("The output per mu rose.", {"day", "hour"}),
    ("Sales more than doubled.", {"day", "hour"}),
    ("One point is deducted for each major.", {"day", "hour"}),
    ("The project took a year.", {"day", "hour"}),  # 1年
    ("It lies an hour away.", {"day", "hour"}),
    ("A case was reported.", {"day", "hour", "one"}),  # "a case" is no unit: 1宗 must be kept
    ("On the afternoon of the 25th.", {"day", "hour", "one"}),  # "the afternoon" names no day
]


@pytest.mark.parametrize("en, kinds", REQUIRED)
def test_required_soft_numbers_and_their_excuses(en: str, kinds: set[str]) -> None:
    assert required(en) == kinds


SHOULD_FLAG_WHEN_REQUIRED = [
    ("水利部部长26日要求加强调度。", "The minister called for better regulation.", "missing"),
    ("美国航空公司24日说。", "American Airlines said on the 25th.", "differs"),
    ("7月25日12时，列车抵达。", "On July 25th, the train arrived.", "missing"),
    ("旅游局收到1宗投诉。", "The bureau received complaints.", "missing"),
]
SHOULD_PASS_WHEN_REQUIRED = [
    ("水利部部长26日要求加强调度。", "On Sunday, the minister called for better regulation."),
    ("水利部部长26日要求加强调度。", "On the 26th, the minister called for better regulation."),
    ("7月25日12时，水位超警。", "At noon on July 25, the level passed the mark."),
    ("7月25日12时，水位超警。", "At 12:00 on July 25, the level passed the mark."),
    ("7月25日0—24时，新增1例。", "On July 25, there was one new case."),  # 0-24时 is the whole day
    ("1亩苹果的年产值超过1.5万元。", "The output per mu of apples is over 15,000 yuan."),
    ("提高约1倍", "about doubled"),
    ("项目为期1年。", "The project lasts a year."),
]


@pytest.mark.parametrize("zh, en, kind", SHOULD_FLAG_WHEN_REQUIRED)
def test_should_flag_a_dropped_day_hour_or_one(zh: str, en: str, kind: str) -> None:
    """A day, hour or count of one the source gives in digits, and the English gives no other way."""
    soft = compare(extract_numbers(zh, "zh"), extract_numbers(en, "en"))
    assert [d.kind for d in soft] != [kind]  # not without ``required``
    diffs = compare(extract_numbers(zh, "zh"), extract_numbers(en, "en"), required(en))
    assert [d.kind for d in diffs] == [kind]


@pytest.mark.parametrize("zh, en", SHOULD_PASS_WHEN_REQUIRED)
def test_should_pass_a_day_hour_or_one_kept_or_said_otherwise(zh: str, en: str) -> None:
    assert compare(extract_numbers(zh, "zh"), extract_numbers(en, "en"), required(en)) == []


def test_a_number_word_is_no_day_of_a_date() -> None:
    """``one`` (a pronoun as often as a count) does not stand for the 1 of 8月1日; ``1st`` does."""
    [date] = extract_numbers("8月1日", "zh")
    [one] = extract_numbers("those without one", "en")
    [first] = [n for n in extract_numbers("on the 1st", "en")]
    assert not same_quantity(date, one) and same_quantity(date, first)
    assert [d.kind for d in compare([date], [one])] == ["missing"]


def test_a_year_completing_a_date_must_be_a_news_year() -> None:
    """A dateline year the source leaves implicit is context if news can carry it (1900-2099);
    an out-of-range year alone may be history the translator adds."""
    src = extract_numbers("7月26日电", "zh")
    assert compare(src, extract_numbers("July 26, 2020", "en")) == []
    assert [
        (d.kind, d.target.text) for d in compare(src, extract_numbers("July 26, 2720", "en")) if d.target
    ] == [("extra", "2720")]
    assert compare(extract_numbers("明朝时", "zh"), extract_numbers("the Ming (1368-1644)", "en")) == []


OFFSET_TEXTS = [
    ("３５００吨，增长１２．６％", "zh"),
    ("三四五六年级，3至6月，12 月，820 万，2万4801，1亿2000万，95后，20世纪80年代", "zh"),
    ("凌晨四点半，9点半，15时40分，党的十八大后，上下册，CMV-22，14nm", "zh"),
    ("In her 40’s, 50K, 14nm, CMV-22, 10:40 a.m., the 23rd, 5 kg, 10 kilometers", "en"),
]


@pytest.mark.parametrize("text, lang", OFFSET_TEXTS)
def test_text_is_the_slice_of_the_text_as_given(text: str, lang: str) -> None:
    """The documented invariant, for full-width digits too: the normalised value is ``value``."""
    numbers = extract_numbers(text, lang)
    assert numbers
    assert all(text[n.start : n.end] == n.text for n in numbers)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("三四五六年级", [("三", 3), ("四", 4), ("五", 5), ("六", 6)]),  # a list, not the year 3456
        ("3至6月", [("3", 3), ("6", 6)]),  # March to June
        ("2万4801人", [("2万4801", 24801)]),
        ("1亿2000万元", [("1亿2000万", 120_000_000)]),
        ("820 万人", [("820 万", 8_200_000)]),
        ("上下册", [("上", 1), ("下", 2)]),
    ],
)
def test_chinese_news_forms(text: str, expected: list[tuple[str, int]]) -> None:
    assert [(n.text, n.value) for n in extract_numbers(text, "zh")] == expected


@pytest.mark.parametrize(
    "text, kind, value",
    [
        ("20世纪80年代", "decade", 1980),
        ("21世纪20年代", "decade", 2020),
        ("95后", "decade", 1995),
        ("00后", "decade", 2000),
        ("18世纪初", "century", 18),
    ],
)
def test_decades_generations_centuries(text: str, kind: str, value: int) -> None:
    n = [n for n in extract_numbers(text, "zh") if n.kind == kind]
    assert [x.value for x in n] == [value]


def test_codes_carry_their_letters() -> None:
    assert [(n.text, n.unit) for n in extract_numbers("CMV-22 and 14nm", "en")] == [
        ("22", "cmv"),
        ("14", "nm"),
    ]


# -- one reading, fewer passes (issue 13) --------------------------------------------------------

# Pieces of English number text, run together at random: word and digit numbers side by side,
# scale words after digits, "a" before words, and letters IGNORECASE folds to ASCII (ſ, K, İ).
_PIECES = [
    *"0123456789 ,.-:/%$'’",
    *("a ", "A ", "and ", "one", "Two", "twenty", "-five", "hundred", "million", "first", "sixth"),
    *("half", "both", "once", "double", "dozen", " percent", "per cent", "th", "st", "s", "bn", "m"),
    *("K", "k", "x", "ſix", "İ", "ı", "K", "٣", "_", "Ka-", "RMB", "(about ", "January ", "May "),
]


def _one_pattern_spans(text: str) -> list[tuple[int, int]]:
    from zhen_tools.text.numbers import _EN_NUM_DIGITS, _EN_NUM_WORDS

    one = re.compile(f"{_EN_NUM_DIGITS.pattern}|{_EN_NUM_WORDS.pattern}", re.IGNORECASE)
    return [m.span() for m in one.finditer(text)]


@pytest.mark.parametrize(
    "text",
    [
        "5 million and twenty",
        "a hundred and five",
        "a 5",
        "twenty-five percent",
        "the 23rd and first",
        "ſixth",
    ],
)
def test_words_and_digits_are_read_as_one_pattern_would(text: str) -> None:
    """English numbers in words are tried only at their first words; the matches are those of
    the single alternation they were (``5 million and twenty`` is ``5 million``, ``twenty``)."""
    from zhen_tools.text.numbers import _en_num_matches

    assert [m.span() for m in _en_num_matches(text, True)] == _one_pattern_spans(text)


@settings(max_examples=int(os.environ.get("ZHEN_HYPOTHESIS_EXAMPLES", "40")) * 10, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_words_and_digits_are_read_as_one_pattern_would_on_any_text(text: str) -> None:
    from zhen_tools.text.numbers import _en_num_matches

    assert [m.span() for m in _en_num_matches(text, True)] == _one_pattern_spans(text)


# Text where the number patterns find something at nearly every kind of start: Chinese and
# English numbers, dates, times and ranges, full-width digits, with and without the characters
# a lookahead could wrongly leave out (两, 〇, 百分之, 半).
_NUMBER_TEXT = (
    "2026年1月12日上午九点半，3至6月，二〇二六年五月，两千吨，百分之七十，七成，2万4801元，"
    "1亿2000万，12时30分，凌晨三点，十五名，3-4点，约1,900公里，5月份，15号。"
    "On January 12, 35,000 tons; 3.5 million, 12th, 1990s, 7 p.m., 2026-01-12, 50 percent, 5m."
)


@pytest.mark.parametrize(
    "name",
    ["_ZH_DATE", "_ZH_MONTH_RANGE", "_ZH_MIXED", "_ZH_NUM", "_ZH_TIME", "_ZH_TIME_CHARS", "_EN_NUM_DIGITS"],
)
def test_the_opening_lookahead_of_a_number_pattern_changes_no_match(name: str) -> None:
    """A number pattern opens with a lookahead for the characters its matches start with, which
    only makes the engine skip other places faster: without it, the pattern finds exactly the
    same matches, on the seeds and on text dense with numbers of every kind."""
    pattern = getattr(numbers, name)
    opening = re.match(r"\(\?=(?:\\d|\[[^\]]*\])\)", pattern.pattern)
    assert opening is not None, f"{name} no longer opens with a lookahead"
    bare = re.compile(pattern.pattern[opening.end() :], pattern.flags)
    texts = [_NUMBER_TEXT, *(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))]
    for text in texts:
        got = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        assert got == [(m.span(), m.groups()) for m in bare.finditer(text)]
    assert any(pattern.search(t) for t in texts)


def test_letters_that_fold_to_ascii_do_not_break_the_reader() -> None:
    """Under IGNORECASE ``ſ`` (long s) and ``K`` (Kelvin sign) match s and k: ``ſixth`` was read
    as an ordinal and then looked up as "ſixth", a KeyError that failed every pair rule."""
    assert [(n.text, n.value) for n in extract_numbers("the ſixth time", "en")] == [("ſixth", 6)]
    assert [n.text for n in extract_numbers("fİrst, İnce, once", "en")] == ["once"]


def test_a_decade_in_han_numerals_compares_without_failing() -> None:
    """八十年代 is a decade whose text is not digits: compared with a plain 80 (``in his 80s``
    read as an age) it is the same two-digit quantity, as ``80s`` is, and never a crash that
    fails every pair rule of the file; another number is still a change."""
    [decade] = extract_numbers("上世纪八十年代", "zh")
    [eighty] = extract_numbers("he was 80", "en")
    [seventy] = extract_numbers("he was 70", "en")
    assert decade.kind == "decade" and decade.text == "八十"
    assert same_quantity(decade, eighty) and same_quantity(eighty, decade)
    assert not same_quantity(decade, seventy)


def test_around_the_clock_is_read_beside_other_numbers() -> None:
    """``_EN_IDIOMS`` is only scanned where one of its branches can match ("24/7", or "round" in
    any case): a text with other digits still has its idiom read, and its digits skipped."""
    assert values("Open 24/7 since 2019", "en") == [
        ("24/7", Decimal(24), "plain"),
        ("2019", Decimal(2019), "year"),
    ]
    assert values("ROUND-THE-CLOCK shifts, 3 teams", "en") == [
        ("ROUND-THE-CLOCK", Decimal(24), "plain"),
        ("3", Decimal(3), "plain"),
    ]


_IDIOM_PIECES = ["24/7", "24", "/7", "round", "ROUND", "a", "Around", " ", "-", "the", "clock", "3", "x"]


@settings(max_examples=int(os.environ.get("ZHEN_HYPOTHESIS_EXAMPLES", "40")) * 10, deadline=None)
@given(st.lists(st.sampled_from(_IDIOM_PIECES), max_size=12).map("".join))
def test_the_idiom_gate_lets_every_idiom_through(text: str) -> None:
    """The test ``_extract_en`` makes before scanning for idioms is true wherever one matches."""
    from zhen_tools.text.numbers import _EN_IDIOMS

    if _EN_IDIOMS.search(text) is not None:
        assert "24/7" in text or "round" in text.lower()
        assert any(n.value == 24 and not n.strict for n in extract_numbers(text, "en"))


_ZH_PIECES = [
    "3",
    "12",
    "１",
    "月",
    "日",
    "号",
    "点",
    "时",
    "半",
    "分",
    "至",
    "-",
    "万",
    "亿",
    "年",
    "三",
    "十",
    "上午",
    "中",
]


@settings(max_examples=int(os.environ.get("ZHEN_HYPOTHESIS_EXAMPLES", "40")) * 10, deadline=None)
@given(st.lists(st.sampled_from(_ZH_PIECES), max_size=12).map("".join))
def test_chinese_passes_skipped_only_where_their_pattern_cannot_match(text: str) -> None:
    """``_extract_zh`` skips a pass when the text lacks what each of its pattern's matches holds;
    wherever the pattern matches, the text has it."""
    from zhen_tools.text import numbers as n

    digits = re.search(r"\d", text) is not None
    needs = {
        n._ZH_TIME: digits,
        n._ZH_TIME_CHARS: "点" in text or "时" in text,
        n._ZH_MONTH_RANGE: "月" in text,
        n._ZH_MIXED: digits,
        n._ZH_DATE: "月" in text or (digits and ("日" in text or "号" in text)),
    }
    for pattern, gate in needs.items():
        if pattern.search(text) is not None:
            assert gate, (pattern.pattern, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9点半到3月5日", [("9", 9, "time"), ("半", 30, "time"), ("3月5日", 305, "date")]),
        ("下午三点开会", [("三", 3, "time")]),
        ("2万4801人", [("2万4801", 24801, "plain")]),
        ("15号", [("15号", 15, "day")]),
    ],
)
def test_dates_and_times_still_read_after_the_gates(text: str, expected: list[tuple[str, int, str]]) -> None:
    assert [(t, int(v), k) for t, v, k in values(text, "zh")] == expected
