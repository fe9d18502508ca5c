"""Intervals: which of a document's spans (glossary matches, findings) overlap a given span.

A helper of the rules that must not report inside text another finding or match already covers.

>>> iv = Intervals([(0, 5), (10, 12)])
>>> iv.overlaps(4, 6), iv.overlaps(5, 10), iv.touches(11, 12)
(True, False, True)
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from itertools import accumulate, chain

__all__ = ["NO_INTERVALS", "Intervals"]


class Intervals:
    """A set of (start, end) intervals, disjoint or repeated (glossary matches, chosen hits),
    with an overlap test."""

    def __init__(self, items: Iterator[tuple[int, int]] | tuple[()] | Sequence[tuple[int, int]]) -> None:
        self.items = sorted(items)
        self._reach: tuple[list[int], list[int]] | None = None  # see ``starts_and_reach``
        self._flat: list[int] | None = None  # start, end, start, end ... for ``near``

    def add(self, start: int, end: int) -> None:
        bisect.insort(self.items, (start, end))
        self._reach = self._flat = None

    def touches(self, start: int, end: int) -> bool:
        """Whether any interval overlaps [start, end) (exact, whatever the intervals)."""
        starts, reach = self.starts_and_reach()
        i = bisect.bisect_left(starts, end)  # the intervals starting before ``end``
        return i > 0 and reach[i - 1] > start

    def starts_and_reach(self) -> tuple[list[int], list[int]]:
        """The intervals' starts and the running maximum of their ends: [start, end) touches an
        interval iff ``i = bisect_left(starts, end)`` is positive and ``reach[i - 1] > start``."""
        if self._reach is None:
            self._reach = ([s for s, _ in self.items], list(accumulate((e for _, e in self.items), max)))
        return self._reach

    def near(self, start: int, end: int) -> tuple[int, ...] | None:
        """What ``touches``, ``overlaps`` and ``overlapping`` can see of the intervals for any
        [a, b) inside [start, end), relative to ``start``: None when nothing touches it."""
        if not self.touches(start, end):
            return None
        return self.near_touching(start, end)

    def near_touching(self, start: int, end: int) -> tuple[int, ...]:
        """``near`` for a range that ``touches`` some interval: how many of the nine places
        before the first interval starting at ``start`` or later are empty, then the starts and
        ends of the intervals from there up to ``end``."""
        starts = self.starts_and_reach()[0]
        if self._flat is None:
            self._flat = list(chain.from_iterable(self.items))
        lo = bisect.bisect_left(starts, start) - 9
        hi = bisect.bisect_left(starts, end)
        if lo < 0:
            return (-lo, *[x - start for x in self._flat[: 2 * hi]])
        return (0, *[x - start for x in self._flat[2 * lo : 2 * hi]])

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        i = bisect.bisect_left(self.items, (end, end))
        return [(s, e) for s, e in self.items[max(0, i - 9) : i] if s < end and start < e]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.items, (end, end))
        # Disjoint intervals: only the last few starting before ``end`` can reach past ``start``
        # (a span that is a form of several entries repeats as several items).
        for k in range(i - 1, max(-1, i - 9), -1):
            s, e = self.items[k]
            if s < end and start < e:
                return True
        return False


NO_INTERVALS = Intervals(())
