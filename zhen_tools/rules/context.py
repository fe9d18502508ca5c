"""DocContext: one document plus its lazily computed, cached analyses, shared by all rules; and
PairContext: a source aligned with its target, as pair-scope rules see it."""

from __future__ import annotations

import bisect
import dataclasses
from array import array
from collections.abc import Callable, Container, Iterator, Sequence
from functools import cached_property
from itertools import count
from typing import TYPE_CHECKING, Any, TypeVar

from zhen_tools.align.aligner import Bead, align_texts
from zhen_tools.findings import Finding, Severity, make_finding
from zhen_tools.formats.markup import prose_view
from zhen_tools.formats.units import Unit, file_span, target_view
from zhen_tools.glossary.model import per_glossary
from zhen_tools.rules.registry import default_severity
from zhen_tools.text.document import Document, Segment, line_ranges, line_windows
from zhen_tools.text.names import NameSpan, OrdinaryWords, name_spans
from zhen_tools.text.numbers import extract_numbers
from zhen_tools.text.segment import Sentence, Token, split_sentences, tokenize
from zhen_tools.text.spans import Span, detect_spans

if TYPE_CHECKING:
    from zhen_tools.glossary.model import Glossary, Match
    from zhen_tools.text.numbers import Number

__all__ = ["DocContext", "NameList", "PairContext"]

T = TypeVar("T")


