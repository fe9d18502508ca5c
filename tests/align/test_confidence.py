"""align.confidence: how far a bead can be trusted, from its lengths and anchors."""

from __future__ import annotations

import pytest

from zhen_tools.align.aligner import Bead, Segment, align_texts
from zhen_tools.align.confidence import MIN_CONFIDENCE, anchor_agreement, confidence, length_fit


def bead(zh: str, en: str) -> Bead:
    return Bead((Segment(0, len(zh), zh),), (Segment(0, len(en), en),))


MOVED = (
    "Officials said on Tuesday that the harbour of the island would reopen in May, after repairs "
    "to its 300 m pier, and that two ferries would then run there twice a day."
)


def test_a_translation_is_trusted() -> None:
    b = bead("日本计划在2027年开始商业开采。", "Japan plans to begin commercial mining in 2027.")
    assert confidence(b) > 0.5


def test_a_long_unrelated_sentence_with_other_numbers_is_weak() -> None:
    assert confidence(bead("日本计划在2027年开始商业开采。", MOVED)) < MIN_CONFIDENCE


def test_agreeing_anchors_rescue_an_unusual_length() -> None:
    """A translator who expands a terse source is not misaligned if the numbers agree."""
    zh = "2027年，G20。"
    en = (
        "In 2027, the leaders of the G20 will meet again in person, at last, after the long "
        "pandemic, to talk about trade, climate, debt relief for the poorest countries and much more."
    )
    assert length_fit(zh, en) < 0.01
    assert anchor_agreement(zh, en) == 1.0
    assert confidence(bead(zh, en)) > 0.9


def test_a_fitting_length_keeps_a_bead_with_one_changed_number() -> None:
    """The number-mismatch rule must still see a single changed number."""
    b = bead("日本70%的稀土依赖中国。", "Japan relies on China for 17% of its rare earths.")
    assert anchor_agreement(b.source_text, b.target_text) == 0.0
    assert confidence(b) >= MIN_CONFIDENCE


@pytest.mark.parametrize("b", [Bead((Segment(0, 2, "你好"),), ()), Bead((), (Segment(0, 2, "Hi"),))])
def test_a_one_sided_bead_has_no_confidence(b: Bead) -> None:
    assert confidence(b) == 0.0


def test_the_aligner_beads_of_a_translation_are_trusted() -> None:
    src = "南鸟岛位于东京东南约1900公里。\n\n日本计划在2027年开始商业开采。"
    tgt = "Minami-Torishima lies about 1,900 km southeast of Tokyo.\n\nJapan plans to begin commercial mining in 2027."
    assert all(confidence(b) > 0.5 for b in align_texts(src, tgt))
