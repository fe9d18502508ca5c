"""punctuation: full-width punctuation in English, doubled or spaced punctuation, unbalanced pairs.

Only English lines are checked (``text.chars.english_line``): full-width punctuation, CJK
brackets and quotes are correct in Chinese text, and punctuation touching an untranslated
fragment belongs to that fragment (``untranslated`` reports it). English-only typography stays out
of scope: no curly-versus-straight quote policing, no dash rules; ``!!`` and ``?!`` are emphasis,
not errors.
"""

from __future__ import annotations

from collections.abc import Iterator

from zhen_tools.align.aligner import Bead
from zhen_tools.findings import Finding
from zhen_tools.formats.markup import CHARACTER_REFERENCE, SPACE_REFERENCE
from zhen_tools.formats.units import file_span
from zhen_tools.rules.context import DocContext, PairContext
from zhen_tools.rules.registry import register
from zhen_tools.text.chars import (
    CJK_PUNCT,
    HAN_KANA_RE,
    ascii_punct,
    english_line,
    fragment_ranges,
    separator_bar,
)
from zhen_tools.text.document import Segment, document_from_text, line_ranges
from zhen_tools.text.lazyre import lazy_compile

__all__ = ["punctuation"]

RULE = "punctuation"

_FULLWIDTH = lazy_compile(f"[{CJK_PUNCT}]")


def _high(line: str) -> bool:
    """Whether ``line`` has a character from U+3001 on: all of CJK_PUNCT and of Han/kana. Most
    English lines have none, so no full-width marks and no fragments to look for. (A regex
    class for that range costs 6 ms to compile, a large part of a cold start.)"""
    return not line.isascii() and max(line) > "\u3000"


_LATIN_LETTER = lazy_compile("[A-Za-z\u00c0-\u024f]")  # what english_line's words start with
_CLOSING = ",.:;!?)]}"  # ASCII marks followed by a space in English, never preceded by one
_OPENING = "([{"
# Runs of one mark repeated, spaces allowed between: `. .`, `..`, `,,`, `; ;`.
# A comma or semicolon left before a full stop: `New China, .`, `numbers;.`.
# (Written as one class then the two cases, so that the scan skips ahead to the marks; group 2
# is set only for the second case.)
_DOUBLED = lazy_compile(r"([.,;])(?:(?:[ \t]*\1)+|(?<=[,;])([ \t]*)\.(?![.\w]))")
# Space before a comma or a full stop: `word ,` / `feeling .` (not ` .5`, ` .NET`, ` ...`); a tag
# may follow the full stop (`feeling .</p>`).
# (The lookbehind sits after the first space so that the scan can skip ahead to spaces.)
_SPACE_BEFORE = lazy_compile(
    r"[ \t](?<=[^\s.,;:!?(\[{\"\u201c][ \t])[ \t]*(?:,(?!\d)|\.(?=$|[\s\"'\u201d\u2019)\]<]))"
)
# A `;` that closes a character reference (`&rdquo;.` in HTML is a quote before a full stop).
_REFERENCE_END = lazy_compile(f"(?:{CHARACTER_REFERENCE.pattern})\\Z")
# A space written as a reference before a comma or full stop: `trip&nbsp;.`
_SPACE_REFERENCE_BEFORE = lazy_compile(
    rf"(?<![\s.,;:!?(\[{{\"\u201c])(?:{SPACE_REFERENCE}[ \t]*)+(?:,(?!\d)|\.(?=$|[\s\"'\u201d\u2019)\]<&]))"
)
# Spaces between any other reference and a comma or full stop: `&quot;yes&quot; .` (XLIFF).
_REFERENCE_SPACE_BEFORE = lazy_compile(
    rf"(?!{SPACE_REFERENCE})(?:{CHARACTER_REFERENCE.pattern})"
    r"([ \t]+(?:,(?!\d)|\.(?=$|[\s\"'\u201d\u2019)\]<&])))"
)
# A full stop or comma after a space or tab, or two of `.,;` with only spaces or tabs between:
# part of every match of _DOUBLED and _SPACE_BEFORE, and found in few lines.
_SUSPECT = lazy_compile(r"[.,;](?:(?<=[ \t][.,])|[ \t]*[.,;])")
_LIST_PAREN = lazy_compile(r"(?:^|\s)\w{1,2}$")  # `1)` / `a)` list markers close nothing

