"""Extract the numbers of a Chinese or English text, normalised so two sides can be compared.

``extract_numbers(text, lang)`` finds Arabic and full-width digits, Chinese numerals (``十五``,
``两千``, ``二〇二六``, ``百分之七十``), scale characters and words (``万``, ``亿``, ``万亿``,
``million``, ``billion``), percentages, years and month/day dates, and returns one frozen
``Number`` per quantity with code-point offsets into ``text``. ``compare(source, target)`` says
which numbers of one side have no equal on the other, and which differ only by a power of ten.

>>> [(n.text, n.value) for n in extract_numbers("日产3.5万吨，约占百分之七十", "zh")]
[('3.5万', Decimal('35000.0')), ('百分之七十', Decimal('70'))]
>>> [(n.text, str(n.value)) for n in extract_numbers("about 2.6 trillion yen", "en")]
[('2.6 trillion', '2600000000000.0')]

Numbers are *strict* (reported when the other side lacks them) or *soft* (only used to satisfy
the other side's numbers). Soft are the numbers a translator may legitimately drop or add:
English number words (``one`` is often ``a``; ``first``), Chinese character numerals that are not
clearly a count (``一些``, ``两岸``, ``十分``), month-only and day-only dates, and clock times.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from functools import lru_cache
from typing import Literal

from zhen_tools.text.lazyre import lazy_compile

__all__ = [
    "Discrepancy",
    "Number",
    "compare",
    "extract_numbers",
    "required",
    "same_quantity",
    "say",
    "scale_error",
]

Lang = Literal["zh", "en"]


@dataclass(frozen=True)
class Number:
    """``text == source[start:end]`` denotes ``value``.

    ``kind``: ``plain``, ``percent``, ``year``, ``date`` (value is month × 100 + day), ``month``,
    ``day``, ``ordinal``, ``decade``, ``time`` (one part of a clock time or a score like 2:1).
    ``approx``: hedged (``约``, ``超过``, ``about``, ``more than``) -- the value is unchanged, but
    rounding is tolerated. ``scaled``: written with a scale (``万``, ``million``), so the writer
    may have rounded. ``strict``: a number whose absence on the other side is worth reporting.
    ``unit``: for a ``code``, the letters glued to it, lower-cased (``cmv`` in ``CMV-22``, ``nm``
    in ``14nm``), so a code copied from the source can be checked digit for digit.
    """

    start: int
    end: int
    text: str
    value: Decimal
    kind: str = "plain"
    approx: bool = False
    scaled: bool = False
    strict: bool = True
    unit: str = ""


# -- shared tables --------------------------------------------------------------------------

# Any digit \d matches (a text without one has no number in digits: the passes for them are skipped).
_DIGIT = lazy_compile(r"\d")
# Full-width digits and signs are mapped one to one, so offsets are unchanged.
_WIDTH = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)} | {"．": ".", "％": "%"})
# The characters ``_WIDTH`` maps: most texts have none, and a search for them costs a tenth of
# ``str.translate`` with a dict (a Python lookup per character of a non-ASCII text).
_WIDE = lazy_compile("[\uff10-\uff19．％]")

_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_SCALES_EN = {
    "hundred": 100,
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
    "bn": 10**9,
    "mn": 10**6,
}
_UNITS_EN = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_TENS_EN = {
    w: 10 * (i + 2)
    for i, w in enumerate(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])
}
_ORDINALS_EN = {
    w: i + 1
    for i, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ]
    )
}
_APPROX_EN = lazy_compile(
    r"(?:\b(?:about|around|approximately|roughly|nearly|almost|some|over|more than|less than|"
    r"fewer than|at least|up to|close to|under|above|below|an estimated|estimated|upwards of)"
    r"|~)\s*(?:US|HK|NT)?[$€£¥]?\s*$",
    re.IGNORECASE,
)
_APPROX_ZH_BEFORE = lazy_compile(r"(?:约|大约|近|将近|超过|超|逾|多达|达|不到|不足|至少|上|近乎|高达|约合)$")

_ZH_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZH_SCALE = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}
_ZH_NUM_CHARS = "〇零一二两三四五六七八九十百千万亿"
# Characters after a Chinese numeral that make it a count or measure ("十五名", "两千吨"), as
# opposed to a word that happens to contain a numeral ("十分", "两岸", "一些").
_ZH_MEASURES = set(
    "个名位人次年岁天周元块吨米里亩户家座艘架辆台部件项条只头枚股倍层届所颗处篇本份批场轮度万亿千百克斤秒"
)
_ZH_MEASURE_WORDS = ("小时", "分钟", "公里", "公斤", "千克", "平方", "美元", "日元", "欧元", "英镑", "港元")

_CURRENCY = "$€£¥"
# Chinese units a translator converts (市斤 = 0.5 kg, 市里 = 0.5 km), and the English they become.
_ZH_CONVERTIBLE = (("公斤", "kg"), ("公里", "km"), ("斤", "jin"), ("里", "li"))
_EN_CONVERTIBLE = lazy_compile(r"\s?(?:(?P<kg>kg|kilos?|kilograms?)|(?P<km>km|kilometers?|kilometres?))\b")
_CONVERSIONS = {("jin", "kg"): Decimal("0.5"), ("li", "km"): Decimal("0.5")}


def _is_latin_letter(c: str) -> bool:
    return c.isalpha() and c.isascii()


# -- Chinese numerals -----------------------------------------------------------------------


def _zh_small(s: str) -> int | None:
    """Value of a numeral below 10,000 written with 十百千 (``三千五百``, ``十五``, ``一百零五``)."""
    if not s:
        return 0
    total, digit, last_unit, zero = 0, None, 10**5, False
    for i, ch in enumerate(s):
        if ch in "〇零":
            zero = True
        elif ch in _ZH_DIGITS:
            if digit is not None:
                return None  # two digits in a row: "三四" is a vague "three or four"
            digit = _ZH_DIGITS[ch]
        elif ch in _ZH_UNITS:
            unit = _ZH_UNITS[ch]
            if unit >= last_unit:
                return None
            if digit is None:
                if i != 0:
                    return None
                digit = 1  # "十五" = 15, "百" = 100
            total += digit * unit
            digit, last_unit = None, unit
        else:
            return None
    if digit:
        # Colloquial "三千五" = 3500: a final digit right after a unit counts in the next unit
        # down; after a zero ("一百零五") it is units.
        total += digit * (last_unit // 10 if last_unit <= 1000 and not zero else 1)
    return total


def _zh_numeral(s: str) -> int | None:
    """Value of a Chinese numeral with 万/亿 (``两千``, ``三万五千``, ``五万亿``); None if invalid.

    >>> _zh_numeral("十五"), _zh_numeral("两千"), _zh_numeral("一百零五"), _zh_numeral("五万亿")
    (15, 2000, 105, 5000000000000)
    >>> _zh_numeral("三四") is None
    True
    """
    if not s:
        return None
    for scale_text, scale in (("万亿", 10**12), ("亿", 10**8), ("万", 10**4)):
        i = s.find(scale_text)
        if i >= 0:
            left = _zh_numeral(s[:i]) if i else 1
            rest = s[i + len(scale_text) :]
            if left is None:
                return None
            if not rest:
                return left * scale
            if len(rest) == 1 and rest in _ZH_DIGITS and rest not in "〇零":
                return left * scale + _ZH_DIGITS[rest] * scale // 10  # "三万五" = 35,000
            right = _zh_numeral(rest.lstrip("零〇")) if rest.strip("零〇") else 0
            if right is None or right >= scale:
                return None
            return left * scale + right
    return _zh_small(s)


def _digitwise(s: str) -> int | None:
    """``二〇二六`` -> 2026 (digits read one by one, as in years)."""
    if len(s) < 2 or any(c not in _ZH_DIGITS or c == "两" for c in s):
        return None
    return int("".join(str(_ZH_DIGITS[c]) for c in s))


# -- extraction -----------------------------------------------------------------------------


def _zh_value_text(s: str) -> Decimal | None:
    """A Chinese numeral possibly with a decimal ``点`` part: ``三点五`` -> 3.5."""
    if "点" in s:
        whole, frac = s.split("点", 1)
        w = _zh_numeral(whole)
        if w is None or any(c not in _ZH_DIGITS for c in frac):
            return None
        return Decimal(f"{w}.{''.join(str(_ZH_DIGITS[c]) for c in frac)}")
    v = _zh_numeral(s)
    return None if v is None else Decimal(v)


def _dec(s: str) -> Decimal:
    return Decimal(s.replace(",", ""))


def _zh_daynum(s: str) -> int | None:
    return int(s) if s.isdigit() else _zh_numeral(s)


def _next_is_measure(text: str, end: int) -> bool:
    return (end < len(text) and text[end] in _ZH_MEASURES) or text.startswith(_ZH_MEASURE_WORDS, end)


# Letters before digits that are a currency, not a code: "RMB280 million", "US$3".
_CURRENCY_CODES = frozenset(
    [
        "RMB",
        "US",
        "USD",
        "HK",
        "HKD",
        "NT",
        "NTD",
        "CNY",
        "EUR",
        "GBP",
        "JPY",
        "Rs",
        "RM",
        "S",
        "A",
        "C",
        "NZ",
    ]
)
# Unit abbreviations glued to a number ("30km", "28.4mg"); other letters make a code ("5G", "4K").
_UNIT_SUFFIX = lazy_compile(
    r"(?i:km|kg|cm|mm|mg|ml|kwh|kw|mwh|mw|gwh|gw|mph|kph|ft|sq|ha|min)(?![A-Za-z])"
    r"|[mgtLhs](?![A-Za-z])"
)


_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _glued(text: str, start: int, end: int) -> bool:
    """Digits glued to letters belong to a code or model name, not a quantity: ``G20``,
    ``COVID-19``, ``Ka-52``, ``卡-52``, ``737NG``, ``5G``, ``4K``."""
    if start >= 2 and text[start - 1] == "-" and text[start - 2].isalpha():
        return True
    if start and _is_latin_letter(text[start - 1]):
        # The ASCII word before, found by stepping back (a search of ``text[:start]`` would
        # copy and scan the text before every number: quadratic on a long line).
        i = start
        while i > 0 and text[i - 1] in _ASCII_LETTERS:
            i -= 1
        if text[i:start] not in _CURRENCY_CODES:
            return True
    return end < len(text) and _is_latin_letter(text[end]) and not _UNIT_SUFFIX.match(text, end)


def _glue(text: str, start: int, end: int) -> str:
    """The letters a code's digits are glued to: before them (``CMV-22``), else after (``14nm``)."""
    before = re.search(r"([A-Za-z]+)-?$", text[max(0, start - 12) : start])
    if before is not None:
        return before.group(1).lower()
    after = re.match(r"[A-Za-z]+", text[end : end + 12])
    return after.group().lower() if after is not None else ""


