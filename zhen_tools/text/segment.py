"""split_sentences and tokenize for mixed Chinese/English text.

Both return small frozen records whose ``start``/``end`` are code-point offsets into the text
given, with ``text == source[start:end]``; neither ever includes surrounding whitespace.

>>> [s.text for s in split_sentences("Mr. Abe met U.S. officials. 他说：“好！”然后走了。")]
['Mr. Abe met U.S. officials.', '他说：“好！”', '然后走了。']
>>> [(t.text, t.kind) for t in tokenize("Japan's 2.6 trillion yen [1][25]")]
[("Japan's", 'word'), ('2.6', 'number'), ('trillion', 'word'), ('yen', 'word'), ('[1][25]', 'cite')]

Sentences
    A sentence ends after a terminator and the closing quotes/brackets (and citation markers such
    as ``[1][25]``) that follow it, and at every line break: a headline line is its own sentence,
    and hard-wrapped prose is split at its line ends too.

    * ``。！？；`` always end a sentence, as does any terminator (``! ? … .``) right after Han or
      kana.
    * English ``. ! ? ... …`` end one only when followed by whitespace (or directly by CJK text),
      and not when the next word is lowercase (``e.g. the``, ``He paused... then``). So decimals
      (``2.6``), domains and URLs (``toutiao.com/article/1/``) and ``U.S.-led`` never split.
    * A single period does not split after an abbreviation from ``data/abbreviations.txt``
      (``Mr.``, ``Feb.``, ``U.S.``, ``Co.``; ``etc.`` splits before a capitalised word only),
      after an initial before a capitalised word (``J. R. R. Tolkien``, ``Fumio K. Smith``), or
      after a list number that opens the sentence (``1. Background``).
    * A citation marker not preceded by a terminator ends a sentence when a capitalised word or a
      `` - `` list separator follows it: digests such as seed 002 write bullet items as
      ``... expected soon [1][25] - Takashi's cabinet ...`` without final periods. Markers are
      never split inside (``[1][25]`` stays whole) and belong to the sentence they follow.
    * A sentence starts at its first non-space character, skipping one list bullet (``-``,
      ``•``, ``*`` ... followed by whitespace) so list items read as plain sentences.

Tokens
    Latin atoms are matched first by one regular expression, so ``Minami-Tori-shima``,
    ``Japan's``/``Japan’s``, ``Chikyū`` (NFC or NFD: combining marks stay in the word), ``U.S.``,
    ``Mr.``, ``6,000``, ``2.6``, ``70%``, ``６０００``, ``2026-01-13``, ``07:26``, URLs/domains and
    ``[1][25]`` each come out whole; runs of Han characters are then cut by jieba (accurate mode,
    no HMM), except Chinese digits written one by one with a zero (``二〇二六``, and ``二○○一``
    with the look-alike ``○`` between digits), which stay one word. Latin letters written
    against Han join it when jieba's dictionary holds the whole (``A股``, ``T恤``, ``X光``), and a
    domain or e-mail address written against Han is a url as after a space. Kinds:

    * ``word``: letters, possibly with digits, hyphens and apostrophes. An atom with any letter is
      a word, so ``4N``, ``5G``, ``2nd``, ``COVID-19`` and ``10-year`` are words; Han pieces from
      jieba are words, numerals like ``六千`` and scale characters included.
    * ``number``: digits with ``.``/``,``(thousands)/``:``/``/``/``-`` between digit groups and an
      optional ``%``/``‰``. ``3.5万`` is the number ``3.5`` and the word ``万`` (Han stays Han).
    * ``url`` (``http://``, ``www.``, a domain with a known top-level domain, e-mail addresses),
      ``cite`` (``[1]``, ``[1][25]``, ``[3-5]``), ``punct`` (one punctuation mark, or a run of
      ``.``, ``…``, ``—``, ``-``, ``·``), ``symbol`` (anything else visible: ``$``, ``+``, emoji,
      format characters). Whitespace is never a token.

jieba's dictionary loads on the first Han run only, once, quietly, into a private
``jieba.Tokenizer``; if no temporary directory is usable for its cache it is built in memory.
"""

from __future__ import annotations

