"""Edit distances between two short strings (name parts, words), in pure Python: the Levenshtein
distance and rapidfuzz's ``fuzz.ratio``, with the same values, so a run that compares a handful of
names does not import rapidfuzz (whose package imports every submodule: ~8 ms of a cold start).

Both are bit-parallel (one machine-word step per character of the second string, Python ints
as bit vectors of the first), so a comparison of two names costs a few microseconds.

>>> levenshtein("kitten", "sitting"), indel("kitten", "sitting")
(3, 5)
>>> ratio("Sanna", "Sanae")
80.0
"""

from __future__ import annotations

__all__ = ["indel", "levenshtein", "ratio"]


def _positions(a: str) -> dict[str, int]:
    """Each character of ``a`` -> the bit mask of the places where it occurs."""
    found: dict[str, int] = {}
    for i, ch in enumerate(a):
        found[ch] = found.get(ch, 0) | (1 << i)
    return found


def levenshtein(a: str, b: str) -> int:
    """Insertions, deletions and substitutions from ``a`` to ``b`` (Myers' bit-vector algorithm,
    in Hyyrö's formulation: vertical deltas of one column of the table as two bit vectors)."""
    if not a:
        return len(b)
    peq = _positions(a)
    mask = (1 << len(a)) - 1
    last = 1 << (len(a) - 1)
    pv, mv, score = mask, 0, len(a)
    for ch in b:
        eq = peq.get(ch, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | ~(xh | pv)
        mh = pv & xh
        if ph & last:
            score += 1
        elif mh & last:
            score -= 1
        ph = (ph << 1) | 1
        mh <<= 1
        pv = (mh | ~(xv | ph)) & mask
        mv = ph & xv
    return score


def _lcs(a: str, b: str) -> int:
    """Length of the longest common subsequence (Allison and Dix's bit-vector algorithm)."""
    if not a or not b:
        return 0
    peq = _positions(a)
    mask = (1 << len(a)) - 1
    s = mask
    for ch in b:
        u = s & peq.get(ch, 0)
        s = ((s + u) | (s - u)) & mask
    return len(a) - s.bit_count()


def indel(a: str, b: str) -> int:
    """Insertions and deletions from ``a`` to ``b`` (no substitutions)."""
    return len(a) + len(b) - 2 * _lcs(a, b)


def ratio(a: str, b: str) -> float:
    """rapidfuzz's ``fuzz.ratio(a, b)``: ``100 * (1 - indel / (len(a) + len(b)))``, computed in
    the same floating-point steps (100 for two empty strings)."""
    total = len(a) + len(b)
    if not total:
        return 100.0
    return (1.0 - indel(a, b) / total) * 100
