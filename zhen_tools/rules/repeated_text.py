"""repeated-text: doubled words, `X (X)` parentheticals, sentences or paragraphs said twice."""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Callable, Iterable, Iterator
from functools import cache

from zhen_tools.align.aligner import Bead
from zhen_tools.findings import Finding
from zhen_tools.rules.context import DocContext, PairContext
from zhen_tools.rules.registry import register
from zhen_tools.text.chars import HAN_KANA, HAN_KANA_RE
from zhen_tools.text.document import line_ranges
from zhen_tools.text.lazyre import compile_cached, lazy_compile

__all__ = ["MIN_REPEAT_WORDS", "repeated_text"]

RULE = "repeated-text"

# Shorter repeats are mostly legitimate: labels (`Statement:`), list bullets, table cells.
MIN_REPEAT_WORDS = 6

_WORD = r"[A-Za-z\u00c0-\u024f]+(?:['\u2019][A-Za-z]+)?"
# The same word twice, separated by spaces or one line break (a wrapped line), any case. Written
# as _WORD starting with a letter class (which lets the scan skip ahead to letters) and with an
# atomic group, since a shorter word is followed by a letter and can never match: twice as fast.
_LETTER = "[A-Za-z\u00c0-\u024f]"
# An apostrophe next to a word is part of it (`don't`, `'tis`) only when a letter follows or
# precedes it: `‘practicing practicing’` ends at a closing quote.
_DOUBLED = lazy_compile(
    rf"({_LETTER}(?<![\w-]{_LETTER})(?<!\w['\u2019]{_LETTER})(?>{_LETTER}*)(?:['\u2019][A-Za-z]+)?)"
    rf"([ \t]+|[ \t]*(?:\r\n|\r|\n)[ \t]*)(\1)(?![\w-]|['\u2019][A-Za-z])",
    re.IGNORECASE,
)
# _DOUBLED starts a try at every letter and folds the case of each: it was most of the rule's
# time. _GATE, several times faster, matches one character before wherever _DOUBLED matches (and
# in a few more places): at the character before the first word (never one of _NOT_BEFORE, all
# of them [\w-]), then letters (classes wider than _DOUBLED's case-folded ones), spaces or
# line breaks, and the same word compared as _DOUBLED compares it. _DOUBLED runs only there.
_NOT_BEFORE = "0-9A-Za-z_\\-\u3400-\u4dbf\u4e00-\u9fff"
_GATE_LETTER = "A-Za-z\u00c0-\u02af\u1e00-\u1eff\u2100-\u214f\u2c60-\u2c7f"
_GATE_APOSTROPHE_LETTER = "A-Za-z\u00c0-\u024f\u212a"
_GATE = lazy_compile(
    rf"[^{_NOT_BEFORE}]([{_GATE_LETTER}]++(?:['\u2019][{_GATE_APOSTROPHE_LETTER}]++)?+)"
    rf"[ \t\r\n]++(?i:\1)(?![\w-]|['\u2019][A-Za-z])"
)
# Doubles that are grammatical (`He said that that plan`, `She had had enough`, `what they do do`)
# or conventional reduplication.
_GRAMMATICAL = frozenset(
    {
        "that",
        "had",
        "do",
        "bye",
        "ha",
        "haha",
        "blah",
        "knock",
        "tut",
        "tsk",
        "hush",
        "chop",
        "bang",
        "boo",
        "pom",
        "tom",
    }
)
# Words that are never a name, so `The the` is a typo even when both are capitalised.
_FUNCTION = frozenset(
    {
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
        "not",
        "no",
    }
)
_WHAT_BEFORE = lazy_compile(r"\bwhat\b(?:\W+\w+){0,3}\W+$", re.IGNORECASE)
_LIST_ITEM = lazy_compile(r"[ \t]*(?:[-*+\u2022\u00b7]|\d{1,3}[.)]|[a-zA-Z][.)])[ \t]")
_PAREN = lazy_compile(r"[(\uff08]([^()\uff08\uff09\r\n]{2,80})[)\uff09]")
_PAREN_ASCII = lazy_compile(r"\(([^()\uff08\uff09\r\n]{2,80})[)\uff09]")  # faster: a literal first
_ANY_LETTER = lazy_compile(r"[^\W\d_]")
_NESTED = lazy_compile(r"[(\uff08][^()\uff08\uff09\r\n]*[)\uff09]")
# `[.!?]+` then closing quotes or brackets and a space, or `[。！？]+` then closing quotes or
# brackets; written to start with one class so that the scan skips ahead to the marks (a pattern
# starting with alternatives starts a try at every character).
_SENTENCE_END = lazy_compile(
    r"[.!?\u3002\uff01\uff1f](?:(?<=[.!?])[.!?]*[\"'\u201d\u2019)\]]*(?=\s)"
    r"|(?<=[\u3002\uff01\uff1f])[\u3002\uff01\uff1f]*[\u201d\u2019\u300d\u300f\uff09)]*)"
)
_SENTENCE_SPLIT = lazy_compile(f"({_SENTENCE_END.pattern})")
# The same where no sentence ends but with full stops (most lines): a literal first scans faster.
_FULL_STOP_SPLIT = lazy_compile(r"(\.\.*[\"'\u201d\u2019)\]]*(?=\s))")
_LATIN_WORD = lazy_compile(_WORD)
# The first MIN_REPEAT_WORDS words, split as _LATIN_WORD.findall splits them (possessive: never
# split otherwise): enough weight without reading the rest. Else, with n words, the
# 2 * (MIN_REPEAT_WORDS - n) Han/kana characters that make up the weight.
_ENOUGH_WORDS = lazy_compile(
    rf"(?:[^A-Za-z\u00c0-\u024f]*+[A-Za-z\u00c0-\u024f]++(?:['\u2019][A-Za-z]++)?+)"
    rf"{{{MIN_REPEAT_WORDS}}}"
)


