"""Align a Chinese source with its English translation: paragraphs first, then sentences inside
aligned paragraphs, each with a dynamic-programming aligner over 1-1, 1-2, 2-1, 1-0 and 0-1 beads.

A bead's cost is Gale & Church's (1993): the prior of its shape plus how unlikely its length
ratio is, with the English/Chinese character ratio and its variance measured on the WMT21 zh-en
news test set (non-space characters: 3.43 English per Chinese, variance 30.2 per Chinese
character). Anchors sharpen it: numbers, glossary entries and Latin strings found on both sides
lower a bead's cost; the same found on one side only raise it. A 2-1 (1-2) bead one of whose
segments has numbers, dates or names none of which the other side has is a dropped (added)
sentence beside its neighbour's translation: it comes out as a 1-1 and a 1-0 (0-1) bead.

>>> src = "南鸟岛位于东京东南约1900公里。\\n\\n日本计划在2027年开始商业开采。"
>>> tgt = ("Minami-Torishima lies about 1,900 km southeast of Tokyo.\\n\\n"
...        "Japan plans to begin commercial mining in 2027.")
>>> [b.kind for b in align_texts(src, tgt)]
['1-1', '1-1']
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from zhen_tools.text.document import Segment
from zhen_tools.text.lazyre import lazy_compile
from zhen_tools.text.numbers import Number, extract_numbers
from zhen_tools.text.segment import split_sentences

if TYPE_CHECKING:
    from zhen_tools.glossary.model import Glossary, Match

__all__ = [
    "PARAGRAPH_PRIORS",
    "RATIO",
    "SENTENCE_PRIORS",
    "VARIANCE",
    "Bead",
    "Segment",
    "align",
    "align_paragraphs",
    "align_texts",
    "anchors",
    "paragraphs",
    "sentences",
]

# Measured on newstest2021.zh-en (1,948 line pairs): sum(len en) / sum(len zh) over non-space
# characters, and the variance of (len_en - RATIO * len_zh) per Chinese character.
RATIO = 3.43
VARIANCE = 30.2

# Gale & Church's bead priors (1-1 .89, 2-1/1-2 .089, 1-0/0-1 .0099), split between mirror shapes.
SENTENCE_PRIORS = {(1, 1): 0.89, (2, 1): 0.0445, (1, 2): 0.0445, (1, 0): 0.00495, (0, 1): 0.00495}
# News translations keep paragraphs: joining or splitting one is no likelier than adding or
# dropping one, so a paragraph added next to a short one is not glued to it as a 1-2 bead.
PARAGRAPH_PRIORS = {(1, 1): 0.96, (2, 1): 0.01, (1, 2): 0.01, (1, 0): 0.01, (0, 1): 0.01}
_PENALTY = {shape: -math.log(p) for shape, p in SENTENCE_PRIORS.items()}
# Anchor weights, in the same -log(probability) units as the length cost.
_HIT = 1.5
_MISS = 1.0
# Above this many DP cells the search is limited to a band around the skeleton, _BAND cells on
# each side to begin with, doubled while the path runs along its edge. A 50-line news file
# (2,600 cells) is banded too: the band of 10 gives the exhaustive alignment on the WMT21 pairs
# and on bench_speed's edited documents, in a third of the cells.
_FULL_DP_CELLS = 1_000
# How much of Gale & Church's length cost an omitted or added segment pays. All of it makes a
# dropped sentence look like half of a 2-1 merge; none makes long paragraphs cheap to skip.
_OMIT_LENGTH = 0.1
_BAND = 10
# Anchors seen more often than this on a side are too common to place the band by.
_SKELETON_REPEATS = 3


@dataclass(frozen=True)
class Bead:
    """Source segments aligned with target segments (either side may be empty)."""

    source: tuple[Segment, ...]
    target: tuple[Segment, ...]
    cost: float = 0.0

    @property
    def kind(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"

    @property
    def source_text(self) -> str:
        return " ".join(s.text for s in self.source)

    @property
    def target_text(self) -> str:
        return " ".join(s.text for s in self.target)


# -- segmentation ---------------------------------------------------------------------------

_LINE = lazy_compile(r"[^\r\n]+")


def paragraphs(text: str, start: int = 0, end: int | None = None) -> list[Segment]:
    """Each non-blank line of ``text[start:end]`` is a paragraph (news is written a paragraph per
    line, with or without blank lines between), stripped of surrounding whitespace.

    >>> [p.text for p in paragraphs("Title\\n\\n  First para.  \\r\\nSecond.")]
    ['Title', 'First para.', 'Second.']
    """
    out = []
    for m in _LINE.finditer(text, start, len(text) if end is None else end):
        line = m.group()
        stripped = line.strip()
        if stripped:
            s = m.start() + (len(line) - len(line.lstrip()))
            out.append(Segment(s, s + len(stripped), stripped))
    return out


def sentences(seg: Segment) -> list[Segment]:
    """The sentences of a segment, with offsets in the segment's document."""
    out = []
    for s in split_sentences(seg.text):
        if seg.offsets is None:
            out.append(Segment(seg.start + s.start, seg.start + s.end, s.text))
        else:
            offs = seg.offsets[s.start : s.end + 1]
            out.append(Segment(offs[0], offs[-1], s.text, offs))
    return out or [seg]


