"""Finding: positions derived from offsets, and the JSON record of CONTRACT.md."""

from __future__ import annotations

import dataclasses
from dataclasses import asdict, fields

from zhen_tools.findings import Finding, make_finding
from zhen_tools.text.document import document_from_text


def test_positions_match_contract_example():
    # CONTRACT.md: 仅次于 at column 9 has end_column 12 (exclusive).
    doc = document_from_text("line one\nline two\n12345678仅次于 China")
    start = doc.text.index("仅次于")
    f = make_finding(doc, start, start + 3, "untranslated", "error", "Chinese text")
    assert (f.line, f.column, f.end_line, f.end_column, f.text) == (3, 9, 3, 12, "仅次于")


def test_to_json_is_every_field_in_contract_order():
    doc = document_from_text("the the end")
    f = make_finding(doc, 0, 7, "repeated-text", "warning", "doubled word", suggestion="the")
    record = f.to_json()
    assert list(record) == [
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "start",
        "end",
        "rule",
        "severity",
        "message",
        "text",
        "suggestion",
    ]
    # The source span (for side-by-side reports) is outside the JSON contract; ``id``
    # (docs/CONTRACT.md, "Additions") is written only on findings of JSONL records.
    hidden = {"source_path", "source_start", "source_end", "id"}
    assert set(record) == {fl.name for fl in fields(Finding)} - hidden
    whole = {k: v for k, v in asdict(f).items() if k not in hidden}
    assert record == {**whole, "severity": "warning"}
    with_id = dataclasses.replace(f, id="seg-1").to_json()
    assert list(with_id) == [*record, "id"] and with_id["id"] == "seg-1"


def test_findings_share_their_repeated_strings() -> None:
    """Tens of thousands of findings of a big file say the same few things: equal messages, short
    texts and suggestions are one string each (the values are unchanged)."""
    from zhen_tools.findings import make_finding
    from zhen_tools.text.document import document_from_text

    doc = document_from_text("It said，China；It said，Japan；\n" * 2)
    mark = "\uff0c"
    a = make_finding(doc, 7, 8, "punctuation", "warning", f"full-width {mark!r} in English text", ", ")
    b = make_finding(doc, 36, 37, "punctuation", "warning", f"full-width {mark!r} in English text", ", ")
    assert (a.text, a.message, a.suggestion, a.line, a.column) == (
        "，",
        "full-width '，' in English text",
        ", ",
        1,
        8,
    )
    assert (b.text, b.message, b.suggestion, b.line, b.column) == (
        "，",
        "full-width '，' in English text",
        ", ",
        2,
        8,
    )
    assert a.message is b.message and a.text is b.text and a.suggestion is b.suggestion
    assert a.end_line is a.line