@cache
def _enough_cjk(words: int) -> re.Pattern[str]:
    """Enough Han/kana characters to make up for ``words`` < MIN_REPEAT_WORDS words (compiled
    on first use: six such patterns cost a tenth of a cold start)."""
    return compile_cached(rf"(?:[^{HAN_KANA}]*+[{HAN_KANA}]){{{2 * (MIN_REPEAT_WORDS - words)}}}")


def _weight(s: str) -> float:
    """Length in words; a Han/kana character counts half a word."""
    return len(_LATIN_WORD.findall(s)) + len(HAN_KANA_RE.findall(s)) / 2


def _long_enough(s: str) -> bool:
    """``_weight(s) >= MIN_REPEAT_WORDS``, mostly without counting every word.

    >>> _long_enough("One two three four five six."), _long_enough("One two three four five.")
    (True, False)
    >>> _long_enough("日本派船探查南鸟岛附近海域"), _long_enough("Japan 派船探查 Minami-Torishima")
    (True, False)
    """
    return bool(_ENOUGH_WORDS.match(s) or _enough_cjk(len(_LATIN_WORD.findall(s))).match(s))


def _key(s: str) -> str:
    """``s`` with case folded and whitespace collapsed.

    >>> _key(" The  Plan\\tworks. "), _key("The plan works.")
    ('the plan works.', 'the plan works.')
    """
    if "  " not in s and s.isprintable():
        return s.strip().casefold()  # the only whitespace is single spaces (others don't print)
    return " ".join(s.casefold().split())


def _line_start(text: str, i: int) -> int:
    return text.rfind("\n", 0, i) + 1  # an offset, not a copy of the rest of the text


