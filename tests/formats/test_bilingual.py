# ruff: noqa: E501  (XLIFF and TMX samples keep their lines as CAT tools write them)
"""formats: TSV/CSV, PO, XLIFF 1.2/2.0 and TMX units with offsets into the file itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from zhen_tools.formats import BilingualError, read_units
from zhen_tools.text.document import Document, document_from_text, read_document


def units(doc: Document, **kw: object) -> list[tuple[str, str, tuple[int, int]]]:
    """(source text, target text, target (line, column)) per unit."""
    found = read_units(doc, **kw)  # type: ignore[arg-type]
    assert found is not None
    return [(u.source.text, u.target.text, doc.position(u.target.start)) for u in found]


def test_tsv_with_zh_en_header() -> None:
    doc = document_from_text("zh\ten\n南鸟岛\tMinami-Torishima\n地球号\tChikyū\n", "t.tsv")
    assert units(doc) == [("南鸟岛", "Minami-Torishima", (2, 5)), ("地球号", "Chikyū", (3, 5))]


def test_csv_with_quotes_and_source_target_header() -> None:
    text = 'id,source,target\n1,"南鸟岛，日本","Minami-Torishima, ""Japan"""\n2,日产量,"daily\noutput"\n'
    doc = document_from_text(text, "t.csv")
    found = read_units(doc)
    assert found is not None
    assert [(u.source.text, u.target.text) for u in found] == [
        ("南鸟岛，日本", 'Minami-Torishima, "Japan"'),
        ("日产量", "daily\noutput"),
    ]
    # The doubled quote is one character of the cell but two of the file.
    t = found[0].target
    assert text[t.doc_offset(18) : t.doc_offset(19)] == '""'
    assert doc.position(found[1].target.start) == (3, 8)


def test_table_without_chinese_and_english_columns_is_not_bilingual() -> None:
    assert read_units(document_from_text("a\tb\nfoo\tbar\n", "x.tsv")) is None
    assert read_units(document_from_text("a\tb\n南鸟岛\t地球号\n", "x.tsv")) is None
    assert read_units(document_from_text("no header, one column\n南鸟岛\n", "x.csv")) is None


def test_headerless_table_columns_found_by_content() -> None:
    # MT corpora are often plain "zh<TAB>en" lines: judging them as English text would flag
    # every Chinese cell as untranslated.
    doc = document_from_text(
        "南鸟岛位于东京以东。\tMinami-Torishima lies east of Tokyo.\n地球号出发了。\tThe Chikyu set out.\n",
        "x.tsv",
    )
    assert units(doc) == [
        ("南鸟岛位于东京以东。", "Minami-Torishima lies east of Tokyo.", (1, 12)),
        ("地球号出发了。", "The Chikyu set out.", (2, 9)),
    ]
    # An unrecognised header row, an id column, English in the first column of one row, and a
    # notes column after the target.
    text = (
        "id,句子,译,备注\n1,南鸟岛位于东京以东。,Minami-Torishima lies east.,ok\n"
        "2,Lynas,Lynas,name\n3,地球号出发了。,The Chikyu set out.,ok\n"
        "4,日本盯上稀土,Japan eyes rare earths,ok\n5,中国是最大生产国,China leads,ok\n"
    )
    found = read_units(document_from_text(text, "x.csv"))
    assert found is not None
    assert [(u.source.text, u.target.text) for u in found][:2] == [
        ("南鸟岛位于东京以东。", "Minami-Torishima lies east."),
        ("Lynas", "Lynas"),
    ]
    assert len(found) == 5


def test_table_columns_by_number_and_name() -> None:
    doc = document_from_text("no\tcn\tgloss\n1\t南鸟岛\tMinami-Torishima\n", "x.tsv")
    assert units(doc, columns=("cn", "gloss")) == [("南鸟岛", "Minami-Torishima", (2, 7))]
    assert units(doc, columns=(2, 3))[-1] == ("南鸟岛", "Minami-Torishima", (2, 7))
    with pytest.raises(BilingualError, match="no column named 'english'"):
        read_units(doc, columns=("cn", "english"))


def test_po(tmp_path: Path) -> None:
    po = tmp_path / "news.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#: a.txt:1\nmsgid "南鸟岛"\nmsgstr "Minami-Torishima"\n\n'
        'msgid ""\n"日产3.5万吨"\nmsgstr ""\n"35,000 \\"tons\\" "\n"a day"\n\n'
        'msgid "未翻译"\nmsgstr ""\n',
        encoding="utf-8",
    )
    doc = read_document(po)
    found = read_units(doc)
    assert found is not None
    assert [(u.source.text, u.target.text) for u in found] == [
        ("南鸟岛", "Minami-Torishima"),
        ("日产3.5万吨", '35,000 "tons" a day'),
    ]
    second = found[1].target
    assert doc.position(second.start) == (12, 2)
    # "a day" sits on the next line of the file
    assert doc.position(second.doc_offset(second.text.index("a day"))) == (13, 2)