import importlib
import marshal
import os
import sys
import threading
import types
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from zhen_tools.text.cache import Blobs, cached_blobs
from zhen_tools.text.chars import HAN, HAN_KANA
from zhen_tools.text.lazyre import compile_regex_cached

if TYPE_CHECKING:  # pragma: no cover
    import jieba

__all__ = ["Sentence", "Token", "load_abbreviations", "split_sentences", "tokenize"]


@dataclass(frozen=True)
class Sentence:
    """A sentence of a text: ``text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Token:
    """A token of a text: ``text[start:end]``, and its kind."""

    start: int
    end: int
    text: str
    kind: str  # word | number | punct | cite | symbol | url


# --- shared character classes ----------------------------------------------------------------

# Exactly the characters str.isspace() accepts (regex's \s misses the separators U+001C..1F);
# a test checks the two agree over all of Unicode.
_WS = r"[\s\x1c-\x1f]"
# Line breaks as str.splitlines() sees them, so a form feed or U+2029 ends a sentence too.
_LINE_BREAK = r"\n\r\v\f\x1c-\x1e\x85\u2028\u2029"
_CJK_LETTER = f"[{HAN_KANA}]"
# A citation marker group: [1], [1][25], [3-5], [2, 7].
_CITE = r"(?:\[\p{Nd}{1,4}(?:[ ]?[-–,][ ]?\p{Nd}{1,4})*\])+"


# --- sentences -------------------------------------------------------------------------------


@cache
def load_abbreviations() -> dict[str, bool]:
    """Abbreviations from ``data/abbreviations.txt``: form (with its period) -> may it end a
    sentence ("final")?

    >>> load_abbreviations()["Mr."], load_abbreviations()["etc."]
    (False, True)
    """
    # A path beside this package, not importlib.resources (~20 ms of imports on every cold start).
    data = (Path(__file__).resolve().parents[1] / "data" / "abbreviations.txt").read_text("utf-8")
    table: dict[str, bool] = {}
    for raw in data.splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            form, *flags = line.split()
            table[form] = flags == ["final"]
    return table


@dataclass(frozen=True)
class _SentencePatterns:
    """The patterns ``split_sentences`` uses, compiled together on first use."""

    line: Any
    lead: Any
    boundary: Any
    after_cite: Any
    next_char: Any
    prev_word: Any
    cjk_before: Any


@cache
def _sentence_patterns() -> _SentencePatterns:
    closers = r"[”’\"'」』）)】\]》〉〕｝}]"
    return _SentencePatterns(
        line=compile_regex_cached(rf"[^{_LINE_BREAK}]+"),
        # Whitespace and at most one list bullet before a sentence's first character; a bullet
        # with nothing after it on its line is kept, so a visible line always gives a sentence.
        lead=compile_regex_cached(rf"{_WS}*(?:[-–—•·‧∙*]{_WS}+(?=\S))?"),
        boundary=compile_regex_cached(
            rf"(?P<term>[.!?。！？；…！？]+){closers}*(?:{_WS}*{_CITE})?|(?P<cite>{_CITE})"
        ),
        after_cite=compile_regex_cached(rf"{_WS}+(?:[-–—•·]{_WS}|[\p{{Lu}}\p{{Lt}}])"),
        next_char=compile_regex_cached(rf"({_WS}*)(\S)"),
        prev_word=compile_regex_cached(r"(?<![\p{L}\p{M}\p{N}.])(?:[\p{L}\p{M}]+\.)*[\p{L}\p{M}]+\Z"),
        cjk_before=compile_regex_cached(_CJK_LETTER),
    )


# After an English terminator these mean the "sentence" goes on (doubled or stray punctuation).
_CONTINUING = frozenset(".,;:!?…)]}”’、，。；：")


def _is_boundary(text: str, m: Any, start: int, line_end: int, p: _SentencePatterns) -> bool:
    """Does the terminator or citation match ``m`` end the sentence that began at ``start``?"""
    if m.group("cite") is not None:
        return p.after_cite.match(text, m.end(), line_end) is not None
    term = m.group("term")
    s = m.start()
    if any(c in "。！？；！？" for c in term):
        return True
    if s > 0 and p.cjk_before.match(text, s - 1):
        return True
    nxt = p.next_char.match(text, m.end(), line_end)
    if nxt is None:
        return True  # end of the line
    gap, n = nxt.group(1), nxt.group(2)
    if not gap:
        # `2.6`, `toutiao.com`, `U.S.-led`: only text in another script glued on ends a sentence.
        return p.cjk_before.match(n) is not None
    if n.islower() or n in _CONTINUING:
        return False
    if term != ".":
        return True
    word = p.prev_word.search(text[max(start, s - 24) : s])
    if word is None:
        # `1. Background`: a list number opening the sentence is not a sentence of its own.
        digits = regex.match(r"\p{Nd}{1,3}\Z", text[start:s])
        return digits is None
    w = word.group()
    final = load_abbreviations().get(w + ".")
    if final is not None:
        return final
    # An initial before a capitalised word does not end a sentence: `J. R. R. Tolkien`.
    return not (len(w) == 1 and w.isupper() and n.isupper())


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of mixed Chinese/English ``text`` (see the module docstring for the rules).

    >>> [s.text for s in split_sentences("Headline\\nIt cost 2.6 trillion, i.e. a lot... and more. Wow!")]
    ['Headline', 'It cost 2.6 trillion, i.e. a lot... and more.', 'Wow!']
    >>> [s.text for s in split_sentences("Elections are expected soon [1][25] - Takashi's cabinet rose [1]")]
    ['Elections are expected soon [1][25]', "Takashi's cabinet rose [1]"]
    """
    p = _sentence_patterns()
    out: list[Sentence] = []
    for line in p.line.finditer(text):
        line_start, line_end = line.span()
        start = p.lead.match(text, line_start, line_end).end()
        for m in p.boundary.finditer(text, start, line_end):
            if m.start() < start or not _is_boundary(text, m, start, line_end, p):
                continue
            out.append(Sentence(start, m.end(), text[start : m.end()]))
            start = p.lead.match(text, m.end(), line_end).end()
        rest = text[start:line_end].rstrip()
        if rest:
            out.append(Sentence(start, start + len(rest), rest))
    return out