class _Found:
    """Numbers found so far and the spans they cover (later passes skip covered text)."""

    def __init__(self) -> None:
        self.out: list[Number] = []
        self.taken: list[tuple[int, int]] = []

    def free(self, a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in self.taken)

    def add(self, n: Number) -> None:
        self.out.append(n)
        self.taken.append((n.start, n.end))

    def block(self, a: int, b: int) -> None:
        self.taken.append((a, b))

    def common(self, text: str) -> None:
        """Passes shared by both languages: phone numbers, ISO dates, clock times (each needs a
        digit: a text without one is not scanned three times for nothing)."""
        if _DIGIT.search(text) is None:
            return
        for m in _PHONE.finditer(text):
            self.block(*m.span())
        for m in _ISO_DATE.finditer(text):
            y, mo, d = (int(g) for g in m.groups())
            if 1 <= mo <= 12 and 1 <= d <= 31 and self.free(*m.span()):
                self.add(Number(m.start(1), m.end(1), m.group(1), Decimal(y), "year"))
                self.add(
                    Number(m.start(2), m.end(), text[m.start(2) : m.end()], Decimal(mo * 100 + d), "date")
                )
        for m in _TIME.finditer(text):
            if self.free(*m.span()) and int(m.group(1)) < 25:
                self.soft_parts(m, "time")

    def soft_parts(self, m: re.Match[str], kind: str) -> None:
        for g in range(1, (m.re.groups or 0) + 1):
            if m.group(g) == "半":  # 9点半 is 9:30
                self.add(Number(m.start(g), m.end(g), "半", Decimal(30), kind, strict=False))
            elif m.group(g):
                self.add(Number(m.start(g), m.end(g), m.group(g), Decimal(m.group(g)), kind, strict=False))

    def result(self) -> list[Number]:
        return sorted(self.out, key=lambda n: (n.start, n.end))


