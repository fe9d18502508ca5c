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

from collections.abc import Iterable
from dataclasses import dataclass

import regex

__all__ = ["NameSpan", "name_spans", "ORDINARY_WORDS", "PARTICLES", "lowercase_words"]

# Lowercase words that may sit inside a name between capitalised words.
PARTICLES = frozenset(
    "no de del della der den di da du des la le van von bin binti ibn y e of".split()
)
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
_PREFIX_RE = "|".join(p.replace("-", r"\-") for p in _PREFIXES)
_WORD_RE = regex.compile(
    rf"""(?<![\p{{L}}\p{{M}}\p{{N}}'’\-])
    (?:(?:{_PREFIX_RE})(?=\p{{Lu}}))?
    \p{{Lu}}[\p{{L}}\p{{M}}]*(?:['’][\p{{L}}\p{{M}}]+)*
    (?:-[\p{{L}}\p{{M}}\p{{N}}]+(?:['’][\p{{L}}\p{{M}}]+)*)*
    (?![\p{{L}}\p{{M}}\p{{N}}])""",
    regex.VERBOSE,
)
_POSSESSIVE = ("'s", "’s")
_LOWER_WORD = regex.compile(r"(?<![\p{L}\p{M}])\p{Ll}[\p{L}\p{M}]*")
# What separates two words of one name: spaces or tabs only, never a line break.
_GAP = regex.compile(r"[ \t\u00a0]+")
_SENTENCE_GAP = regex.compile(r"\n+|(?<=[.!?。！？:：;；…][\"'”’)）]?)[ \t]+")
_NON_SPACE = regex.compile(r"\S+")
# Characters that may come between a sentence end and the next sentence's first word.
_OPENERS = " \t\u00a0\u3000\"'“‘「『(（[【*•·-–—#>"
_ENDERS = ".!?。！？:：;；…"


@dataclass(frozen=True)
class NameSpan:
    """``text == source[start:end]``, made of ``words`` (absolute (start, end) offsets, particles
    included); ``sentence`` is the (start, end) of its sentence; ``initial`` says the span starts
    its sentence."""

    start: int
    end: int
    text: str
    words: tuple[tuple[int, int], ...]
    sentence: tuple[int, int]
    initial: bool

    def word_texts(self, source: str) -> tuple[str, ...]:
        return tuple(source[a:b] for a, b in self.words)


def lowercase_words(text: str) -> frozenset[str]:
    """Every word the text writes in lower case: evidence that its capitalised form is ordinary."""
    return frozenset(_LOWER_WORD.findall(text))


def _sentence_bounds(text: str) -> list[int]:
    """Start offsets of sentences: after a line break or sentence-final punctuation and space."""
    return [0, *(m.end() for m in _SENTENCE_GAP.finditer(text))]


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
    ordinary: frozenset[str] | None = None,
) -> list[NameSpan]:
    """Name-like spans of ``text`` in order.

    ``sentences`` are (start, end) pairs (e.g. from ``segment.split_sentences``); by default a
    light splitter on line breaks and sentence punctuation is used. ``ordinary`` are lower-case
    words never taken for names at a sentence start (default: ``ORDINARY_WORDS`` plus the words
    the text itself writes in lower case).

    >>> [(s.text, s.initial) for s in name_spans("The Lynas plant. Takaichi said Fuji TV erred.")]
    [('Lynas', False), ('Takaichi', True), ('Fuji TV', False)]
    """
    if ordinary is None:
        ordinary = ORDINARY_WORDS | lowercase_words(text)
    if sentences is None:
        starts = _sentence_bounds(text)
    else:
        starts = sorted({s for s, _ in sentences} | {0})
    bounds = [*starts, len(text)]

    spans: list[NameSpan] = []
    words: list[tuple[int, int]] = []
    sent_idx = 0
    last = len(bounds) - 2
    for m in _WORD_RE.finditer(text):
        a, b = m.span()
        possessive = text.endswith(_POSSESSIVE, a, b)
        if possessive:
            b -= 2
        while sent_idx < last and bounds[sent_idx + 1] <= a:
            if words:
                _emit(text, words, spans, bounds, sent_idx, ordinary)
                words = []
            sent_idx += 1
        if words and not _joins(text[words[-1][1]:a]):
            _emit(text, words, spans, bounds, sent_idx, ordinary)
            words = []
        words.append((a, b))
        if possessive:  # a possessive ends the name: "Japan's Fuji TV" is two names
            _emit(text, words, spans, bounds, sent_idx, ordinary)
            words = []
    if words:
        _emit(text, words, spans, bounds, sent_idx, ordinary)
    return spans


def _joins(gap: str) -> bool:
    """Whether two name words separated by ``gap`` belong to one name: spaces only, or at most
    two particles between spaces, never a line break."""
    if gap == " " or _GAP.fullmatch(gap):
        return True
    if not gap[:1].isspace() or not gap[-1:].isspace() or "\n" in gap or "\r" in gap:
        return False
    parts = gap.split()
    return 0 < len(parts) <= 2 and all(p in PARTICLES for p in parts)


def _emit(
    text: str,
    words: list[tuple[int, int]],
    out: list[NameSpan],
    bounds: list[int],
    sent_idx: int,
    ordinary: frozenset[str],
) -> None:
    s_start, s_end = bounds[sent_idx], bounds[sent_idx + 1]
    initial = _is_initial(text, words[0][0], s_start)
    # A sentence-initial ordinary word is not part of the name: "The Lynas plant", "However".
    if initial and _ordinary(text[words[0][0]:words[0][1]], ordinary):
        words = words[1:]
        initial = False
    if not words:
        return
    start, end = words[0][0], words[-1][1]
    full = _with_particles(text, words)
    out.append(NameSpan(start, end, text[start:end], tuple(full), (s_start, s_end), initial))


def _ordinary(word: str, ordinary: frozenset[str]) -> bool:
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
    for (_, pb), (na, nb) in zip(words, words[1:]):
        if na - pb > 1 or not text[pb].isspace():  # a one-space gap holds no particle
            for m in _NON_SPACE.finditer(text, pb, na):
                full.append((m.start(), m.end()))
        full.append((na, nb))
    return full
