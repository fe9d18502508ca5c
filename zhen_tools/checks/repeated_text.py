"""repeated-text: doubled words, `X (X)` parentheticals, sentences or paragraphs said twice."""

from __future__ import annotations

import re
from collections.abc import Iterator

from zhen_tools.checks.context import DocContext
from zhen_tools.checks.registry import register
from zhen_tools.checks.untranslated import CJK, line_ranges
from zhen_tools.findings import Finding

__all__ = ["MIN_REPEAT_WORDS", "repeated_text"]

RULE = "repeated-text"

# Shorter repeats are mostly legitimate: labels (`Statement:`), list bullets, table cells.
MIN_REPEAT_WORDS = 6

_WORD = r"[A-Za-z\u00c0-\u024f]+(?:['\u2019][A-Za-z]+)?"
# The same word twice, separated by spaces or one line break (a wrapped line), any case. Written
# as _WORD starting with a letter class (which lets the scan skip ahead to letters) and with an
# atomic group, since a shorter word is followed by a letter and can never match: twice as fast.
_LETTER = "[A-Za-z\u00c0-\u024f]"
_DOUBLED = re.compile(
    rf"({_LETTER}(?<![\w'\u2019-]{_LETTER})(?>{_LETTER}*)(?:['\u2019][A-Za-z]+)?)"
    rf"([ \t]+|[ \t]*(?:\r\n|\r|\n)[ \t]*)(\1)(?![\w'\u2019-])",
    re.IGNORECASE,
)
# Doubles that are grammatical (`He said that that plan`, `She had had enough`, `what they do do`)
# or conventional reduplication.
_GRAMMATICAL = frozenset({
    "that", "had", "do", "bye", "ha", "haha", "blah", "knock", "tut", "tsk", "hush", "chop", "bang",
    "boo", "pom", "tom",
})
# Words that are never a name, so `The the` is a typo even when both are capitalised.
_FUNCTION = frozenset({
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with", "from",
    "as", "is", "are", "was", "were", "be", "it", "its", "this", "that", "these", "those", "he",
    "she", "they", "we", "you", "i", "his", "her", "their", "our", "my", "your", "not", "no",
})
_WHAT_BEFORE = re.compile(r"\bwhat\b(?:\W+\w+){0,3}\W+$", re.IGNORECASE)
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+\u2022\u00b7]|\d{1,3}[.)]|[a-zA-Z][.)])[ \t]")
_PAREN = re.compile(r"[ \t]*[(\uff08]([^()\uff08\uff09\r\n]{2,80})[)\uff09]")
_NESTED = re.compile(r"[(\uff08][^()\uff08\uff09\r\n]*[)\uff09]")
_SENTENCE_END = re.compile(
    r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s)|[\u3002\uff01\uff1f]+[\u201d\u2019\u300d\u300f\uff09)]*"
)
_LATIN_WORD = re.compile(_WORD)


def _weight(s: str) -> float:
    """Length in words; a Han/kana character counts half a word."""
    return len(_LATIN_WORD.findall(s)) + len(CJK.findall(s)) / 2


def _key(s: str) -> str:
    return " ".join(s.casefold().split())


def _line_of(text: str, i: int) -> str:
    return text[text.rfind("\n", 0, i) + 1:]


def _doubled_words(text: str) -> Iterator[tuple[int, int, str, str | None]]:
    for m in _DOUBLED.finditer(text):
        first, second = m.group(1), m.group(3)
        low = first.lower()
        if low in _GRAMMATICAL:
            continue
        if low == "is" and _WHAT_BEFORE.search(text, max(0, m.start() - 60), m.start()):
            continue  # What it is is ...
        if first[:1].isupper() and second[:1].isupper() and low not in _FUNCTION:
            continue  # a name: Bora Bora, Yang Yang, Li Li
        if ("\n" in m.group(2) or "\r" in m.group(2)) and (
                _LIST_ITEM.match(_line_of(text, m.start())) or _LIST_ITEM.match(text, m.start(3))):
            continue  # the last word of one list item and the first of the next
        yield m.start(), m.end(), f"doubled word {first!r}", first


def _sentence_start(line: str, end: int) -> int:
    start = 0
    for m in _SENTENCE_END.finditer(line, 0, end):
        start = m.end()
    return start