# Each pattern below that reads numbers, Chinese or English, opens with a lookahead for the
# characters its matches can start with (a digit, a Chinese numeral): it changes no match, but
# tells the engine which character to look for, so the positions between numbers are skipped in C
# (a pass over WMT21's Chinese side took 2 to 3.5 times longer without it).
_ZH_DAYNUM = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_ZH_DATE = lazy_compile(
    rf"(?=[\d〇零一二三四五六七八九十])(?:(?:(?P<y>\d{{4}}|[〇零一二三四五六七八九]{{4}})年)?(?P<m>{_ZH_DAYNUM}) ?月份?"
    rf"(?:(?P<d>{_ZH_DAYNUM}) ?[日号])?|(?P<d2>\d{{1,2}}) ?[日号])"
)
# "3至6月" is March to June: the first number is a month too.
_ZH_MONTH_RANGE = lazy_compile(
    rf"(?=[\d一二三四五六七八九十])(?<![\d.])(?P<a>{_ZH_DAYNUM}) ?[至到—–~-] ?(?P<b>{_ZH_DAYNUM}) ?月"
    rf"(?! ?{_ZH_DAYNUM} ?[日号])"
)
# "2万4801" is 24,801 and "1亿2000万" 120,000,000: one number in two parts.
_ZH_MIXED = lazy_compile(r"(?=\d)(?<![\d.,])(\d{1,4})(?:万(\d{4})|亿(\d{1,4})万)(?![\d.,%万亿])")
_ZH_NUM = lazy_compile(
    r"(?=[\d〇零一二两三四五六七八九十百千万亿])(?:(?P<pct>百分之(?P<pnum>\d+(?:\.\d+)?|[〇零一二两三四五六七八九十百千]+(?:点[〇零一二三四五六七八九]+)?))"
    r"|(?P<ar>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<more>[多余])?(?: (?=[万亿]))?(?P<sc>[十百千万亿]*)"
    r"(?P<more2>[多余])?(?P<pc>%|成(?!员|本|果|功|为|立|长|绩|熟|都|交))?"
    r"|(?P<zh>[〇零一二两三四五六七八九十百千万亿]+(?:点[〇零一二三四五六七八九]+)?)(?P<zpc>成(?!员|本|果|功|为|立|长|绩|熟|都|交|不))?)"
)
_ZH_TIME = lazy_compile(
    r"(?=\d)(?<![\d.])(\d{1,2})(?:[—–\-~至到](\d{1,2}))?[时点](?:(\d{1,2})分|(?P<half>半))?(?![\d.])"
)
# Hours in Chinese numerals only where they are clearly the time of day (一点 is "a little").
_ZH_TIME_CHARS = lazy_compile(
    r"(?=[一二三四五六七八九十])(?:(?<=凌晨|上午|下午|晚上|早上|中午|傍晚|夜里|清晨)([一二三四五六七八九十]{1,3})[点时]"
    r"|([一二三四五六七八九十]{1,3})点(?=半|钟))(?:([一二三四五六七八九十]{1,3})分|(半))?"
)
_ZH_VOLUMES = lazy_compile(r"(上中下|上下)(?=册|卷|集|篇|部|两册)")
_ZH_WORDS = lazy_compile(r"首(?=[届次个批家位部款座艘条只轮])|半(?=[个年天米小月公吨斤])|全天候?|昼夜")
# Idioms that stand for a number on the other side: "around the clock" is 24小时.
_EN_IDIOMS = lazy_compile(r"\b24/7\b|\b(?:a)?round[- ]the[- ]clock\b", re.IGNORECASE)
# This pattern and the next three open with a lookahead too, for the reason given at _ZH_DAYNUM.
# "3 p.m." is a clock time (15时), not a count.
_EN_HOUR = lazy_compile(r"(?=\d)(?<![\d.:,])(\d{1,2})\s?(?:[ap]\.m\.|[ap]m\b|[ap]\.m\b)", re.IGNORECASE)
_TIME = lazy_compile(r"(?=\d)(?<![\d.:])(\d{1,2}):\s?(\d{2})(?::\d{2})?(?![\d:])")
_ISO_DATE = lazy_compile(r"(?=\d)(?<![\d.])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d.])")
_PHONE = lazy_compile(
    r"(?=[+\d])(?:(?<![\d.])\+?\d{2,4}(?:[- ]\d{3,4}){2,}(?![\d.])|(?<![\d.])\d{3,4}-\d{7,8}(?![\d.]))"
)
# Chinese scale characters that are really a unit prefix: 千米 km, 千克 kg, 千瓦 kW.
_KILO_UNITS = "米克瓦焦卡帕"


def _decade(v: int, before: str = "") -> Decimal:
    """The year a decade starts: ``80年代`` 1980, ``20世纪80年代`` 1980, ``21世纪20年代`` 2020."""
    century = re.search(r"(\d{2})世纪$", before)
    if century is not None and v < 100:
        return Decimal((int(century.group(1)) - 1) * 100 + v)
    return Decimal(v) if v >= 100 else Decimal(1900 + v if v >= 10 else 2000 + v)


def _extract_zh(text: str) -> list[Number]:
    found = _Found()
    found.common(text)
    # A pass runs only on a text with what every match of its pattern holds (a digit, 点 or 时,
    # 月, 日 or 号): most sentences have no date or time, and each pass scans the whole text.
    digits = _DIGIT.search(text) is not None
    for m in _ZH_TIME.finditer(text) if digits else ():
        if found.free(*m.span()):
            found.soft_parts(m, "time")
    for m in _ZH_TIME_CHARS.finditer(text) if "点" in text or "时" in text else ():
        if found.free(*m.span()):
            for g in range(1, 5):
                v = 30 if m.group(g) == "半" else _zh_numeral(m.group(g) or "")
                if m.group(g) and v is not None:
                    found.add(Number(m.start(g), m.end(g), m.group(g), Decimal(v), "time", strict=False))
    month = "月" in text
    for m in _ZH_MONTH_RANGE.finditer(text) if month else ():
        if found.free(*m.span()) and not (m.start() and text[m.start() - 1] in "第个"):
            a, b = _zh_daynum(m.group("a")), _zh_daynum(m.group("b"))
            if a is not None and b is not None and 1 <= a < b <= 12:
                for side in ("a", "b"):
                    found.add(
                        Number(
                            m.start(side),
                            m.end(side),
                            m.group(side),
                            Decimal(_zh_daynum(m.group(side)) or 0),
                            "month",
                            strict=False,
                        )
                    )
    for m in _ZH_MIXED.finditer(text) if digits else ():
        if found.free(*m.span()):
            high, low, wan = m.group(1), m.group(2), m.group(3)
            v = int(high) * 10**4 + int(low) if low else int(high) * 10**8 + int(wan) * 10**4
            found.add(Number(m.start(), m.end(), m.group(), Decimal(v), "plain", scaled=True))
    day = digits and ("日" in text or "号" in text)
    for m in _ZH_DATE.finditer(text) if month or day else ():
        if found.free(*m.span()) and not _glued(text, m.start(), m.start()):
            _zh_date(text, m, found)
    for m in _ZH_NUM.finditer(text):
        if found.free(*m.span()):
            for n in _zh_match(text, m):
                found.add(n)
    for m in _ZH_WORDS.finditer(text):
        if found.free(*m.span()):
            word = m.group()
            value = Decimal({"首": "1", "半": "0.5"}.get(word, "24"))
            found.add(
                Number(m.start(), m.end(), word, value, "ordinal" if word == "首" else "plain", strict=False)
            )
    for m in _ZH_VOLUMES.finditer(text):
        # "上下册" is Volumes 1 and 2; "上中下" 1, 2 and 3
        for i, c in enumerate(m.group(1)):
            if found.free(m.start() + i, m.start() + i + 1):
                found.add(Number(m.start() + i, m.start() + i + 1, c, Decimal(i + 1), "plain", strict=False))
    return found.result()


