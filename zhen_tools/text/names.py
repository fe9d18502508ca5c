"""Name-like spans: runs of capitalised words in English text, with offsets and their sentence.

A name-like span is what a reader would take for a proper name: ``Sanae Takaichi``,
``Minami-Tori-shima``, ``Chikyū``, ``Charles de Gaulle``, ``JAMSTEC``, ``University of Tokyo``.
Possessive ``'s`` is left out (``Japan's`` gives ``Japan``). A capitalised ordinary word that
only starts a sentence (``The``, ``However``, ``Mining is costly``) is not a name by itself.
Regex-based and dictionary-free, so it is cheap enough to run on every document of a run.

>>> [s.text for s in name_spans("However, Japan's vessel Chikyū left. The University of Tokyo agreed.")]
['Japan', 'Chikyū', 'University of Tokyo']
>>> [s.text for s in name_spans("Charles de Gaulle met al-Assad near Minami-Tori-shima.")]
['Charles de Gaulle', 'al-Assad', 'Minami-Tori-shima']
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass
from itertools import pairwise

import regex

from zhen_tools.text.lazyre import lazy_regex

__all__ = [
    "ORDINARY_WORDS",
    "PARTICLES",
    "NameSpan",
    "OrdinaryWords",
    "lowercase_words",
    "name_spans",
]

# Lowercase words that may sit inside a name between capitalised words.
PARTICLES = frozenset("no de del della der den di da du des la le van von bin binti ibn y e of".split())
# Prefix particles written joined with a hyphen: al-Assad, el-Sisi.
_PREFIXES = ("al-", "el-", "ad-", "as-", "ash-", "ar-")

# Words that start sentences or headings without being names. Closed-class words and common
# sentence openers; a word is also ordinary when the document itself writes it in lower case.
ORDINARY_WORDS = frozenset(
    """
    a about above according after again against all along also although always among an and
    another any anyway are as at be because been before being below besides between both but by
    can comments could currently despite did do does during each either even every everyone
    few first for from further furthermore given had has have having he hence her here hers him
    his how however i if in including indeed instead into is it its just last later least less
    let like many may meanwhile meanwhile more moreover most much must my neither never
    nevertheless next no nonetheless nor not now of often on once one only or other otherwise our
    over overall perhaps please previously recently regarding second several she should since so
    some still subsequently such than thanks that the their them then there therefore these they
    third this those though through thus to today together too under unexpectedly unlike until
    up upon us was we were what whatever when where whereas whether which while who whom whose
    why will with within without would yes yesterday yet you your
    mr mrs ms dr prof sir
    """.split()
)

# A name word: capitalised (or all caps), letters with marks, internal apostrophes (O'Brien,
# Xi'an) and hyphen-joined parts of any case (Minami-Tori-shima, Jae-myung, COVID-19).
_PREFIX_RE = "|".join(p.removesuffix("-") for p in _PREFIXES)
_NOT_BEFORE = r"[\p{L}\p{M}\p{N}'’\-]"  # what may not stand right before a name word
_WORD_TAIL = r"""[\p{L}\p{M}]*(?:['’][\p{L}\p{M}]+)*
    (?:-[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*)*
    (?![\p{L}\p{M}\p{N}])"""
# After spaces, as the next word of a name, a name word needs no look behind.
_NEXT_WORD = rf"(?:\p{{Lu}}|(?:{_PREFIX_RE})-\p{{Lu}}){_WORD_TAIL}"
# Whitespace that may stand between the words and particles of one name: what ``str.split``
# splits on (U+3000 is the last), but line breaks; written out (finding them by scanning the first
# 12,289 code points took 0.6 ms of every start), and tests/text/test_names.py checks the list.
_SPACE = (
    r"\u0009\u000b\u000c\u001c\u001d\u001e\u001f\u0020\u0085\u00a0\u1680\u2000\u2001\u2002\u2003"
    r"\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_PARTICLE_RE = "|".join(sorted(PARTICLES))
_NEXT_START = "".join(sorted({w[0] for w in (*PARTICLES, *_PREFIXES)}))  # besides capitals
# A whole name: name words joined by spaces, tabs or no-break spaces, or by one or two particles
# between spaces; a possessive ends it. It is matched from its first capital so that the search
# skips quickly from capital to capital; a prefix (al-Assad) is found by looking behind. After a
# word, a look ahead for a space and what may follow it ends most names at little cost.
# Groups: 1 every word (but the prefix of the first), 2 that prefix, 3 a gap with particles.
_NAME_RE = lazy_regex(
    rf"""(?P<word>\p{{Lu}}
      (?:(?<!{_NOT_BEFORE}\p{{Lu}})|(?<=(?<!{_NOT_BEFORE})({_PREFIX_RE})-\p{{Lu}}))
      {_WORD_TAIL})
    (?:(?=[{_SPACE}][{_SPACE}\p{{Lu}}{_NEXT_START}])(?<!['’]s)
      (?:[\x20\t\u00a0]++
        |([{_SPACE}]+(?:{_PARTICLE_RE})[{_SPACE}]+(?:(?:{_PARTICLE_RE})[{_SPACE}]+)?))
      (?P<word>{_NEXT_WORD}))*""",
    regex.VERBOSE,
)
_LOWER_WORD = lazy_regex(r"(?<![\p{L}\p{M}])\p{Ll}[\p{L}\p{M}]*")
_LOWER_WORD_FULL = lazy_regex(r"\p{Ll}[\p{L}\p{M}]*")
_LETTER_OR_MARK = lazy_regex(r"[\p{L}\p{M}]")
_NON_SPACE = lazy_regex(r"\S+")
# Characters that may come between a sentence end and the next sentence's first word.
_OPENERS = " \t\u00a0\u3000\"'“‘「『(（[【*•·-–—#>"
_ENDERS = ".!?。！？:：;；…"
_CLOSERS = "\"'”’)）"  # may follow an ender before the space that ends a sentence


@dataclass(frozen=True, slots=True)
class NameSpan:
    """``text == source[start:end]``, made of ``words`` (absolute (start, end) offsets, particles
    included); ``sentence`` is the (start, end) of its sentence; ``initial`` says the span starts
    its sentence. Slotted: 88 bytes a span instead of 200 with a ``__dict__``."""

    start: int
    end: int
    text: str
    words: tuple[tuple[int, int], ...]
    sentence: tuple[int, int]
    initial: bool

    def word_texts(self, source: str) -> tuple[str, ...]:
        return tuple(source[a:b] for a, b in self.words)


_new_object = object.__new__
# The slots' own setters: building a span through them skips the frozen dataclass's __init__,
# which sets each field through object.__setattr__.
_set_start, _set_end, _set_text, _set_words, _set_sentence, _set_initial = (
    NameSpan.__dict__[f].__set__ for f in ("start", "end", "text", "words", "sentence", "initial")
)


_WORDS_CHUNK = 1 << 16  # characters listed at a time: a big file never holds a list of all its words


def lowercase_words(text: str) -> frozenset[str]:
    """Every word the text writes in lower case: evidence that its capitalised form is ordinary.

    Listed a chunk at a time, each cut at a space (no word spans one; the look-behind still sees
    the character before a chunk), into one set.

    >>> sorted(lowercase_words("The cat sat; a Dog ran. " * 3))
    ['a', 'cat', 'ran', 'sat']
    """
    words: set[str] = set()
    i, n = 0, len(text)
    while i < n:
        j = text.find(" ", i + _WORDS_CHUNK)
        j = n if j < 0 else j
        words.update(_LOWER_WORD.findall(text, i, j))
        i = j
    return frozenset(words)


class OrdinaryWords:
    """``ORDINARY_WORDS | lowercase_words(text)``, for ``in`` tests only. Callers ask about a few
    words of a document, so each is looked up in the text when first asked about rather than
    listing every lower-case word; when the look-ups have cost about as much as the listing would
    (many, or short words found inside longer ones), the list is made after all.

    >>> o = OrdinaryWords("Deep-sea mining is costly. Mining in deep water costs more.")
    >>> ["mining" in o, "deep" in o, "the" in o, "deep-sea" in o, "min" in o, "Mining" in o]
    [True, True, True, False, False, False]
    """

    __slots__ = ("_all", "_budget", "_seen", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._seen: dict[str, bool] = {}
        # Counted in places checked, as long as listing takes; a search of the text takes ~1%.
        self._budget = len(text) // 8 + 64
        self._all: frozenset[str] | None = None

    def __contains__(self, word: object) -> bool:
        if word in ORDINARY_WORDS:
            return True
        if self._all is not None:
            return word in self._all
        if not isinstance(word, str):
            return False
        found = self._seen.get(word)
        if found is None:
            found = self._seen[word] = self._find(word)
        return found

    def _find(self, word: str) -> bool:
        """Whether ``word`` stands in the text as a lower-case word: no letter or mark on either
        side."""
        if not _LOWER_WORD_FULL.fullmatch(word):
            return False
        text, n = self._text, len(word)
        budget, find, end = self._budget - len(text) // 800 - 1, text.find, len(text) - n
        i = find(word)
        while i >= 0 and budget >= 0:
            if not ((i and _letter_or_mark(text[i - 1])) or (i < end and _letter_or_mark(text[i + n]))):
                self._budget = budget
                return True
            budget -= 1
            i = find(word, i + 1)
        self._budget = budget
        if budget >= 0:
            return False
        self._all = lowercase_words(text)
        return word in self._all


def _letter_or_mark(c: str) -> bool:
    # ASCII first, most text being English: there str.isalpha is the same test, and cheaper.
    return c.isalpha() if c < "\x80" else _LETTER_OR_MARK.match(c) is not None


def _sentence_bounds(text: str) -> list[int]:
    """Start offsets of sentences: after line breaks, or after sentence-final punctuation (and a
    closing quote) and spaces: the ends of the matches of ``\\n+|[ENDERS][CLOSERS]?[ \\t]+``.
    Each mark is found with ``str.find``, several times faster than a regular expression's search
    for any of them."""
    marks = []
    for c in "\n" + _ENDERS:
        i = text.find(c)
        while i >= 0:
            marks.append(i)
            i = text.find(c, i + 1)
    marks.sort()
    bounds, n = [0], len(text)
    for i in marks:
        end = i + 1
        if text[i] == "\n":
            if i < bounds[-1]:
                continue  # in a run of line breaks already passed
            while end < n and text[end] == "\n":
                end += 1
        else:
            if end < n and text[end] in _CLOSERS:
                end += 1
            space = end
            while end < n and text[end] in " \t":
                end += 1
            if end == space:
                continue
        bounds.append(end)
    return bounds


def _is_initial(text: str, pos: int, sentence_start: int) -> bool:
    i = pos
    while i > sentence_start and text[i - 1] in _OPENERS:
        i -= 1
    if i == sentence_start:
        return True
    # Numbered list items and bullets: "1. Japan", "2) Lynas".
    j = i
    while j > sentence_start and (text[j - 1].isdigit() or text[j - 1] in ".)"):
        j -= 1
    return j == sentence_start and j < i


def name_spans(
    text: str,
    sentences: Iterable[tuple[int, int]] | None = None,
    ordinary: Container[str] | None = None,
) -> list[NameSpan]:
    """Name-like spans of ``text`` in order.

    ``sentences`` are (start, end) pairs (e.g. from ``segment.split_sentences``); by default a
    light splitter on line breaks and sentence punctuation is used. ``ordinary`` are lower-case
    words never taken for names at a sentence start (default: ``ORDINARY_WORDS`` plus the words
    the text itself writes in lower case).

    >>> [(s.text, s.initial) for s in name_spans("The Lynas plant. Takaichi said Fuji TV erred.")]
    [('Lynas', False), ('Takaichi', True), ('Fuji TV', False)]
    >>> name_spans("Fuji TV") == [NameSpan(0, 7, "Fuji TV", ((0, 4), (5, 7)), (0, 7), True)]
    True
    >>> [(s.text, s.sentence) for s in name_spans("Tokyo Osaka", sentences=[(0, 6), (6, 11)])]
    [('Tokyo', (0, 6)), ('Osaka', (6, 11))]
    """
    if ordinary is None:
        ordinary = OrdinaryWords(text)
    if sentences is None:
        bounds = _sentence_bounds(text)
    else:
        bounds = sorted({s for s, _ in sentences} | {0})
    bounds.append(len(text))
    # One loop for all names, for speed: most documents have many.
    spans: list[NameSpan] = []
    add = spans.append
    i, last = 0, len(bounds) - 2
    s_start, s_end = 0, -1  # the sentence of the name: bounds[i:i + 2]
    sentence = (s_start, s_end)  # one tuple for all its names
    lead = False
    for m in _NAME_RE.finditer(text):
        words = m.spans(1)
        a, b = words[0]
        if a and text[a - 1] == "-":  # a prefix: al-Assad
            a = m.start(2)
            words[0] = (a, b)
        wa, b = words[-1]
        if text[b - 1] == "s" and text[b - 2] in "'’":  # a possessive: "Japan's" is Japan
            words[-1] = (wa, b - 2)
        while True:  # once, unless given sentences cut the name
            if a >= s_end:
                while i < last and bounds[i + 1] <= a:
                    i += 1
                sentence = s_start, s_end = bounds[i], bounds[i + 1]
                # Most sentences start with a letter: then only a name at their start is initial.
                c = text[s_start : s_start + 1]
                lead = c != "" and (c in _OPENERS or c in ".)" or c.isdigit())
            rest: list[tuple[int, int]] | None = None
            if wa >= s_end and i < last:  # a sentence starts inside the name
                k = next(k for k, word in enumerate(words) if word[0] >= s_end)
                words, rest = words[:k], words[k:]
            initial = a == s_start or (lead and _is_initial(text, a, s_start))
            # A sentence-initial ordinary word is not part of the name: "The Lynas", "However".
            if initial and _ordinary(text[a : words[0][1]], ordinary):
                del words[0]
                initial = False
            if words:
                a, e = words[0][0], words[-1][1]
                particles = len(words) > 1 and m.start(3) >= 0
                # As NameSpan(a, e, text[a:e], words, sentence, initial) in half the time.
                span = _new_object(NameSpan)
                _set_start(span, a)
                _set_end(span, e)
                _set_text(span, text[a:e])
                _set_words(span, tuple(_with_particles(text, words) if particles else words))
                _set_sentence(span, sentence)
                _set_initial(span, initial)
                add(span)
            if rest is None:
                break
            words = rest
            a = words[0][0]
    return spans


def _ordinary(word: str, ordinary: Container[str]) -> bool:
    """An ordinary word, or a compound of one with lower-case parts (``Deep-sea``)."""
    low = word.lower()
    if low in ordinary:
        return True
    first, _, rest = word.partition("-")
    return bool(rest) and rest.islower() and first.lower() in ordinary


def _with_particles(text: str, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The words plus the particles between them, as absolute offsets."""
    if len(words) == 1:
        return words
    full: list[tuple[int, int]] = [words[0]]
    for (_, pb), (na, nb) in pairwise(words):
        if na - pb > 1 or not text[pb].isspace():  # a one-space gap holds no particle
            for m in _NON_SPACE.finditer(text, pb, na):
                full.append((m.start(), m.end()))
        full.append((na, nb))
    return full
