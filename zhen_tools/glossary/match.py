r"""One-pass matching of every glossary form in a text: the Matcher behind ``Glossary.find``.

Indexes are built once per glossary (``Glossary.matcher`` caches the Matcher); each scans the
text once:

- forms with an ASCII letter or digit (most English renderings) are keyed by their first ASCII
  word run, lower-cased (``Chikyū`` -> ``chiky``). One C-level ``(?a:\w+)`` pass over the
  lower-cased text yields the runs; a dict lookup per run picks the few forms that can start
  there, and ``startswith`` checks them longest first. ASCII-only ``\w`` is about twice as fast as
  Unicode ``\w`` and still finds the same starts: a form's first ASCII run is preceded by
  non-ASCII-word characters in the form, hence also in the text.
- all other forms (Han, kana, Hangul, Cyrillic ...) are keyed by their first character, found by
  one character-class regex; English text has none, so this costs one fast scan.
- forbidden ``re:`` patterns: one alternation of all patterns, scanned once.

Latin and Cyrillic forms match on word boundaries (the characters around the match are not
letters, digits or ``_``, where the form's own edge is one); names compare case-sensitively,
``term`` entries case-insensitively. A Han form whose edge touches another Han character must
also sit on a segmentation boundary (``日产`` is not found inside ``日产量``), checked with
``zhen_tools.segment.tokenize`` on that Han run only, with the candidate forms as user words.
Candidates from all scanners are merged leftmost-longest, so nested forms yield the outer one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from zhen_tools.glossary.model import PATTERN_PREFIX, Entry, Match

__all__ = ["Matcher", "is_cjk_form"]

_ASCII_WORD = re.compile(r"(?a:\w+)")
# Han (incl. extensions and compatibility), kana, Hangul, and the iteration/prolonged-sound marks.
_CJK_CHARS = (
    "\u3005\u3006\u3007\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f\U00020000-\U0003134f"
)
_CJK = re.compile(f"[{_CJK_CHARS}]")
_HAN = re.compile("[\u3005\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def is_cjk_form(form: str) -> bool:
    """True for forms written (at least partly) in Han, kana or Hangul.

    >>> is_cjk_form("南鸟岛"), is_cjk_form("ちきゅう"), is_cjk_form("Ростех"), is_cjk_form("Sohu")
    (True, True, False, False)
    """
    return _CJK.search(form) is not None


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _lower_same_length(text: str) -> str:
    """``text.lower()`` with code-point offsets kept (``İ`` lowers to two code points)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(lc := c.lower()) != 1 else lc for c in text)


Owner = tuple[str, str, str, bool]  # (entry id, status, lang, case-sensitive)


@dataclass(frozen=True)
class _Form:
    """One literal form as the scanners see it."""

    form: str
    key: str  # the form lower-cased, offsets kept
    prefix: int  # code points before the scanner's key (ASCII run) starts
    owners: tuple[Owner, ...]
    word_start: bool  # the form starts with a letter/digit of a spaced script: check boundary
    word_end: bool


def _owners_by_form(entries: Iterable[Entry]) -> dict[str, list[Owner]]:
    owners: dict[str, list[Owner]] = {}
    for e in entries:
        cs = e.case_sensitive
        items = [(f, "accepted", "en") for f in e.accepted]
        items += [(f, "forbidden", "en") for f in e.forbidden_forms]
        for lang in ("zh", "ja", "ko", "ru"):
            items += [(f, "source", lang) for f in getattr(e, lang)]
        seen: set[str] = set()
        for form, status, lang in items:
            if not form or form in seen:
                continue  # zh and ja often share a form: the first list wins
            seen.add(form)
            owners.setdefault(form, []).append((e.id, status, lang, cs))
    return owners


Candidate = tuple[int, int, Any, str]  # (start, end, _Form or pattern string, entry id)