def _zh_date(text: str, m: re.Match[str], found: _Found) -> None:
    if m.group("d2"):
        day = int(m.group("d2"))
        if 1 <= day <= 31:
            found.add(Number(m.start(), m.end(), m.group(), Decimal(day), "day", strict=False))
        return
    if m.start() and text[m.start() - 1] in "个第" + _ZH_NUM_CHARS:
        return  # "3个月" is a duration, "第2月" not a date either
    mo = _zh_daynum(m.group("m"))
    if mo is None or not 1 <= mo <= 12:
        return
    if m.group("y"):
        ys = m.group("y")
        year = int(ys) if ys.isdigit() else _digitwise(ys)
        if year is not None:
            found.add(
                Number(
                    m.start("y"), m.end("y") + 1, text[m.start("y") : m.end("y") + 1], Decimal(year), "year"
                )
            )
    mstart = m.start("m")
    if m.group("d"):
        d = _zh_daynum(m.group("d"))
        if d is not None and 1 <= d <= 31:
            found.add(Number(mstart, m.end(), text[mstart : m.end()], Decimal(mo * 100 + d), "date"))
            return
    found.add(
        Number(mstart, m.end("m") + 1, text[mstart : m.end("m") + 1], Decimal(mo), "month", strict=False)
    )


def _zh_match(text: str, m: re.Match[str]) -> list[Number]:
    start = m.start()
    approx = bool(_APPROX_ZH_BEFORE.search(text[max(0, start - 4) : start]))
    if m.group("pct"):
        p = m.group("pnum")
        v = _dec(p) if p[0].isdigit() else _zh_value_text(p)
        return [] if v is None else [Number(start, m.end(), m.group(), v, "percent", approx)]
    if m.group("ar"):
        return _zh_arabic(text, m, approx)
    return _zh_chars(text, m, approx)


def _zh_arabic(text: str, m: re.Match[str], approx: bool) -> list[Number]:
    """Arabic digits in Chinese, with their scale characters: ``3.5万``, ``100多万``, ``70%``."""
    start, ar = m.start(), m.group("ar")
    sc, stop = m.group("sc"), m.end("more") if m.group("more") else m.end("ar")
    if sc and (
        text.startswith("分", m.end("sc"))
        or (sc.endswith("千") and text[m.end("sc") : m.end("sc") + 1] in tuple(_KILO_UNITS))
    ):
        sc = sc[:-1]  # "百分点" is a percentage point, "千米" a kilometre: not scales
        stop = m.start("sc") + len(sc)
    elif sc:
        stop = m.end("more2") if m.group("more2") else m.end("sc")
    value = _dec(ar)
    for c in sc:
        value *= _ZH_SCALE[c]
    more = bool(m.group("more") or (m.group("more2") and sc == m.group("sc")))
    if _glued(text, start, stop):
        glue = _glue(text, start, m.end("ar"))
        return [Number(start, m.end("ar"), ar, _dec(ar), "code", strict=False, unit=glue)]
    kind, strict, after = "plain", True, text[stop : stop + 2]
    if m.group("pc") and sc == m.group("sc"):
        stop = m.end()
        kind = "percent"
        if m.group("pc") == "成":
            value *= 10  # 七成 = 70%
    elif not sc and after.startswith("年代"):
        value, kind, strict = _decade(int(value), text[:start]), "decade", False
    elif not sc and after.startswith("后") and len(ar) == 2:
        value, kind, strict = _decade(int(value)), "decade", False  # "95后", born after 1995
    elif not sc and after.startswith("世纪"):
        # "18世纪" is the 18th century; in "20世纪80年代" the decade says it (the 1980s)
        kind, strict = "century", not re.match(r"世纪\d{2}年代", text[stop : stop + 7])
    elif not sc and value in (180, 360) and after.startswith("度"):
        strict = False  # "180度大转弯" is a U-turn
    elif not sc and after.startswith("年") and len(ar) == 4:
        kind, stop = "year", stop + 1
    elif not sc and value == 1 and "." not in ar:
        strict = False  # "1亩" is "per mu", "1倍" "doubled": English rarely writes the 1
    if start and text[start - 1] == "第":
        kind = "ordinal"
    unit = next((u for w, u in _ZH_CONVERTIBLE if text.startswith(w, stop)), "")
    return [Number(start, stop, text[start:stop], value, kind, approx or more, bool(sc), strict, unit)]


def _zh_chars(text: str, m: re.Match[str], approx: bool) -> list[Number]:
    """A run of Chinese numeral characters: ``十五``, ``两千``, ``二〇二六年``, ``七成``, ``五六百``."""
    start, end, s = m.start(), m.end("zh"), m.group("zh")
    if s.endswith("百") and text.startswith("分", end):
        s, end = s[:-1], end - 1  # "个百分点"
    if s.endswith("千") and text[end : end + 1] in tuple(_KILO_UNITS):
        s, end = s[:-1], end - 1
    if not s:
        return []
    prev = text[start - 1] if start else ""
    v = _zh_value_text(s)
    if v is None:
        return _zh_irregular(text, start, end, s, approx)
    if m.group("zpc") and end == m.end("zh"):
        return [Number(start, m.end(), text[start : m.end()], v * 10, "percent", approx, strict=v > 1)]
    if text.startswith("年代", end) and v < 100 and v % 10 == 0:
        return [Number(start, end, s, _decade(int(v)), "decade", approx, strict=False)]
    kind = "ordinal" if prev == "第" else "plain"
    if _PARTY_CONGRESS.match(text, end) and len(s) >= 2 and 10 < v < 40 and prev not in "前":
        # "党的十八大", "二十大报告": the 18th/20th National Congress, an ordinal to keep
        return [Number(start, end, s, v, "ordinal", approx, strict=True)]
    vague = (prev != "" and prev in "几数上成好") or text.startswith(("几", "多", "余"), end)
    # A lone character ("两人", "三轮车", "二次元") is too often not a count the English keeps;
    # longer numerals followed by a measure ("十五名", "两千吨") are counts.
    strict = not vague and kind == "plain" and len(s) >= 2 and _next_is_measure(text, end)
    scaled = any(c in "万亿" for c in s)
    return [Number(start, end, s, v, kind, approx or vague, scaled, strict)]