# --- tokens ----------------------------------------------------------------------------------

# Top-level domains that make `name.tld` a domain rather than two words with a missing space.
_TLDS = (
    "com|net|org|edu|gov|mil|int|info|biz|name|io|co|ai|app|dev|news|top|xyz|tv|me|cc|"
    "cn|hk|mo|tw|jp|kr|kp|sg|my|th|vn|ph|id|in|ru|uk|de|fr|it|es|nl|eu|ch|se|au|nz|ca|us|br"
)


@cache
def _token_pattern() -> Any:
    # Letters, marks and digits other than Han (Han runs go to jieba).
    w = rf"[\p{{L}}\p{{M}}\p{{N}}_--[{HAN}]]"
    # Characters allowed in a URL (RFC 3986, minus brackets so `site.com[1]` keeps its marker);
    # a URL ends on one of `end`, so trailing `.`, `,`, `)` or quotes stay outside it.
    url_char = r"[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]"
    url_end = r"[A-Za-z0-9/_\-=#~&+%$*@]"
    label = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    domain = rf"(?:{label}\.)+(?:{_TLDS})(?![A-Za-z0-9-])"
    abbrevs = sorted(load_abbreviations(), key=len, reverse=True)
    dotted = "|".join(regex.escape(a) for a in abbrevs)
    longest = max(len(part) for a in abbrevs for part in a.split("."))
    hyphen = r"[-‐‑'’]"
    # The first two branches are fast paths for a plain word or integer followed by nothing
    # that could make it part of a bigger atom; everything else tries the full alternation.
    # ``○`` (U+25CB, a white circle) stands for 〇 between Chinese digits (二○○一年).
    zh_digit = _ZH_DIGITS
    pattern = rf"""
      (?P<han>[{HAN}]+(?:(?<=[{zh_digit}])○++(?=[{zh_digit}])[{HAN}]+)*+)
    | (?P<plain>[\p{{L}}--[{HAN}]][\p{{L}}\p{{M}}--[{HAN}]]*+(?!{w}|[.@:/+%'’‐‑-]))
    | (?P<integer>\p{{Nd}}++(?!{w}|[.,:/+%％‰'’‐‑-]))
    | (?P<url>(?=[A-Za-z0-9_+-]*+[.@:])  # a fast guard: most words fail here
        (?:(?:https?|ftp)://|www\.){url_char}*{url_end}
        | (?<![[\w.@-]--[{HAN}]])(?:[\w.+-]+@)?{domain}(?:[/?#:]{url_char}*{url_end}|/)?)
    | (?P<cite>{_CITE})
    | (?P<abbr>(?=\p{{L}}{{1,{longest}}}\.)(?<!{w}|\.)
        (?:{dotted}|(?:[\p{{L}}--[{HAN}]]\.){{2,}})(?!{w}))
    | (?P<number>\p{{Nd}}+
        (?:(?:(?<=\p{{Nd}}),(?=\p{{Nd}}{{3}}(?!\p{{Nd}}))|[.:/-])\p{{Nd}}+)*
        [%％‰]?(?!{w}|{hyphen}{w}))
    | (?P<word>[\p{{L}}\p{{N}}_--[{HAN}]]{w}*(?:(?:{hyphen}|(?<=\p{{Nd}})[.,:/](?=\p{{Nd}})){w}+)*)
    | (?P<punct>\.{{2,}}|…+|—+|―+|-{{2,}}|·{{2,}}|\p{{P}})
    | (?P<symbol>(?!{_WS}).)
    """
    return compile_regex_cached(pattern, regex.VERSION1 | regex.VERBOSE)