# -- anchors --------------------------------------------------------------------------------

_LATIN = lazy_compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'][A-Za-z0-9]+)*")


def anchors(
    text: str,
    lang: str,
    glossary: Glossary | None = None,
    latin: Collection[str] | None = None,
    find: Callable[[str], list[Match]] | None = None,
    numbers: Callable[[str, str], list[Number]] | None = None,
) -> Counter[str]:
    """What identifies a segment across languages: numbers (by value), glossary entries (by id)
    and, for Chinese, the Latin words it contains (``iPhone``, ``G20``).

    ``latin``, when given, keeps only the Latin-word keys in it: an English segment's words
    matter only where the source writes them too, and most English words are not in a Chinese
    source at all. ``find``, when given, stands for ``glossary.find`` (a caller's memo of it),
    and ``numbers`` for ``extract_numbers`` (the same).

    >>> sorted(anchors("日本在2027年开始G20", "zh"))
    ['l:g20', 'n:2027']
    >>> sorted(anchors("G20 in 2027", "en"))
    ['l:g20', 'l:in', 'n:2027']
    >>> sorted(anchors("G20 in 2027", "en", latin={"l:g20"}))
    ['l:g20', 'n:2027']
    """
    out: Counter[str] = Counter()
    for n in (numbers or extract_numbers)(text, lang):
        if n.kind in ("date", "month"):
            out[f"d:{n.value}"] += 1
        elif n.kind != "code" and (n.strict or lang == "en"):
            out[f"n:{format(n.value.normalize(), 'f')}"] += 1
    if glossary is not None:
        for gm in (find or glossary.find)(text):
            if gm.status in ("source", "accepted"):
                out[f"g:{gm.entry_id}"] += 1
    if latin is None:
        for m in _LATIN.finditer(text):
            if len(m.group()) > 1:
                out[f"l:{m.group().lower()}"] += 1
    elif latin:
        for m in _LATIN.finditer(text):
            key = "l:" + m.group().lower()
            if key in latin:
                out[key] += 1
    return out


def _anchor_cost(a: Counter[str], b: Counter[str], size_a: int, strong_b: int) -> float:
    """Shared anchors lower the cost; numbers and names on one side only raise it. English words
    absent from the Chinese side are the normal case and cost nothing (``strong_b`` counts the
    target's anchors other than Latin words)."""
    if not size_a and not strong_b:
        return 0.0
    hits = strong_hits = 0
    for k, v in a.items():
        w = b.get(k)
        if w:
            h = min(w, v)
            hits += h
            if k[0] != "l":
                strong_hits += h
    return -_HIT * hits + _MISS * ((size_a - hits) + (strong_b - strong_hits))


# -- the aligner ----------------------------------------------------------------------------


def _length(text: str) -> int:
    return len("".join(text.split()))


def _norm_sf(z: float) -> float:
    """Two-sided tail probability of a standard normal."""
    return math.erfc(abs(z) / math.sqrt(2))


def _length_cost(ls: int, lt: int, ratio: float, variance: float) -> float:
    if ls == 0 and lt == 0:
        return 0.0
    mean = max((ls + lt / ratio) / 2, 1.0)
    z = (lt - ratio * ls) / _sqrt(variance * mean)
    return -_log(max(_erfc(abs(z) / _SQRT2), 1e-300))  # _norm_sf inlined: the aligner's hot spot


