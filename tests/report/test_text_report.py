"""The text report: ``path:line:col:`` headers, the source line, a marker under the flagged cells.

Expected output is written out by hand: in a monospace font that draws CJK characters two cells
wide, every ``^`` below stands under the first character of its span.
"""

from __future__ import annotations

import re

from zhen_tools.findings import Finding, make_finding
from zhen_tools.report import Report, render
from zhen_tools.text.document import document_from_text


def _report(doc, *findings: Finding, files: int = 1) -> Report:
    return Report(tuple(findings), files, {doc.path: doc})


def test_cjk_span_and_suggestion() -> None:
    doc = document_from_text("Rare earths: third in the world,仅次于 China.\n", "news/a.en.txt")
    f = make_finding(
        doc,
        32,
        35,
        "untranslated",
        "error",
        "Chinese text inside an English sentence",
        suggestion="second only to",
    )
    assert render(_report(doc, f)) == (
        "news/a.en.txt:1:33: error[untranslated] Chinese text inside an English sentence"
        ' (suggestion: "second only to")\n'
        " 1 | Rare earths: third in the world,仅次于 China.\n"
        "   |                                 ^~~~~~\n"
        "\n"
        "1 finding (1 error, 0 warnings, 0 info) in 1 file\n"
    )


def test_marker_counts_wide_characters_before_the_span_as_two_cells() -> None:
    doc = document_from_text("日本南鸟岛 Minamitorishima island\n", "b.txt")
    f = make_finding(
        doc,
        6,
        21,
        "glossary-near-miss",
        "warning",
        "close to Minami-Torishima",
        suggestion="Minami-Torishima",
    )
    assert render(_report(doc, f)).splitlines()[:3] == [
        'b.txt:1:7: warning[glossary-near-miss] close to Minami-Torishima (suggestion: "Minami-Torishima")',
        " 1 | 日本南鸟岛 Minamitorishima island",
        "   |            ^~~~~~~~~~~~~~~",
    ]


def test_crlf_document_shows_the_line_without_its_carriage_return() -> None:
    doc = document_from_text("First line.\r\nIt is 3.5万 tons.\r\n", "c.txt")
    f = make_finding(doc, 19, 23, "untranslated", "error", "half-translated number", suggestion="35,000")
    assert render(_report(doc, f)) == (
        'c.txt:2:7: error[untranslated] half-translated number (suggestion: "35,000")\n'
        " 2 | It is 3.5万 tons.\n"
        "   |       ^~~~~\n"
        "\n"
        "1 finding (1 error, 0 warnings, 0 info) in 1 file\n"
    )


def test_long_line_is_cut_to_a_window_around_the_span() -> None:
    line = "abcd " * 240 + "仅次于" + " efgh" * 59 + "!."
    assert len(line) == 1500
    doc = document_from_text(line + "\n", "seeds/long.txt")
    f = make_finding(doc, 1200, 1203, "untranslated", "error", "Chinese text")
    assert render(_report(doc, f)).splitlines()[:3] == [
        "seeds/long.txt:1:1201: error[untranslated] Chinese text",
        " 1 | …d abcd abcd abcd abcd abcd abcd abcd abcd abcd 仅次于 efgh efgh efgh efgh efgh efgh efgh efgh efgh e…",
        "   |                                                 ^~~~~~",
    ]


def test_span_near_the_start_of_a_long_line_is_cut_on_the_right_only() -> None:
    doc = document_from_text("x" * 10 + "仅" + "y" * 200, "d.txt")
    f = make_finding(doc, 10, 11, "untranslated", "error", "Chinese text")
    src, mark = render(_report(doc, f)).splitlines()[1:3]
    assert src == " 1 | " + "x" * 10 + "仅" + "y" * 88 + "…"  # 10 + 2 + 88 = 100 cells
    assert mark == "   |           ^~"


def test_multi_line_span_is_underlined_to_the_end_of_its_first_line() -> None:
    doc = document_from_text("Tokyo said.\nTokyo said.\nEnd.\n", "e.txt")
    f = make_finding(doc, 0, 23, "repeated-text", "warning", "repeated sentence")
    assert render(_report(doc, f)).splitlines()[:3] == [
        "e.txt:1:1: warning[repeated-text] repeated sentence",
        " 1 | Tokyo said.",
        "   | ^~~~~~~~~~~",
    ]


def test_tabs_become_four_spaces_and_combining_marks_take_no_cell() -> None:
    doc = document_from_text("\tCafe\u0301 仅次于.", "f.txt")
    f = make_finding(doc, 7, 10, "untranslated", "error", "Chinese text")
    assert render(_report(doc, f)).splitlines()[1:3] == [
        " 1 |     Cafe\u0301 仅次于.",
        "   |          ^~~~~~",
    ]


def test_control_characters_from_the_file_never_reach_the_terminal() -> None:
    doc = document_from_text("Bad \x1b[31mred\x1b[0m 仅次于", "g.txt")
    f = make_finding(doc, 17, 20, "untranslated", "error", "Chinese text after \x1b[0m")
    out = render(_report(doc, f))
    assert "\x1b" not in out
    assert out.splitlines()[:3] == [
        "g.txt:1:18: error[untranslated] Chinese text after ␛[0m",
        " 1 | Bad ␛[31mred␛[0m 仅次于",
        "   |                  ^~~~~~",
    ]


def test_empty_span_at_the_end_of_a_line_gets_one_caret_after_it() -> None:
    doc = document_from_text("Missing period\nNext.\n", "h.txt")
    f = make_finding(doc, 14, 14, "punctuation", "info", "sentence without a full stop", suggestion=".")
    assert render(_report(doc, f)).splitlines()[:3] == [
        'h.txt:1:15: info[punctuation] sentence without a full stop (suggestion: ".")',
        " 1 | Missing period",
        "   |               ^",
    ]