# After 十八/二十: 大 as the National Congress (not 十大, the top ten, nor 二十大类, twenty classes).
_PARTY_CONGRESS = lazy_compile(r"大(?=以来|召开|报告|精神|后|代表|期间|上|开幕|闭幕|提出|强调|[，。、”）)])")


def _zh_irregular(text: str, start: int, end: int, s: str, approx: bool) -> list[Number]:
    """Runs that are not one numeral: a digit-by-digit year (``二〇二六年``), a vague range
    (``五六百`` = 500 or 600, ``四五厘米``), or two numerals run together (``十四五``)."""
    year = _digitwise(s)
    if year is not None and text.startswith("年", end) and not text.startswith("年级", end):
        return [Number(start, end + 1, text[start : end + 1], Decimal(year), "year", approx)]
    digits = [_ZH_DIGITS.get(c, 0) for c in s]
    if len(s) >= 3 and all(digits) and all(b == a + 1 for a, b in itertools.pairwise(digits)):
        # "三四五六年级": a list, Grades 3, 4, 5 and 6
        return [
            Number(start + i, start + i + 1, c, Decimal(d), "plain", True, strict=False)
            for i, (c, d) in enumerate(zip(s, digits))
        ]
    if (
        len(s) >= 2
        and s[0] in _ZH_DIGITS
        and s[1] in _ZH_DIGITS
        and s[0] not in "〇零"
        and _ZH_DIGITS[s[1]] == _ZH_DIGITS[s[0]] + 1
    ):
        unit = _zh_numeral("一" + s[2:]) if s[2:] else 1
        if unit is not None:
            return [
                Number(start, end, s, Decimal(_ZH_DIGITS[c] * unit), "plain", True, strict=False)
                for c in s[:2]
            ]
    for cut in range(len(s) - 1, 1, -1):
        head = _zh_value_text(s[:cut])
        if head is not None:
            return [Number(start, start + cut, s[:cut], head, "plain", approx, strict=False)]
    return []


_EN_WORD = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety)"
)
_EN_SCALE = r"(?:hundred|thousand|million|billion|trillion)"
_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_EN_DATE = lazy_compile(
    rf"(?=[\dA-Z])(?:\b(?P<m1>{_MONTH_RE})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,\d|\.\d|:)"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH_RE})(?![a-z])"
    rf"|\b(?P<m3>January|February|March|April|June|July|August|September|October|November|December)\b)"
)
# English numbers are read by two patterns, one for numbers in digits and one for number words.
# They were one alternation; scanning a line for it cost more than all else the reader does,
# because the words were tried at every position. The words are now tried only where a run of
# letters is one of their first words (``_en_num_matches``), with the old pattern's results.
# The digits pattern opens with a lookahead for a digit, for the reason given at _ZH_DAYNUM.
_EN_NUM_DIGITS = lazy_compile(
    r"(?=\d)(?P<ar>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"(?P<sc>\s*(?:-\s*)?{_EN_SCALE}\b|\s*(?:bn|mn)\b|(?-i:[mk])\b|(?<=\d\d)(?-i:K)\b)?"
    r"(?P<pc>\s*(?:%|percent\b|per\s+cent\b|percentage\s+points?\b))?"
    r"(?P<suf>st\b|nd\b|rd\b|th\b|['’]?s\b)?",
    re.IGNORECASE,
)
_EN_ORDINAL_WORDS = (
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    "thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth"
)
_EN_EXTRA_WORDS = "decade|dozen|twice|double|doubled|half|once|both|couple|pair|trio"
_EN_NUM_WORDS = lazy_compile(
    rf"\b(?P<w>(?:a\s+)?(?:{_EN_WORD}|{_EN_SCALE})(?:(?:\s+and\s+|[\s-]+)(?:{_EN_WORD}|{_EN_SCALE}))*)\b"
    r"(?P<wpc>\s+(?:percent\b|per\s+cent\b|percentage\s+points?\b))?"
    rf"|\b(?P<o>{_EN_ORDINAL_WORDS})\b"
    rf"|\b(?P<x>{_EN_EXTRA_WORDS})\b",
    re.IGNORECASE,
)
# The words a match of ``_EN_NUM_WORDS`` can begin with: every alternative starts with one whole
# word ("a" before a number word, a number or scale word, an ordinal, an extra word).
_EN_FIRST_WORDS = frozenset(
    ["a"]
    + [w for alts in (_EN_WORD, _EN_SCALE) for w in alts[3:-1].split("|")]
    + _EN_ORDINAL_WORDS.split("|")
    + _EN_EXTRA_WORDS.split("|")
)
_LETTER_RUN = lazy_compile(r"[^\W\d_]+")
# Month names _EN_DATE reads without a day (its third branch, case-sensitive).
_MONTHS_ALONE = tuple(
    "January February March April June July August September October November December".split()
)
_EN_EXTRA = {
    "decade": "10",
    "dozen": "12",
    "twice": "2",
    "double": "2",
    "doubled": "2",
    "half": "0.5",
    "once": "1",
    "both": "2",
    "couple": "2",
    "pair": "2",
    "trio": "3",
}
# "6,000 mu (400 hectares)": a conversion the translator added after the source's number.
_CONVERSION_BEFORE = lazy_compile(
    r"\d[\d,.]*\s*[^\W\d]*\s*\(\s*(?:about|around|approx\.|approximately|roughly|some|nearly|or)?"
    r"\s*(?:US|HK)?[$€£¥]?\s*$"
)


def _en_words(s: str) -> int | None:
    """``twenty-five`` -> 25, ``two hundred`` -> 200, ``a million`` -> 1000000."""
    total, current, seen = 0, 0, False
    for w in re.split(r"[\s-]+", s.lower()):
        if w in ("and", ""):
            continue
        if w == "a":
            current, seen = 1, True
        elif w in _UNITS_EN:
            current += _UNITS_EN[w]
            seen = True
        elif w in _TENS_EN:
            current += _TENS_EN[w]
            seen = True
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in _SCALES_EN:
            total += (current or 1) * _SCALES_EN[w]
            current = 0
        else:
            return None
    return total + current if seen or total else None