_sqrt, _log, _erfc, _SQRT2 = math.sqrt, math.log, math.erfc, math.sqrt(2)


def align(
    source: Sequence[Segment],
    target: Sequence[Segment],
    *,
    source_lang: str = "zh",
    target_lang: str = "en",
    glossary: Glossary | None = None,
    ratio: float = RATIO,
    variance: float = VARIANCE,
    anchor: Callable[[str, str], Counter[str]] | None = None,
    priors: dict[tuple[int, int], float] | None = None,
    find: Callable[[str], list[Match]] | None = None,
    numbers: Callable[[str, str], list[Number]] | None = None,
) -> list[Bead]:
    """The cheapest sequence of beads covering ``source`` and ``target`` in order.

    Up to _FULL_DP_CELLS cells the search is exhaustive. Above, it runs in a band of _BAND
    cells on each side of a path: first the skeleton that anchors found on both sides give
    (``_skeleton``), then the path the last search found, the band doubling each time that path
    ran along its edge (a path pressed against the edge may be cut off from a cheaper one
    outside). The band follows the alignment, not the diagonal, so a long document costs time
    in proportion to its length, and a block of lines missing on one side stays inside it.

    >>> seg = lambda *ts: [Segment(0, len(t), t) for t in ts]
    >>> beads = align(seg("第一句话很短。", "第二句话要长得多，有二十个字左右吧。"),
    ...               seg("The first sentence is short.",
    ...                   "The second sentence is much longer, about twenty characters or so."))
    >>> [b.kind for b in beads]
    ['1-1', '1-1']
    """
    n, m = len(source), len(target)
    penalty = _PENALTY if priors is None else {k: -math.log(p) for k, p in priors.items()}
    if anchor is None:
        src_anc = [anchors(s.text, source_lang, glossary, None, find, numbers) for s in source]
        # A target's Latin word can only meet the same word of the source: the others would add
        # nothing to any bead's cost (see _anchor_cost), so they are not collected.
        vocab = {k for c in src_anc for k in c if k[0] == "l"}
        tgt_anc = [anchors(t.text, target_lang, glossary, vocab, find, numbers) for t in target]
    else:
        src_anc = [anchor(s.text, source_lang) for s in source]
        tgt_anc = [anchor(t.text, target_lang) for t in target]
    grid = _Grid(
        [_length(s.text) for s in source],
        [_length(t.text) for t in target],
        src_anc,
        tgt_anc,
        list(penalty.items()),  # in the priors' order: it decides ties
        ratio,
        variance,
    )
    if n * m <= _FULL_DP_CELLS:
        lo, hi = [0] * (n + 1), [m] * (n + 1)
        grid.fill(lo, hi)
    else:
        width = _BAND
        path_lo, path_hi = _skeleton(grid.src_anc, grid.tgt_anc)
        while True:
            lo = [max(0, a - width) for a in path_lo]
            hi = [min(m, b + width) for b in path_hi]
            grid.fill(lo, hi)
            path = grid.path()
            if (2 * width > m and 2 * width > n) or not _near_edge(path, lo, hi, m):
                break
            path_lo, path_hi = [m] * (n + 1), [0] * (n + 1)
            for i, j in path:
                path_lo[i] = min(path_lo[i], j)
                path_hi[i] = max(path_hi[i], j)
            width *= 2
    return grid.beads(source, target)