_QUOTES = '"\u201c\u201d'
_MARKS = '()\\[\\]\u201c\u201d"\uff08\uff09'
# A mark, or a whole pair of brackets with no mark inside (most of them: `(Xinhua)`, `[1]`), which
# opens and closes at once and changes nothing, so _pairs skips it in one step.
_PAIR_MARKS = lazy_compile(f"[{_MARKS}](?:(?<=[(\uff08])[^{_MARKS}]*[)\uff09]|(?<=\\[)[^{_MARKS}]*\\])?")
_OPEN_OF = {")": "(", "]": "[", "\uff09": "("}
_KIND = {"(": "(", "\uff08": "(", "[": "["}
_OPEN_KINDS = ('"', "(", "[")
_QUOTE_OPEN_BEFORE = set(" \t([{\u201c\u2018\u2014\u2013-/:") | {""}
_QUOTE_CLOSE_AFTER = set(" \t.,;:!?)]}\u2026-\u2014\u2013'\u2019") | {""}


# Chinese marks with no full-width ASCII form, as English writes them: corner brackets are
# quotation marks (the double ones nest inside), 丨 (U+4E28, a Han character) is a separator.
_CORNER = {"\u300c": '"', "\u300d": '"', "\u300e": "'", "\u300f": "'"}
_DASH_BAR = lazy_compile("\u2014{2,}|\u2015{2,}|\u4e28")


def _dash_bar(line: str) -> Iterator[tuple[int, int, str, str]]:
    """``——`` → ``--`` (the Chinese dash, two em dashes wide; one em dash in English) and a
    separating ``丨`` → ``|``."""
    for m in _DASH_BAR.finditer(line):
        if m.group() != "\u4e28":
            if HAN_KANA_RE.match(line[m.start() - 1 : m.start()]) or HAN_KANA_RE.match(
                line[m.end() : m.end() + 1]
            ):
                continue  # a dash touching a Chinese fragment belongs to it (``untranslated``)
            yield m.start(), m.end(), f"Chinese dash {m.group()!r} in English text", "--"
        elif separator_bar(line, m.start()):
            yield m.start(), m.end(), "'丨' (U+4E28, a Han character) used as a separator", "|"


def _english(line: str, high: object) -> bool:
    """``english_line(line)``, given ``high = _high(line)``: without Han/kana,
    that is just whether the line has a word.

    >>> lines = ["", "2026-01-13 07:26", "Crème brûlée.", "It said “no”.", "盯上6000米", "Japan 日本",
    ...          "It ranks third，仅次于 China and Brazil."]
    >>> [english_line(line) for line in lines]
    [False, False, True, True, False, False, True]
    >>> [_english(line, _high(line)) for line in lines]
    [False, False, True, True, False, False, True]
    """
    return english_line(line) if high else bool(_LATIN_LETTER.search(line))


