"""Find the source/target pairs of a run and give pair-scope rules a PairContext for each.

Pairs come from (in this order; a document joins at most one pairing):

- explicit pairs (``zhen check --source SRC --target TGT``, ``zhen align SRC TGT``);
- bilingual files (TSV/CSV with source and target columns, PO, XLIFF, TMX): one pair per file,
  one bead per translation unit, both sides in the same file;
- sibling files ``NAME.zh.EXT`` + ``NAME.en.EXT`` (also ``zh-Hans``, ``zh-CN``, ``en-US`` ...);
- digest documents (seed 002): a mostly-English document in which Chinese headline lines are
  each followed by English summary lines. Each headline and the English up to the next headline
  is a pair, flagged ``digest``: a summary is not a translation, so only ``glossary-mismatch``
  looks at it.

>>> from zhen_tools.rules.context import DocContext
>>> from zhen_tools.text.document import document_from_text
>>> text = "高市早苗决定提前大选\\nMei Ri Jing Ji Xin Wen· 2026-01-13\\nTakaichi will dissolve the house.\\n"
>>> [pair] = find_pairs([DocContext(document_from_text(text, "digest.txt"))])
>>> pair.digest, [(b.source_text, b.target_text) for b in pair.beads]
(True, [('高市早苗决定提前大选', 'Mei Ri Jing Ji Xin Wen· 2026-01-13 Takaichi will dissolve the house.')])
"""

from __future__ import annotations

import bisect
import dataclasses
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Union

from zhen_tools.align.aligner import Bead, Segment, align_texts, paragraphs
from zhen_tools.rules.context import DocContext
from zhen_tools.text.document import Document, read_document
from zhen_tools.findings import Finding, Severity

if TYPE_CHECKING:
    from zhen_tools.formats.bilingual import Unit
    from zhen_tools.glossary.model import Glossary, Match
    from zhen_tools.text.numbers import Number

__all__ = [
    "PairContext",
    "digest_beads",
    "find_pairs",
    "is_source_line",
    "pair_documents",
    "path_roles",
    "sibling_key",
]

Side = Union[str, "os.PathLike[str]", Document, DocContext]

_SIBLING = re.compile(
    r"^(?P<name>.+)\.(?P<lang>zh(?:[-_](?:hans|hant|cn|tw|hk|sg))?|en(?:[-_](?:us|gb|uk|au))?)"
    r"\.(?P<ext>[^.]+)$", re.IGNORECASE)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff]")
_LETTER = re.compile(r"[^\W\d_]")


class PairContext:
    """A source document (or part of one) aligned with its target, as pair-scope rules see it.

    ``source``/``target`` are DocContexts (the same one for a digest or a bilingual file);
    ``beads`` align Segments whose offsets point into those documents. ``kind`` is ``files``,
    ``bilingual`` or ``digest``; ``digest`` is True for digest pairs (summaries, not
    translations). ``finding(...)`` reports on the target document.
    """

    def __init__(self, source: DocContext, target: DocContext, *, kind: str = "files",
                 beads: list[Bead] | None = None) -> None:
        self.source = source
        self.target = target
        self.kind = kind
        if beads is not None:
            self.__dict__["beads"] = beads
        self._matches: dict[tuple[str, int, int], list[Match]] = {}
        self._numbers: dict[tuple[str, int, int], list[Number]] = {}

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
        return align_texts(self.source.text, self.target.text, glossary=self.glossary)

    def window(self, i: int) -> list[Bead]:
        """Bead ``i`` and, when alignment may drift, its neighbours."""
        if not self.drift:
            return [self.beads[i]]
        return self.beads[max(0, i - 1):i + 2]

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
                        inside.append(dataclasses.replace(m, start=m.start - seg.start,
                                                          end=m.end - seg.start))
                self._matches[key] = inside
            else:
                self._matches[key] = g.find(seg.text)
        return self._matches[key]

    def numbers(self, seg: Segment, side: str) -> list[Number]:
        """Numbers in ``seg.text`` (offsets relative to it)."""
        from zhen_tools.text.numbers import extract_numbers

        key = (side, seg.start, seg.end)
        if key not in self._numbers:
            self._numbers[key] = extract_numbers(seg.text, "zh" if side == "source" else "en")
        return self._numbers[key]

    def finding(self, start: int, end: int, rule: str, message: str,
                suggestion: str | None = None, severity: Severity | str | None = None) -> Finding:
        """A finding at ``start:end`` of the target document."""
        return self.target.finding(start, end, rule, message, suggestion, severity)

    def segment_finding(self, seg: Segment, start: int, end: int, rule: str, message: str,
                        suggestion: str | None = None) -> Finding:
        """A finding at ``seg.text[start:end]`` of a target segment."""
        return self.finding(seg.doc_offset(start), seg.doc_offset(end), rule, message, suggestion)


