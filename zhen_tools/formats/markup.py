"""The prose the English rules read: web addresses blanked, and in Markdown and HTML documents
code and markup too.

A document holds more than its prose: web addresses (``https://en.wikipedia.org/wiki/Chikyū``
beside ``Chikyu`` is no inconsistent spelling), and in a Markdown or HTML article code (fenced
blocks, inline code spans, ``<script>``, ``<pre>``) and markup (tags and their attributes,
comments, link targets). None of it is translation to judge, and a fix there would change code
or break a link. ``prose_view`` blanks it to spaces, keeping every line break, so offsets, lines
and columns stay the file's own; the rules read the view and their findings point into the real
file. What a reader sees of a tag stays prose: the text of its ``alt``, ``title`` and
``aria-label`` attributes (an image's caption, a tooltip).

What delimits blanked text keeps its outer characters (the backticks of a code span, ``<`` and
``>`` of a tag, the brackets of a link target), so that it still separates what it separated:
``Run `zhen`, then`` has no space before its comma. The scanner is deliberately simple and
conservative (CommonMark's fences, code spans, links, autolinks and raw HTML; no indented code
blocks, which a list's indented paragraphs would be taken for): what it does not recognise stays
prose and is checked.

>>> view = prose_view("a.md", "Use `South Bird Island`, see <https://x.org/稀土>.\\n")
>>> view == "Use `" + " " * len("South Bird Island") + "`, see <" + " " * len("https://x.org/稀土") + ">.\\n"
True
>>> url = "https://x.org/Chikyū"
>>> prose_view("a.txt", f"Use `code`, see {url}.") == "Use `code`, see " + " " * len(url) + "."
True
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Callable, Iterator

from zhen_tools.formats.units import blank
from zhen_tools.text.lazyre import lazy_compile

__all__ = [
    "CHARACTER_REFERENCE",
    "MARKUP_ENDINGS",
    "SPACE_REFERENCE",
    "code_regions",
    "markup_format",
    "prose_view",
]

MARKUP_ENDINGS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}

_FENCE = lazy_compile(r"^ {0,3}(`{3,}|~{3,})([^\r\n]*)\r?$", re.MULTILINE)  # CRLF files too
_CODE_SPAN = lazy_compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_BLANK_LINE = lazy_compile(r"\n[ \t]*\r?\n")
_COMMENT = lazy_compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_RAW_BLOCK = lazy_compile(
    r"<(script|style|pre|code|textarea)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.DOTALL | re.IGNORECASE
)
_TAG = lazy_compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s(?:[^<>\"']|\"[^\"]*\"|'[^']*')*)?/?>")
_PROSE_ATTRIBUTE = lazy_compile(
    r"""\s(?:alt|title|aria-label)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE
)
_AUTOLINK = lazy_compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>")
_LINK_TARGET = lazy_compile(r"\]\(([ \t]*(?:<[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*))")
_REFERENCE = lazy_compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*(\S+)", re.MULTILINE)
# A character reference of HTML and XML (``&rdquo;``, ``&#8221;``, ``&#x201D;``): one character to
# a reader, whose ``;`` is no semicolon and whose inside no edit may cut.
CHARACTER_REFERENCE = lazy_compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
# The references that are a space: no-break U+00A0, en U+2002, em U+2003, thin U+2009, hair
# U+200A, narrow no-break U+202F.
SPACE_REFERENCE = (
    r"&(?:nbsp|ensp|emsp|thinsp|hairsp|#160|#819[45]|#820[12]|#8239"
    r"|#[xX]0*[aA]0|#[xX]200[239aA]|#[xX]202[fF]);"
)
# A web address ends before trailing punctuation, which is the sentence's (GFM's autolinks).
_URL = lazy_compile(
    r"\b(?:(?:https?|ftp)://|www\.[A-Za-z0-9-]+\.)[^\s<>()\[\]\"'`]*[^\s<>()\[\]\"'`.,;:!?*_~]"
)


def markup_format(path: str) -> str | None:
    """``markdown`` or ``html`` by file ending, else None.

    >>> markup_format("news/a.en.md"), markup_format("a.HTML"), markup_format("a.txt")
    ('markdown', 'html', None)
    """
    return MARKUP_ENDINGS.get(os.path.splitext(path)[1].lower())


def prose_view(path: str, text: str) -> str:
    """``text`` with its web addresses blanked and, in a Markdown or HTML file, its code and
    markup (see the module's docstring); the same string when there is nothing to blank. Same
    length, same line breaks."""
    fmt = markup_format(path)
    mask = None  # 1 where a character is blanked: a byte a character, made when first needed
    if fmt is not None:
        mask = bytearray(len(text))
        (_markdown if fmt == "markdown" else _html)(text, mask)
    if "://" in text or "www." in text:  # a find is ~50x cheaper than the pattern's scan
        for m in _URL.finditer(text):
            if mask is None:
                mask = bytearray(len(text))
            _mark(mask, m.start(), m.end())
    if mask is None:
        return text
    parts = []
    pos = 0
    for run in _RUN.finditer(mask):
        parts += [text[pos : run.start()], blank(text[run.start() : run.end()])]
        pos = run.end()
    parts.append(text[pos:])
    return "".join(parts)