def _fullwidth(line: str, skip: list[tuple[int, int]]) -> Iterator[tuple[int, int, str, str]]:
    """``world，China`` → ``, `` (the ASCII mark, a space added where English needs one; spaces
    before a closing mark are part of the finding so the fix removes them)."""
    # Marks come in order and ``skip`` is in order without overlaps, so one pointer walks it
    # (testing every range for every mark is quadratic on a long line).
    k = 0
    # The first non-blank character: spaces before a closing mark are taken only after text.
    text_from = len(line) - len(line.lstrip())
    for m in _FULLWIDTH.finditer(line):
        i, ch = m.start(), m.group()
        while k < len(skip) and skip[k][1] <= i:
            k += 1
        repl = ascii_punct(ch) or _CORNER.get(ch)
        if repl is None or (k < len(skip) and skip[k][0] <= i):
            continue
        if ch in _CORNER:
            yield i, i + 1, f"corner bracket {ch!r} (a Chinese quotation mark) in English text", repl
            continue
        start = i
        prev, nxt = line[i - 1 : i], line[i + 1 : i + 2]
        if repl in _CLOSING:
            while start > 0 and line[start - 1] in " \t\u3000" and text_from < start - 1:
                start -= 1
            if nxt[:1].isalnum() and not (prev.isdigit() and nxt.isdigit()):
                repl += " "
        elif repl in _OPENING and (prev.isalnum() or prev in ")]}\"'\u201d\u2019"):
            repl = " " + repl
        yield start, i + 1, f"full-width {ch!r} in English text", repl


def _doubled(line: str) -> Iterator[tuple[int, int, str, str]]:
    """``years. .`` → ``.``; ``,,`` → ``,``; ``China, .`` → ``.``. Ellipses (three or more dots,
    ``…``), paths (``../``) and ranges (``1..5``) are left alone."""
    for m in _DOUBLED.finditer(line):
        start, end, mark = m.start(), m.end(), m.group(1)
        if mark == ";" and _REFERENCE_END.search(line, max(0, start - 40), start + 1):
            continue  # `&rdquo;.`: the end of a character reference, no semicolon
        before, after = line[start - 1 : start], line[end : end + 1]
        if m.group(2) is not None:
            yield start, end, f"{m.group()[0]!r} before a full stop", "."
            continue
        if mark == "." and (
            m.group().count(".") > 2
            or {before, after} & {"\u2026", "/", "\\"}
            or (before.isdigit() and after.isdigit())
        ):
            continue
        yield start, end, f"doubled {mark!r}", mark


def _space_before(line: str) -> Iterator[tuple[int, int, str, str]]:
    """``word ,`` → ``,``: a space before a comma or a sentence's full stop, also one written as
    a character reference (``trip&nbsp;.``, in HTML) or after one (``&quot;yes&quot; .``)."""
    if " ," in line or " ." in line or "\t," in line or "\t." in line:
        # (what every match contains: most lines have none, and no scan of their spaces)
        for m in _SPACE_BEFORE.finditer(line):
            mark = m.group()[-1]
            yield m.start(), m.end(), f"space before {mark!r}", mark
    if ";," in line or ";." in line:
        for m in _SPACE_REFERENCE_BEFORE.finditer(line):
            mark = m.group()[-1]
            yield m.start(), m.end(), f"space before {mark!r}", mark
    if "; ," in line or "; ." in line or ";\t" in line:
        for m in _REFERENCE_SPACE_BEFORE.finditer(line):
            mark = m.group()[-1]
            yield m.start(1), m.end(1), f"space before {mark!r}", mark


def _quote_direction(line: str, i: int) -> str:
    """Does the double quote at ``i`` open ("o") or close ("c") by its context, or is it unclear
    ("?"): opening follows a space or bracket, closing follows a word or punctuation. A
    backslash before it is an escape (a PO string's ``\\"``), looked through.

    >>> _quote_direction('said \\\\"yes', 6), _quote_direction('yes.\\\\" He', 5)
    ('o', 'c')
    """
    before = i - 1 if line[i - 1 : i] != "\\" else i - 2
    prev, nxt = line[before : before + 1] if before >= 0 else "", line[i + 1 : i + 2]
    opens = prev in _QUOTE_OPEN_BEFORE and nxt not in ("", " ", "\t")
    closes = prev not in ("", " ", "\t") and (nxt in _QUOTE_CLOSE_AFTER or bool(HAN_KANA_RE.match(nxt)))
    return "o" if opens and not closes else "c" if closes and not opens else "?"