class DocContext:
    """What the rules see of one document. Every analysis runs at most once, and only if a rule
    asks for it, so English-only text never pays for jieba.

    ``doc`` is what the rules read; ``file`` the document as read when ``doc`` is a view of it
    (a bilingual file's target, prose without its code and web addresses: same offsets and
    lines, other characters blanked). Findings are made on ``file``, so their text is always the
    file's own characters.
    """

    def __init__(
        self,
        doc: Document,
        glossary: Glossary | None = None,
        file: Document | None = None,
        units: Sequence[Unit] | None = None,
    ) -> None:
        self.doc = doc
        self.file = doc if file is None else file
        self.glossary = glossary
        self.units = units  # a bilingual file's translation units, whose targets ``doc`` shows
        self.memos: dict[str, Any] = {}
        self._found: dict[str, list[Match]] = {}  # glossary matches by text (``find``)

    @classmethod
    def of(
        cls, doc: Document, glossary: Glossary | None = None, units: Sequence[Unit] | None = None
    ) -> DocContext:
        """The context of a document as read, whoever reads it (files, records): the rules read
        its view -- a bilingual file's target text (``units``), less what is not prose
        (``prose_view``: web addresses; the code and markup of Markdown and HTML) -- and their
        findings hold the document's own text.

        >>> from zhen_tools.text.document import document_from_text
        >>> url = "www.example.com/Chikyū"
        >>> ctx = DocContext.of(document_from_text(f"See {url} now.", "a.txt"))
        >>> ctx.text == "See " + " " * len(url) + " now.", ctx.finding(0, 31, "punctuation", "x").text
        (True, 'See www.example.com/Chikyū now.')
        """
        view = target_view(doc, units) if units is not None else doc
        text = prose_view(view.path, view.text)
        if text is not view.text:
            view = dataclasses.replace(view, text=text)
        return cls(view, glossary, None if view is doc else doc, units)

    @cached_property
    def paragraphs(self) -> Sequence[tuple[int, int]]:
        """(start, end) of each paragraph, the text a reader takes as one: a line of a document;
        in a bilingual file, each unit's target (or each line of a target that has several),
        wherever the file wraps it (a PO string's quoted lines are one paragraph), blank ones
        left out. Ends exclude line endings.

        >>> from zhen_tools.formats import read_units
        >>> from zhen_tools.text.document import document_from_text
        >>> po = document_from_text('msgid "a"\\nmsgstr ""\\n"One "\\n"two."\\n', "a.po")
        >>> [po.text[a:b] for a, b in DocContext.of(po, units=read_units(po)).paragraphs]
        ['One "\\n"two.']
        >>> DocContext(document_from_text("One\\r\\ntwo.")).paragraphs
        [(0, 3), (5, 9)]
        """
        if self.units is None:
            return list(line_ranges(self.doc))
        out = []
        for unit in self.units:
            seg, pos = unit.target, 0
            for piece in seg.text.split("\n"):
                if piece.strip():
                    out.append((seg.doc_offset(pos), seg.doc_offset(pos + len(piece.rstrip("\r")))))
                pos += len(piece) + 1
        return sorted(out)

    def find(self, text: str) -> list[Match]:
        """``glossary.find(text)`` (offsets relative to ``text``), once per text: a bilingual
        file's targets are matched for ``matches`` and again by its pair's rules."""
        found = self._found.get(text)
        if found is None:
            found = self._found[text] = self.glossary.find(text) if self.glossary is not None else []
        return found

    def read(self, start: int, end: int) -> str:
        """The text between two offsets as a reader reads it: the view's (``text[start:end]``);
        in a bilingual file, when both lie in one unit's target, that target's own characters
        (``&amp;`` read as ``&``, a wrapped PO string's quotes and line break gone).

        >>> from zhen_tools.formats import read_units
        >>> from zhen_tools.text.document import document_from_text
        >>> po = document_from_text('msgid "a"\\nmsgstr ""\\n"House of "\\n"Representatives."\\n', "a.po")
        >>> DocContext.of(po, units=read_units(po)).read(21, 48)
        'House of Representatives'
        """
        if self.units is None:
            return self.doc.text[start:end]
        starts, targets = self._targets
        k = bisect.bisect_right(starts, start) - 1
        if k >= 0:
            seg = targets[k]
            if seg.offsets is None:
                if end <= seg.end:
                    return seg.text[start - seg.start : end - seg.start]
            elif end <= seg.offsets[-1]:
                i = bisect.bisect_left(seg.offsets, start)
                j = bisect.bisect_left(seg.offsets, end)  # the character after the last
                if seg.offsets[i] == start and (
                    seg.offsets[j] == end or (j > i and file_span(seg, self.file.text, i, j)[1] == end)
                ):
                    return seg.text[i:j]
        return self.doc.text[start:end]

    @cached_property
    def _targets(self) -> tuple[list[int], list[Segment]]:
        """The units' target segments by start, for ``read``."""
        targets = sorted((u.target for u in self.units or ()), key=lambda seg: seg.start)
        return [seg.start for seg in targets], targets

    def memo(self, key: str, compute: Callable[[DocContext], T]) -> T:
        """``compute(self)``, computed once per ``key``. A run-scope rule keeps its per-document
        part here (its ``collect``), so the engine can compute it where the document is checked
        -- in a worker process with ``--jobs`` -- and send back only the result.

        >>> from zhen_tools.text.document import document_from_text
        >>> ctx = DocContext(document_from_text("Chikyu left.", "a.txt"))
        >>> ctx.memo("length", lambda c: len(c.text)), ctx.memo("length", lambda c: 0)
        (12, 12)
        """
        if key not in self.memos:
            self.memos[key] = compute(self)
        return self.memos[key]  # type: ignore[no-any-return]

    @property
    def text(self) -> str:
        return self.doc.text

    @cached_property
    def spans(self) -> list[Span]:
        return detect_spans(self.doc.text)

    @cached_property
    def sentences(self) -> list[Sentence]:
        return split_sentences(self.doc.text)

    @cached_property
    def tokens(self) -> list[Token]:
        return tokenize(self.doc.text, self.user_words)

    @property
    def user_words(self) -> tuple[str, ...]:
        if self.glossary is None:
            return ()
        return per_glossary(
            self.glossary, "user-words", lambda g: tuple(f for e in g.entries for f in (*e.zh, *e.ja))
        )

    @cached_property
    def ordinary_words(self) -> Container[str]:
        """Words never taken for a name at a sentence start: ``names.ORDINARY_WORDS`` plus every
        word this document writes in lower case (for ``in`` tests: each word asked about is
        looked up when first asked about)."""
        return OrdinaryWords(self.doc.text)

    @cached_property
    def names(self) -> NameList:
        """Name-like spans (``zhen_tools.text.names.name_spans``), computed once for the near-miss and
        inconsistent-rendering rules alike; kept packed (see ``NameList``)."""
        return NameList.of(self.doc.text, self.ordinary_words)

    @cached_property
    def matches(self) -> list[Match]:
        """Glossary matches, in text order. In a bilingual file each unit's target is matched
        as the unit reads (``&amp;`` is ``&``, a PO string wrapped over quoted lines is one
        text, so ``South Bird "`` / ``"Island`` is one form): offsets are the file's, ``text``
        the target's own characters, and a match the view blanks (a web address) is left out.

        >>> from zhen_tools.formats import read_units
        >>> from zhen_tools.glossary.model import Entry, Glossary
        >>> from zhen_tools.text.document import document_from_text
        >>> g = Glossary(entries=(Entry("mt", "Minami-Torishima", forbidden=("South Bird Island",)),))
        >>> po = document_from_text('msgid "南鸟岛"\\nmsgstr ""\\n"The South Bird "\\n"Island."\\n', "a.po")
        >>> [(m.text, po.text[m.start:m.end]) for m in DocContext.of(po, g, read_units(po)).matches]
        [('South Bird Island', 'South Bird "\\n"Island')]
        """
        if self.glossary is None:
            return []
        if self.units is None:
            return self.glossary.find(self.doc.text)
        view, file = self.doc.text, self.file.text
        out = []
        for unit in self.units:
            seg = unit.target
            if not seg.text or seg.text.isspace():
                continue
            for m in self.find(seg.text):
                if seg.offsets is None:
                    start, end = seg.start + m.start, seg.start + m.end
                else:
                    start, end = file_span(seg, file, m.start, m.end)
                    if any(
                        view[seg.offsets[i]] == " " and not seg.text[i].isspace()
                        for i in range(m.start, m.end)
                    ):
                        continue  # blanked in the view: not prose
                if seg.offsets is None and view[start:end] != m.text:
                    continue  # blanked in the view: not prose
                out.append(dataclasses.replace(m, start=start, end=end))
        out.sort(key=lambda m: (m.start, m.end))
        return out

    @cached_property
    def match_starts(self) -> list[int]:
        """``start`` of each of ``matches`` (which come in text order), for bisecting."""
        return [m.start for m in self.matches]

    def finding(
        self,
        start: int,
        end: int,
        rule: str,
        message: str,
        suggestion: str | None = None,
        severity: Severity | str | None = None,
    ) -> Finding:
        """A finding on this document; severity defaults to the rule's registered default."""
        if severity is None:
            severity = default_severity(rule)
        return make_finding(self.file, start, end, rule, severity, message, suggestion)