def _doubled(text: str) -> Iterator[re.Match[str]]:
    """What ``_DOUBLED.finditer(text)`` yields: _DOUBLED is tried only where _GATE matches, one
    character on (no _DOUBLED match lies between), and at the start, which has no character before.

    >>> text = "The the plan (to to) went to\\nto it\\n\\nit, an\\tAn ande and"
    >>> [m.group() for m in _doubled(text)]
    ['The the', 'to to', 'to\\nto', 'an\\tAn']

    The gate's classes are wide enough (checked here for the BMP; beyond it no character folds
    into them):

    >>> def chars(pattern):
    ...     match = re.compile(pattern).fullmatch
    ...     return {c for c in map(chr, range(0x10000)) if match(c)}
    >>> chars(f"(?i){_LETTER}") <= chars(f"[{_GATE_LETTER}]")
    True
    >>> chars("(?i)[A-Za-z]") <= chars(f"[{_GATE_APOSTROPHE_LETTER}]")
    True
    >>> chars(f"[{_NOT_BEFORE}]") <= chars(r"[\\w'\u2019-]")
    True
    """
    m = _DOUBLED.match(text)
    if m:
        yield m
    pos = m.end() if m else 1
    while gate := _GATE.search(text, pos - 1):
        pos = gate.start() + 1
        if m := _DOUBLED.match(text, pos):
            yield m
            pos = m.end()
        else:
            pos += 1


# A word said once alone and again as the start of a compound or a contraction: `two two-year-old`,
# `don don't`, `it it's` (a stutter the whole-word double cannot see). Found from the hyphen or
# apostrophe, which is rarer than a letter, looking back at the two words before it.
_JOINT = lazy_compile(r"-(?=[A-Za-z\u00c0-\u024f])|['\u2019](?=(?:t|s|re|ve|ll|d|m)\b)")


def _latin_letter(ch: str) -> bool:
    """``[A-Za-z\u00c0-\u024f]`` for a letter, without a pattern to compile."""
    return ch.isalpha() and (ch.isascii() or "\u00c0" <= ch <= "\u024f")


# `The tin can can't hold it`: the noun before its own modal.
_STUTTER_GRAMMATICAL = frozenset({"can"})
# The mirror: a compound's last part said again as the next word (`paper-cutting cutting`), except
# a particle, which English follows with a preposition of the same form (`a sit-in in the square`,
# `an add-on on the car`).
_STUTTER_AFTER = lazy_compile(
    r"-([A-Za-z\u00c0-\u024f]+)[ \t]+((?i:\1))(?![\w-]|['\u2019][A-Za-z])", re.IGNORECASE
)
_PARTICLES = frozenset(
    {"in", "on", "up", "out", "off", "by", "down", "over", "to", "away", "back", "for", "about", "around"}
)


def _stutters(text: str) -> Iterator[tuple[int, int, str, str | None]]:
    """(start, end, message, suggestion) for each word repeated as the first part of the next
    word's compound or contraction, reported as the two words up to the joint, and for each
    compound whose last part is said again as the next word.

    >>> t = "A two two-year-old don don't, it it's. Bora Bora-based, the tin can can't"
    >>> [t[a:b] for a, b, _, _ in _stutters(t)]
    ['two two', 'don don', 'it it']
    >>> t = "a paper-cutting cutting show, a sit-in in the square, Ping-Pong Pong"
    >>> [t[a:b] for a, b, _, _ in _stutters(t)]
    ['cutting cutting']
    """
    for joint in _JOINT.finditer(text):  # a class first: the scan skips to the marks
        end = joint.start()
        if not end or not _latin_letter(text[end - 1]):
            continue
        after = _STUTTER_AFTER.match(text, end) if text[end] == "-" else None
        if after is not None and after.group(1).lower() not in _PARTICLES:
            last, again = after.group(1), after.group(2)
            if not (last[:1].isupper() and again[:1].isupper() and last.lower() not in _FUNCTION):
                yield after.start(1), after.end(), f"doubled word {last!r}", last
        # The word before the joint, the spaces before it, and the same letters before them.
        q = end - 1
        while q and _latin_letter(text[q - 1]):
            q -= 1
        p = q
        while p and text[p - 1] in " \t":
            p -= 1
        a = p - (end - q)
        if p == q or a < 0 or (a and (text[a - 1].isalnum() or text[a - 1] in "_'\u2019-")):
            continue
        first, second = text[a:p], text[q:end]
        low = first.lower()
        if low != second.lower() or low in _STUTTER_GRAMMATICAL:
            continue
        if first[:1].isupper() and second[:1].isupper() and low not in _FUNCTION:
            continue  # a name: Bora Bora-based, Yang Yang's
        yield a, end, f"doubled word {first!r}", first