def _extract_en(text: str) -> list[Number]:
    found = _Found()
    found.common(text)
    digits = _DIGIT.search(text) is not None
    if "24/7" in text or "round" in text.lower():  # what each branch of _EN_IDIOMS needs
        for m in _EN_IDIOMS.finditer(text):
            found.add(Number(m.start(), m.end(), m.group(), Decimal(24), "plain", strict=False))
    if digits:
        for m in _EN_HOUR.finditer(text):
            if found.free(*m.span()) and int(m.group(1)) <= 12:
                found.add(Number(m.start(1), m.end(1), m.group(1), Decimal(m.group(1)), "time", strict=False))
    if digits or any(month in text for month in _MONTHS_ALONE):
        _en_dates(text, found)
    for m in _en_num_matches(text, digits):
        if found.free(*m.span()):
            n = _en_match(text, m)
            if n is not None:
                if n.strict and _CONVERSION_BEFORE.search(text, max(0, n.start - 40), n.start):
                    n = Number(n.start, n.end, n.text, n.value, n.kind, n.approx, n.scaled, False)
                found.add(n)
    return found.result()


def _en_dates(text: str, found: _Found) -> None:
    for m in _EN_DATE.finditer(text):
        if not found.free(*m.span()):
            continue
        if m.group("m3"):
            mo = _MONTHS[m.group("m3").lower()]
            found.add(Number(m.start(), m.end(), m.group(), Decimal(mo), "month", strict=False))
            continue
        month = (m.group("m1") or m.group("m2")).rstrip(".").lower()
        d = int(m.group("d1") or m.group("d2"))
        if 1 <= d <= 31:
            found.add(Number(m.start(), m.end(), m.group(), Decimal(_MONTHS[month] * 100 + d), "date"))


def _en_num_matches(text: str, digits: bool) -> Iterator[re.Match[str]]:
    """The matches of ``_EN_NUM_DIGITS | _EN_NUM_WORDS`` as one pattern's ``finditer`` gives them:
    left to right, none overlapping. A match in digits starts at a digit and one in words at a
    letter, so the two never start at one place; a words match holds no digit, so no digits match
    starts inside one. Words are tried only at a run of letters that is one of their first words
    (any run with a letter outside ASCII is tried too: under IGNORECASE ``ſ`` is an s)."""
    numbers = _EN_NUM_DIGITS.finditer(text) if digits else iter(())
    d = next(numbers, None)
    pos = 0
    for run in _LETTER_RUN.finditer(text):
        start = run.start()
        if start < pos:
            continue
        word = run.group()
        if word.isascii() and word.lower() not in _EN_FIRST_WORDS:
            continue
        while d is not None and d.start() < start:
            if d.start() >= pos:
                yield d
                pos = d.end()
            d = next(numbers, None)
        if start < pos:
            continue
        m = _EN_NUM_WORDS.match(text, start)
        if m is not None:
            yield m
            pos = m.end()
    while d is not None:
        if d.start() >= pos:
            yield d
            pos = d.end()
        d = next(numbers, None)


def _en_match(text: str, m: re.Match[str]) -> Number | None:
    start, end = m.span()
    approx = bool(_APPROX_EN.search(text, max(0, start - 20), start))
    if "w" in m.re.groupindex:
        return _en_word_match(text, m, approx)
    ar = m.group("ar")
    if (start >= 2 and text[start - 1] == "." and text[start - 2].isdigit()) or re.match(
        r"\.\d", text[m.end("ar") : m.end("ar") + 2]
    ):
        return None  # version numbers "1.2.3"
    value = _dec(ar)
    sc = (m.group("sc") or "").strip(" -").lower()
    if _glued(text, start, m.end("ar") if not (m.group("suf") or m.group("pc") or sc) else start):
        return Number(
            start, m.end("ar"), ar, value, "code", strict=False, unit=_glue(text, start, m.end("ar"))
        )
    scaled = False
    if sc:
        if sc in ("m", "k") and m.group("sc") != "K" and not (start and text[start - 1] in _CURRENCY):
            end = m.end("ar")  # "3m" is three metres unless money: "$3m"
            return Number(start, end, text[start:end], value, "plain", approx)
        value *= {"m": 10**6, "k": 10**3}.get(sc, _SCALES_EN.get(sc, 1))
        scaled = True
    kind, strict = "plain", True
    suf = (m.group("suf") or "").lower().lstrip("'’")
    if m.group("pc"):
        kind = "percent"
    elif suf == "s":
        if len(ar) == 4 and ar.endswith("0"):
            kind, strict = "decade", False
        elif len(ar) == 2 and ar.endswith("0"):
            value, kind, strict = _decade(int(ar)), "decade", False
        else:
            end = m.end("ar")
    elif suf:
        kind, strict = "ordinal", False  # "the 23rd festival" for 本届: checked against ordinals
    elif not scaled and "," not in ar and "." not in ar and len(ar) == 4 and 1000 <= value <= 2999:
        kind = "year"
    unit = ""
    if kind == "plain":
        u = _EN_CONVERTIBLE.match(text, end)
        unit = "" if u is None else ("kg" if u.group("kg") else "km")
    return Number(start, end, text[start:end], value, kind, approx, scaled, strict, unit)


def _en_word_match(text: str, m: re.Match[str], approx: bool) -> Number | None:
    start, end = m.span()
    # casefold, not lower: IGNORECASE also matched "ſixth" (a long s), whose lower() is no key.
    if m.group("o"):
        ordinal = _ORDINALS_EN.get(m.group("o").casefold())
        if ordinal is None:
            return None
        return Number(start, end, m.group(), Decimal(ordinal), "ordinal", approx, strict=False)
    if m.group("x"):
        extra = _EN_EXTRA.get(m.group("x").casefold())
        if extra is None:
            return None
        return Number(start, end, m.group(), Decimal(extra), "plain", approx, strict=False)
    return _en_word_number(text, m, approx)


def _en_word_number(text: str, m: re.Match[str], approx: bool) -> Number | None:
    w = m.group("w")
    v = _en_words(w)
    if v is None or w.lower() in ("a", "hundred", "thousand", "million", "billion", "trillion"):
        return None  # bare scale words: no quantity
    if text.startswith("s", m.end("w")):
        return None  # "millions of", "tens of"
    kind = "percent" if m.group("wpc") else "plain"
    return Number(
        m.start(),
        m.end(),
        m.group(),
        Decimal(v),
        kind,
        approx,
        bool(re.search(_EN_SCALE, w, re.IGNORECASE)),
        strict=False,
    )


def extract_numbers(text: str, lang: str) -> list[Number]:
    """Every number of ``text`` (``lang`` "zh" or "en"), sorted by offset.

    >>> [(n.text, int(n.value), n.kind) for n in extract_numbers("2026年1月12日，十五名", "zh")]
    [('2026年', 2026, 'year'), ('1月12日', 112, 'date'), ('十五', 15, 'plain')]
    >>> [(n.text, int(n.value), n.kind) for n in extract_numbers("On January 12, 35,000 tons", "en")]
    [('January 12', 112, 'date'), ('35,000', 35000, 'plain')]
    >>> [(n.text, n.kind, n.strict) for n in extract_numbers("COVID-19 and 5G", "en")]
    [('19', 'code', False), ('5', 'code', False)]
    """
    return list(_extract(text, "zh" if lang.startswith(("zh", "ja")) else "en"))