# Chinese digits as years write them, one by one (二〇二六); ``○`` is the look-alike often typed.
_ZH_DIGITS = "〇○零一二三四五六七八九"


@cache
def _numeral_run() -> Any:
    """Digit-by-digit Chinese numerals with a zero (二〇二六, 二○○一): one word, which jieba
    would cut (二/〇/〇/一年)."""
    return compile_regex_cached(f"[{_ZH_DIGITS}]*[〇○][{_ZH_DIGITS}]*(?<=[{_ZH_DIGITS}]{{2}})")


def _cut_han(run: str, words: frozenset[str]) -> list[str]:
    """Pieces of a Han run: numeral runs whole, the rest by jieba."""
    if "〇" not in run and "○" not in run:
        return _JIEBA.cut(run, words)  # the usual case: no zero, no numeral run
    pieces: list[str] = []
    pos = 0
    for m in _numeral_run().finditer(run):
        if m.start() > pos:
            pieces.extend(_JIEBA.cut(run[pos : m.start()], words))
        pieces.append(m.group())
        pos = m.end()
    if pos < len(run):
        pieces.extend(_JIEBA.cut(run[pos:], words))
    return pieces


def _glued_letters(out: list[Token], start: int) -> Token | None:
    """The token before a Han run when it is Latin letters written against it (``A`` of A股)."""
    if out:
        last = out[-1]
        if last.end == start and last.kind == "word" and last.text.isascii() and last.text.isalpha():
            return last
    return None


# Regex branch -> Token.kind.
_KIND = {
    "plain": "word",
    "abbr": "word",
    "word": "word",
    "integer": "number",
    "number": "number",
    "url": "url",
    "cite": "cite",
    "punct": "punct",
    "symbol": "symbol",
}