def _doubled_words(text: str) -> Iterator[tuple[int, int, str, str | None]]:
    yield from _stutters(text)
    for m in _doubled(text):
        first, second = m.group(1), m.group(3)
        low = first.lower()
        if low in _GRAMMATICAL:
            continue
        if low == "is" and _WHAT_BEFORE.search(text, max(0, m.start() - 60), m.start()):
            continue  # What it is is ...
        if first[:1].isupper() and second[:1].isupper() and low not in _FUNCTION:
            continue  # a name: Bora Bora, Yang Yang, Li Li
        if ("\n" in m.group(2) or "\r" in m.group(2)) and (
            _LIST_ITEM.match(text, _line_start(text, m.start())) or _LIST_ITEM.match(text, m.start(3))
        ):
            continue  # the last word of one list item and the first of the next
        yield m.start(), m.end(), f"doubled word {first!r}", first


# A word or a phrase of up to five words said twice in a row, separated by spaces and at most one
# comma or semicolon (the shortest such phrase at each place): where a loop may start. Written
# to be cheap (possessive words, one case-insensitive back reference) since it scans all text.
_TWICE = lazy_compile(
    r"(?<![\w'\u2019-])([A-Za-z\u00c0-\u024f]++(?:[ -][A-Za-z\u00c0-\u024f]++){0,4}?)"
    r"[,;]?[ \t]++(?i:\1)(?![\w'\u2019-])"
)
# The same phrase said three times or more in a row: what a generation loop leaves.
_LOOP = lazy_compile(
    r"([A-Za-z\u00c0-\u024f]+(?:[ -][A-Za-z\u00c0-\u024f]+){0,4}?)"
    r"(?:[,;]?[ \t]+(?i:\1)(?![\w'\u2019-])){2,}"
)
# Words said three times over on purpose: emphasis (`very, very, very`), interjections.
_EMPHASIS = frozenset({"very", "no", "yes", "go", "so", "more", "much", "oh", "la", "na", "ho", "ah"})