# -- pairing --------------------------------------------------------------------------------


def sibling_key(path: str) -> tuple[str, str, str] | None:
    """(stem key, "source"|"target", extension) for ``NAME.zh.EXT`` / ``NAME.en.EXT`` paths.

    >>> sibling_key("news/a.zh-Hans.md"), sibling_key("news/a.en.md"), sibling_key("a.md")
    (('news/a', 'source', 'md'), ('news/a', 'target', 'md'), None)
    """
    head, base = os.path.split(path)
    m = _SIBLING.match(base)
    if m is None:
        return None
    side = "source" if m.group("lang").lower().startswith("zh") else "target"
    return os.path.join(head, m.group("name")), side, m.group("ext").lower()


def _path_key(path: str) -> str:
    return path if path == "-" else os.path.normcase(os.path.abspath(path))


def path_roles(paths: Iterable[str],
               explicit: Iterable[tuple[str, str]] = ()) -> dict[str, tuple[str, str]]:
    """The pair side each path of a run takes, as far as paths alone tell: path -> (side, how),
    side ``source``/``target``, how ``explicit`` (``--source``/``--target``), ``sibling``
    (``NAME.zh.EXT`` with ``NAME.en.EXT``) or ``name`` (a ``NAME.zh.EXT`` without its sibling).
    Explicit pairs come first, as in ``find_pairs``. Files in XLIFF/PO/TMX are bilingual, never
    siblings; a TSV/CSV is bilingual only if its header or ``columns`` says so, which the caller
    learns on reading it (being bilingual then wins over the role named here).

    The engine uses this before reading anything: a source is Chinese by design, so no
    English-judging document rule runs on it. A file named ``.zh.`` is a source even when its
    sibling is not in the run, so a pre-commit run on the changed files alone judges it as the
    full run does.

    >>> roles = path_roles(["a.zh.txt", "a.en.txt", "b.zh.txt", "s.txt", "t.txt"], [("s.txt", "t.txt")])
    >>> sorted(roles.items())  # doctest: +NORMALIZE_WHITESPACE
    [('a.en.txt', ('target', 'sibling')), ('a.zh.txt', ('source', 'sibling')),
     ('b.zh.txt', ('source', 'name')), ('s.txt', ('source', 'explicit')), ('t.txt', ('target', 'explicit'))]
    """
    from zhen_tools.formats.bilingual import bilingual_format

    paths = list(paths)
    roles: dict[str, tuple[str, str]] = {}
    used: set[str] = set()
    for src, tgt in explicit:
        for side, p in (("source", src), ("target", tgt)):
            roles.setdefault(p, (side, "explicit"))
            used.add(_path_key(p))
    groups: dict[tuple[str, str], dict[str, list[str]]] = {}
    for p in paths:
        key = sibling_key(p)
        if key is None or _path_key(p) in used or bilingual_format(p) in ("po", "xliff", "tmx"):
            continue
        groups.setdefault((key[0], key[2]), {}).setdefault(key[1], []).append(p)
    for group in groups.values():
        paired = bool(group.get("source") and group.get("target"))
        for side, members in group.items():
            if paired or side == "source":
                for p in members:
                    roles.setdefault(p, (side, "sibling" if paired else "name"))
    return roles


def _resolve(side: Side, ctxs: Sequence[DocContext], glossary: Glossary | None) -> DocContext:
    if isinstance(side, DocContext):
        return side
    if isinstance(side, Document):
        for c in ctxs:
            if c.doc is side:
                return c
        return DocContext(side, glossary)
    name = os.fspath(side)
    key = os.path.normcase(os.path.abspath(name)) if name != "-" else "-"
    for c in ctxs:
        p = c.doc.path
        if p == name or (p != "-" and os.path.normcase(os.path.abspath(p)) == key):
            return c
    return DocContext(read_document(name), glossary)


def pair_documents(source: DocContext, target: DocContext) -> PairContext:
    """A pair of whole documents, aligned lazily (on first use of ``beads``)."""
    return PairContext(source, target, kind="files")


