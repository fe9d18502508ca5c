"""align.py: paragraph then sentence alignment; merged, split, missing and extra paragraphs."""

from __future__ import annotations

from zhen_tools.align.aligner import (
    PARAGRAPH_PRIORS,
    Bead,
    Segment,
    align,
    align_texts,
    anchors,
    paragraphs,
)
from zhen_tools.glossary.model import Entry, Glossary, Match
from zhen_tools.rules.context import DocContext, PairContext
from zhen_tools.text.document import document_from_text

# Parallel paragraphs written for these tests (news style, varied lengths).
ZH = [
    "日本深海钻探船“地球号”12日从静冈县清水港出发，前往距东京约1900公里的南鸟岛海域。",
    "船只预计约一周后抵达作业海域，随后开展为期约20天的深海泥取样试验。",
    "日本目前超过70%的稀土进口依赖中国。",
    "项目负责人表示，如果试验成功，日本计划在2027年2月启动商业开采。",
    "专家指出，深海开采成本高昂，是陆地开采的十倍以上。",
    "日产汽车正与早稻田大学合作，开发从报废电动汽车电机中回收稀土的技术。",
]
EN = [
    (
        "The Japanese deep-sea drilling vessel Chikyu left Shimizu Port in Shizuoka Prefecture on the "
        "12th, heading for waters near Minami-Torishima, about 1,900 kilometers from Tokyo."
    ),
    (
        "The ship is expected to reach the site in about a week and then spend about 20 days "
        "sampling mud from the deep seabed."
    ),
    "Japan currently relies on China for more than 70% of its rare earth imports.",
    (
        "The project leader said that if the trial succeeds, Japan plans to begin commercial mining "
        "in February 2027."
    ),
    "Experts note that deep-sea mining is costly, more than ten times as expensive as mining on land.",
    (
        "Nissan is working with Waseda University on technology to recover rare earths from the motors "
        "of scrapped electric vehicles."
    ),
]


def kinds(beads: list[Bead]) -> list[str]:
    return [b.kind for b in beads]


def pairs_of(beads: list[Bead]) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    return [(tuple(s.text for s in b.source), tuple(t.text for t in b.target)) for b in beads]


def test_one_to_one() -> None:
    beads = align_texts("\n\n".join(ZH), "\n\n".join(EN))
    assert kinds(beads) == ["1-1"] * 6
    assert pairs_of(beads)[2] == ((ZH[2],), (EN[2],))


def test_merged_paragraphs_in_the_target() -> None:
    """The translator joined source paragraphs 2 and 3 into one: a 2-1 bead at paragraph level,
    then the sentences inside still align one to one."""
    en = [EN[0], EN[1] + " " + EN[2], *EN[3:]]
    beads = align(paragraphs("\n".join(ZH)), paragraphs("\n".join(en)))
    assert kinds(beads) == ["1-1", "2-1", "1-1", "1-1", "1-1"]
    sentence_beads = align_texts("\n".join(ZH), "\n".join(en))
    assert kinds(sentence_beads) == ["1-1"] * 6


def test_split_paragraph_in_the_target() -> None:
    zh = [ZH[0], ZH[1] + ZH[2], *ZH[3:]]
    beads = align(paragraphs("\n".join(zh)), paragraphs("\n".join(EN)))
    assert kinds(beads) == ["1-1", "1-2", "1-1", "1-1", "1-1"]


def test_missing_paragraph_in_the_target() -> None:
    en = [EN[0], EN[1], EN[3], EN[4], EN[5]]
    beads = align_texts("\n".join(ZH), "\n".join(en))
    assert kinds(beads) == ["1-1", "1-1", "1-0", "1-1", "1-1", "1-1"]
    assert beads[2].source[0].text == ZH[2]


def test_extra_paragraph_in_the_target() -> None:
    """An added paragraph (a translator's note). A very short one next to a short paragraph is
    ambiguous by length alone and may be read as that paragraph split in two."""
    extra = (
        "(Editor's note: Japanese researchers first reported high concentrations of "
        "rare-earth elements in seabed mud near Minami-Torishima in 2012, which led to a "
        "decade of government-funded research.)"
    )
    en = [EN[0], EN[1], EN[2], extra, EN[3], EN[4], EN[5]]
    beads = align_texts("\n".join(ZH), "\n".join(en))
    assert kinds(beads) == ["1-1", "1-1", "1-1", "0-1", "1-1", "1-1", "1-1"]
    assert beads[3].target[0].text == extra


def test_sentences_inside_a_paragraph() -> None:
    """One paragraph each side; the English splits the first Chinese sentence in two."""
    zh = ZH[0] + ZH[2] + ZH[3]
    en = (
        "The Japanese deep-sea drilling vessel Chikyu left Shimizu Port on the 12th. It is heading "
        "for waters near Minami-Torishima, about 1,900 kilometers from Tokyo. " + EN[2] + " " + EN[3]
    )
    beads = align_texts(zh, en)
    assert kinds(beads) == ["1-2", "1-1", "1-1"]


