"""untranslated: Han or kana text left inside English lines, incl. half-translated numbers (3.5万).

The unit of language is the line (one paragraph per line, as news translations are delivered):
a line is English when its Latin words outnumber two thirds of its Han/kana characters (a Chinese
sentence runs about 1.5 characters per word of its English translation). Han/kana in a Chinese
line is a Chinese segment (a headline, a digest's source line), never a fragment. The helpers
What is Han, kana, CJK punctuation and an English line comes from ``text.chars``, which
``punctuation`` reads too, so both rules agree on what is Chinese text.

Deliberately regex-only (no span detection, no jieba): it runs in a pre-commit hook on every file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from zhen_tools.findings import Finding
from zhen_tools.glossary.model import per_glossary
from zhen_tools.rules.context import DocContext
from zhen_tools.rules.registry import register
from zhen_tools.text.chars import (
    CJK_PUNCT,
    KANA,
    ascii_punct,
    english_line,
    han_fragments,
    has_han_kana,
    mostly_chinese,
    separator_bar,
)
from zhen_tools.text.document import line_ranges
from zhen_tools.text.lazyre import lazy_compile

if TYPE_CHECKING:
    from zhen_tools.glossary.model import Glossary
    from zhen_tools.rules.context import PairContext

__all__ = ["untranslated", "untranslated_pair"]

_KANA = lazy_compile(f"[{KANA}]")

# Arabic digits written against the fragment (6000米, 3.5万); one space allowed before a multiplier.
_NUMBER_BEFORE = lazy_compile(r"(?<![\w.,])(\d+(?:[.,]\d+)*)( ?)$")
_NOT_MULTIPLIER = lazy_compile("千[克米瓦]|百分")
_MULTIPLIERS = {
    "万亿": 10**12,
    "萬億": 10**12,
    "千万": 10**7,
    "千萬": 10**7,
    "百万": 10**6,
    "百萬": 10**6,
    "十万": 10**5,
    "十萬": 10**5,
    "亿": 10**8,
    "億": 10**8,
    "万": 10**4,
    "萬": 10**4,
    "千": 10**3,
    "百": 10**2,
}
# A parenthesis right after English text, optionally labelled, holding a gloss: `mud (稀土泥)`.
_GLOSS_OPEN = lazy_compile(
    r"[\w\"'\u2019\u201d\-][ \t]*[(\uff08][ \t]*"
    r"(?:(?:Chinese|Japanese|Mandarin|Cantonese|zh|ja|in Chinese|in Japanese)[ \t]*[:\uff1a,]?[ \t]*)?$"
)
_GLOSS_CLOSE = lazy_compile(r"[ \t]*(?:[)\uff09]|[,;/\uff0c\uff1b][^()\uff08\uff09\n]*[)\uff09])")


# A web address is not prose: Han in the path or query of one (https://baike.baidu.com/item/稀土,
# a Markdown link's target) names a page. It runs from its scheme or ``www.`` and an ASCII host,
# through a ``/``, ``?`` or ``#``, to the next space, quote (straight or curly), angle bracket or
# CJK punctuation (a full-width comma ends it in Chinese text). Han glued to the host itself
# (``example.com仅次于``) stays prose.
_ADDRESS = lazy_compile(
    rf"(?:\b[A-Za-z][A-Za-z0-9+.-]*://|\bwww\.)[A-Za-z0-9.-]+(?::\d+)?[/?#]"
    rf"[^\s<>\"'\u2018\u2019\u201c\u201d{CJK_PUNCT}]*"
)


def _in_address(line: str, start: int, end: int) -> bool:
    """Whether ``line[start:end]`` lies inside a web address of the line."""
    if "://" not in line and "www." not in line:
        return False
    return any(a <= start and end <= b for a, b in (m.span() for m in _ADDRESS.finditer(line)))


# The commonest messages, one string each for all their findings (a big file has tens of
# thousands).
_CHINESE_INSIDE = "Chinese text inside an English sentence"
_JAPANESE_INSIDE = "Japanese text inside an English sentence"


def _english_number(number: str, multiplier: int) -> str | None:
    """``3.5`` × 10,000 written the English way: 35,000 / 3.5 million / 1.2 billion."""
    try:
        value = Decimal(number.replace(",", "")) * multiplier
    except InvalidOperation:
        return None
    for size, word in ((10**12, "trillion"), (10**9, "billion"), (10**6, "million")):
        if value >= size:
            return f"{(value / size).normalize():f} {word}"
    whole = value.to_integral_value()
    return f"{int(whole):,}" if value == whole else f"{value.normalize():,f}"


def _glossary_forms(ctx: DocContext) -> dict[str, str]:
    if ctx.glossary is None:
        return {}
    return per_glossary(ctx.glossary, "untranslated-forms", _source_forms)


def _source_forms(glossary: Glossary) -> dict[str, str]:
    """Each zh/ja form of the glossary -> its entry's English (the first entry listing it)."""
    forms: dict[str, str] = {}
    for entry in glossary.entries:
        for form in (*entry.zh, *entry.ja):
            forms.setdefault(form, entry.en)
    return forms


def _with_ascii(punct: str, next_char: str) -> str:
    out = "".join(ascii_punct(c) or c for c in punct)
    return out + " " if out and out[-1] in ",.:;!?)" and (next_char.isalnum()) else out


# How far before a fragment its gloss opening (`word (Chinese: `) can start. Searching only that
# far keeps the rule linear on a megabyte-long line; the opening is a character, a parenthesis,
# a label of at most 11 characters and spacing, so only 60 and more spaces or tabs inside it
# would be missed.
_GLOSS_REACH = 80