def tokenize(text: str, user_words: Iterable[str] = ()) -> list[Token]:
    """Tokens of mixed Chinese/English ``text``; ``user_words`` (glossary source forms such as
    ``高市早苗``) are kept whole when jieba cuts Han runs.

    >>> [(t.text, t.kind) for t in tokenize("Minami-Tori-shima: 6,000 m, 70%, 4N; see toutiao.com/a/1/.")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('Minami-Tori-shima', 'word'), (':', 'punct'), ('6,000', 'number'), ('m', 'word'),
     (',', 'punct'), ('70%', 'number'), (',', 'punct'), ('4N', 'word'), (';', 'punct'),
     ('see', 'word'), ('toutiao.com/a/1/', 'url'), ('.', 'punct')]
    """
    out: list[Token] = []
    append = out.append
    words: frozenset[str] | None = None
    for m in _token_pattern().finditer(text):
        group = m.lastgroup
        start, end = m.span()
        if group == "han":
            if words is None:
                words = frozenset(user_words)
            run = m.group()
            pos = start
            letters = _glued_letters(out, start)
            if letters is not None:
                # Latin letters and Han that jieba's dictionary holds as one word (A股, T恤, X光).
                first = _JIEBA.cut(letters.text + run, words)[0]
                if len(first) > len(letters.text):
                    out[-1] = Token(letters.start, start + len(first) - len(letters.text), first, "word")
                    run = run[len(first) - len(letters.text) :]
                    pos = out[-1].end
            for piece in _cut_han(run, words) if run else ():
                append(Token(pos, pos + len(piece), piece, "word"))
                pos += len(piece)
        else:
            append(Token(start, end, m.group(), _KIND[group]))
    return out


# --- jieba, loaded lazily and once -----------------------------------------------------------

# Frequency given to user words not already more frequent in jieba's dictionary: enough for a
# glossary name to beat its single characters in context (`南鸟岛上` -> 南鸟岛/上), too little
# to override a longer dictionary word around it (`日产` stays inside `日产量`).
_USER_WORD_FREQ = 1000
_MISSING = object()


class _Jieba:
    """One private ``jieba.Tokenizer`` (never jieba's global one, which other code may change).

    User words are applied for a call and undone before a call with a different set, so
    ``tokenize(text, words)`` depends only on its arguments, whatever was tokenized before;
    repeated calls with the same words cost nothing.

    jieba's prefix dictionary (500k words and prefixes) is loaded in shards, one per first
    character, when a Han run first needs that character: jieba only looks up fragments that
    start at each character of the run. A news article needs a few hundred of the 11,772 shards,
    so loading takes ~20 ms instead of ~300 ms for the whole dictionary; the result is the same.
    A shard is itself split by the fragments' second character (``""``: the one-character
    fragment), and only the parts for the character pairs of a run are loaded: a fragment
    starting at a run's character also goes on with the next one (``中`` in ``中国`` loads the
    ``中国...`` part, not the 3,000 other fragments starting with ``中``).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tk: jieba.Tokenizer | None = None
        self._shards = Blobs({})  # first character -> its part (marshal), until loaded
        self._parts: dict[str, dict[str, bytes]] = {}  # first character -> second -> marshal
        self._words: frozenset[str] = frozenset()
        self._undo: dict[str, object] = {}
        self._total = 0

    def _load(self) -> jieba.Tokenizer:
        jieba = _import_jieba()
        tk = jieba.Tokenizer()
        # Our cache is a blobs file in the user's cache folder, keyed by jieba's version and its
        # dictionary file (jieba's own is a marshal file in the shared temporary folder: 0.7 s
        # to load, and writable by anyone).
        path = os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)
        try:
            stat = os.stat(path)
            key: list[object] = [jieba.__version__, path, stat.st_size, stat.st_mtime_ns]
        except OSError:
            key = [jieba.__version__, path]
        tk.total, self._shards = cached_blobs("jieba-prefix-parts", key, lambda: _shard(tk))
        tk.FREQ = {}
        tk.initialized = True
        return tk

    def _need(self, tk: jieba.Tokenizer, run: str) -> None:
        """Load what jieba may look up in ``run`` and is not loaded yet: the fragments that start
        with one of its characters and, longer, with one of its pairs of characters (before any
        user word touches them, so the undo records of user words are always made against the
        full dictionary)."""
        parts, shards, freq = self._parts, self._shards, tk.FREQ
        for i, c in enumerate(run):
            mine = parts.get(c)
            if mine is None:
                blob = shards.pop(c, None)
                mine = parts[c] = marshal.loads(blob) if blob is not None else {}
            if not mine:
                continue
            for second in ("", run[i + 1 : i + 2]):
                part = mine.pop(second, None)
                if part is not None:
                    freq.update(marshal.loads(part))

    def _apply(self, tk: jieba.Tokenizer, words: frozenset[str]) -> None:
        freq: dict[str, int] = tk.FREQ
        for key, old in self._undo.items():
            if old is _MISSING:
                del freq[key]
            else:
                freq[key] = old  # type: ignore[assignment]
        if self._undo:
            tk.total = self._total
        self._undo = {}
        self._total = tk.total
        han = compile_regex_cached(f"[{HAN}]{{2,}}")
        for word in sorted(words):
            if not han.fullmatch(word):
                continue  # only Han forms can occur in a Han run
            self._need(tk, word[:2])  # every prefix of the word is in the parts of these two
            if freq.get(word, 0) >= _USER_WORD_FREQ:
                continue  # frequent words need no help
            for i in range(1, len(word) + 1):
                self._undo.setdefault(word[:i], freq.get(word[:i], _MISSING))
            tk.add_word(word, freq=_USER_WORD_FREQ)
        self._words = words

    def cut(self, run: str, words: frozenset[str]) -> list[str]:
        """jieba's accurate-mode pieces of the Han run ``run`` (they concatenate back to it)."""
        with self._lock:
            if self._tk is None:
                self._tk = self._load()
            if words != self._words:
                self._apply(self._tk, words)
            self._need(self._tk, run)
            # HMM off: dictionary words only. Measured on the seed Han runs (2 shared cores, best
            # of 3): 315k chars/s off vs 271k on (WMT21 zh source: 219k vs 206k); the issue notes
            # HMM off also scores ~1.5 F1 higher on SIGHAN 2005. HMM on guesses words from
            # unknown characters (高市早苗 -> 高市/早苗); off, they stay single characters
            # unless a glossary supplies the name as a user word.
            return list(self._tk.cut(run, HMM=False))