def _skeleton(src_anc: list[Counter[str]], tgt_anc: list[Counter[str]]) -> tuple[list[int], list[int]]:
    """Where the alignment probably runs: for each source row i, the first and last target
    column of a path through the longest chain of anchors found on both sides in order (numbers,
    names: anchors seen at most _SKELETON_REPEATS times on each side), straight between them.
    Without such anchors the chain is empty and the path is the diagonal.

    >>> c = lambda *keys: Counter(keys)
    >>> _skeleton([c(), c("n:5"), c(), c("n:9")], [c("n:5"), c(), c("n:9")])
    ([0, 0, 1, 2, 3], [0, 1, 2, 3, 3])
    """
    n, m = len(src_anc), len(tgt_anc)
    where: dict[str, list[int]] = {}
    for j, c in enumerate(tgt_anc):
        for key in c:
            where.setdefault(key, []).append(j)
    seen: Counter[str] = Counter(key for c in src_anc for key in c)
    pairs: list[tuple[int, int]] = []
    for i, c in enumerate(src_anc):
        for key in c:
            js = where.get(key, [])
            if js and seen[key] <= _SKELETON_REPEATS and len(js) <= _SKELETON_REPEATS:
                pairs.extend((i + 1, j + 1) for j in js)  # the cell after the 1-1 bead
    # Longest chain increasing in both coordinates (patience sorting; for one row the columns
    # go in decreasing order so that a row contributes one point).
    pairs.sort(key=lambda p: (p[0], -p[1]))
    tails: list[int] = []  # tails[k]: index in pairs of the smallest last column of a k+1 chain
    prev = [-1] * len(pairs)
    for x, (_, j) in enumerate(pairs):
        k = _bisect_tails(pairs, tails, j)
        if k:
            prev[x] = tails[k - 1]
        if k == len(tails):
            tails.append(x)
        else:
            tails[k] = x
    chain = []
    x = tails[-1] if tails else -1
    while x >= 0:
        chain.append(pairs[x])
        x = prev[x]
    points = [(0, 0), *reversed(chain), (n, m)]
    # Straight between the points: row i of a stretch spans its columns at i and i + 1.
    lo, hi = [m] * (n + 1), [0] * (n + 1)
    for (i0, j0), (i1, j1) in pairwise(points):
        rows = max(i1 - i0, 1)
        for i in range(i0, i1 + 1):
            a = j0 + (j1 - j0) * (i - i0) // rows
            b = j0 + (j1 - j0) * (i + 1 - i0) // rows if i < i1 else j1
            lo[i], hi[i] = min(lo[i], a), max(hi[i], b)
    return lo, hi


def _bisect_tails(pairs: list[tuple[int, int]], tails: list[int], j: int) -> int:
    """The first chain length whose smallest last column is not below ``j``."""
    lo, hi = 0, len(tails)
    while lo < hi:
        mid = (lo + hi) // 2
        if pairs[tails[mid]][1] < j:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _near_edge(path: list[tuple[int, int]], lo: list[int], hi: list[int], m: int) -> bool:
    """Whether the path comes within two cells of a band edge that is not the grid's edge."""
    return any((j - lo[i] < 2 and lo[i] > 0) or (hi[i] - j < 2 and hi[i] < m) for i, j in path)