def _is_gloss(line: str, start: int, end: int) -> bool:
    return bool(_GLOSS_OPEN.search(line, max(0, start - _GLOSS_REACH), start)) and bool(
        _GLOSS_CLOSE.match(line, end)
    )


def _number_before(line: str, end: int) -> re.Match[str] | None:
    """``_NUMBER_BEFORE`` ending at ``end``, searched from the start of the digits before it
    (not the start of the line, which would rescan the line for every fragment)."""
    lo = end - 1 if end > 0 and line[end - 1] == " " else end
    while lo > 0 and (line[lo - 1].isdecimal() or line[lo - 1] in ".,"):
        lo -= 1
    return _NUMBER_BEFORE.search(line, lo, end)


@register("untranslated", "error", "Han or kana text inside an English sentence")
def untranslated(ctx: DocContext) -> Iterator[Finding]:
    """Flags Chinese (Han) or Japanese (kana) text inside an English line: words the translator
    left in the source language (``"third in the world,"仅次于 China``, ``据悉，Japan ...``) and
    half-translated numbers (``3.5万 tons``: Arabic digits with a Chinese multiplier, suggested as
    ``35,000``). A reader of the English cannot read them, and they are the commonest trace of an
    unfinished machine or human translation.

    Not flagged: Chinese lines (headlines, source paragraphs of a bilingual digest), which are
    segments, not fragments; Han in a web address's path (``https://baike.baidu.com/item/稀土``).
    A Chinese term in parentheses right after its English rendering
    (``rare-earth mud (稀土泥)``) is a deliberate gloss, reported at ``info`` only. CJK punctuation
    touching a fragment (``据悉，``) is part of it. The suggestion is the glossary's English when the
    fragment is exactly a source form of an entry, else the English number, else none.

    >>> from zhen_tools.text.document import document_from_text
    >>> text = 'It ranks "third in the world,"仅次于 China. It holds 3.5万 tons of mud (稀土泥).'
    >>> [(f.text, f.severity.value, f.suggestion) for f in untranslated(DocContext(document_from_text(text)))]
    [('仅次于', 'error', None), ('3.5万', 'error', '35,000'), ('稀土泥', 'info', None)]
    """
    text = ctx.text
    forms: dict[str, str] | None = None
    for line_start, line_end in line_ranges(ctx.doc):
        line = text[line_start:line_end]
        if not has_han_kana(line) or not english_line(line):
            continue
        for m, start, end, lead, trail in han_fragments(line):
            if m.group() == "\u4e28" and separator_bar(line, m.start()):
                continue  # `Video 丨 China`: a separator, which ``punctuation`` reports
            if _in_address(line, m.start(), m.end()):
                continue
            if _is_gloss(line, m.start(), m.end()):
                yield ctx.finding(
                    line_start + m.start(),
                    line_start + m.end(),
                    "untranslated",
                    "Chinese gloss in parentheses after its English rendering",
                    severity="info",
                )
                continue
            suggestion: str | None = None
            message = _JAPANESE_INSIDE if _KANA.search(m.group()) else _CHINESE_INSIDE
            num = _number_before(line, m.start()) if not lead else None
            mult = next((k for k in _MULTIPLIERS if m.group().startswith(k)), None)
            if mult and _NOT_MULTIPLIER.match(m.group()):
                mult = None  # 千克 kilogram, 千米 kilometre, 百分之 per cent: units, not magnitudes
            if num and (mult or not num.group(2)):
                start = num.start()
                if mult:
                    message = (
                        f"half-translated number: Arabic digits with the Chinese multiplier "
                        f"{mult} (×{_MULTIPLIERS[mult]:,})"
                    )
                    if m.group() == mult and not trail:
                        suggestion = _english_number(num.group(1), _MULTIPLIERS[mult])
            elif forms is None or forms:
                forms = _glossary_forms(ctx) if forms is None else forms
                en = forms.get(m.group())
                if en is not None:
                    suggestion = _with_ascii(lead, "a") + en + _with_ascii(trail, line[end : end + 1])
            yield ctx.finding(line_start + start, line_start + end, "untranslated", message, suggestion)


@register("untranslated", "error", "Han or kana text inside an English sentence", scope="pair")
def untranslated_pair(pair: PairContext) -> Iterator[Finding]:
    """Flags a target segment left untranslated: identical to its Chinese source, or still
    mostly Han/kana. Typical of translation files where a unit was copied source-to-target and
    never translated.

    >>> from zhen_tools.text.document import document_from_text
    >>> from zhen_tools.rules.context import DocContext
    >>> from zhen_tools.run.inputs import find_pairs
    >>> ctx = DocContext(document_from_text("zh\\ten\\n南鸟岛\\t南鸟岛\\n日本\\tJapan\\n", "t.tsv"))
    >>> [(f.text, f.message) for f in untranslated_pair(find_pairs([ctx])[0])]
    [('南鸟岛', 'target segment is identical to its source: not translated')]
    """
    if pair.digest:
        return
    for bead in pair.beads:
        if not bead.target:
            continue
        source = bead.source_text.strip()
        for seg in bead.target:
            if not has_han_kana(seg.text):
                continue
            if seg.text.strip() == source:
                message = "target segment is identical to its source: not translated"
            elif mostly_chinese(seg.text):
                message = "target segment is still in Chinese: not translated"
            else:
                continue
            yield pair.segment_finding(seg, 0, len(seg.text), "untranslated", message)