@lru_cache(maxsize=4096)
def _extract(text: str, lang: str) -> tuple[Number, ...]:
    """Numbers are asked for twice per segment of a pair (the aligner's anchors, then
    ``number-mismatch``): half of all calls on WMT21's sibling pairs were repeats."""
    narrow = text.translate(_WIDTH) if _WIDE.search(text) is not None else text
    found = _extract_zh(narrow) if lang == "zh" else _extract_en(narrow)
    if narrow == text:
        return tuple(found)
    # Numbers are read from the narrowed text, but their text is the slice of the text as given.
    return tuple(dataclasses.replace(n, text=text[n.start : n.end]) for n in found)


# -- comparison -----------------------------------------------------------------------------

_NUMERIC = frozenset({"plain", "percent", "year", "ordinal", "decade", "time", "code"})


def _sig_digits(v: Decimal) -> int:
    return len(v.normalize().as_tuple().digits) if v else 1


def _round_sig(v: Decimal, digits: int) -> Decimal:
    if not v:
        return v
    exp = v.adjusted() - digits + 1
    return v.quantize(Decimal(1).scaleb(exp), rounding=ROUND_HALF_EVEN)


def same_quantity(a: Number, b: Number) -> bool:
    """True when ``a`` and ``b`` can denote the same quantity.

    Equal values match across plain/percent/year/ordinal; dates match dates, or a day-only
    number with the same day. A hedged or scaled number matches its rounded counterpart
    (``1.2 billion`` for ``11.8亿``).

    >>> zh, en = extract_numbers("11.8亿", "zh")[0], extract_numbers("1.2 billion", "en")[0]
    >>> same_quantity(zh, en)
    True
    """
    ka, kb = a.kind, b.kind
    if ka in ("date", "month") or kb in ("date", "month"):
        if ka == kb:
            return a.value == b.value
        if ka == "date" and _day_like(b):
            return a.value % 100 == b.value
        if kb == "date" and _day_like(a):
            return b.value % 100 == a.value
        return False
    if a.value == b.value:
        return True
    for x, y in ((a, b), (b, a)):
        factor = _CONVERSIONS.get((x.unit, y.unit))
        if factor is not None and y.value and _round_sig(x.value * factor, _sig_digits(y.value)) == y.value:
            return True  # 10斤 is 5 kg
    if ka == kb == "time" and abs(a.value - b.value) == 12:
        return True  # 15时 is 3 p.m.
    for x, y in ((a, b), (b, a)):
        if (
            x.kind == "decade"
            and y.kind == "plain"
            and len(x.text.rstrip("s'’")) == 2
            and x.value % 100 == y.value  # 40s and 八十 (年代) alike
        ):
            return True  # 40多岁 is "in her 40s"
    rough, exact = (a, b) if _sig_digits(a.value) < _sig_digits(b.value) else (b, a)
    if not (rough.scaled or rough.approx):
        return False
    if not rough.approx and not (exact.scaled or exact.approx):
        return False  # 5万 is exactly 50,000: a scale word alone is no licence for 50,008
    try:
        return _round_sig(exact.value, _sig_digits(rough.value)) == rough.value
    except InvalidOperation:
        return False


def _day_like(n: Number) -> bool:
    """A number that can be a date's day: a day, an ordinal, or a plain number in digits (``on
    the 1st``, ``August 1``), not a number word: the ``one`` of ``do not have one`` is no 1日."""
    return n.kind in ("day", "ordinal") or (n.kind == "plain" and any(c.isdigit() for c in n.text))


def scale_error(a: Number, b: Number) -> bool:
    """True when ``a`` and ``b`` differ by a power of ten (``3.5万`` vs ``3,500``).

    >>> scale_error(extract_numbers("2.6万亿", "zh")[0], extract_numbers("2.6 billion", "en")[0])
    True
    """
    if a.kind not in _NUMERIC or b.kind not in _NUMERIC or not a.value or not b.value:
        return False
    if a.value == b.value:
        return False
    ratio = a.value / b.value
    return (
        ratio == Decimal(10) ** ratio.adjusted()
        if ratio >= 1
        else (1 / ratio) == Decimal(10) ** (1 / ratio).adjusted()
    )