def test_po_malformed(tmp_path: Path) -> None:
    po = tmp_path / "bad.po"
    po.write_text('msgid "a"\nthis is not PO\n', encoding="utf-8")
    with pytest.raises(BilingualError, match=r"bad\.po:2: PO syntax error"):
        read_units(read_document(po))


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # polib reads on past the line break and swallows the next entry into this one
        ('msgid "南鸟岛"\nmsgstr "Minami Tori Shima\n\nmsgid "东京"\nmsgstr "Tokyo"\n', 2),
        # ... or drops the string's last character at the end of the file
        ('msgid "南鸟岛"\nmsgstr "Minami"\n\nmsgid "bad\n', 4),
        ('msgid "a"\nmsgstr ""\n"continued\n', 3),  # a continuation line
        ('msgid "a"\nmsgstr "ends in a backslash\\\n"x"\n', 2),  # the escape is not a quote
        ('msgid "a"\r\nmsgstr "windows\r\n', 2),
    ],
)
def test_po_string_without_its_closing_quote_is_an_error_at_its_line(
    tmp_path: Path, text: str, line: int
) -> None:
    po = tmp_path / "bad.po"
    po.write_bytes(text.encode("utf-8"))
    with pytest.raises(
        BilingualError,
        match=rf"^{re.escape(str(po))}:{line}: PO syntax error: a string without its closing quote$",
    ):
        read_units(read_document(po))


def test_po_strings_may_hold_escaped_quotes_and_backslashes(tmp_path: Path) -> None:
    po = tmp_path / "ok.po"
    po.write_text('msgid "引号"\nmsgstr "a \\"quoted\\" word \\\\"\n', encoding="utf-8")
    (unit,) = read_units(read_document(po)) or []
    assert unit.target.text == 'a "quoted" word \\'


XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file source-language="zh-CN" target-language="en" datatype="plaintext" original="a.txt"><body>
  <trans-unit id="1"><source>南鸟岛 &amp; 日本</source><target>Minami-Torishima &amp; <g id="1">Japan</g></target></trans-unit>
  <trans-unit id="2"><source>日产3.5万吨</source><target>3,500 tons<ph id="2">&lt;br/&gt;</ph> a day</target></trans-unit>
  <trans-unit id="3"><source>未翻译</source></trans-unit>
 </body></file>
</xliff>
"""


def test_xliff_12() -> None:
    doc = document_from_text(XLIFF12, "a.xlf")
    found = read_units(doc)
    assert found is not None
    assert [(u.id, u.source.text, u.target.text) for u in found] == [
        ("1", "南鸟岛 & 日本", "Minami-Torishima & Japan"),
        ("2", "日产3.5万吨", "3,500 tons a day"),
    ]
    first = found[0].target
    assert doc.position(first.start) == (4, 59)
    # "Japan" inside <g> maps to its place in the file
    k = first.text.index("Japan")
    assert XLIFF12[first.doc_offset(k) : first.doc_offset(k) + 5] == "Japan"


def test_xliff_20_segments() -> None:
    text = (
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh" '
        'trgLang="en"><file id="f"><unit id="u1">\n<segment><source>高市早苗</source>'
        "<target>Sanae Takaichi</target></segment>\n<segment><source>地球号</source>"
        "<target>Chikyū</target></segment></unit></file></xliff>"
    )
    doc = document_from_text(text, "b.xliff")
    assert units(doc) == [("高市早苗", "Sanae Takaichi", (2, 39)), ("地球号", "Chikyū", (3, 38))]


def test_tmx_picks_source_by_srclang() -> None:
    text = (
        '<tmx version="1.4"><header srclang="zh-CN" datatype="plaintext" segtype="sentence" '
        'adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/><body>\n'
        '<tu tuid="7"><tuv xml:lang="en-US"><seg>Minami-Torishima</seg></tuv>'
        '<tuv xml:lang="zh-CN"><seg>南鸟岛</seg></tuv></tu>\n</body></tmx>'
    )
    doc = document_from_text(text, "m.tmx")
    assert units(doc) == [("南鸟岛", "Minami-Torishima", (2, 41))]


def test_malformed_xml_names_file_and_line() -> None:
    with pytest.raises(BilingualError, match=r"^bad\.xlf:2: not well-formed XML"):
        read_units(document_from_text("<xliff>\n<file></xliff>", "bad.xlf"))


def test_other_files_are_not_bilingual() -> None:
    assert read_units(document_from_text("南鸟岛\tMinami", "notes.txt")) is None


def test_a_quote_that_does_not_enclose_its_cell_is_text() -> None:
    # RFC 4180 quoting encloses a whole cell; a headline that starts with a quotation does not.
    doc = document_from_text('zh\ten\n“营养剂”\t"Nutrients" for the Party\n地球号\t"Chikyu"\n', "t.tsv")
    assert units(doc) == [("“营养剂”", '"Nutrients" for the Party', (2, 7)), ("地球号", "Chikyu", (3, 6))]