class _Grid:
    """The dynamic-programming table of ``align``, one band of columns per row."""

    def __init__(
        self,
        src_len: list[int],
        tgt_len: list[int],
        src_anc: list[Counter[str]],
        tgt_anc: list[Counter[str]],
        shapes: list[tuple[tuple[int, int], float]],
        ratio: float,
        variance: float,
    ) -> None:
        self.n, self.m = len(src_len), len(tgt_len)
        self.src_anc, self.tgt_anc = src_anc, tgt_anc
        self.shapes, self.ratio, self.variance = shapes, ratio, variance

        def prefix(values: list[int]) -> list[int]:
            out = [0]
            for v in values:
                out.append(out[-1] + v)
            return out

        self.src_pre, self.tgt_pre = prefix(src_len), prefix(tgt_len)
        self.src_cum = prefix([sum(c.values()) for c in src_anc])
        self.tgt_cum = prefix([sum(c.values()) for c in tgt_anc])
        self.strong_cum = prefix([sum(v for k, v in c.items() if k[0] != "l") for c in tgt_anc])
        empty: Counter[str] = Counter()
        # groups[d][k]: the anchors of segments k..k+d-1 together.
        self.src_groups = (
            [empty] * (self.n + 1),
            src_anc,
            [src_anc[k] + src_anc[k + 1] for k in range(self.n - 1)],
        )
        self.tgt_groups = (
            [empty] * (self.m + 1),
            tgt_anc,
            [tgt_anc[k] + tgt_anc[k + 1] for k in range(self.m - 1)],
        )
        self.lo: list[int] = []
        self.cost: list[list[float]] = []
        self.back: list[list[tuple[int, int] | None]] = []
        self._target_only: dict[int, tuple[list[float | None], list[float | None]]] = {}

    def fill(self, lo: list[int], hi: list[int]) -> None:
        """cost[i][j - lo[i]]: best cost of aligning source[:i] with target[:j], for lo[i] <= j
        <= hi[i]; back: the last bead's shape.

        Row by row, shape by shape: a shape that consumes a source segment reads only earlier
        rows, so it runs over the whole row at once with its source side fixed; a shape that
        consumes only target segments (0-1) reads this row and runs last, cell by cell. A cell
        keeps the first of the cheapest shapes in the priors' order, as one loop over the
        shapes per cell would. The costs are summed in the same order too (previous cell,
        prior, length, anchors), so every float is the same as that loop's.
        """
        inf = float("inf")
        ratio, variance = self.ratio, self.variance
        tgt_pre, tgt_cum, strong_cum = self.tgt_pre, self.tgt_cum, self.strong_cum
        # Module constants and math functions as locals, and conditional expressions in place of
        # min() and max() (each keeps the same operand as the builtin would, so the floats are
        # the same): the inner loop runs some 200,000 times on a 50-line pair.
        sqrt, log, erfc, root2, hit, miss, anchor_cost = _sqrt, _log, _erfc, _SQRT2, _HIT, _MISS, _anchor_cost
        self.lo = lo
        cost = self.cost = [[inf] * (h - lw + 1) for lw, h in zip(lo, hi)]
        back = self.back = [[None] * (h - lw + 1) for lw, h in zip(lo, hi)]
        if lo[0] == 0:
            cost[0][0] = 0.0
        order = {shape: k for k, (shape, _) in enumerate(self.shapes)}
        consuming = [(shape, p) for shape, p in self.shapes if shape[0]]
        target_only = [(shape, p) for shape, p in self.shapes if not shape[0]]
        for i in range(self.n + 1):
            row, brow, lo_i, hi_i = cost[i], back[i], lo[i], hi[i]
            for shape, prior in consuming:
                di, dj = shape
                pi = i - di
                if pi < 0:
                    continue
                prow, plo = cost[pi], lo[pi]
                ls = self.src_pre[i] - self.src_pre[pi]
                size_a = self.src_cum[i] - self.src_cum[pi]
                a = self.src_groups[di][pi]
                groups = self.tgt_groups[dj]
                weight = 1.0 if dj else _OMIT_LENGTH
                j0, j1 = max(lo_i, plo + dj, 1 if i == 0 else 0), min(hi_i, hi[pi] + dj)
                if not dj:  # 1-0, 2-0: the same bead cost at every column
                    length = _length_cost(ls, 0, ratio, variance) * weight if ls else 0.0
                    anc = _anchor_cost(a, groups[0], size_a, 0) if size_a else 0.0
                    for j in range(j0, j1 + 1):
                        c = prow[j - plo]
                        if c == inf:
                            continue
                        c += prior
                        if ls:
                            c += length
                        if size_a:
                            c += anc
                        if c < row[j - lo_i]:
                            row[j - lo_i] = c
                            brow[j - lo_i] = shape
                    continue
                # sqrt(variance * mean) with mean = (ls + lt / ratio) / 2, at least 1
                rls = ratio * ls
                for j in range(j0, j1 + 1):
                    pj = j - dj
                    c = prow[pj - plo]
                    if c == inf:
                        continue
                    best = row[j - lo_i]
                    # The anchors can lower the cost by at most _HIT per shared anchor, and the
                    # length cost is never negative: skip shapes that cannot win before computing it.
                    shared = tgt_cum[j] - tgt_cum[pj]
                    bonus = hit * (size_a if size_a <= shared else shared)
                    c += prior
                    if c - bonus >= best:
                        continue
                    lt = tgt_pre[j] - tgt_pre[pj]
                    if ls or lt:  # _length_cost inlined: the aligner's hot spot
                        mean = (ls + lt / ratio) / 2
                        z = (lt - rls) / sqrt(variance * (mean if mean >= 1.0 else 1.0))
                        tail = erfc(abs(z) / root2)
                        c += -log(tail if tail >= 1e-300 else 1e-300) * weight
                        if c - bonus >= best:
                            continue
                    strong_b = strong_cum[j] - strong_cum[pj]
                    if size_a:
                        c += anchor_cost(a, groups[pj], size_a, strong_b)
                    elif strong_b:
                        c += miss * strong_b  # what _anchor_cost gives with no source anchors
                    if c < best:
                        row[j - lo_i] = c
                        brow[j - lo_i] = shape
            for shape, prior in target_only:
                dj = shape[1]
                rank = order[shape]
                length_b, anc_b = self.target_only_costs(dj)
                for j in range(max(lo_i + dj, 1 if i == 0 else 0), hi_i + 1):
                    c = row[j - dj - lo_i]
                    if c == inf:
                        continue
                    best = row[j - lo_i]
                    c += prior
                    add_length, add_anchors = length_b[j], anc_b[j]
                    if add_length is not None:
                        c += add_length
                    if add_anchors is not None:
                        c += add_anchors
                    prev = brow[j - lo_i]
                    if c < best or (c == best and prev is not None and order[prev] > rank):
                        row[j - lo_i] = c
                        brow[j - lo_i] = shape

    def target_only_costs(self, dj: int) -> tuple[list[float | None], list[float | None]]:
        """Length and anchor cost of a 0-``dj`` bead ending at each column (None: not added)."""
        if dj not in self._target_only:
            tgt_pre, strong_cum = self.tgt_pre, self.strong_cum
            length: list[float | None] = [None] * (self.m + 1)
            anc: list[float | None] = [None] * (self.m + 1)
            for j in range(dj, self.m + 1):
                lt = tgt_pre[j] - tgt_pre[j - dj]
                if lt:
                    length[j] = _length_cost(0, lt, self.ratio, self.variance) * _OMIT_LENGTH
                strong_b = strong_cum[j] - strong_cum[j - dj]
                if strong_b:
                    anc[j] = _MISS * strong_b
            self._target_only[dj] = (length, anc)
        return self._target_only[dj]

    def _at(self, table: list[list], i: int, j: int):  # type: ignore[no-untyped-def,type-arg]
        k = j - self.lo[i]
        return table[i][k] if 0 <= k < len(table[i]) else None

    def path(self) -> list[tuple[int, int]]:
        """The cells the cheapest path visits, from (n, m) back to (0, 0)."""
        out = []
        i, j = self.n, self.m
        while i > 0 or j > 0:
            out.append((i, j))
            di, dj = self._shape(i, j)
            i, j = i - di, j - dj
        out.append((0, 0))
        return out

    def _shape(self, i: int, j: int) -> tuple[int, int]:
        shape = self._at(self.back, i, j)
        if shape is None:  # outside the band: fall back to the diagonal step that exists
            shape = (1, 1) if i and j else ((1, 0) if i else (0, 1))
        return shape  # type: ignore[no-any-return]

    def beads(self, source: Sequence[Segment], target: Sequence[Segment]) -> list[Bead]:
        inf = float("inf")
        beads: list[Bead] = []
        i, j = self.n, self.m
        while i > 0 or j > 0:
            di, dj = self._shape(i, j)
            split = self._unsupported(i, j) if (di, dj) in ((2, 1), (1, 2)) else None
            if split is not None:
                # Last bead first: the list is reversed below.
                for (a, b), (c, d) in reversed(split):
                    beads.append(Bead(tuple(source[a:b]), tuple(target[c:d]), self._bead_cost(a, b, c, d)))
                i, j = i - di, j - dj
                continue
            here, before = self._at(self.cost, i, j), self._at(self.cost, i - di, j - dj)
            here = inf if here is None else here
            before = inf if before is None else before
            beads.append(
                Bead(
                    tuple(source[i - di : i]),
                    tuple(target[j - dj : j]),
                    here - (before if before != inf else 0),
                )
            )
            i, j = i - di, j - dj
        beads.reverse()
        return beads

    def _unsupported(self, i: int, j: int) -> list[tuple[tuple[int, int], tuple[int, int]]] | None:
        """A 2-1 (1-2) bead ending at (i, j) as a 1-1 bead and a 1-0 (0-1) one, when one segment of
        its pair has no support on the other side: it carries numbers, dates or glossary entries
        and none of its anchors is found there, and the other segment alone fits the length of
        the other side at least as well as the pair. That is a dropped (added) sentence beside
        its neighbour's translation, not two sentences translated as one: a merge keeps the
        numbers of both. The priors favour merging nine to one, so the length alone seldom
        decides it. Returns the (source, target) index ranges of the beads in order, or None.
        """
        merged_source = self._shape(i, j) == (2, 1)
        shapes = dict(self.shapes)
        if (1, 1) not in shapes or ((1, 0) if merged_source else (0, 1)) not in shapes:
            return None  # priors without the beads to split into
        if merged_source:
            pairs, other = self.src_anc, self.tgt_anc[j - 1]
            lone, side, fixed = (i - 2, i - 1), self.src_pre, (self.tgt_pre[j] - self.tgt_pre[j - 1])
        else:
            pairs, other = self.tgt_anc, self.src_anc[i - 1]
            lone, side, fixed = (j - 2, j - 1), self.tgt_pre, (self.src_pre[i] - self.src_pre[i - 1])
        both = side[lone[1] + 1] - side[lone[0]]

        def fit(length: int) -> float:
            ls, lt = (length, fixed) if merged_source else (fixed, length)
            return _length_cost(ls, lt, self.ratio, self.variance)

        best: tuple[float, int] | None = None
        for k, x in enumerate(lone):
            anc = pairs[x]
            if not any(key[0] != "l" for key in anc) or any(key in other for key in anc):
                continue
            y = lone[1 - k]
            single = fit(side[y + 1] - side[y])
            if single <= fit(both) and (best is None or single < best[0]):
                best = (single, k)
        if best is None:
            return None
        k = best[1]
        x, y = lone[k], lone[1 - k]
        if merged_source:
            one, alone = ((y, y + 1), (j - 1, j)), ((x, x + 1), (j, j))
        else:
            one, alone = ((i - 1, i), (y, y + 1)), ((i, i), (x, x + 1))
        return [alone, one] if k == 0 else [one, alone]

    def _bead_cost(self, a: int, b: int, c: int, d: int) -> float:
        """The cost of one bead of source[a:b] and target[c:d], as ``fill`` counts it."""
        prior = dict(self.shapes)[b - a, d - c]
        ls, lt = self.src_pre[b] - self.src_pre[a], self.tgt_pre[d] - self.tgt_pre[c]
        cost = prior
        if ls or lt:
            cost += _length_cost(ls, lt, self.ratio, self.variance) * (1.0 if ls and lt else _OMIT_LENGTH)
        size_a = self.src_cum[b] - self.src_cum[a]
        strong_b = self.strong_cum[d] - self.strong_cum[c]
        if size_a or strong_b:
            cost += _anchor_cost(self.src_groups[b - a][a], self.tgt_groups[d - c][c], size_a, strong_b)
        return cost


