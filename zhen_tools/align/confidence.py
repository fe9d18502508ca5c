"""How far to trust one bead of an alignment: a confidence in [0, 1] from what the bead carries.

The aligner picks the cheapest path, so every segment lands in some bead even where the two
sides do not correspond (a paragraph the translator rewrote, a sentence moved). Pair rules that
report what the target lacks (``number-mismatch``, ``glossary-missing``) would then report a
misalignment as a translation error. A bead is trusted when its lengths fit Gale & Church's
model of zh→en news, or when its anchors (numbers, dates, glossary entries, Latin words of the
source) agree; it is weak when its lengths are unlikely and its anchors disagree.

>>> from zhen_tools.align.aligner import Bead, Segment
>>> seg = lambda t: Segment(0, len(t), t)
>>> good = Bead((seg("日本计划在2027年开始商业开采。"),), (seg("Japan plans to begin commercial mining in 2027."),))
>>> moved = ("Officials said on Tuesday that the harbour of the island would reopen in May, after "
...          "repairs to its 300 m pier, and that two ferries would then run there twice a day.")
>>> bad = Bead((seg("日本计划在2027年开始商业开采。"),), (seg(moved),))
>>> confidence(good) >= MIN_CONFIDENCE > confidence(bad)
True
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from zhen_tools.align.aligner import RATIO, VARIANCE, anchors

if TYPE_CHECKING:
    from zhen_tools.align.aligner import Bead
    from zhen_tools.glossary.model import Glossary

__all__ = ["MIN_CONFIDENCE", "anchor_agreement", "confidence", "length_fit"]

# Below this a bead is too weak for a pair rule to report what its target lacks.
MIN_CONFIDENCE = 0.01


def _length(text: str) -> int:
    return len("".join(text.split()))


def length_fit(source: str, target: str) -> float:
    """Two-sided probability of a length ratio at least this far from zh→en news's (1.0: exact).

    >>> length_fit("日本计划开采。", "Japan plans to mine.") > 0.5
    True
    >>> length_fit("日本。", "Japan plans to begin commercial mining of rare earth mud in 2027.") < 0.01
    True
    """
    ls, lt = _length(source), _length(target)
    if not ls and not lt:
        return 1.0
    mean = max((ls + lt / RATIO) / 2, 1.0)
    z = (lt - RATIO * ls) / math.sqrt(VARIANCE * mean)
    return math.erfc(abs(z) / math.sqrt(2))


def anchor_agreement(source: str, target: str, glossary: Glossary | None = None) -> float | None:
    """Shared anchors / all anchors of the two sides (English words count only when the source
    writes them too); None when neither side has any.

    >>> anchor_agreement("G20在2027年", "the G20 in 2027"), anchor_agreement("开会", "a meeting")
    (1.0, None)
    """
    a = anchors(source, "zh", glossary)
    b = anchors(target, "en", glossary)
    src = set(a)
    tgt = {k for k in b if not k.startswith("l:")}
    union = src | tgt
    if not union:
        return None
    return len(src & set(b)) / len(union)


def confidence(bead: Bead, glossary: Glossary | None = None) -> float:
    """1 - (1 - length fit) x (1 - anchor agreement); a bead with one side empty has 0.

    A sentence whose translation has an unusual length is trusted if its numbers and names
    agree, and one whose numbers disagree is trusted if its length fits: only both failing
    together make a bead weak, so a single changed number in a well-aligned bead is still
    reported.
    """
    if not bead.source or not bead.target:
        return 0.0
    fit = length_fit(bead.source_text, bead.target_text)
    agree = anchor_agreement(bead.source_text, bead.target_text, glossary)
    if agree is None:
        return fit
    return 1 - (1 - fit) * (1 - agree)