def say(n: Number) -> str:
    """A number in English words for messages: ``2.6 trillion``, ``35,000``, ``70%``.

    >>> say(extract_numbers("3.5万", "zh")[0]), say(extract_numbers("2.6万亿", "zh")[0])
    ('35,000', '2.6 trillion')
    """
    v = n.value
    if n.kind == "percent":
        return f"{_plain(v)}%"
    if n.kind == "date":
        month = next(k for k, i in _MONTHS.items() if i == int(v) // 100)
        return f"{month.capitalize()} {int(v) % 100}"
    for word, scale in (("trillion", 10**12), ("billion", 10**9), ("million", 10**6)):
        if abs(v) >= scale:
            return f"{_plain(v / scale)} {word}"
    if n.kind in ("year", "decade", "code") or v != v.to_integral_value():
        return _plain(v)
    return f"{int(v):,}"


def _plain(v: Decimal) -> str:
    v = v.normalize()
    s = format(v, "f")
    return s if v != v.to_integral_value() else str(int(v))


@dataclass(frozen=True)
class Discrepancy:
    """One difference: ``missing`` (source number absent from target), ``extra`` (target number
    absent from source), ``scale`` (same digits, another power of ten) or ``differs`` (the one
    unmatched number on each side)."""

    kind: str
    source: Number | None
    target: Number | None


# How an English sentence can render a day of month the source gives alone (26日) without its
# number: resolved against the dateline or the week ("the next day", "on Monday", "yesterday").
_EN_RELATIVE_DAY = lazy_compile(
    r"\b(?:yesterday|today|tonight|tomorrow|(?:mon|tues|wednes|thurs|fri|satur|sun)day|weekend"
    r"|(?:same|next|following|previous|preceding|that|this)\s+(?:day|morning|afternoon|evening|night)"
    r"|(?:on|that|the)\s+day\b|days?\s+(?:later|earlier|ago|before|after)|earlier|recently)\b",
    re.IGNORECASE,
)
# How it can render a clock hour without a number: 12时 as "noon", 0时 as "midnight".
_EN_CLOCK_WORD = lazy_compile(r"\b(?:noon|midday|mid-day|midnight)\b", re.IGNORECASE)
# How it can render a count of one without the digit: 1亩 "per mu", 1倍 "doubled", 1人 "each",
# and "a" or "an" before a unit of time or measure (1年 "a year", 1公里 "a kilometre").
_EN_ONE_WORD = lazy_compile(
    r"\b(?:per|each|every|single|doubled?|twice|times|fold"
    r"|an?\s+(?:year|month|week|day|hour|minute|decade|century|kilo\w*|met(?:er|re)|mile|ton(?:ne)?))\b",
    re.IGNORECASE,
)


def required(target: str) -> frozenset[str]:
    """The soft source numbers a translation ``target`` must keep, as it says them no other way:
    ``day`` (a day of month given alone, ``26日``), ``hour`` (a clock hour, ``12时``), ``one``
    (a count of one in digits, ``1宗``). Each is excused by the English that can stand for it
    (``the next day``, ``on Monday``; ``noon``; ``per``, ``each``, ``doubled``).

    >>> sorted(required("The meeting on the 25th ended at 3 p.m."))
    ['day', 'hour', 'one']
    >>> sorted(required("The next day, at noon, each side signed."))
    []
    """
    out = {"day", "hour", "one"}
    if _EN_RELATIVE_DAY.search(target):
        out.discard("day")
    if _EN_CLOCK_WORD.search(target):
        out.discard("hour")
    if _EN_ONE_WORD.search(target):
        out.discard("one")
    return frozenset(out)


def compare(
    source: list[Number], target: list[Number], require: frozenset[str] = frozenset()
) -> list[Discrepancy]:
    """Strict numbers of either side that no number on the other side matches, paired up.

    Set semantics: a number repeated on one side and written once on the other is fine.
    ``require`` names soft source numbers to check as if strict (see ``required``).

    >>> src = extract_numbers("日产3.5万吨", "zh")
    >>> compare(src, extract_numbers("35,000 tons a day", "en"))
    []
    >>> [(d.kind, d.source.text, d.target.text) for d in compare(src, extract_numbers("3,500 tons", "en"))]
    [('scale', '3.5万', '3,500')]
    """
    lone_s = [
        a
        for a in source
        if (_checked(a, target) or _required(a, require)) and not any(_translates(a, b) for b in target)
    ]
    # A year the source leaves implicit ("7月26日电" -> "July 26, 2020") is context, not an error.
    # So is a date resolved from a relative one ("当天" -> "on July 26").
    # ... unless the source writes a year, if only as a bare number (《2020的第一场战役》).
    implicit = set() if any(a.kind == "year" or _year_like(a) for a in source) else {"year"}
    if not any(a.kind in ("date", "day", "month") for a in source):
        implicit.add("date")
    lone_t = [
        b
        for b in target
        if _checked(b, source)
        and not (b.kind in implicit and _plausible(b, target))
        and not any(_translates(a, b) for a in source)
    ]
    out: list[Discrepancy] = []
    for a in list(lone_s):
        partner = next((b for b in lone_t if scale_error(a, b)), None)
        if partner is not None:
            out.append(Discrepancy("scale", a, partner))
            lone_s.remove(a)
            lone_t.remove(partner)
    if len(lone_s) == 1 and len(lone_t) == 1 and _comparable(lone_s[0], lone_t[0]):
        out.append(Discrepancy("differs", lone_s[0], lone_t[0]))
    else:
        out += [Discrepancy("missing", a, None) for a in lone_s]
        out += [Discrepancy("extra", None, b) for b in lone_t]
    return out


def _year_like(n: Number) -> bool:
    """Four digits that can be a year without 年: ``2020`` in ``2020的第一场战役``."""
    return n.kind == "plain" and len(n.text) == 4 and n.text.isdigit() and 1000 <= n.value <= 2999


def _plausible(n: Number, numbers: list[Number]) -> bool:
    """Whether a year or date the source leaves implicit may stand as context. A year completing
    a date (``July 26, 2020``, a dateline's) must be one news can carry, 1900-2099: ``July 26,
    2720`` is a typo, not context. A year standing alone may be history the translator adds."""
    if n.kind != "year" or 1900 <= n.value < 2100:
        return True
    return not any(d.kind == "date" and 0 <= n.start - d.end <= 3 for d in numbers)


def _translates(s: Number, t: Number) -> bool:
    """``same_quantity``, except that rounding is the translator's to do, not to undo: a target
    with more significant digits than a hedged or scaled source (``2300多`` as ``more than
    2,330``, ``5万`` as ``50,008``) invents a precision the source does not have."""
    if not same_quantity(s, t):
        return False
    if s.value == t.value or s.kind != t.kind or s.kind not in ("plain", "percent") or s.unit != t.unit:
        return True
    return _sig_digits(t.value) <= _sig_digits(s.value)


def _checked(n: Number, other: list[Number]) -> bool:
    """Whether ``n`` must be matched on the ``other`` side: a strict number; a code whose letters
    the other side writes too (``CMV-22``, ``14nm``: copied, so every digit counts); a part of a
    clock time when the other side gives a time (a time it leaves out is often paraphrased, but
    one it writes must agree; ``10:00`` has no minutes to check); a decade or an ordinal in
    digits (``the 1980s``, ``the 26th``) when the other side has one of its kind (an ordinal
    added for 本届 is explicitation; one that differs from 26日 is an error). A day the source
    gives alone (``26日``) is not required: translations resolve it (``the next day``)."""
    if n.strict:
        return True
    if n.kind == "code":
        return bool(n.unit) and any(o.kind == "code" and o.unit == n.unit for o in other)
    if n.kind == "time":
        return bool(n.value) and any(o.kind == "time" for o in other)
    if n.kind == "decade" and any(c.isdigit() for c in n.text):
        return any(o.kind == "decade" for o in other)
    if n.kind == "ordinal" and any(c.isdigit() for c in n.text):
        return any(o.kind in ("ordinal", "day", "date") and any(c.isdigit() for c in o.text) for o in other)
    return False


def _required(n: Number, require: frozenset[str]) -> bool:
    """Whether a soft source number is one of the kinds ``require`` names. A clock hour 0 or 24
    is not: ``0—24时`` is the whole day, which English gives as a date."""
    if n.kind == "day":
        return "day" in require
    if n.kind == "time":
        return "hour" in require and n.value not in (0, 24) and n.text.isdigit()
    return "one" in require and n.kind == "plain" and n.text == "1"


def _comparable(a: Number, b: Number) -> bool:
    """Whether a lone number on each side is one changed into the other: both dates, or neither;
    a day given alone and a day-like number (``24日`` as ``the 25th``) are one changed day."""
    if "day" in (a.kind, b.kind) and _day_like(a) and _day_like(b):
        return True
    dates = ("date", "month", "day")
    return (a.kind in dates) == (b.kind in dates)