def _parentheticals(line: str) -> Iterator[tuple[int, int, str, str | None]]:
    if "(" not in line and "\uff08" not in line:
        return  # most lines: no scan
    for m in _PAREN.finditer(line):
        inner = m.group(1).strip()
        if not re.search(r"[^\W\d_]", inner) or len(inner) < 2:
            continue
        open_at = m.start(1) - 1
        start = _sentence_start(line, open_at)
        # Earlier parentheticals are masked: a repeated annotation, `rain (with thunder) ... showers
        # (with thunder)`, annotates two things and repeats nothing.
        window = _NESTED.sub(lambda p: " " * len(p.group()), line[start:open_at])
        words = [re.escape(w) for w in inner.split()]
        pattern = r"(?<![\w-])" + r"\s+".join(words) + r"(?![\w-])"
        if _weight(inner) < 2:
            pattern += r"[ \t]*$"  # a single word repeats only what is right before it: `Japan (Japan)`
        if re.search(pattern, window, re.IGNORECASE):
            yield (open_at, m.end(), f"parenthetical repeats {inner!r} from earlier in the sentence",
                   None)


def _sentences(line: str) -> Iterator[tuple[int, int]]:
    start = 0
    for m in _SENTENCE_END.finditer(line):
        yield start, m.end()
        start = m.end()
    if start < len(line):
        yield start, len(line)


@register(RULE, "warning", "Doubled words, X (X) parentheticals, repeated sentences or paragraphs")
def repeated_text(ctx: DocContext) -> Iterator[Finding]:
    """Flags text said twice: a doubled word (``the the``, any case; suggestion: the word once);
    a parenthetical that repeats words of its own sentence before it (``Professor Yasuhiro Kato of
    the University of Tokyo (Yasuhiro Kato)``, where the original-script name was meant to go);
    and a paragraph (line) or sentence of at least six words (a Han character counts half) that
    already appeared in the document, reported at the second occurrence with the line of the first.

    Why: repeats are what editing leaves behind when a translator pastes a sentence twice, keeps a
    lead paragraph and its copy, or fills a gloss slot with the English; spell checkers miss them.

    Not flagged: grammatical doubles (``that that``, ``had had``, ``what it is is``, ``do do``),
    capitalised doubles that are names (``Bora Bora``, ``Yang Yang``), a word ending one list item
    and starting the next, and short repeated lines (labels, bullets). Comparison folds case and
    whitespace.

    >>> from zhen_tools.document import document_from_text
    >>> doc = document_from_text("He said that that the the plan of Ken Kato (Kato) works.")
    >>> [(f.text, f.suggestion) for f in repeated_text(DocContext(doc))]
    [('the the', 'the'), ('(Kato)', None)]
    """
    text = ctx.text
    found = list(_doubled_words(text))
    seen_lines: dict[str, int] = {}
    seen_sentences: dict[str, int] = {}
    for n, (line_start, line_end) in enumerate(line_ranges(ctx.doc), start=1):
        line = text[line_start:line_end]
        found += [(line_start + a, line_start + b, msg, s) for a, b, msg, s in _parentheticals(line)]
        stripped = line.strip()
        if not stripped:
            continue
        # Sentences cut the line only between punctuation and a space, never inside a word, so
        # the line weighs what its sentences weigh together (halves add exactly).
        pieces = [(a, b, _weight(line[a:b])) for a, b in _sentences(line)]
        if sum(w for _, _, w in pieces) < MIN_REPEAT_WORDS:
            continue
        key = _key(stripped)
        if key in seen_lines:
            a = line_start + line.index(stripped)
            found.append((a, a + len(stripped), f"paragraph repeats line {seen_lines[key]}", None))
            continue
        seen_lines[key] = n
        for a, b, weight in pieces:
            if weight < MIN_REPEAT_WORDS:
                continue
            sentence = line[a:b].strip()
            key = _key(sentence)
            if key in seen_sentences:
                where = "this line" if seen_sentences[key] == n else f"line {seen_sentences[key]}"
                a += line[a:b].index(sentence)
                found.append((line_start + a, line_start + a + len(sentence),
                              f"sentence repeats one in {where}", None))
            else:
                seen_sentences[key] = n
    for start, end, message, suggestion in sorted(found):
        yield ctx.finding(start, end, RULE, message, suggestion)