def _loops(text: str) -> Iterator[tuple[int, int, str, str | None]]:
    """``Bern, Bern, Bern, Bern`` → ``Bern``: a word or phrase of up to five words said three
    times or more in a row (commas, semicolons and spaces between), the trace of a machine
    translation stuck in a loop. The suggestion is the phrase once.

    >>> [t[2] for t in _loops("University of Bern, Bern, Bern, Bern and the the plan")]
    ["'Bern' said 4 times in a row"]
    >>> list(_loops("He said no, no, no. Bora Bora is far."))
    []
    """
    pos = 0
    while gate := _TWICE.search(text, pos):
        m = _LOOP.match(text, gate.start())
        if m is None:
            pos = gate.start() + 1
            continue
        phrase = m.group(1)
        if phrase.lower() in _GRAMMATICAL or phrase.lower() in _EMPHASIS:
            pos = m.end()
            continue
        times = len(re.findall(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", m.group(), re.IGNORECASE))
        yield m.start(), m.end(), f"{phrase!r} said {times} times in a row", phrase
        pos = m.end()


# A parenthetical is compared with at most this much of its sentence: a "sentence" longer than
# this is a run-on paste, and comparing every parenthetical of a megabyte-long line with all the
# text before it would be quadratic.
_SENTENCE_REACH = 2000


def _sentence_ends(line: str) -> list[int]:
    """0 and the end of every sentence end mark of ``line``, in order. A mark never runs into an
    opening parenthesis, so the marks up to one are those a scan stopping there would find."""
    return [0, *(m.end() for m in _SENTENCE_END.finditer(line))]


def _sentence_start(ends: list[int], end: int) -> int:
    start = ends[bisect.bisect_right(ends, end) - 1]
    return max(start, end - _SENTENCE_REACH)


def _parentheticals(line: str) -> Iterator[tuple[int, int, str, str | None]]:
    if "(" not in line and "\uff08" not in line:
        return  # most lines: no scan
    ends: list[int] | None = None
    for m in (_PAREN if "\uff08" in line else _PAREN_ASCII).finditer(line):
        inner = m.group(1).strip()
        if not _ANY_LETTER.search(inner) or len(inner) < 2:
            continue
        open_at = m.start(1) - 1
        ends = _sentence_ends(line) if ends is None else ends
        start = _sentence_start(ends, open_at)
        window = line[start:open_at]
        words = inner.split()
        if inner.isascii() and window.isascii() and words[0].lower() not in window.lower():
            continue  # cannot match, as case folds for ASCII
        # Earlier parentheticals are masked: a repeated annotation, `rain (with thunder) ... showers
        # (with thunder)`, annotates two things and repeats nothing.
        window = _NESTED.sub(lambda p: " " * len(p.group()), window)
        words = [re.escape(w) for w in words]
        pattern = r"(?<![\w-])" + r"\s+".join(words) + r"(?![\w-])"
        if _weight(inner) < 2:
            pattern += r"[ \t]*$"  # a single word repeats only what is right before it: `Japan (Japan)`
        if re.search(pattern, window, re.IGNORECASE):
            yield (open_at, m.end(), f"parenthetical repeats {inner!r} from earlier in the sentence", None)


def _sentences(line: str) -> list[str]:
    """The sentences of ``line``, in order and together all of it, but for trailing whitespace.

    >>> _sentences("It rained. “Why?” he asked.  Then 他走了。好。 ")
    ['It rained.', ' “Why?”', ' he asked.', '  Then 他走了。', '好。']
    """
    full_stops_only = not (
        "!" in line or "?" in line or "\u3002" in line or "\uff01" in line or "\uff1f" in line
    )
    parts = (_FULL_STOP_SPLIT if full_stops_only else _SENTENCE_SPLIT).split(line)
    # text, end, text, end, ..., text
    pairs = iter(parts)
    sentences = [text + end for text, end in zip(pairs, pairs)]
    if parts[-1] and not parts[-1].isspace():
        sentences.append(parts[-1])
    return sentences


def _line_keys(line: str) -> tuple[list[str], list[str], str]:
    """The sentences of a line (``_sentences``), their keys (``_key``) and the line's key.

    >>> _line_keys("It rained.  So  what?")
    (['It rained.', '  So  what?'], ['it rained.', 'so what?'], 'it rained. so what?')
    """
    sentences = _sentences(line)
    if len(sentences) == 1:
        key = _key(line)
        return sentences, [key], key
    # The line's key is its sentences' keys, joined by a space where whitespace separated them
    # (sentences end at a mark, not inside a word or a run of whitespace).
    keys = [_key(sentence) for sentence in sentences]
    parts = [keys[0]]
    for sentence, key in zip(sentences[1:], keys[1:]):
        parts += (" ", key) if sentence[0].isspace() else (key,)
    return sentences, keys, "".join(parts)


def _sentence_key(text: str, start: int, end: int) -> str:
    """The key of the sentence (as ``_line_keys`` cuts its paragraph) starting at offset
    ``start``: up to the first sentence end after it, else to its paragraph's ``end``. Read from
    there on only, so that finding it again costs its own length, not its paragraph's (a long
    line saying one sentence over and over stays linear).

    >>> text = "Intro.\\nIt rained.  So  what?\\r\\nEnd"
    >>> _sentence_key(text, 7, 29), _sentence_key(text, 17, 29)
    ('it rained.', 'so what?')
    """
    m = _SENTENCE_END.search(text, start, end)
    return _key(text[start : m.end() if m else end])


_hash = hash  # what ``_Seen`` files keys by (a test makes every key collide)


class _Seen:
    """The first place each key was seen, kept as the key's hash and an int place (a line number,
    an offset) in two arrays of 8-byte slots (open addressing, linear probing): a big file's keys
    as strings would cost about as much as its text again, and as a dict of int objects a third
    of that. A stored hash equal to the key's is checked against the key at its place
    (``key_at(place)``, made anew from the text), so two keys with one hash are never taken for
    one: probing goes on past the other key's slot.

    >>> keys = {1: "a plan", 2: "another", 3: "a plan"}
    >>> seen = _Seen(keys.__getitem__)
    >>> [seen.first(keys[n], n) for n in (1, 2, 3)]
    [None, None, 1]
    """

    __slots__ = ("_count", "_hashes", "_key_at", "_places")

    def __init__(self, key_at: Callable[[int], str], size: int = 1024) -> None:
        self._hashes = array("q", bytes(8 * size))  # 0: an empty slot (hash 0 is stored as 1)
        self._places = array("q", bytes(8 * size))
        self._count = 0
        self._key_at = key_at

    def first(self, key: str, place: int) -> int | None:
        """Where ``key`` was first seen, or None the first time (which records ``place``)."""
        h = _hash(key) or 1
        hashes = self._hashes
        mask = len(hashes) - 1
        i = h & mask
        while stored := hashes[i]:
            if stored == h and self._key_at(first := self._places[i]) == key:
                return first
            i = (i + 1) & mask
        hashes[i] = h
        self._places[i] = place
        self._count += 1
        if 3 * self._count > 2 * len(hashes):
            self._grow()
        return None

    def _grow(self) -> None:
        """Twice the slots, every hash and place moved to its slot there."""
        old = zip(self._hashes, self._places)
        size = 2 * len(self._hashes)
        hashes = self._hashes = array("q", bytes(8 * size))
        places = self._places = array("q", bytes(8 * size))
        mask = size - 1
        for h, place in old:
            if h:
                i = h & mask
                while hashes[i]:
                    i = (i + 1) & mask
                hashes[i] = h
                places[i] = place


@register(RULE, "warning", "Doubled words, X (X) parentheticals, repeated sentences or paragraphs")
def repeated_text(ctx: DocContext) -> Iterator[Finding]:
    """Flags text said twice: a word or phrase said three times or more in a row (``University of
    Bern, Bern, Bern, Bern``: a machine translation stuck in a loop); a doubled word (``the the``,
    any case; suggestion: the word once); a parenthetical that repeats words of its own sentence
    before it (``Professor Yasuhiro Kato of the University of Tokyo (Yasuhiro Kato)``, where the
    original-script name was meant to go); and a paragraph (a line; in a bilingual file a unit's
    target, over however many lines the file wraps it) or sentence of at least six words (a Han
    character counts half) that already appeared in the document, reported at the second
    occurrence with the line of the first.

    Why: repeats are what editing leaves behind when a translator pastes a sentence twice, keeps a
    lead paragraph and its copy, or fills a gloss slot with the English; spell checkers miss them.

    Not flagged: grammatical doubles (``that that``, ``had had``, ``what it is is``, ``do do``),
    capitalised doubles that are names (``Bora Bora``, ``Yang Yang``), a word ending one list item
    and starting the next, short repeated lines (labels, bullets), emphasis (``very, very, very``).
    Comparison folds case and whitespace. In a pair, a repeated sentence or paragraph whose
    aligned source is itself repeated in the source is the source's repetition, not reported.

    >>> from zhen_tools.text.document import document_from_text
    >>> doc = document_from_text("He said that that the the plan of Ken Kato (Kato) works.")
    >>> [(f.text, f.suggestion) for f in repeated_text(DocContext(doc))]
    [('the the', 'the'), ('(Kato)', None)]
    """
    text = ctx.text
    loops = list(_loops(text))
    found = [*loops, *_doubled_words(text)]
    if loops:  # a doubled word inside a loop is part of it
        found = [f for f in found if f in loops or not any(a <= f[0] < b for a, b, _, _ in loops)]
    doc = ctx.doc
    # The paragraphs: a document's lines, streamed; a bilingual file's unit targets, however
    # the file wraps them (a PO string's quoted lines are one), read from a list.
    units = None if ctx.units is None else ctx.paragraphs
    if units is None:
        ranges: Iterable[tuple[int, int]] = line_ranges(doc)

        def paragraph_text(n: int) -> str:
            return doc.line_text(n)

        def paragraph_end(start: int) -> int:
            n = bisect.bisect_right(doc.line_starts, start)  # the next line's index
            end = doc.line_starts[n] if n < len(doc.line_starts) else len(text)
            while end > start and text[end - 1] in "\r\n":
                end -= 1
            return end

        def line_of(n: int) -> int:
            return n
    else:
        ranges = units
        starts = [a for a, _ in units]

        def paragraph_text(n: int) -> str:
            return text[units[n - 1][0] : units[n - 1][1]]

        def paragraph_end(start: int) -> int:
            return units[bisect.bisect_right(starts, start) - 1][1]

        def line_of(n: int) -> int:
            return doc.position(units[n - 1][0])[0]

    # What was said before, held as hashes (see ``_Seen``): a paragraph by its number, a
    # sentence by its offset.
    seen_lines = _Seen(lambda n: _line_keys(paragraph_text(n))[2])
    seen_sentences = _Seen(lambda start: _sentence_key(text, start, paragraph_end(start)))
    for n, (line_start, line_end) in enumerate(ranges, start=1):
        line = text[line_start:line_end]
        if "(" in line or "\uff08" in line:
            found += [(line_start + a, line_start + b, msg, s) for a, b, msg, s in _parentheticals(line)]
        # Sentences cut the line only between punctuation and a space, never inside a word, so
        # the line weighs what its sentences weigh together (halves add exactly).
        if not _long_enough(line):
            continue  # blank lines too
        sentences, keys, line_key = _line_keys(line)
        first = seen_lines.first(line_key, n)
        if first is not None:
            stripped = line.strip()
            a = line_start + line.index(stripped)
            found.append((a, a + len(stripped), f"paragraph repeats line {line_of(first)}", None))
            continue
        end = line_start
        for sentence, key in zip(sentences, keys):
            start, end = end, end + len(sentence)
            if len(sentences) > 1 and not _long_enough(sentence):
                continue
            said = seen_sentences.first(key, start)
            if said is not None:
                said_line = doc.position(said)[0]
                where = "this line" if said_line == doc.position(start)[0] else f"line {said_line}"
                stripped = sentence.strip()
                start += sentence.index(stripped)
                found.append((start, start + len(stripped), f"sentence repeats one in {where}", None))
    for start, end, message, suggestion in sorted(found):
        yield ctx.finding(start, end, RULE, message, suggestion)


def _excused(finding: Finding, pair: PairContext, bead: Bead) -> bool:
    """A repeated sentence or paragraph whose aligned source segment is itself said twice in the
    source (a headline repeated as the lead's first line): the translation repeats what the
    source repeats. Doubled words, parentheticals and loops are never excused.

    >>> from zhen_tools.text.document import Segment, document_from_text
    >>> from zhen_tools.run.inputs import find_pairs
    >>> zh = DocContext(document_from_text("北京举行发布会\\n北京举行发布会\\n", "a.zh.txt"))
    >>> en = DocContext(document_from_text("Beijing holds a press conference today\\n" * 2, "a.en.txt"))
    >>> pair = find_pairs([zh, en])[0]
    >>> [_excused(f, pair, pair.beads[1]) for f in repeated_text(en)]
    [True]
    """
    if not finding.message.startswith(("sentence repeats", "paragraph repeats")):
        return False
    text = pair.source.text
    for seg in bead.source:
        said = seg.text.strip()
        if len(said) >= 6 and text.count(said) >= 2:
            return True
    return False


repeated_text.excused_by_source = _excused  # type: ignore[attr-defined]