_new_object = object.__new__


def _make_name(
    start: int,
    end: int,
    text: str,
    words: tuple[tuple[int, int], ...],
    sentence: tuple[int, int],
    initial: bool,
) -> NameSpan:
    """``NameSpan(...)`` in a third of the time, as ``name_spans`` makes them (a frozen
    dataclass's ``__init__`` sets each field through ``object.__setattr__``)."""
    span = _new_object(NameSpan)
    fields = span.__dict__
    fields["start"], fields["end"], fields["text"] = start, end, text
    fields["words"], fields["sentence"], fields["initial"] = words, sentence, initial
    return span


if "__slots__" in vars(NameSpan):  # no __dict__ to fill: the constructor it is
    _make_name = NameSpan  # type: ignore[assignment]

# Characters of text ``NameList.of`` hands to ``name_spans`` at a time.
NAME_WINDOW = 1 << 18


class NameList(Sequence[NameSpan]):
    """The name spans of a document, packed in arrays of offsets: a NameSpan with its tuples costs
    about 500 bytes, eight bytes per byte of a news file (one name every 70 characters); packed,
    one costs about 60. Items are made anew as they are read, equal to those ``name_spans`` made.

    >>> names = NameList.of("Fuji TV said.\\nAl-Assad, Japan's Kishida.", frozenset())
    >>> [(n.text, n.start, n.words, n.sentence, n.initial) for n in names][:2]
    [('Fuji TV', 0, ((0, 4), (5, 7)), (0, 14), True), ('Al-Assad', 14, ((14, 22),), (14, 40), True)]
    >>> [(n.text, n.initial) for n in names[2:]], names[-1] == list(names)[-1], len(names)
    ([('Japan', False), ('Kishida', False)], True, 4)
    >>> list(names.starts()) == [n.start for n in names] == [0, 14, 24, 32]
    True
    """

    __slots__ = ("_initial", "_spans", "_text", "_word_at", "_words")

    def __init__(self, text: str) -> None:
        self._text = text
        self._spans = array("q")  # start, end, sentence start, sentence end: four per name
        # Where name i's words are in _words (a count, then start and end of each), or -1 for
        # the commonest name, one word from start to end.
        self._word_at = array("q")
        self._words = array("q")
        self._initial = bytearray()

    @classmethod
    def of(cls, text: str, ordinary: Container[str]) -> NameList:
        """``name_spans(text, ordinary=ordinary)``, found a window of lines at a time, so that
        only one window's NameSpan objects exist at once. Equal to the whole text's: a name never
        spans a line break, and a run of line breaks ends a sentence there (``name_spans``'s own
        sentence bounds), so each window's sentences, and its names, are the whole text's."""
        out = cls(text)
        for start, end in line_windows(text, NAME_WINDOW):
            out._add(name_spans(text[start:end], ordinary=ordinary), start)
        return out

    def _add(self, spans: list[NameSpan], shift: int) -> None:
        spans_out, words_out, word_at = self._spans, self._words, self._word_at
        for span in spans:
            a, b = span.sentence
            start, end, words = span.start, span.end, span.words
            spans_out.extend((start + shift, end + shift, a + shift, b + shift))
            if len(words) == 1 and words[0] == (start, end):
                word_at.append(-1)
                continue
            word_at.append(len(words_out))
            words_out.append(len(words))
            for x, y in words:
                words_out.extend((x + shift, y + shift))
        self._initial.extend(span.initial for span in spans)

    def __len__(self) -> int:
        return len(self._initial)

    def starts(self) -> array[int]:
        """``start`` of each name, in order (for bisecting), read off the packed offsets without
        making the names."""
        return self._spans[::4]

    def _item(self, i: int) -> NameSpan:
        a, e, sa, se = self._spans[4 * i : 4 * i + 4]
        return _make_name(a, e, self._text[a:e], self._words_of(i, a, e), (sa, se), self._initial[i] == 1)

    def _words_of(self, i: int, a: int, e: int) -> tuple[tuple[int, int], ...]:
        k = self._word_at[i]
        if k < 0:
            return ((a, e),)
        w = self._words[k + 1 : k + 1 + 2 * self._words[k]]
        return tuple(zip(w[::2], w[1::2]))

    def __getitem__(self, i: int | slice) -> Any:
        if isinstance(i, slice):
            return [self._item(k) for k in range(*i.indices(len(self)))]
        n = len(self)
        if not -n <= i < n:
            raise IndexError("NameList index out of range")
        return self._item(i % n)

    def __iter__(self) -> Iterator[NameSpan]:
        # _item inlined, reading the arrays in step, and one sentence tuple for all the names of a
        # sentence: rules read every name of a document, once or twice each.
        text, words_of, make = self._text, self._words_of, _make_name
        spans = iter(self._spans)
        sentence = (-1, -1)
        for i, (a, e, sa, se), k, initial in zip(
            count(), zip(spans, spans, spans, spans), self._word_at, self._initial
        ):
            if sa != sentence[0] or se != sentence[1]:
                sentence = (sa, se)
            yield make(a, e, text[a:e], ((a, e),) if k < 0 else words_of(i, a, e), sentence, initial == 1)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"NameList({list(self)!r})"