def test_offsets_point_into_both_documents() -> None:
    src, tgt = "标题\n\n" + "\n\n".join(ZH[:2]), "Title\n\n" + "\n\n".join(EN[:2])
    for b in align_texts(src, tgt):
        for s in b.source:
            assert src[s.start : s.end] == s.text
        for t in b.target:
            assert tgt[t.start : t.end] == t.text


def test_anchors_pick_the_translated_paragraph() -> None:
    """Source A, B; target A', X, B' where the added X is as long as B': lengths cannot tell
    whether B goes with X or B'; the number shared by B and B' does."""
    a_zh, a_en = ZH[2], EN[2]
    b_zh = "亏损2.6万亿。"
    x_en = "Exports fell sharply that year."
    b_en = "Losses reach 2.6 trillion yen."
    src = [Segment(0, len(a_zh), a_zh), Segment(100, 100 + len(b_zh), b_zh)]
    for tgt_texts, expected in (
        ([a_en, x_en, b_en], ["1-1", "0-1", "1-1"]),
        ([a_en, b_en, x_en], ["1-1", "1-1", "0-1"]),
    ):
        tgt = [Segment(200 * k, 200 * k + len(t), t) for k, t in enumerate(tgt_texts)]
        beads = align(src, tgt, priors=PARAGRAPH_PRIORS)
        assert kinds(beads) == expected
        assert [b.target[0].text for b in beads if b.kind == "1-1"] == [a_en, b_en]


def test_anchor_keys() -> None:
    assert anchors("日本超过70%依赖中国", "zh")["n:70"] == 1
    assert anchors("more than 70% from China", "en")["n:70"] == 1
    assert anchors("苹果iPhone 12", "zh")["l:iphone"] == 1


def test_empty_sides() -> None:
    assert align([], []) == []
    only = align([Segment(0, 3, "南鸟岛")], [])
    assert kinds(only) == ["1-0"]


# -- long documents: the band follows the alignment -----------------------------------------


def _report(k: int) -> tuple[str, str]:
    """A source/target pair written for these tests: numbers on both sides are the anchors."""
    v, p = 100 + 7 * k, 3 + k % 17
    return (
        f"报告显示，第{k}号项目今年的投资额达到{v}万元，同比增长{p}%，创下新的纪录。",
        f"The report shows that project No. {k} drew investment of {v * 10_000:,} yuan this year, "
        f"up {p}% year on year, a new record.",
    )


def _segments(texts: list[str]) -> list[Segment]:
    return [Segment(0, len(t), t) for t in texts]


def test_long_document_recovers_a_dropped_block() -> None:
    # 300 x 220 cells is above the exhaustive limit; the 80 missing lines put the alignment up to
    # 53 columns off the diagonal, beyond the first band: the band must follow the path there.
    pairs = [_report(k) for k in range(300)]
    kept = [k for k in range(300) if not 20 <= k < 100]
    src = _segments([zh for zh, _ in pairs])
    tgt = _segments([pairs[k][1] for k in kept])
    beads = align(src, tgt)
    ones = [(src.index(b.source[0]), kept[tgt.index(b.target[0])]) for b in beads if b.kind == "1-1"]
    assert ones == [(k, k) for k in kept]
    dropped = [src.index(b.source[0]) for b in beads if b.kind == "1-0"]
    assert dropped == list(range(20, 100))