def _shard(tk: jieba.Tokenizer) -> tuple[int, dict[str, bytes]]:
    """jieba's prefix dictionary built from its word list, split by first character, each shard
    split by second character (``""`` for the one-character fragment)."""
    freq, total = tk.gen_pfdict(tk.get_dict_file())
    parts: dict[str, dict[str, dict[str, int]]] = {}
    for word, n in freq.items():
        parts.setdefault(word[0], {}).setdefault(word[1:2], {})[word] = n
    return total, {
        c: marshal.dumps({second: marshal.dumps(part) for second, part in shard.items()})
        for c, shard in parts.items()
    }


def _import_jieba() -> Any:
    """``import jieba`` without ``pkg_resources``: jieba's ``_compat`` imports it only to open
    its own data files, falling back to ``open()`` when it is missing, and importing it costs
    0.15 s (half of a cold ``zhen check`` on a Chinese file). If some other code has already
    imported it, jieba uses it as usual. jieba's HMM (``jieba.finalseg``, whose probability
    tables are ~10 ms of the import) loads when something first uses it: ``cut`` with HMM on,
    which this module never asks for. Nor does it import ``tempfile`` (with ``shutil``, ``bz2``,
    ``lzma`` and ``random``: ~3 ms) for jieba, which uses it only to write its own dictionary
    cache: jieba's name ``tempfile`` stands for a ``_DeferredModule`` that imports the real one if
    jieba ever uses it; every other importer gets the real module as usual."""
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba

        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes its import fail
    if "jieba.finalseg" not in sys.modules:
        sys.modules["jieba.finalseg"] = _DeferredModule("jieba.finalseg")
    deferred_tempfile = None
    if "tempfile" not in sys.modules:
        deferred_tempfile = sys.modules["tempfile"] = _DeferredModule("tempfile")
    try:
        import jieba
    finally:
        if sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
        if deferred_tempfile is not None and sys.modules.get("tempfile") is deferred_tempfile:
            del sys.modules["tempfile"]  # only jieba holds the stand-in
    return jieba


class _DeferredModule(types.ModuleType):
    """Stands in ``sys.modules`` for a module until one of its attributes is first used: then
    imports the real module (which replaces it there and on its package) and answers from it."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # the import system's own questions (``__spec__`` ...)
            raise AttributeError(name)
        package, _, child = self.__name__.rpartition(".")
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        real = importlib.import_module(self.__name__)
        parent = sys.modules.get(package)
        if parent is not None and getattr(parent, child, None) is self:
            setattr(parent, child, real)
        return getattr(real, name)


_JIEBA = _Jieba()