def test_empty_suggestion_means_remove_and_gutter_widens_for_long_line_numbers() -> None:
    doc = document_from_text("x\n" * 11 + "the the end\n", "i.txt")
    f = make_finding(doc, 22, 26, "repeated-text", "warning", "doubled word", suggestion="")
    assert render(_report(doc, f)).splitlines()[:3] == [
        "i.txt:12:1: warning[repeated-text] doubled word (suggestion: remove it)",
        " 12 | the the end",
        "    | ^~~~",
    ]


def test_finding_without_its_document_prints_the_header_only() -> None:
    doc = document_from_text("仅次于", "j.txt")
    f = make_finding(doc, 0, 3, "untranslated", "error", "Chinese text")
    assert render(Report((f,), 1)) == (
        "j.txt:1:1: error[untranslated] Chinese text\n\n1 finding (1 error, 0 warnings, 0 info) in 1 file\n"
    )


def test_summary_counts_each_severity_and_files() -> None:
    a = document_from_text("仅次于 and and .\n", "k.txt")
    b = document_from_text("Ｏｋ\n", "l.txt")
    findings = (
        make_finding(a, 0, 3, "untranslated", "error", "Chinese text"),
        make_finding(a, 4, 11, "repeated-text", "warning", "doubled word"),
        make_finding(b, 0, 2, "punctuation", "info", "full-width letters"),
    )
    report = Report(findings, 2, {"k.txt": a, "l.txt": b})
    assert render(report).splitlines()[-1] == "3 findings (1 error, 1 warning, 1 info) in 2 files"
    headers = [ln for ln in render(report).splitlines() if re.match(r"^\S+:\d+:\d+: ", ln)]
    assert [h.split(" ")[0] for h in headers] == ["k.txt:1:1:", "k.txt:1:5:", "l.txt:1:1:"]


def test_no_findings() -> None:
    assert render(Report((), 3)) == "No findings in 3 files.\n"
    assert render(Report((), 1)) == "No findings in 1 file.\n"


def test_colour_only_when_asked_and_never_changes_the_text() -> None:
    doc = document_from_text("It ranks third,仅次于 China.\n", "m.txt")
    f = make_finding(doc, 15, 18, "untranslated", "error", "Chinese text")
    plain = render(_report(doc, f))
    coloured = render(_report(doc, f), color=True)
    assert "\x1b" not in plain
    assert "\x1b[1;31m" in coloured  # errors in bold red
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_paths_messages_suggestions_and_the_line_escape_controls_and_bidi_overrides() -> None:
    # A file name with a newline and ESC would fake a second `path:line:` header and clear the
    # screen; a right-to-left override would show the line in another order than it is read.
    path = "a\nb.txt:9:9: error[x] fake\x1b[2J"
    doc = document_from_text("if ok \u202e} {\u2066 then,仅次于\n", path)
    f = make_finding(doc, 17, 20, "untranslated", "error", "odd \u202etext\x07", suggestion="x\u202ey\x1b")
    out = render(_report(doc, f))
    assert "\n" not in out.split("\n")[0].replace("\\n", "")
    assert "\x1b" not in out and "\u202e" not in out and "\u2066" not in out and "\x07" not in out
    assert out == (
        "a␊b.txt:9:9: error[x] fake␛[2J:1:18: error[untranslated] odd <U+202E>text␇"
        ' (suggestion: "x<U+202E>y\\u001b")\n'
        " 1 | if ok <U+202E>} {<U+2066> then,仅次于\n"
        "   | " + " " * 31 + "^~~~~~\n"
        "\n"
        "1 finding (1 error, 0 warnings, 0 info) in 1 file\n"
    )


def test_plain_paths_and_messages_are_printed_as_they_are() -> None:
    doc = document_from_text("Tokyo，Japan\n", "新闻/a b.en.txt")
    f = make_finding(doc, 5, 6, "punctuation", "warning", "full-width '，' in English text", suggestion=", ")
    assert render(_report(doc, f)).splitlines()[0] == (
        "新闻/a b.en.txt:1:6: warning[punctuation] full-width '，' in English text (suggestion: \", \")"
    )


def test_write_streams_the_text_report_a_finding_at_a_time() -> None:
    """``write`` puts the text report in the stream one finding's block at a time (so a big run's
    report is never one string), and what it writes is exactly ``render``'s text."""
    import io

    from zhen_tools.report import write

    doc = document_from_text("Li Qiang met Li Qiang.\nSecond line here.\n", "c.txt")
    first = make_finding(doc, 0, 8, "repeated-text", "warning", "first")
    second = make_finding(doc, 23, 29, "punctuation", "info", "second")
    report = _report(doc, first, second)

    class Pieces(io.StringIO):
        def __init__(self) -> None:
            super().__init__()
            self.pieces: list[str] = []

        def write(self, s: str) -> int:
            self.pieces.append(s)
            return super().write(s)

    out = Pieces()
    write(report, "text", out)
    assert out.getvalue() == render(report)
    assert out.pieces == [
        "c.txt:1:1: warning[repeated-text] first\n 1 | Li Qiang met Li Qiang.\n   | ^~~~~~~~\n\n",
        "c.txt:2:1: info[punctuation] second\n 2 | Second line here.\n   | ^~~~~~\n\n",
        "2 findings (0 errors, 1 warning, 1 info) in 1 file\n",
    ]
    json_out = Pieces()
    write(report, "json", json_out)  # a format without pieces is written whole
    assert json_out.getvalue() == render(report, "json") and len(json_out.pieces) == 1