def _same_quotes(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are double quotes of one style, straight or curly: a quotation
    continued past a blank line is reopened in its own style, while a paragraph that opens with a
    quote of the other style (a quoted headline after the article's last, unclosed, line) is no
    continuation of it.

    >>> _same_quotes('"', '"'), _same_quotes("\u201c", "\u201d"), _same_quotes('"', "\u201c")
    (True, True, False)
    """
    return b in _QUOTES and (a == '"') == (b == '"')


def _pairs(line: str, stack: list[tuple[str, int, str]]) -> Iterator[tuple[int, str]]:
    """Match brackets and double quotes along ``line``; yield (offset, message) for a closing mark
    with nothing to close. ``stack`` holds (kind, offset, char) of marks still open; it is shared
    with the caller, which decides when a paragraph ends."""
    open_count = dict.fromkeys(_OPEN_KINDS, 0)  # of each kind on the stack
    for kind, _, _ in stack:
        open_count[kind] += 1
    for m in _PAIR_MARKS.finditer(line):
        i, end = m.span()
        if end - i > 1:
            continue  # a pair with nothing inside to match
        ch = line[i]
        if ch in _QUOTES:
            # Direction comes from context, not the glyph: text converted from Chinese often has
            # “ and ” the wrong way round, and which way a curly quote faces is typography.
            way = _quote_direction(line, i)
            if way == "?":
                # Close what is open; else `said,"The` opens, and a lone ` ”` trusts its glyph.
                way = (
                    "c"
                    if open_count['"'] or (ch == "\u201d" and line[i + 1 : i + 2] in ("", " ", "\t"))
                    else "o"
                )
            if way == "c" and not open_count['"'] and line[i - 1 : i].isdigit():
                continue  # 5'11": an inch mark
            kind, closing = '"', way == "c"
        elif ch in _KIND:
            kind, closing = _KIND[ch], False
        else:
            kind, closing = _OPEN_OF[ch], True
            if (
                kind == "("
                and not open_count["("]
                and (_LIST_PAREN.search(line, max(0, i - 3), i) or line[i - 1 : i] in (":", ";"))
            ):
                continue  # `1)` list marker, `:)` smiley
        if not closing:
            stack.append((kind, i, ch))
            open_count[kind] += 1
            continue
        if open_count[kind]:
            while stack:
                k, j, c = stack.pop()
                open_count[k] -= 1
                if k == kind:
                    break
                # An inner mark left open when its outer pair closes: `(a "b) c`.
                yield j, f"unclosed {c!r} in this paragraph"
        else:
            yield i, f"closing {ch!r} with no opening one in this paragraph"


@register(
    RULE,
    "warning",
    "Full-width punctuation in English, doubled or spaced punctuation, unbalanced quotes/brackets",
    fixable=True,
)
def punctuation(ctx: DocContext) -> Iterator[Finding]:
    """Flags, in English lines: full-width punctuation (``，。：；（）！？、【】``, suggested as the ASCII
    mark plus the space English puts after it: ``world，China`` → ``, ``); doubled or spaced
    punctuation (``years. .``, ``,,`` — not the ellipsis ``...``); a space before a comma or
    full stop (``word ,``); and brackets ``()`` ``[]`` and double quotes (``“”`` or straight ``"``)
    that do not pair up within a paragraph (a stray closing quote, an unclosed parenthesis).

    Why: these are the marks a translator carries over from Chinese typography or leaves behind
    while editing a sentence; they look sloppy in print, and an unbalanced quote leaves the reader
    unsure where a quotation ends, which for reported speech is a factual question.

    Pairs are matched along a block of consecutive English lines (a blank, Chinese or wordless line
    ends it, and so does the end of a bilingual file's unit), so a quotation or a hard-wrapped
    sentence may run over several lines; a quotation continued in a new paragraph, on the next
    line or after a blank one, may reopen without closing (the English convention for a
    quotation of several paragraphs). Double quotes face the way their context says, whatever
    the glyph: one after a space or bracket opens, one after a word or punctuation closes; so the
    stray one is the one reported.

    >>> from zhen_tools.text.document import document_from_text
    >>> doc = document_from_text('In the next 15 years. .\\nIt said，the views of the author."')
    >>> [(f.line, f.text, f.suggestion) for f in punctuation(DocContext(doc))]
    [(1, '. .', '.'), (2, '，', ', '), (2, '"', None)]
    """
    text = ctx.text
    found: list[tuple[int, int, str, str | None]] = []
    stack: list[tuple[str, int, str]] = []  # marks still open: (kind, absolute offset, char)
    # Marks a blank line left open: unclosed, unless the next paragraph reopens the quotation.
    pending: list[tuple[str, int, str]] = []
    for line_start, line_end in _lines(ctx):
        line = text[line_start:line_end]
        high = _high(line)
        if not _english(line, high):
            # A blank, Chinese or wordless line ends the paragraph: what is still open stays open.
            if line.strip():
                found += [
                    (i, i + 1, f"unclosed {c!r} in this paragraph", None) for _, i, c in pending + stack
                ]
                pending = []
            else:
                pending += stack
            stack = []
            continue
        if pending:
            if pending[-1][0] == '"' and _same_quotes(pending[-1][2], line.lstrip()[:1]):
                pending.pop()  # a quotation continued in the next paragraph reopens it
            found += [(i, i + 1, f"unclosed {c!r} in this paragraph", None) for _, i, c in pending]
            pending = []
        if high:
            skip = fragment_ranges(line) if HAN_KANA_RE.search(line) else []
            for start, end, message, repl in (*_fullwidth(line, skip), *_dash_bar(line)):
                found.append((line_start + start, line_start + end, message, repl))
        elif "\u2014\u2014" in line or "\u2015\u2015" in line:
            for start, end, message, repl in _dash_bar(line):
                found.append((line_start + start, line_start + end, message, repl))
        if _SUSPECT.search(line):
            for start, end, message, repl in (*_doubled(line), *_space_before(line)):
                found.append((line_start + start, line_start + end, message, repl))
        if stack and stack[-1][0] == '"' and _same_quotes(stack[-1][2], line.lstrip()[:1]):
            stack.pop()  # a quotation continued in a new paragraph reopens it without closing
        local = [(k, i - line_start, c) for k, i, c in stack]  # offsets relative to this line
        for i, message in _pairs(line, local):
            found.append((line_start + i, line_start + i + 1, message, None))
        stack = [(k, i + line_start, c) for k, i, c in local] if local else local
    found += [(i, i + 1, f"unclosed {c!r} in this paragraph", None) for _, i, c in pending + stack]
    if ctx.units is not None:
        found += _across_wraps(ctx)
    for start, end, message, suggestion in sorted(found):
        yield ctx.finding(start, end, RULE, message, suggestion)


def _across_wraps(ctx: DocContext) -> list[tuple[int, int, str, str | None]]:
    """Doubled or spaced punctuation that a bilingual file's wrapping splits over two of its
    lines (a PO string: ``"…Guanyintan. "`` / ``"."``), which the line checks cannot see:
    those checks run on each target's own text, and only what crosses a line break of the file
    is kept (the rest the line checks found already).

    >>> from zhen_tools.formats import read_units
    >>> from zhen_tools.text.document import document_from_text
    >>> po = document_from_text('msgid "a"\\nmsgstr ""\\n"To Guanyintan. "\\n"."\\n', "a.po")
    >>> [(po.text[a:b], m) for a, b, m, _ in _across_wraps(DocContext.of(po, units=read_units(po)))]
    [('. "\\n".', "doubled '.'")]
    """
    assert ctx.units is not None
    file = ctx.file.text
    out: list[tuple[int, int, str, str | None]] = []
    for unit in ctx.units:
        seg = unit.target
        if seg.offsets is None or file.count("\n", seg.start, seg.end) == 0:
            continue  # one line of the file: the line checks saw all of it
        pos = 0
        for piece in seg.text.split("\n"):
            if _SUSPECT.search(piece):
                for a, b, message, repl in (*_doubled(piece), *_space_before(piece)):
                    start, end = file_span(seg, file, pos + a, pos + b)
                    if "\n" in file[start:end]:
                        out.append((start, end, message, repl))
            pos += len(piece) + 1
    return out


def _lines(ctx: DocContext) -> Iterator[tuple[int, int]]:
    """The lines the rule reads: a document's own; in a bilingual file, the lines of each unit's
    target (``DocContext.paragraphs``) with an empty one after each, so that a target ends its
    paragraph as a blank line does (the units of a TSV file stand on consecutive lines, but a
    quote one leaves open is not closed by the next; a quotation continued in the next unit
    still reopens without closing).

    >>> from zhen_tools.formats import read_units
    >>> from zhen_tools.text.document import document_from_text
    >>> tsv = document_from_text("zh\\ten\\n一\\tOne\\n二\\tTwo\\n", "a.tsv")
    >>> [tsv.text[a:b] for a, b in _lines(DocContext.of(tsv, units=read_units(tsv)))]
    ['One', '', 'Two', '']
    """
    if ctx.units is None:
        yield from line_ranges(ctx.doc)
        return
    text = ctx.text
    for start, end in ctx.paragraphs:
        while (cut := text.find("\n", start, end)) >= 0:
            yield start, cut - (text[cut - 1] == "\r" if cut > start else 0)
            start = cut + 1
        yield start, end
        yield end, end


# -- excused by the source -----------------------------------------------------------------

_SOURCE_OPEN = {"\u201c": '"', "\u300c": '"', "\u300e": '"', "(": "(", "\uff08": "(", "[": "["}
_SOURCE_CLOSE = {"\u201d": '"', "\u300d": '"', "\u300f": '"', ")": "(", "\uff09": "(", "]": "["}
_SOURCE_MARKS = lazy_compile('["\u201c\u201d\u300c-\u300f()\uff08\uff09\\[\\]]')


def _source_unmatched(ctx: DocContext) -> list[tuple[int, str, str]]:
    """(offset, kind, "open"/"close") of the brackets and quotes of a Chinese document that
    pair with nothing, matched as ``punctuation`` matches English: along blocks of consecutive
    non-blank lines, a quotation continued in a new line reopening without closing. Chinese
    marks face the way their glyph says; a straight ``"`` closes what is open, else opens.

    >>> from zhen_tools.text.document import document_from_text
    >>> _source_unmatched(DocContext(document_from_text("他说：“好。\\n（注）\\n\\n）")))
    [(3, '"', 'open'), (12, '(', 'close')]
    """
    out: list[tuple[int, str, str]] = []
    stack: list[tuple[str, int]] = []
    for line_start, line_end in line_ranges(ctx.doc):
        line = ctx.text[line_start:line_end]
        if not line.strip():
            out += [(i, k, "open") for k, i in stack]
            stack = []
            continue
        if stack and stack[-1][0] == '"' and line.lstrip()[:1] in '"\u201c\u300c\u300e':
            stack.pop()
        for m in _SOURCE_MARKS.finditer(line):
            ch, i = m.group(), line_start + m.start()
            opening = ch in _SOURCE_OPEN if ch != '"' else not any(k == '"' for k, _ in stack)
            kind = '"' if ch == '"' else (_SOURCE_OPEN if opening else _SOURCE_CLOSE)[ch]
            if opening:
                stack.append((kind, i))
            elif any(k == kind for k, _ in stack):
                while stack.pop()[0] != kind:
                    pass
            else:
                out.append((i, kind, "close"))
    out += [(i, k, "open") for k, i in stack]
    return sorted(out)


def _closed_source(bead: Bead) -> bool:
    """Whether the bead's source opens and closes quotes or brackets within itself: it has some,
    and they all pair up there. Then its translation should too, whatever its neighbours do."""
    text = "\n".join(seg.text for seg in bead.source)
    if not _SOURCE_MARKS.search(text):
        return False
    return not _source_unmatched(DocContext(document_from_text(text.replace("\n", " "))))


@register(RULE, "warning", "", scope="pair")
def punctuation_pair(pair: PairContext) -> Iterator[Finding]:
    """Flags, in a pair, a quote or bracket left unpaired in a target segment whose aligned
    source opens and closes its own (``“这是第一步。”`` → ``He said: “This is the first step.``):
    a line-aligned corpus has no blank lines, so along the English alone a deleted quote pairs
    with one lines away and the stray one reported is elsewhere, or nothing is. The document
    rule's quote and bracket findings in such segments are excused (``_excused``); this judges
    them instead.

    >>> from zhen_tools.text.document import document_from_text
    >>> from zhen_tools.run.inputs import find_pairs
    >>> zh = DocContext(document_from_text("他说：“好。”\\n她说：“走。\\n", "a.zh.txt"))
    >>> en = DocContext(document_from_text("He said: “Good.\\nShe said: “Go.\\n", "a.en.txt"))
    >>> [(f.line, f.text, f.message) for f in punctuation_pair(find_pairs([zh, en])[0])]
    [(1, '“', "unclosed '“' in this segment, whose source closes its own")]
    """
    if pair.digest:
        return
    file = pair.target.file.text
    for bead in pair.beads:
        if not bead.target or not _closed_source(bead):
            continue
        # Marks still open, with their span in the document: (kind, (start, end), char).
        stack: list[tuple[str, tuple[int, int], str]] = []
        found: list[tuple[tuple[int, int], str]] = []
        for seg in bead.target:
            # ``_pairs`` reads one text: the marks earlier segments left open come in before it
            # (-1) and, never pushed again, stay at the bottom of its stack; what it pushes is at
            # offsets of this text, which map to the document through the segment (a PO string
            # wrapped over lines or an XLIFF target with tags is no plain slice of it, and a
            # mark may be written as an escape: \").
            local = [(k, -1, c) for k, _, c in stack]
            found += [(_span(seg, i, file), message) for i, message in _pairs(seg.text, local)]
            kept = next((n for n, (_, i, _) in enumerate(local) if i >= 0), len(local))
            stack = stack[:kept] + [(k, _span(seg, i, file), c) for k, i, c in local[kept:]]
        found += [(span, f"unclosed {c!r} in this paragraph") for _, span, c in stack]
        for (start, end), message in sorted(found):
            message = message.replace("in this paragraph", "in this segment, whose source closes its own")
            yield pair.finding(start, end, RULE, message)


def _span(seg: Segment, i: int, file: str) -> tuple[int, int]:
    """The document span of character ``i`` of a segment's text (its own file text: ``\\"``)."""
    return file_span(seg, file, i, i + 1)


def _excused(finding: Finding, pair: PairContext, bead: Bead) -> bool:
    """An unclosed or unopened quote/bracket whose aligned source segment holds a mark of the
    same kind, unmatched the same way in the source (a quotation running past the segment, as
    the source's does); or any in a segment whose source closes its own quotes and brackets,
    which ``punctuation_pair`` judges alone. Other punctuation findings are never excused."""
    way = "open" if finding.message.startswith("unclosed") else "close"
    if not finding.message.startswith(("unclosed", "closing")):
        return False
    if not pair.digest and _closed_source(bead):
        return True
    kind = _KIND.get(finding.text) or _OPEN_OF.get(finding.text) or '"'
    if pair.kind == "files":
        marks = pair.source.memo("punctuation:source-marks", _source_unmatched)
        ranges = [(seg.doc_offset(0), seg.doc_offset(len(seg.text))) for seg in bead.source]
        return any(k == kind and w == way and any(a <= i < b for a, b in ranges) for i, k, w in marks)
    # A translation unit is its own paragraph: its source segment alone says what it leaves open.
    for seg in bead.source:
        ctx = DocContext(document_from_text(seg.text))
        if any(k == kind and w == way for _, k, w in _source_unmatched(ctx)):
            return True
    return False


punctuation.excused_by_source = _excused  # type: ignore[attr-defined]
