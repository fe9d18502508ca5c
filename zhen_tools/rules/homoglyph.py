"""The homoglyph rule: words that mix Latin with Cyrillic or Greek look-alike letters, and Latin
words that are look-alikes of a glossary entry's Cyrillic name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import regex

from zhen_tools._version import package_version
from zhen_tools.findings import Finding
from zhen_tools.glossary.model import per_glossary
from zhen_tools.rules.context import DocContext
from zhen_tools.rules.registry import register
from zhen_tools.text.cache import cached_json
from zhen_tools.text.lazyre import compile_cached, lazy_compile, lazy_regex

if TYPE_CHECKING:
    from zhen_tools.glossary.model import Entry

__all__ = ["LATIN_TWINS", "homoglyph", "latin_spelling"]

# Cyrillic and Greek letters drawn like a Latin letter of the same case in ordinary fonts. A
# Greek letter outside this table (β, μ, κ, α) is a real Greek letter in a scientific word
# (β-catenin, μm, NF-κB), not a look-alike.
LATIN_TWINS: dict[str, str] = {
    # Cyrillic capitals and small letters
    "А": "A",
    "В": "B",
    "Е": "E",
    "К": "K",
    "М": "M",
    "Н": "H",
    "О": "O",
    "Р": "P",
    "С": "C",
    "Т": "T",
    "Х": "X",
    "У": "Y",
    "Ѕ": "S",
    "І": "I",
    "Ј": "J",
    "Ԛ": "Q",
    "Ԝ": "W",
    "Ү": "Y",
    "а": "a",
    "е": "e",
    "о": "o",
    "р": "p",
    "с": "c",
    "у": "y",
    "х": "x",
    "ѕ": "s",
    "і": "i",
    "ј": "j",
    "һ": "h",
    "ԁ": "d",
    "ԛ": "q",
    "ԝ": "w",
    "ӏ": "l",
    "ү": "y",
    # Greek capitals and omicron
    "Α": "A",
    "Β": "B",
    "Ε": "E",
    "Ζ": "Z",
    "Η": "H",
    "Ι": "I",
    "Κ": "K",
    "Μ": "M",
    "Ν": "N",
    "Ο": "O",
    "Ρ": "P",
    "Τ": "T",
    "Υ": "Y",
    "Χ": "X",
    "ο": "o",
}
_CYRILLIC_TWINS: dict[str, str] = {}
for _k, _v in LATIN_TWINS.items():
    if "\u0400" <= _k <= "\u04ff":
        _CYRILLIC_TWINS.setdefault(_v, _k)

# A word: letters only, so hyphens, digits and apostrophes split ``COVID-19`` or ``α-helix``.
_WORD = lazy_regex(r"[\p{L}\p{M}]+")
_MIXED = lazy_regex(r"\p{Latin}.*?[\p{Cyrillic}\p{Greek}]|[\p{Cyrillic}\p{Greek}].*?\p{Latin}")
_CYRILLIC = lazy_regex(r"\p{Cyrillic}")
_LATIN = lazy_regex(r"\p{Latin}")
_CYRILLIC_OR_GREEK = lazy_regex(r"[\p{Cyrillic}\p{Greek}]")


def latin_spelling(word: str) -> str | None:
    """``word`` with its Cyrillic/Greek look-alikes replaced by Latin letters, or None when a
    non-Latin letter has no Latin twin.

    >>> latin_spelling("Rоsatom"), latin_spelling("NF-κB")
    ('Rosatom', None)
    """
    return _respell(word, _CYRILLIC_OR_GREEK, LATIN_TWINS)


def _cyrillic_spelling(word: str) -> str | None:
    """``word`` with its Latin letters replaced by Cyrillic twins, or None when one has none."""
    return _respell(word, _LATIN, _CYRILLIC_TWINS)


def _respell(word: str, script: regex.Pattern[str], twins: dict[str, str]) -> str | None:
    """``word`` with each letter of ``script`` replaced by its twin; None if one has none."""
    out = []
    for c in word:
        if script.match(c):
            twin = twins.get(c)
            if twin is None:
                return None
            out.append(twin)
        else:
            out.append(c)
    return "".join(out)


@register("homoglyph", "error", "a word mixing scripts (Latin with Cyrillic/Greek lookalikes)")
def homoglyph(ctx: DocContext) -> Iterator[Finding]:
    """Flags a word that mixes Latin letters with Cyrillic or Greek look-alikes (``Rоsatom`` with
    a Cyrillic ``о``; suggestion: the all-Latin spelling, or the all-Cyrillic one for a mostly
    Cyrillic word), and a Latin word that is a letter-for-letter look-alike of a glossary
    entry's Cyrillic form (``PocTex`` for ``Ростех``; suggestion: the entry's ``en``).

    Such words look right on screen but fail every search, spell check and glossary match; they
    come from OCR, copy-paste from Russian sources, or reading Cyrillic as Latin. Greek letters
    that have no Latin twin (``β-catenin``, ``μm``, ``NF-κB``) are real Greek and pass.

    >>> from zhen_tools.text.document import document_from_text
    >>> [(f.text, f.suggestion) for f in homoglyph(DocContext(document_from_text(
    ...     "Rоsatom and the β-catenin pathway.")))]
    [('Rоsatom', 'Rosatom')]
    """
    text = ctx.text
    found = list(_cyrillic_lookalikes(ctx))
    # A mixed word holds a Cyrillic or Greek letter: most texts have none at all.
    if not text.isascii() and _has_cyrillic_or_greek(text):
        for m in _WORD.finditer(text):
            word = m.group()
            if word.isascii() or not _MIXED.search(word):
                continue
            finding = _mixed(ctx, m.start(), m.end(), word)
            if finding is not None:
                found.append(finding)
    yield from sorted(found, key=lambda f: f.start)


def _has_cyrillic_or_greek(text: str) -> bool:
    """Whether ``_CYRILLIC_OR_GREEK`` finds a letter in ``text``. The standard ``re`` engine,
    several times faster on long texts, first looks for the blocks where Unicode puts Cyrillic
    and Greek (``_NEAR_CYRILLIC_OR_GREEK``, a superset within the BMP); only text with such a
    character, or with characters beyond the BMP, is searched by script.

    >>> [_has_cyrillic_or_greek(t) for t in ("Rоsatom", "β-catenin \U0001d400", "中文", "§ ±")]
    [True, True, False, False]
    """
    if _NEAR_CYRILLIC_OR_GREEK.search(text) is None:  # searched in place: no copy of a big text
        return False
    return _CYRILLIC_OR_GREEK.search(text) is not None


# Greek and Coptic, Cyrillic (+ Supplement), Cyrillic Extended-C, phonetic extensions, Greek
# Extended, the Ohm sign, Cyrillic Extended-A/-B, a Latin Extended-E letter, combining half marks,
# and every character beyond the BMP (left to the search by script).
# A test checks that it covers every BMP character of the regex module's Cyrillic and Greek.
_NEAR_CYRILLIC_OR_GREEK = lazy_compile(
    "[\u0370-\u052f\u1c80-\u1c8f\u1d26-\u1dbf\u1f00-\u1fff\u2126\u2de0-\u2dff\ua640-\ua69f\uab65\ufe2e\ufe2f"
    "\U00010000-\U0010ffff]"
)


def _mixed(ctx: DocContext, start: int, end: int, word: str) -> Finding | None:
    latin = sum(1 for c in word if _LATIN.match(c))
    cyrillic = len(_CYRILLIC.findall(word))
    if latin >= len(word) - latin:
        fixed = latin_spelling(word)
        if fixed is None and not cyrillic:
            return None  # Latin with real Greek letters: a scientific word
        return ctx.finding(
            start,
            end,
            "homoglyph",
            f"'{word}' mixes Latin with {_scripts(word)} letters that look Latin",
            fixed,
        )
    fixed = _cyrillic_spelling(word) if cyrillic else None
    if fixed is None and not cyrillic:
        return None
    return ctx.finding(
        start, end, "homoglyph", f"'{word}' mixes {_scripts(word)} with Latin letters that look alike", fixed
    )


def _scripts(word: str) -> str:
    names = []
    if regex.search(r"\p{Cyrillic}", word):
        names.append("Cyrillic")
    if regex.search(r"\p{Greek}", word):
        names.append("Greek")
    return " and ".join(names)


def _cyrillic_lookalikes(ctx: DocContext) -> Iterator[Finding]:
    """Capitalised all-Latin words that read letter for letter as a glossary ``ru`` form."""
    if ctx.glossary is None:
        return
    glossary = ctx.glossary
    patterns = per_glossary(glossary, "ru-lookalikes", lambda g: _ru_patterns(g.entries))
    if not patterns:
        return
    accepted = per_glossary(glossary, "accepted-forms", lambda g: _accepted(g.entries))
    # One pass finds the Latin runs that some pattern spells; each is then checked as before.
    for m in per_glossary(glossary, "ru-lookalike-runs", lambda g: _any_pattern(g.entries)).finditer(
        ctx.text
    ):
        word = m.group()
        a, b = m.span()
        if len(word) not in patterns or not word[0].isupper() or word in accepted:
            continue
        if (a and ctx.text[a - 1].isalnum()) or (b < len(ctx.text) and ctx.text[b].isalnum()):
            continue
        for pattern, entry, form in patterns[len(word)]:
            if pattern.fullmatch(word):
                yield ctx.finding(
                    a,
                    b,
                    "homoglyph",
                    f"'{word}' is {form} ({entry.id}) in Latin look-alike letters",
                    entry.en,
                )
                break


@lru_cache(maxsize=8)
def _any_pattern(entries: tuple[Entry, ...]) -> re.Pattern[str]:
    """A whole run of ASCII letters, capitalised, that one of the ``ru`` patterns matches in
    full. Each alternative starts with a capital letter (the run's start is checked behind it),
    so that the search skips to those letters at C speed.

    >>> from zhen_tools.glossary.model import Entry
    >>> p = _any_pattern((Entry("rostec", "Rostec", ru=("Ростех",)),))
    >>> [m.group() for m in p.finditer("PocTex, pocTex, APocTex, PocTexa, POCTEX")]
    ['PocTex', 'POCTEX']
    """
    alternatives: set[str] = set()
    for group in _ru_patterns(entries).values():
        for _, _, form in group:
            classes = _latin_classes(form)
            assert classes is not None  # _ru_patterns keeps forms that have them
            rest = "".join(f"[{c}]" for c in classes[1:])
            alternatives.update(f"{c}(?<![A-Za-z]{c}){rest}" for c in classes[0] if c.isupper())
    if not alternatives:
        return compile_cached("(?!)")
    return compile_cached("(?:" + "|".join(sorted(alternatives)) + ")(?![A-Za-z])")


@lru_cache(maxsize=8)
def _accepted(entries: tuple[Entry, ...]) -> frozenset[str]:
    return frozenset(f for e in entries for f in e.accepted)


@lru_cache(maxsize=8)
def _ru_patterns(entries: tuple[Entry, ...]) -> dict[int, list[tuple[re.Pattern[str], Entry, str]]]:
    """Per length, the ru forms (one word, 4+ letters, Cyrillic) as patterns of Latin letters
    each Cyrillic letter is confusable with (the ``confusables`` package's table)."""
    out: dict[int, list[tuple[re.Pattern[str], Entry, str]]] = {}
    for e in entries:
        for form in getattr(e, "ru", ()):
            if len(form) < 4 or not form.isalpha() or not _CYRILLIC.search(form):
                continue
            pattern = _latin_pattern(form)
            if pattern is not None:
                out.setdefault(len(form), []).append((pattern, e, form))
    return out


def _latin_pattern(form: str) -> re.Pattern[str] | None:
    classes = _latin_classes(form)
    return compile_cached("".join(f"[{c}]" for c in classes)) if classes else None


def _latin_classes(form: str) -> list[str] | None:
    """Per letter of a Cyrillic form, the Latin letters drawn like it; disk-cached because the
    confusables table takes longer to load than a whole check of a short file."""

    def compute() -> list[str] | None:
        confusable_characters = _confusables().confusable_characters

        classes = []
        for c in form:
            latin = sorted(
                {x for x in confusable_characters(c) or () if len(x) == 1 and x.isascii() and x.isalpha()}
                | ({c} if c.isascii() else set())
            )
            if not latin:
                return None  # a letter no Latin letter can stand for (Ж, Я): no look-alike
            classes.append("".join(latin))
        return classes

    result: list[str] | None = cached_json("lookalike", [package_version("confusables"), form], compute)
    return result


@lru_cache(maxsize=1)
def _confusables() -> Any:
    """The confusables package, imported when a Cyrillic form first needs its look-alikes."""
    import confusables

    return confusables