class PairContext:
    """A source document (or part of one) aligned with its target, as pair-scope rules see it.

    ``source``/``target`` are DocContexts (the same one for a digest or a bilingual file);
    ``beads`` align Segments whose offsets point into those documents. ``kind`` is ``files``,
    ``bilingual`` or ``digest``; ``digest`` is True for digest pairs (summaries, not
    translations). ``finding(...)`` reports on the target document.
    """

    def __init__(
        self, source: DocContext, target: DocContext, *, kind: str = "files", beads: list[Bead] | None = None
    ) -> None:
        self.source = source
        self.target = target
        self.kind = kind
        if beads is not None:
            self.__dict__["beads"] = beads
        self._matches: dict[tuple[str, int, int], list[Match]] = {}
        self._numbers: dict[tuple[str, str], list[Number]] = {}
        self._found: dict[str, list[Match]] = {}

    def __repr__(self) -> str:
        return f"PairContext({self.source.doc.path!r}, {self.target.doc.path!r}, kind={self.kind!r})"

    @property
    def digest(self) -> bool:
        return self.kind == "digest"

    @property
    def drift(self) -> bool:
        """Whether neighbouring beads may hold a segment's translation (automatic alignment can
        be off by one; translation units and digest pairs cannot)."""
        return self.kind == "files"

    @property
    def glossary(self) -> Glossary | None:
        return self.target.glossary or self.source.glossary

    @cached_property
    def beads(self) -> list[Bead]:
        """Sentence beads of two whole documents, aligned on first use."""
        return align_texts(
            self.source.text,
            self.target.text,
            glossary=self.glossary,
            find=self._find,
            numbers=self._numbers_of,
        )

    def _find(self, text: str) -> list[Match]:
        """``glossary.find``, once per text: the aligner's anchors and ``matches`` ask for the
        same sentences (a one-sentence paragraph is both); a bilingual file's targets were
        matched already, for its document rules."""
        if self.kind == "bilingual" and self.target.glossary is self.glossary:
            return self.target.find(text)
        found = self._found.get(text)
        if found is None:
            found = self._found[text] = self.glossary.find(text)  # type: ignore[union-attr]
        return found

    def window(self, i: int) -> list[Bead]:
        """Bead ``i`` and, when alignment may drift, its neighbours."""
        if not self.drift:
            return [self.beads[i]]
        return self.beads[max(0, i - 1) : i + 2]

    def matches(self, seg: Segment, side: str) -> list[Match]:
        """Glossary matches in ``seg.text`` (offsets relative to it); ``side`` "source"/"target"."""
        key = (side, seg.start, seg.end)
        if key not in self._matches:
            g = self.glossary
            if g is None:
                self._matches[key] = []
            elif self.kind == "digest" and seg.offsets is None:
                # A digest's segments are whole lines of the document, which its document rules
                # have already matched: take those inside the line instead of scanning it again.
                found, starts = self.target.matches, self.target.match_starts
                inside = []
                for i in range(bisect.bisect_left(starts, seg.start), len(found)):
                    m = found[i]
                    if m.start >= seg.end:
                        break
                    if m.end <= seg.end:
                        inside.append(
                            dataclasses.replace(m, start=m.start - seg.start, end=m.end - seg.start)
                        )
                self._matches[key] = inside
            else:
                self._matches[key] = self._find(seg.text)
        return self._matches[key]

    def numbers(self, seg: Segment, side: str) -> list[Number]:
        """Numbers in ``seg.text`` (offsets relative to it)."""
        return self._numbers_of(seg.text, "zh" if side == "source" else "en")

    def _numbers_of(self, text: str, lang: str) -> list[Number]:
        """``extract_numbers``, once per text of the pair: the aligner's anchors and
        ``number-mismatch`` read the same sentences. extract_numbers' own cache is global and
        bounded; on one long document (WMT21 as a single 1,948-line pair) the aligner reads
        every paragraph before number-mismatch reads the sentences again, and it extracted 6,002
        times for 4,185 distinct texts."""
        key = (lang, text)
        found = self._numbers.get(key)
        if found is None:
            found = self._numbers[key] = extract_numbers(text, lang)
        return found

    def finding(
        self,
        start: int,
        end: int,
        rule: str,
        message: str,
        suggestion: str | None = None,
        severity: Severity | str | None = None,
    ) -> Finding:
        """A finding at ``start:end`` of the target document."""
        return self.target.finding(start, end, rule, message, suggestion, severity)

    def segment_finding(
        self, seg: Segment, start: int, end: int, rule: str, message: str, suggestion: str | None = None
    ) -> Finding:
        """A finding at ``seg.text[start:end]`` of a target segment."""
        return self.finding(seg.doc_offset(start), seg.doc_offset(end), rule, message, suggestion)
