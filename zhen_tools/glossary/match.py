r"""One-pass matching of every glossary form in a text: the Matcher behind ``Glossary.find``.

Indexes are built once per glossary (``Glossary.matcher`` caches the Matcher); each scans the
text once (the literal scanners a window of lines at a time, see ``Matcher.find``):

- forms with an ASCII letter or digit (most English renderings) are keyed by their first ASCII
  word run, lower-cased (``Chikyū`` -> ``chiky``). One C-level pass over the lower-cased text
  finds the places where an ASCII word starts with the start of some form's key, from its first
  ASCII run on (``rare earth m`` for ``rare earth mud``: the bare word ``rare`` is everywhere in
  rare-earth news). Only there does Python look up the run's forms and check them longest first
  with ``startswith``. ASCII-only ``\b`` is about twice as fast as Unicode ``\b`` and still finds
  the same starts: a form's first ASCII run is preceded by non-ASCII-word characters in the
  form, hence also in the text.
- all other forms (Han, kana, Hangul, Cyrillic ...) are keyed by their first character, found by
  one regex that also looks a few characters ahead; English text has none, so this costs one
  fast scan.
- forbidden ``re:`` patterns: a search per pattern (few) or one alternation of all (many).

Latin and Cyrillic forms match on word boundaries (the characters around the match are not
letters, digits or ``_``, where the form's own edge is one); names compare case-sensitively,
``term`` entries case-insensitively. A Han form whose edge touches another Han character must
also sit on a segmentation boundary (``日产`` is not found inside ``日产量``), checked with
``zhen_tools.text.segment.tokenize`` on that Han run only, with the candidate forms as user words.
Candidates from all scanners are merged leftmost-longest, so nested forms yield the outer one.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import regex

from zhen_tools.text.chars import CJK, HAN
from zhen_tools.text.document import line_windows
from zhen_tools.text.lazyre import compile_cached, compile_regex_cached, lazy_compile
from zhen_tools.text.segment import tokenize

if TYPE_CHECKING:
    from zhen_tools.glossary.model import Entry


__all__ = ["PATTERN_PREFIX", "Match", "Matcher", "PatternTimeoutError", "is_cjk_form", "pattern_timeout"]

# A forbidden item starting with this is a pattern, not a literal form.
PATTERN_PREFIX = "re:"


@dataclass(frozen=True)
class Match:
    """``text == source[start:end]`` is ``form`` of entry ``entry_id``.

    ``status``: ``"accepted"`` (en/variants), ``"forbidden"`` (a forbidden form, or the span of a
    forbidden ``re:`` pattern, in which case ``form`` is the pattern string with its prefix) or
    ``"source"`` (a zh/ja/ko/ru form). ``lang`` is the list the form came from.
    """

    start: int
    end: int
    text: str
    entry_id: str
    form: str
    status: str
    lang: str = "en"


_ASCII_WORD = lazy_compile(r"(?a:\w+)")
_CJK = lazy_compile(f"[{CJK}]")
_HAN = lazy_compile(f"[{HAN}]")


def is_cjk_form(form: str) -> bool:
    """True for forms written (at least partly) in Han, kana or Hangul.

    >>> is_cjk_form("南鸟岛"), is_cjk_form("ちきゅう"), is_cjk_form("Ростех"), is_cjk_form("Sohu")
    (True, True, False, False)
    """
    return _CJK.search(form) is not None


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _lower_same_length(text: str) -> str:
    """``text.lower()`` with code-point offsets kept (``İ`` lowers to two code points).

    >>> _lower_same_length("İSTANBUL and Tokyo")
    'İstanbul and tokyo'
    """
    if len(text) > _LOWER_PIECE:
        # str.lower() takes a scratch buffer of 12 bytes a character: lowered in pieces cut at
        # white space (where no final sigma can change), a megabyte text costs no 12 MB more.
        pieces, i = [], 0
        while i < len(text):
            spaces = [
                c for c in (text.find(" ", i + _LOWER_PIECE), text.find("\n", i + _LOWER_PIECE)) if c >= 0
            ]
            cut = min(spaces) if spaces else len(text)
            pieces.append(_lower_piece(text[i:cut]))
            i = cut
        return "".join(pieces)
    return _lower_piece(text)


_LOWER_PIECE = 1 << 16
# Characters of text ``Matcher.find`` lowers at a time (a window of whole lines, so longer for a
# longer line).
_WINDOW = 1 << 18


def _lower_piece(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(lc := c.lower()) != 1 else lc for c in text)


# Key characters after the first ASCII run (or the first character) that the pre-filters see,
# and the total length of those keys above which they see only the run (or the character):
# compiling the filters costs ~3 us per character.
_FILTER_EXTRA = 12
_FILTER_BUDGET = 100_000
_SEPARATE_PATTERNS = 8  # forbidden patterns up to which each is searched on its own

_new_object = object.__new__
_set_attribute = object.__setattr__
# ``_resolve`` fills in a Match's fields itself.
_MATCH_FIELDS = ("start", "end", "text", "entry_id", "form", "status", "lang")
assert tuple(Match.__dataclass_fields__) == _MATCH_FIELDS

Owner = tuple[str, str, str, bool]  # (entry id, status, lang, case-sensitive)


@dataclass(frozen=True)
class _Form:
    """One literal form as the scanners see it."""

    form: str
    key: str  # the form lower-cased, offsets kept
    prefix: int  # code points before the scanner's key (ASCII run) starts
    owners: tuple[Owner, ...]  # sorted
    word_start: bool  # the form starts with a letter/digit of a spaced script: check boundary
    word_end: bool
    # What matches where the text's case differs from the form's: this form with only its
    # case-insensitive owners (None if it has none).
    loose: _Form | None = None


def _form(
    form: str, key: str, prefix: int, owners: Iterable[Owner], word_start: bool, word_end: bool
) -> _Form:
    ordered = tuple(sorted(owners))
    loose = tuple(o for o in ordered if not o[3])
    return _Form(
        form,
        key,
        prefix,
        ordered,
        word_start,
        word_end,
        _Form(form, key, prefix, loose, word_start, word_end) if loose else None,
    )


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
        word_keys: set[str] = set()  # the keys' starts that the pre-filters look for
        char_keys: set[str] = set()
        owners_by_form = _owners_by_form(entries)
        # A form with a line break could match across the edge of ``find``'s windows.
        self.multiline = any("\n" in form for form in owners_by_form)
        for form, owners in owners_by_form.items():
            low = _lower_same_length(form)
            # Spaced scripts need word boundaries at the form's edges; CJK edges do not.
            edges = (
                _is_word_char(form[0]) and not _CJK.match(form[0]),
                _is_word_char(form[-1]) and not _CJK.match(form[-1]),
            )
            run = _ASCII_WORD.search(low)
            if run is not None:
                rec = _form(form, low, run.start(), owners, *edges)
                singles, by_next = self.words.setdefault(run.group(), ([], {}))
                second = _ASCII_WORD.search(low, run.end())
                if second is None:
                    singles.append(rec)
                else:
                    by_next.setdefault(second.group(), []).append(rec)
                word_keys.add(low[run.start() : run.end() + _FILTER_EXTRA])
            else:
                rec = _form(form, low, 0, owners, *edges)
                self.chars.setdefault(low[0], []).append(rec)
                char_keys.add(low[: 1 + _FILTER_EXTRA])
        for recs in self.chars.values():
            recs.sort(key=lambda r: -len(r.form))
        for singles, by_next in self.words.values():
            singles.sort(key=lambda r: -len(r.form))
            for recs in by_next.values():
                recs.sort(key=lambda r: -len(r.form))
        # Pre-filters: where the lower-cased text spells the start of some key (for ASCII-keyed
        # forms: after an ASCII word boundary, from the first ASCII run on), a superset of the
        # places where a form can match, found at C speed so that Python visits only those.
        # Big glossaries' filters look at the first ASCII run (as a whole run, so ``\b`` on
        # both sides) or the first character only.
        fine = sum(map(len, word_keys)) + sum(map(len, char_keys)) <= _FILTER_BUDGET
        self.word_start: re.Pattern[str] | None = None
        if self.words and fine:
            # The first letters again, as a class, reject most word starts more cheaply than
            # the trie's alternatives, which the regex engine tries one by one.
            firsts = "".join(sorted({re.escape(k[0]) for k in self.words}))
            self.word_start = compile_cached(rf"(?a)\b(?=[{firsts}])(?={_trie_pattern(word_keys)})")
        elif self.words:
            self.word_start = compile_cached(rf"(?a)\b(?:{_trie_pattern(self.words)})\b")
        self.char_start: re.Pattern[str] | None = None
        if self.chars:
            self.char_start = compile_cached(
                _trie_pattern(char_keys if fine else self.chars, first_only=True)
            )
        # Whether a text in ASCII can hold a form of ``chars`` (rarely: "(Ростех)").
        self.ascii_chars = any(c.isascii() for c in self.chars)
        self.patterns = self._compile_patterns(entries)
        self.timed_out: str | None = None  # the error of a pattern that ran past its time

    @staticmethod
    def _compile_patterns(
        entries: Iterable[Entry],
    ) -> tuple[Any, list[tuple[str, str]], list[Any] | None, list[str]] | None:
        """The alternation of all forbidden patterns, (entry id, pattern) by alternative, and,
        when there are few, each alternative compiled alone (see ``_scan_patterns``)."""
        items = [(e.id, p) for e in entries for p in e.forbidden_patterns]
        if not items:
            return None
        where = [f"{e.file or '<glossary>'}:{e.line}" for e in entries for _ in e.forbidden_patterns]
        alternatives = [f"(?P<_zp{i}>{p})" for i, (_, p) in enumerate(items)]
        compiled = compile_regex_cached("|".join(alternatives))
        parts = None
        # Flags that change how a match is chosen among alternatives (POSIX leftmost-longest,
        # best fuzzy match) or the direction of the search: then only the alternation will do.
        special = regex.POSIX | regex.REVERSE | regex.BESTMATCH | regex.ENHANCEMATCH
        if len(items) <= _SEPARATE_PATTERNS and not compiled.flags & special:
            try:
                parts = [compile_regex_cached(a) for a in alternatives]
            except regex.error:
                parts = None
        return compiled, items, parts, where

    # -- scanning -------------------------------------------------------------------------

    def find(self, text: str) -> list[Match]:
        """Every match in ``text``, sorted by start; leftmost-longest among overlaps."""
        cands: list[Candidate] = []
        if self.words or self.chars:
            if len(text) <= _WINDOW or self.multiline:
                self._scan_literals(text, cands)
            else:
                # The literal scanners read a lower-cased copy of what they scan: a window of
                # lines at a time, a big file costs a window's copy, not a second whole text. No
                # literal form holds a line break, so none can match across a window's edge.
                for a, b in line_windows(text, _WINDOW):
                    found: list[Candidate] = []
                    self._scan_literals(text[a:b], found)
                    cands.extend((start + a, end + a, rec, rid) for start, end, rec, rid in found)
        # A pattern's span (its ``term``) may start after the next literal match's.
        if self.patterns is not None:
            before = len(cands)
            self._scan_patterns(text, cands)
            if len(cands) > before:
                cands.sort(key=_candidate_order)
        return self._resolve(text, cands)

    def _scan_literals(self, text: str, cands: list[Candidate]) -> None:
        """The literal forms' candidates in ``text``, in order (by start, then longest first)."""
        low = _lower_same_length(text)
        if self.words:
            self._scan_words(text, low, cands)
        # Each scanner's candidates come in order: both together are sorted.
        if self.char_start is not None and (self.ascii_chars or not text.isascii()):
            before = len(cands)
            self._scan_chars(text, low, cands)
            if 0 < before < len(cands):
                cands.sort(key=_candidate_order)

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
        return rec if text.startswith(rec.form, start) else rec.loose

    def _scan_words(self, text: str, low: str, out: list[Candidate]) -> None:
        words = self.words
        search = _ASCII_WORD.search
        run_at = _ASCII_WORD.match
        startswith = low.startswith
        size = len(text)
        covered = 0
        assert self.word_start is not None
        for m in self.word_start.finditer(low):
            pos = m.start()
            run = run_at(low, pos)
            assert run is not None  # the filter matched a key's first ASCII run here
            forms = words.get(run.group())
            if forms is None:
                continue  # a longer run, of which a key's start is a prefix
            singles, by_next = forms
            if by_next and (nxt := search(low, run.end())) is not None:
                lists: tuple[Sequence[_Form], ...] = (by_next.get(nxt.group(), ()), singles)
            else:
                lists = (singles,)
            best: _Form | None = None
            best_start = best_len = 0
            for recs in lists:
                for rec in recs:  # longest first: the first hit of each list is its best
                    # ``_verify``, inline: this loop runs for every occurrence of a form.
                    key = rec.key
                    if len(key) <= best_len:
                        break
                    start = pos - rec.prefix
                    if start < covered or not startswith(key, start):
                        continue
                    if rec.word_start and start > 0 and ((c := text[start - 1]).isalnum() or c == "_"):
                        continue
                    end = start + len(key)
                    if rec.word_end and end < size and ((c := text[end]).isalnum() or c == "_"):
                        continue
                    hit = rec if text.startswith(rec.form, start) else rec.loose
                    if hit is not None:
                        best, best_start, best_len = hit, start, len(key)
                        break
            if best is not None:
                covered = best_start + best_len
                out.append((best_start, covered, best, ""))

    def _scan_chars(self, text: str, low: str, out: list[Candidate]) -> None:
        assert self.char_start is not None
        # Every form that fits at every position, not just the longest: segmentation may reject
        # the longest (日产 in 日产量) and then a shorter or later one must still be found.
        # _resolve picks leftmost-longest among the survivors.
        found: list[tuple[int, int, _Form]] = []
        chars = self.chars
        for m in self.char_start.finditer(low):
            pos = m.start()
            for rec in chars[low[pos]]:
                hit = self._verify(text, low, rec, pos)
                if hit is not None:
                    found.append((pos, pos + len(rec.key), hit))
        for start, end, rec in self._on_segment_boundaries(text, found):
            out.append((start, end, rec, ""))

    def _on_segment_boundaries(
        self, text: str, found: list[tuple[int, int, _Form]]
    ) -> list[tuple[int, int, _Form]]:
        """Drop Han matches that cut through a word of the surrounding Han run."""
        kept: list[tuple[int, int, _Form]] = []
        runs: dict[tuple[int, int], set[int] | None] = {}
        starts = [s for s, _, _ in found]  # in order: found is built scanning left to right
        for start, end, rec in found:
            inner_left = start > 0 and _HAN.match(text, start - 1) and _HAN.match(text, start)
            inner_right = end < len(text) and _HAN.match(text, end) and _HAN.match(text, end - 1)
            if not (inner_left or inner_right):
                kept.append((start, end, rec))
                continue
            run = _enclosing_run(text, start, end)
            if run not in runs:
                # The matches inside the run, from the first starting in it (not a scan of all
                # the matches for every run, which is quadratic on a long Chinese text).
                first, last = bisect.bisect_left(starts, run[0]), bisect.bisect_right(starts, run[1])
                words = tuple(r.form for s, e, r in found[first:last] if e <= run[1])
                runs[run] = _boundaries(text[run[0] : run[1]], words, run[0])
            bounds = runs[run]
            if bounds is None or ((not inner_left or start in bounds) and (not inner_right or end in bounds)):
                kept.append((start, end, rec))
        return kept

    def _scan_patterns(self, text: str, out: list[Candidate]) -> None:
        assert self.patterns is not None
        if self.timed_out is not None:  # a runaway pattern is broken for every later text too
            raise PatternTimeoutError(self.timed_out)
        try:
            self._scan_patterns_timed(text, out)
        except PatternTimeoutError as exc:
            self.timed_out = str(exc)
            raise

    def _scan_patterns_timed(self, text: str, out: list[Candidate]) -> None:
        assert self.patterns is not None
        compiled, items, parts, where = self.patterns
        found: list[tuple[int, Any]] = []  # (alternative, match), by start
        timeout = pattern_timeout(len(text))
        if parts is None:
            try:
                for m in compiled.finditer(text, overlapped=True, timeout=timeout):
                    name = m.lastgroup
                    if name is None or not name.startswith("_zp"):
                        # the last group closed was an inner one: find the alternative that matched
                        name = next(
                            g for g in m.groupdict() if g.startswith("_zp") and m.group(g) is not None
                        )
                    found.append((int(name[3:]), m))
            except TimeoutError:
                raise _timed_out(
                    ", ".join(dict.fromkeys(where)), "one of the forbidden patterns", timeout
                ) from None
        else:
            # The alternation's overlapped search finds, at each start, the first alternative
            # that matches there. Searched alone, a pattern keeps its literal prefixes and
            # required strings, which the regex module uses to skip ahead: for a few patterns,
            # a search each is faster than one search with all.
            first: dict[int, tuple[int, Any]] = {}
            for i, part in enumerate(parts):
                try:
                    for m in part.finditer(text, overlapped=True, timeout=timeout):
                        first.setdefault(m.start(), (i, m))  # the lowest alternative wins a start
                except TimeoutError:
                    pattern = f"forbidden pattern '{PATTERN_PREFIX}{items[i][1]}' of entry '{items[i][0]}'"
                    raise _timed_out(where[i], pattern, timeout) from None
            found = [first[start] for start in sorted(first)]
        for i, m in found:
            entry_id, pattern = items[i]
            start, end = (
                m.span("term") if "term" in m.groupdict() and m.group("term") is not None else m.span()
            )
            if end > start:
                out.append((start, end, PATTERN_PREFIX + pattern, entry_id))

    @staticmethod
    def _resolve(text: str, cands: list[Candidate]) -> list[Match]:
        """The matches of ``cands`` (in ``_candidate_order``), leftmost-longest."""
        result: list[Match] = []
        append = result.append
        covered = 0
        for start, end, rec, entry_id in cands:
            if start < covered:
                continue
            covered = end
            span = text[start:end]
            if isinstance(rec, str):
                append(Match(start, end, span, entry_id, rec, "forbidden", "en"))
                continue
            form = rec.form
            for owner_id, status, lang, _ in rec.owners:  # sorted
                # Match(start, end, span, owner_id, form, status, lang), without the frozen
                # dataclass's __init__ (a call of object.__setattr__ per field): half the time.
                m = _new_object(Match)
                _set_attribute(
                    m,
                    "__dict__",
                    {
                        "start": start,
                        "end": end,
                        "text": span,
                        "entry_id": owner_id,
                        "form": form,
                        "status": status,
                        "lang": lang,
                    },
                )
                append(m)
        return result