class Matcher:
    """All forms of a set of entries, compiled for one-pass search. Build once, reuse."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        # first ASCII run -> (forms with no second run, {second ASCII run -> forms}), each list
        # longest first. The second level keeps "University of X" x 1,000 from being tried
        # one by one at every "University".
        self.words: dict[str, tuple[list[_Form], dict[str, list[_Form]]]] = {}
        self.chars: dict[str, list[_Form]] = {}  # first character -> forms, longest first
        for form, owners in _owners_by_form(entries).items():
            low = _lower_same_length(form)
            # Spaced scripts need word boundaries at the form's edges; CJK edges do not.
            edges = (_is_word_char(form[0]) and not _CJK.match(form[0]),
                     _is_word_char(form[-1]) and not _CJK.match(form[-1]))
            run = _ASCII_WORD.search(low)
            if run is not None:
                rec = _Form(form, low, run.start(), tuple(owners), *edges)
                singles, by_next = self.words.setdefault(run.group(), ([], {}))
                second = _ASCII_WORD.search(low, run.end())
                if second is None:
                    singles.append(rec)
                else:
                    by_next.setdefault(second.group(), []).append(rec)
            else:
                rec = _Form(form, low, 0, tuple(owners), *edges)
                self.chars.setdefault(low[0], []).append(rec)
        for recs in self.chars.values():
            recs.sort(key=lambda r: -len(r.form))
        for singles, by_next in self.words.values():
            singles.sort(key=lambda r: -len(r.form))
            for recs in by_next.values():
                recs.sort(key=lambda r: -len(r.form))
        self.char_start = (re.compile("[" + "".join(re.escape(c) for c in sorted(self.chars)) + "]")
                           if self.chars else None)
        # The ASCII runs that start some form, as whole runs (keys are ASCII word characters, so
        # \b here means no ASCII word character either side): finds exactly the runs of ``_ASCII_WORD.finditer`` that are keys of ``words``
        # without visiting every word of the text in Python.
        self.word_start = (re.compile(r"(?a)\b(?:" + _trie_pattern(self.words) + r")\b")
                           if self.words else None)
        self.patterns = self._compile_patterns(entries)

    @staticmethod
    def _compile_patterns(entries: Iterable[Entry]) -> tuple[Any, list[tuple[str, str]]] | None:
        items = [(e.id, p) for e in entries for p in e.forbidden_patterns]
        if not items:
            return None
        import regex  # only glossaries with patterns pay for it

        alternation = "|".join(f"(?P<_zp{i}>{p})" for i, (_, p) in enumerate(items))
        return regex.compile(alternation), items

    # -- scanning -------------------------------------------------------------------------

    def find(self, text: str) -> list[Match]:
        """Every match in ``text``, sorted by start; leftmost-longest among overlaps."""
        cands: list[Candidate] = []
        low = _lower_same_length(text) if (self.words or self.chars) else text
        if self.words:
            self._scan_words(text, low, cands)
        if self.char_start is not None:
            self._scan_chars(text, low, cands)
        if self.patterns is not None:
            self._scan_patterns(text, cands)
        return self._resolve(text, cands)

    @staticmethod
    def _verify(text: str, low: str, rec: _Form, start: int) -> _Form | None:
        """``rec`` (with only the owners whose case rule is met) if it matches at ``start``."""
        end = start + len(rec.key)
        if start < 0 or not low.startswith(rec.key, start):
            return None
        if rec.word_start and start > 0 and _is_word_char(text[start - 1]):
            return None
        if rec.word_end and end < len(text) and _is_word_char(text[end]):
            return None
        if text.startswith(rec.form, start):
            return rec
        owners = tuple(o for o in rec.owners if not o[3])
        if not owners:
            return None
        return _Form(rec.form, rec.key, rec.prefix, owners, rec.word_start, rec.word_end)

    def _scan_words(self, text: str, low: str, out: list[Candidate]) -> None:
        words = self.words
        verify = self._verify
        search = _ASCII_WORD.search
        covered = 0
        assert self.word_start is not None
        for m in self.word_start.finditer(low):
            singles, by_next = words[m.group()]
            pos = m.start()
            best: tuple[int, _Form] | None = None
            if by_next:
                nxt = search(low, m.end())
                lists = (by_next.get(nxt.group(), ()) if nxt else (), singles)
            else:
                lists = ((), singles)
            for recs in lists:
                for rec in recs:  # longest first: the first hit of each list is its best
                    start = pos - rec.prefix
                    if start < covered or (best is not None and len(rec.key) <= len(best[1].key)):
                        continue
                    hit = verify(text, low, rec, start)
                    if hit is not None:
                        best = (start, hit)
                        break
            if best is not None:
                start, hit = best
                out.append((start, start + len(hit.key), hit, ""))
                covered = start + len(hit.key)

    def _scan_chars(self, text: str, low: str, out: list[Candidate]) -> None:
        assert self.char_start is not None
        # Every form that fits at every position, not just the longest: segmentation may reject
        # the longest (日产 in 日产量) and then a shorter or later one must still be found.
        # _resolve picks leftmost-longest among the survivors.
        found: list[tuple[int, int, _Form]] = []
        for m in self.char_start.finditer(low):
            pos = m.start()
            for rec in self.chars[m.group()]:
                hit = self._verify(text, low, rec, pos)
                if hit is not None:
                    found.append((pos, pos + len(rec.key), hit))
        for start, end, rec in self._on_segment_boundaries(text, found):
            out.append((start, end, rec, ""))

    def _on_segment_boundaries(self, text: str,
                               found: list[tuple[int, int, _Form]]) -> list[tuple[int, int, _Form]]:
        """Drop Han matches that cut through a word of the surrounding Han run."""
        kept: list[tuple[int, int, _Form]] = []
        runs: dict[tuple[int, int], set[int] | None] = {}
        for start, end, rec in found:
            inner_left = start > 0 and _HAN.match(text, start - 1) and _HAN.match(text, start)
            inner_right = end < len(text) and _HAN.match(text, end) and _HAN.match(text, end - 1)
            if not (inner_left or inner_right):
                kept.append((start, end, rec))
                continue
            run = _enclosing_run(text, start, end)
            if run not in runs:
                words = tuple(r.form for s, e, r in found if run[0] <= s and e <= run[1])
                runs[run] = _boundaries(text[run[0]:run[1]], words, run[0])
            bounds = runs[run]
            if bounds is None or ((not inner_left or start in bounds)
                                  and (not inner_right or end in bounds)):
                kept.append((start, end, rec))
        return kept

    def _scan_patterns(self, text: str, out: list[Candidate]) -> None:
        assert self.patterns is not None
        compiled, items = self.patterns
        for m in compiled.finditer(text, overlapped=True):  # type: ignore[attr-defined]
            name = m.lastgroup
            if name is None or not name.startswith("_zp"):
                # the last group closed was an inner one: find the alternative that matched
                name = next(g for g in m.groupdict() if g.startswith("_zp") and m.group(g) is not None)
            entry_id, pattern = items[int(name[3:])]
            start, end = m.span("term") if "term" in m.groupdict() and m.group("term") is not None \
                else m.span()
            if end > start:
                out.append((start, end, PATTERN_PREFIX + pattern, entry_id))

    @staticmethod
    def _resolve(text: str, cands: list[Candidate]) -> list[Match]:
        # Leftmost, then longest, then a pattern before a literal form over the same span: a
        # pattern's context (vessel "Earth") is more specific than the bare word (Earth).
        cands.sort(key=lambda c: (c[0], c[0] - c[1], not isinstance(c[2], str)))
        result: list[Match] = []
        covered = 0
        for start, end, rec, entry_id in cands:
            if start < covered:
                continue
            covered = end
            span = text[start:end]
            if isinstance(rec, str):
                result.append(Match(start, end, span, entry_id, rec, "forbidden", "en"))
                continue
            for owner_id, status, lang, _ in sorted(rec.owners):
                result.append(Match(start, end, span, owner_id, rec.form, status, lang))
        return result


def _trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching exactly ``words``, as a trie: alternatives share prefixes,
    so a position is rejected after a character or two instead of once per word.

    >>> _trie_pattern(["in", "inn", "on"])
    '(?:in(?:n)?|on)'
    """
    trie: dict[str, dict] = {}
    for w in words:
        node = trie
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(c) + emit(sub) for c, sub in sorted(node.items()) if c]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


def _enclosing_run(text: str, start: int, end: int) -> tuple[int, int]:
    """The maximal Han run around ``text[start:end]``."""
    left = start
    while left > 0 and _HAN.match(text, left - 1):
        left -= 1
    right = end
    while right < len(text) and _HAN.match(text, right):
        right += 1
    return left, right


def _boundaries(run: str, words: tuple[str, ...], offset: int) -> set[int] | None:
    """Token boundaries of a Han run (absolute offsets), or None when no segmenter is available
    (then every longest match is kept)."""
    try:
        from zhen_tools.segment import tokenize

        tokens = tokenize(run, tuple(dict.fromkeys(words)))
    except NotImplementedError:
        return None
    bounds = {offset, offset + len(run)}
    for t in tokens:
        bounds.add(offset + t.start)
        bounds.add(offset + t.end)
    return bounds