def find_pairs(ctxs: Sequence[DocContext],
               explicit: Iterable[tuple[Side, Side]] | None = None,
               columns: Sequence[str | int] | None = None,
               units: Mapping[str, Sequence[Unit] | None] | None = None) -> list[PairContext]:
    """Every source/target pair among the documents of a run (see the module docstring).

    ``explicit`` items are (source, target), each a path, Document or DocContext; paths not
    among ``ctxs`` are read. ``columns`` picks TSV/CSV columns (see bilingual.read_units).
    ``units`` are translation units already read, by document path (None: not bilingual), so
    a file the engine has parsed is not parsed again. Raises DocumentError/BilingualError for
    unreadable inputs.
    """
    from zhen_tools.formats.bilingual import read_units

    glossary = next((c.glossary for c in ctxs if c.glossary is not None), None)
    pairs: list[PairContext] = []
    used: set[int] = set()
    for src, tgt in explicit or ():
        s, t = _resolve(src, ctxs, glossary), _resolve(tgt, ctxs, glossary)
        pairs.append(pair_documents(s, t))
        used.update((id(s), id(t)))
    for ctx in ctxs:
        if id(ctx) in used:
            continue
        found = units[ctx.doc.path] if units is not None and ctx.doc.path in units \
            else read_units(ctx.doc, columns)
        if found is not None:
            beads = [Bead((u.source,), (u.target,)) for u in found]
            pairs.append(PairContext(ctx, ctx, kind="bilingual", beads=beads))
            used.add(id(ctx))
    siblings: dict[tuple[str, str], dict[str, list[DocContext]]] = {}
    for ctx in ctxs:
        key = sibling_key(ctx.doc.path) if id(ctx) not in used else None
        if key is not None:
            siblings.setdefault((key[0], key[2]), {}).setdefault(key[1], []).append(ctx)
    for group in siblings.values():
        for s in group.get("source", []):
            for t in group.get("target", []):
                pairs.append(pair_documents(s, t))
                used.update((id(s), id(t)))
    for ctx in ctxs:
        if id(ctx) not in used and _has_source_line(ctx.doc):
            pairs.extend(PairContext(ctx, ctx, kind="digest", beads=[b])
                         for b in digest_beads(ctx.doc.text))
    return pairs


# -- digests --------------------------------------------------------------------------------


def is_source_line(text: str) -> bool:
    """A line whose letters are mostly Han (or kana): a Chinese headline in a digest. Short
    mixed lines such as ``Mei Ri Jing Ji Xin Wen· 2026-01-13 07:26`` are English.

    >>> is_source_line("日本盯上海底稀土，超70%依赖中国进口"), is_source_line("中国能源报· 2026-01-12 12:51")
    (True, True)
    >>> is_source_line("Mei Ri Jing Ji Xin Wen· 2026-01-13 07:26"), is_source_line("Takaichi (高市早苗) said")
    (False, False)
    """
    han = len(_HAN.findall(text))
    if han < 2:
        return False  # most lines: no need to count their letters
    latin = len(_LETTER.findall(text)) - han
    # One Han character carries what two or three English letters do, so "mostly Han" weighs
    # each Han character double: "日本JAMSTEC宣布" is a Chinese line.
    return han >= 2 and 2 * han >= latin


def _has_source_line(doc: Document) -> bool:
    """Whether any line of ``doc`` is a Chinese line (a digest needs one). Only lines holding a
    Han or kana character are looked at, so an English file -- even a large one with a stray
    untranslated word -- costs one regex scan, not a split into paragraphs.

    >>> from zhen_tools.text.document import document_from_text
    >>> _has_source_line(document_from_text("It ranks second,仅次于 China.\\nMore.")), \\
    ...     _has_source_line(document_from_text("English.\\r\\n标题在这里\\r\\n"))
    (False, True)
    """
    text = doc.text
    m = _HAN.search(text)
    while m is not None:
        line = bisect.bisect_right(doc.line_starts, m.start())  # 1-based
        if is_source_line(doc.line_text(line)):
            return True
        if line >= len(doc.line_starts):
            return False
        m = _HAN.search(text, doc.line_starts[line])
    return False


def digest_beads(text: str) -> list[Bead]:
    """Headline beads of a digest: each run of Chinese lines with the English lines after it, up
    to the next Chinese line. Empty unless the document is mostly English (a Chinese article with
    an English line or two is not a digest).

    >>> [(b.source_text, b.target_text) for b in digest_beads("标题一\\nFirst summary.\\n标题二\\nSecond.")]
    [('标题一', 'First summary.'), ('标题二', 'Second.')]
    >>> digest_beads("全中文的文章。\\n还是中文。\\nOne English line.")
    []
    """
    lines = paragraphs(text)
    kinds = [is_source_line(p.text) for p in lines]
    han = sum(len(p.text) for p, k in zip(lines, kinds) if k)
    eng = sum(len(p.text) for p, k in zip(lines, kinds) if not k)
    # English takes ~3.4 characters for one Chinese character: compare like with like.
    if not han or eng < han * 3.43:
        return []
    beads: list[Bead] = []
    i = 0
    while i < len(lines):
        if not kinds[i]:
            i += 1
            continue
        j = i
        while j < len(lines) and kinds[j]:
            j += 1
        k = j
        while k < len(lines) and not kinds[k]:
            k += 1
        if k > j:
            beads.append(Bead(tuple(lines[i:j]), tuple(lines[j:k])))
        i = k
    return beads