_RUN = re.compile(rb"\x01+")


def _mark(mask: bytearray, start: int, end: int) -> None:
    """Mark ``start:end`` to be blanked."""
    if end > start:
        mask[start:end] = b"\1" * (end - start)


def _inner(mask: bytearray, m: re.Match[str], keep: int = 1) -> None:
    """Blank a match but its first and last ``keep`` characters (``<`` and ``>``, backticks)."""
    _mark(mask, m.start() + keep, m.end() - keep)


def code_regions(path: str, text: str) -> list[tuple[int, int]]:
    """(start, end) of the code in a Markdown or HTML file, delimiters included: fenced blocks,
    code spans, ``<script>``, ``<style>``, ``<pre>``, ``<code>`` and ``<textarea>``; sorted, and
    empty for any other file. What a document shows as code is an example, not a directive:
    ``zhen: ignore`` written there suppresses nothing.

    >>> code_regions("a.md", "Write `<!-- zhen: ignore -->` at the end.")
    [(6, 29)]
    """
    fmt = markup_format(path)
    if fmt is None:
        return []
    if fmt == "html":
        return [m.span() for m in _RAW_BLOCK.finditer(text)]
    fenced = _fences(text)
    return sorted([*fenced, *((m.start(), m.end()) for m, _ in _markdown_code(text, _outside(fenced)))])


def _outside(fenced: list[tuple[int, int]]) -> Callable[[re.Match[str]], bool]:
    """Whether a match starts outside every one of the (sorted) ``fenced`` blocks."""
    starts = [a for a, _ in fenced]

    def outside(m: re.Match[str]) -> bool:
        i = bisect.bisect_right(starts, m.start()) - 1
        return i < 0 or m.start() >= fenced[i][1]

    return outside


def _markdown_code(
    text: str, outside: Callable[[re.Match[str]], bool]
) -> Iterator[tuple[re.Match[str], int]]:
    """The code spans and raw code blocks outside fences, each with how many delimiter
    characters it keeps at either end (its backticks; ``<`` and ``>``)."""
    pos = 0
    while (span := _CODE_SPAN.search(text, pos)) is not None:
        ticks = len(span.group(1))
        if _BLANK_LINE.search(span.group(2)):
            # A code span ends with its paragraph: this opening run is literal, and the next
            # one may open a span (One `tick.  //  Another `code` here.).
            pos = span.start() + ticks
            continue
        if outside(span):
            yield span, ticks
        pos = span.end()
    for m in _RAW_BLOCK.finditer(text):
        if outside(m):
            yield m, 1


def _markdown(text: str, mask: bytearray) -> None:
    fenced = _fences(text)
    for a, b in fenced:
        _mark(mask, a, b)
    outside = _outside(fenced)
    for m in _TAG.finditer(text):  # first: what follows blanks over the prose it keeps
        if outside(m):
            _tag(text, mask, m)
    for m in _COMMENT.finditer(text):
        if outside(m):
            _inner(mask, m)
    for m, keep in _markdown_code(text, outside):
        _inner(mask, m, keep)
    for m in _AUTOLINK.finditer(text):
        if outside(m):
            _inner(mask, m)
    for pattern in (_LINK_TARGET, _REFERENCE):
        for m in pattern.finditer(text):
            if outside(m):
                _mark(mask, m.start(1), m.end(1))


def _fences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each fenced code block, its fence lines included; an unclosed fence runs
    to the end of the document, as CommonMark reads it."""
    out: list[tuple[int, int]] = []
    pos = 0
    while True:
        m = _FENCE.search(text, pos)
        if m is None:
            return out
        fence = m.group(1)
        if fence[0] == "`" and "`" in m.group(2):  # an inline code span, not a fence
            pos = m.end()
            continue
        close = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*\r?$", re.MULTILINE)
        c = close.search(text, m.end())
        end = c.end() if c is not None else len(text)
        out.append((m.start(), end))
        pos = end


def _html(text: str, mask: bytearray) -> None:
    for m in _TAG.finditer(text):  # first: comments and code blank over the prose it keeps
        _tag(text, mask, m)
    for pattern in (_COMMENT, _RAW_BLOCK):
        for m in pattern.finditer(text):
            _inner(mask, m)


def _tag(text: str, mask: bytearray, m: re.Match[str]) -> None:
    """Blank a tag but its ``<`` and ``>`` and the values of the attributes that are prose a
    reader sees (``alt``, ``title``, ``aria-label``: an image's caption, a tooltip)."""
    _inner(mask, m)
    for a in _PROSE_ATTRIBUTE.finditer(text, m.start(), m.end()):
        start, end = a.span(1) if a.group(1) is not None else a.span(2)
        mask[start:end] = bytes(end - start)
