"""GitHub Actions workflow commands: one annotation per finding, escaped as GitHub's toolkit does."""

from __future__ import annotations

from zhen_tools.findings import make_finding
from zhen_tools.report import Report, render
from zhen_tools.report.github import escape_data, escape_property
from zhen_tools.text.document import document_from_text


def test_one_command_per_finding_with_severity_mapped() -> None:
    doc = document_from_text(
        "Rare earths: third in the world,仅次于 China.\nthe the end。\n", "news/a.en.txt"
    )
    findings = (
        make_finding(
            doc,
            32,
            35,
            "untranslated",
            "error",
            "Chinese text inside an English sentence",
            suggestion="second only to",
        ),
        make_finding(doc, 43, 47, "repeated-text", "warning", "doubled word"),
        make_finding(doc, 54, 55, "punctuation", "info", "full-width full stop"),
    )
    assert render(Report(findings, 1, {doc.path: doc}), "github") == (
        "::error file=news/a.en.txt,line=1,col=33,endLine=1,endColumn=35,title=untranslated"
        '::Chinese text inside an English sentence (suggestion: "second only to")\n'
        "::warning file=news/a.en.txt,line=2,col=1,endLine=2,endColumn=4,title=repeated-text"
        "::doubled word\n"
        "::notice file=news/a.en.txt,line=2,col=12,endLine=2,endColumn=12,title=punctuation"
        "::full-width full stop\n"
    )


def test_message_and_properties_are_escaped() -> None:
    doc = document_from_text("仅次于\n", "dir,x/a:b%.txt")
    f = make_finding(doc, 0, 3, "untranslated", "error", "50% of it,\r\nnext: line")
    assert render(Report((f,), 1), "github") == (
        "::error file=dir%2Cx/a%3Ab%25.txt,line=1,col=1,endLine=1,endColumn=3,title=untranslated"
        "::50%25 of it,%0D%0Anext: line\n"
    )
    assert escape_data("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad:e,f"
    assert escape_property("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad%3Ae%2Cf"


def test_multi_line_spans_carry_lines_only() -> None:
    doc = document_from_text("Tokyo said.\nTokyo said.\nEnd.\n", "e.txt")
    multi = make_finding(doc, 0, 23, "repeated-text", "warning", "repeated sentence")
    # A span ending in its line break still sits on one line.
    one_line = make_finding(doc, 12, 24, "repeated-text", "warning", "repeated sentence")
    assert render(Report((multi, one_line), 1), "github").splitlines() == [
        "::warning file=e.txt,line=1,endLine=2,title=repeated-text::repeated sentence",
        "::warning file=e.txt,line=2,col=1,endLine=2,endColumn=11,title=repeated-text::repeated sentence",
    ]


def test_windows_paths_use_forward_slashes_and_no_findings_print_nothing() -> None:
    doc = document_from_text("仅", "news\\a.txt")
    f = make_finding(doc, 0, 1, "untranslated", "error", "Chinese text")
    assert render(Report((f,), 1), "github").startswith(
        "::error file=news/a.txt,line=1,col=1,endLine=1,endColumn=1,"
    )
    assert render(Report((), 3), "github") == ""