def test_band_gives_the_exhaustive_alignment(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # The same alignment with and without the band, on a document small enough for both.
    pairs = [_report(k) for k in range(80)]
    kept = [k for k in range(80) if k % 9 != 4]
    src = _segments([zh for zh, _ in pairs])
    tgt = _segments([pairs[k][1] for k in kept])
    full = align(src, tgt)
    import zhen_tools.align.aligner as aligner

    monkeypatch.setattr(aligner, "_FULL_DP_CELLS", 100)
    monkeypatch.setattr(aligner, "_BAND", 4)
    banded = align(src, tgt)
    assert [(b.source, b.target) for b in banded] == [(b.source, b.target) for b in full]
    assert [b.kind for b in full].count("1-0") == 80 - len(kept)


def test_near_edge() -> None:
    from zhen_tools.align.aligner import _near_edge

    lo, hi = [0, 0, 1, 2], [3, 4, 5, 5]
    assert not _near_edge([(3, 5), (2, 3), (1, 2), (0, 0)], lo, hi, m=5)
    assert _near_edge([(3, 5), (2, 4), (1, 2), (0, 0)], lo, hi, m=6)  # row 2 ends before the grid


# -- a dropped or added sentence beside its neighbour's translation ---------------------------

# The Chinese of a short sentence with a date and a number, left out of (or added to) the
# translation next to ZH[0]/EN[0]: by length alone the pair reads as two sentences translated as
# one, since the priors favour a 2-1 merge nine to one over a dropped sentence.
DATED_ZH = "会议定于3月15日举行，约300人出席。"
DATED_EN = "The meeting is set for March 15, with about 300 people attending."


def _no_split(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import zhen_tools.align.aligner as aligner

    monkeypatch.setattr(aligner._Grid, "_unsupported", lambda self, i, j: None)


def test_flag_dropped_sentence_with_unsupported_numbers(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The dropped sentence's date and number are nowhere in the target: it is its own 1-0 bead,
    and its neighbour keeps its translation as a 1-1 bead."""
    src = _segments([ZH[0], DATED_ZH])
    tgt = _segments([EN[0]])
    beads = align(src, tgt)
    assert kinds(beads) == ["1-1", "1-0"]
    assert pairs_of(beads) == [((ZH[0],), (EN[0],)), ((DATED_ZH,), ())]
    _no_split(monkeypatch)
    assert kinds(align(src, tgt)) == ["2-1"]  # what the length and the priors alone give


def test_flag_dropped_sentence_first_of_the_pair() -> None:
    beads = align(_segments([DATED_ZH, ZH[0]]), _segments([EN[0]]))
    assert kinds(beads) == ["1-0", "1-1"]
    assert beads[1].target[0].text == EN[0]


def test_flag_added_sentence_with_unsupported_numbers(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    src, tgt = _segments([ZH[0]]), _segments([EN[0], DATED_EN])
    beads = align(src, tgt)
    assert kinds(beads) == ["1-1", "0-1"]
    assert beads[1].target[0].text == DATED_EN
    _no_split(monkeypatch)
    assert kinds(align(src, tgt)) == ["1-2"]


def test_split_beads_cost_what_the_aligner_counts() -> None:
    """The split beads' costs are those of the same beads found by the search: a 1-1 bead of
    the pair alone and a 1-0 bead of the dropped sentence."""
    split = align(_segments([ZH[0], DATED_ZH]), _segments([EN[0]]))
    (one,) = align(_segments([ZH[0]]), _segments([EN[0]]))
    (alone,) = align(_segments([DATED_ZH]), [])
    assert [b.cost for b in split] == [one.cost, alone.cost]


def test_pass_merge_that_keeps_both_numbers() -> None:
    """Two sentences translated as one: the target has the second sentence's date and number."""
    merged = EN[0] + " " + DATED_EN
    beads = align(_segments([ZH[0], DATED_ZH]), _segments([merged]))
    assert kinds(beads) == ["2-1"]


def test_pass_merge_without_anchors_to_judge_by() -> None:
    """A sentence with no number, date or glossary entry gives no evidence: the merge stays."""
    short = "会议将如期举行。"
    beads = align(_segments([ZH[0], short]), _segments([EN[0]]))
    assert kinds(beads) == ["2-1"]


def test_pass_merge_whose_length_needs_both_sentences() -> None:
    """The second sentence's number is rendered in words (约有300人 as "several hundred
    people"), so nothing of it is found in the target; but the target is as long as both
    sentences, which the pair explains far better than the first sentence alone."""
    zh_b = "会议约有300人出席，持续了一整天。"
    merged = EN[0] + " Several hundred people attended the meeting, which went on for the whole day."
    src, tgt = _segments([ZH[0], zh_b]), _segments([merged])
    assert anchors(zh_b, "zh")["n:300"] == 1 and "n:300" not in anchors(merged, "en")
    assert kinds(align(src, tgt)) == ["2-1"]


def test_find_stands_for_glossary_find(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A caller's memo of glossary.find gives the same beads, and the pair context asks the
    glossary once per distinct text (a one-sentence paragraph is also its sentence)."""
    g = Glossary(entries=(Entry("minami-torishima", "Minami-Torishima", kind="place", zh=("南鸟岛",)),))
    src, tgt = "\n".join(ZH), "\n".join(EN)
    asked: list[str] = []

    def find(text: str) -> list[Match]:
        asked.append(text)
        return g.find(text)

    assert align_texts(src, tgt, glossary=g, find=find) == align_texts(src, tgt, glossary=g)
    assert len(asked) == 2 * len(ZH)  # every paragraph of both sides, through ``find``

    pair = PairContext(
        DocContext(document_from_text(src, "a.zh.txt"), g), DocContext(document_from_text(tgt, "a.en.txt"), g)
    )
    calls: list[str] = []
    real = Glossary.find

    def counting(self: Glossary, text: str) -> list[Match]:
        calls.append(text)
        return real(self, text)

    monkeypatch.setattr(Glossary, "find", counting)
    for b in pair.beads:
        for s in b.source:
            pair.matches(s, "source")
        for t in b.target:
            pair.matches(t, "target")
    assert sorted(calls) == sorted(set(calls))  # no text matched twice
    assert len(calls) == 2 * len(ZH)


def test_pass_no_split_without_omission_beads() -> None:
    """Priors that allow no 1-0 bead keep the merge rather than fail."""
    priors = {(1, 1): 0.9, (2, 1): 0.1}
    beads = align(_segments([ZH[0], DATED_ZH]), _segments([EN[0]]), priors=priors)
    assert kinds(beads) == ["2-1"]