def align_texts(
    source: str,
    target: str,
    *,
    glossary: Glossary | None = None,
    source_region: tuple[int, int] | None = None,
    target_region: tuple[int, int] | None = None,
    find: Callable[[str], list[Match]] | None = None,
    numbers: Callable[[str, str], list[Number]] | None = None,
) -> list[Bead]:
    """Sentence beads for two whole texts: paragraphs aligned first, then the sentences of each
    paragraph bead. Paragraphs left over on one side become one 1-0 or 0-1 bead per sentence."""
    sp = paragraphs(source, *(source_region or (0, None)))  # type: ignore[arg-type]
    tp = paragraphs(target, *(target_region or (0, None)))  # type: ignore[arg-type]
    return align_paragraphs(sp, tp, glossary=glossary, find=find, numbers=numbers)


def align_paragraphs(
    sp: Sequence[Segment],
    tp: Sequence[Segment],
    *,
    glossary: Glossary | None = None,
    split: Callable[[Segment], list[Segment]] = sentences,
    find: Callable[[str], list[Match]] | None = None,
    numbers: Callable[[str, str], list[Number]] | None = None,
) -> list[Bead]:
    """Align paragraph segments, then the sentences (``split``) inside each paragraph bead."""
    out: list[Bead] = []
    for pb in align(sp, tp, glossary=glossary, priors=PARAGRAPH_PRIORS, find=find, numbers=numbers):
        ss = [s for p in pb.source for s in split(p)]
        ts = [t for p in pb.target for t in split(p)]
        if not ss or not ts:
            out.extend(Bead((s,), ()) for s in ss)
            out.extend(Bead((), (t,)) for t in ts)
        elif len(ss) == 1 and len(ts) == 1:
            out.append(Bead((ss[0],), (ts[0],), pb.cost))
        else:
            out.extend(align(ss, ts, glossary=glossary, find=find, numbers=numbers))
    return out
