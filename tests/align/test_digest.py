"""align/digest.py: the headline beads of digest documents, found by their mostly-Chinese lines."""

from __future__ import annotations

from tests.conftest import seed_text
from zhen_tools.align.digest import digest_beads
from zhen_tools.text.chars import mostly_chinese as is_source_line


def test_is_source_line() -> None:
    assert is_source_line("日本盯上海底稀土，超70%依赖中国进口")
    assert is_source_line("中国能源报· 2026-01-12 12:51")
    assert not is_source_line("Mei Ri Jing Ji Xin Wen· 2026-01-13 07:26")
    assert not is_source_line("Japanese Prime Minister Sanae Takaichi (高市早苗) said")


def test_seed_002_is_a_digest() -> None:
    """Each Chinese headline pairs with the English up to the next headline; the source line
    under a headline (中国能源报· ...) is part of the headline run."""
    text = seed_text("002")
    beads = digest_beads(text)
    heads = [b.source[0].text for b in beads]
    assert len(beads) == 7
    assert heads[1].startswith("盯上6000米深海稀土") and heads[1].endswith("高市早苗已决定提前大选")
    assert [s.text for s in beads[5].source] == [
        "日本盯上海底稀土,超70%依赖中国进口",
        "中国能源报· 2026-01-12 12:51",
    ]
    assert beads[1].target[0].text == "Mei Ri Jing Ji Xin Wen· 2026-01-13 07:26"
    assert "Fumio Kishida" in beads[3].target_text
    for b in beads:
        for s in (*b.source, *b.target):
            assert text[s.start : s.end] == s.text


def test_english_documents_are_not_digests() -> None:
    for prefix in ("000", "001", "003", "004"):
        assert digest_beads(seed_text(prefix)) == []
    # a Chinese article with one English line is not a digest either
    assert digest_beads("南鸟岛位于东京东南约1900公里。\n日本计划开采稀土。\nSource: Xinhua") == []


def test_blank_and_indented_lines_do_not_shift_the_headlines() -> None:
    """Lines are weighed before paragraphs are made: blank, white-space-only and indented lines,
    and every line ending, must leave each kind with its own line."""
    text = "  标题一\r\n\r\n   \nFirst summary, long enough.\r  \t\n标题二  \nSecond summary here.\n"
    beads = digest_beads(text)
    assert [(b.source_text, b.target_text) for b in beads] == [
        ("标题一", "First summary, long enough."),
        ("标题二", "Second summary here."),
    ]
    assert [(s.start, s.end) for s in beads[0].source] == [(2, 5)]


def test_one_chinese_line_in_a_big_english_file_is_a_digest_only_by_weight() -> None:
    """A long English text with one Chinese line is a digest of one bead (English outweighs the
    Chinese), and no bead starts before the first Chinese line."""
    english = "The ship left port on Monday.\n" * 200
    beads = digest_beads(english + "南鸟岛稀土\n" + "It returned.\n")
    assert [(b.source_text, b.target_text) for b in beads] == [("南鸟岛稀土", "It returned.")]
    assert digest_beads(english) == []


def test_lines_made_a_window_at_a_time_share_the_text(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Paragraphs made a window of lines at a time are the whole text's, and hold no copy of it."""
    from zhen_tools.align import digest
    from zhen_tools.align.aligner import paragraphs
    from zhen_tools.text.document import SharedSegment

    text = seed_text("002")
    whole = digest_beads(text)
    monkeypatch.setattr(digest, "_WINDOW", 1)  # every line its own window
    windowed = digest_beads(text)
    assert windowed == whole
    segments = [s for b in windowed for s in (*b.source, *b.target)]
    assert all(isinstance(s, SharedSegment) for s in segments)
    assert [(s.start, s.end, s.text) for s in segments] == [
        (p.start, p.end, p.text) for p in paragraphs(text) if any(p.start == s.start for s in segments)
    ]