def _candidate_order(c: Candidate) -> tuple[int, int, bool]:
    """Leftmost, then longest, then a pattern before a literal form over the same span: a
    pattern's context (vessel "Earth") is more specific than the bare word (Earth)."""
    return (c[0], c[0] - c[1], not isinstance(c[2], str))


def pattern_timeout(length: int) -> float:
    """Seconds the forbidden patterns may take over a text of ``length`` characters: 5 s plus
    10 µs a character, far more than any pattern that does not backtrack without end needs."""
    return 5.0 + length / 100_000


class PatternTimeoutError(RuntimeError):
    """A forbidden pattern that ran past its time; ``str()`` is one line naming its glossary."""


def _timed_out(where: str, what: str, timeout: float) -> PatternTimeoutError:
    return PatternTimeoutError(
        f"{where}: {what} ran past {timeout:.0f} s on one text: it backtracks without end "
        "(nested quantifiers such as (a+)+?)"
    )


def _trie_pattern(words: Iterable[str], first_only: bool = False) -> str:
    """A regular expression matching exactly ``words``, as a trie: alternatives share prefixes,
    so a position is rejected after a character or two instead of once per word.

    With ``first_only``, it matches the first character of each place where one of ``words``
    starts (the rest is a look-ahead), so that ``finditer`` visits every such place, overlapping
    ones included, and the regex engine can still skip ahead to the possible first characters.

    >>> _trie_pattern(["in", "inn", "on"])
    '(?:in(?:n)?|on)'
    >>> _trie_pattern(["in", "inn", "on", "o"], first_only=True)
    '(?:i(?=n(?:n)?)|o)'
    """
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [re.escape(c) + emit(sub) for c, sub in sorted(node.items()) if c]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    if first_only:
        firsts = [re.escape(c) + ("" if "" in sub else f"(?={emit(sub)})") for c, sub in sorted(trie.items())]
        return "(?:" + "|".join(firsts) + ")"
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
        tokens = tokenize(run, tuple(dict.fromkeys(words)))
    except NotImplementedError:
        return None
    bounds = {offset, offset + len(run)}
    for t in tokens:
        bounds.add(offset + t.start)
        bounds.add(offset + t.end)
    return bounds
