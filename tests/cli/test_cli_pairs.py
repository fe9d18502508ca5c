# ruff: noqa: E501  (the XLIFF sample keeps its lines as CAT tools write them)
"""``zhen check`` on source/target pairs, as a user runs it: explicit ``--source/--target``,
sibling files found in a walked folder, TSV/CSV (``--columns``), PO, a digest (seed 002), and
``--jobs 2``. The Chinese side of a pair is never judged as English; findings on a bilingual file
point at the file's own lines and columns."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import run_zhen, seed, seed_text

GLOSSARY = """\
[glossary]
name = "t"

[[entry]]
id = "chikyu"
kind = "vessel"
origin = "ja"
en = "Chikyū"
variants = ["Chikyu"]
zh = ["地球号"]
forbidden = ["Diqiu"]

[[entry]]
id = "takaichi-sanae"
kind = "person"
origin = "ja"
en = "Sanae Takaichi"
zh = ["高市早苗"]
"""

# The source names the ship (地球号) and, in brackets, a forbidden pinyin rendering of it: fine
# in a Chinese source, an error in English. The translation drops the ship's name and turns
# 2.6万亿 (2.6 trillion) into 2.6 billion.
SOURCE = "高市早苗表示，地球号（Diqiu）将于1月11日出发，预计损失约2.6万亿日元。\n"
TARGET = "Sanae Takaichi said the ship would depart on January 11, with losses of about 2.6 billion yen.\n"

MISSING = "source term 地球号 is not rendered as Chikyū in the aligned translation"
SCALE = "scale error: source 2.6万亿 (2.6 trillion), target 2.6 billion (1,000 times smaller)"


def findings(proc) -> list[tuple[str, int, int, str, str, str]]:
    assert proc.returncode in (0, 1), proc.stderr
    return [
        (Path(f["path"]).as_posix(), f["line"], f["column"], f["rule"], f["text"], f["message"])
        for f in json.loads(proc.stdout)["findings"]
    ]


def check(cwd: Path, *args: str):
    return run_zhen("check", *args, "--no-config", "--format", "json", cwd=cwd)


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "g.toml").write_text(GLOSSARY, encoding="utf-8")
    return tmp_path


def expected_pair(target: str) -> list[tuple[str, int, int, str, str, str]]:
    # glossary-missing spans the whole aligned target sentence; the number points at "2.6 billion".
    return [
        (target, 1, 1, "glossary-missing", TARGET.rstrip("\n"), MISSING),
        (target, 1, TARGET.index("2.6 billion") + 1, "number-mismatch", "2.6 billion", SCALE),
    ]


def test_a_chinese_file_checked_alone_is_judged_by_the_document_rules(work):
    # The control for the tests below: as a plain document, the source's pinyin is reported.
    (work / "s.txt").write_text(SOURCE, encoding="utf-8")
    assert findings(check(work, "s.txt", "--glossary", "g.toml")) == [
        (
            "s.txt",
            1,
            SOURCE.index("Diqiu") + 1,
            "glossary-forbidden",
            "Diqiu",
            "'Diqiu' is a forbidden rendering of Chikyū (chikyu)",
        )
    ]


def test_explicit_source_and_target(work):
    (work / "s.txt").write_text(SOURCE, encoding="utf-8")
    (work / "t.txt").write_text(TARGET, encoding="utf-8")
    proc = check(work, "--source", "s.txt", "--target", "t.txt", "--glossary", "g.toml")
    assert proc.returncode == 1 and proc.stderr == ""
    assert findings(proc) == expected_pair("t.txt")  # nothing on the source
    assert json.loads(proc.stdout)["summary"]["files"] == 2


def test_sibling_pair_in_a_walked_folder(work):
    news = work / "news" / "2026"
    news.mkdir(parents=True)
    (news / "ship.zh.txt").write_text(SOURCE, encoding="utf-8")
    (news / "ship.en.txt").write_text(TARGET, encoding="utf-8")
    (news / "other.en.txt").write_text("The Chikyu left port.\n", encoding="utf-8")
    proc = check(work, "news", "--glossary", "g.toml")
    assert proc.returncode == 1 and proc.stderr == ""
    assert findings(proc) == expected_pair("news/2026/ship.en.txt")
    # The source alone (a pre-commit run on the changed file) is still a source: no findings.
    assert findings(check(work, "news/2026/ship.zh.txt", "--glossary", "g.toml")) == []


TSV = (
    "zh\ten\n"
    "稀土产量\tRare earth output rose sharply in the third quarter, officials said.\n"
    "日本的稀土储量仅次于中国。\tJapan ranks second, 仅次于 China.\n"
    "南鸟岛\t南鸟岛\n"
    "损失约2.6万亿日元。\tLosses of about 2.6 billion yen.\n"
)


def test_tsv_judges_only_the_target_column(work):
    (work / "t.tsv").write_text(TSV, encoding="utf-8")
    # As plain text the same lines are mixed Chinese/English: the source cells are reported.
    (work / "t.txt").write_text(TSV, encoding="utf-8")
    plain = findings(check(work, "t.txt", "--no-glossary"))
    assert ("t.txt", 2, 1, "untranslated", "稀土产量", "Chinese text inside an English sentence") in plain

    assert findings(check(work, "t.tsv", "--no-glossary")) == [
        # column: 13 characters of source, a tab, then "Japan ranks second, " (20)
        ("t.tsv", 3, 35, "untranslated", "仅次于", "Chinese text inside an English sentence"),
        (
            "t.tsv",
            4,
            5,
            "untranslated",
            "南鸟岛",
            "target segment is identical to its source: not translated",
        ),
        # 11 characters of source, a tab, then "Losses of about " (16)
        ("t.tsv", 5, 29, "number-mismatch", "2.6 billion", SCALE),
    ]


def test_headerless_tsv_is_paired_by_its_columns_content(work):
    # MT corpora come as bare "zh<TAB>en" lines: the same findings as with a zh/en header,
    # one line up, and none on the Chinese column.
    (work / "bare.tsv").write_text(TSV.split("\n", 1)[1], encoding="utf-8")
    assert findings(check(work, "bare.tsv", "--no-glossary")) == [
        ("bare.tsv", 2, 35, "untranslated", "仅次于", "Chinese text inside an English sentence"),
        (
            "bare.tsv",
            3,
            5,
            "untranslated",
            "南鸟岛",
            "target segment is identical to its source: not translated",
        ),
        ("bare.tsv", 4, 29, "number-mismatch", "2.6 billion", SCALE),
    ]


def test_csv_columns_by_name_or_number(work):
    csv = (
        "id,chinese text,note,english text\n"
        '1,日本的稀土储量仅次于中国。,"reviewed, ok","Japan ranks second, 仅次于 China."\n'
    )
    (work / "c.csv").write_text(csv, encoding="utf-8")
    col = csv.splitlines()[1].index("仅次于", 20) + 1
    hit = [("c.csv", 2, col, "untranslated", "仅次于", "Chinese text inside an English sentence")]
    # Headers it does not know: a plain document, whose mostly-Chinese line is not English.
    assert findings(check(work, "c.csv", "--no-glossary")) == []
    assert findings(check(work, "c.csv", "--no-glossary", "--columns", "2,4")) == hit
    assert findings(check(work, "c.csv", "--no-glossary", "--columns", "chinese text,English Text")) == hit


def test_columns_errors(work):
    (work / "c.csv").write_text("a,b\n源,target\n", encoding="utf-8")
    proc = check(work, "c.csv", "--no-glossary", "--columns", "zh,en")
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == ["zhen: c.csv: no column named 'zh' in the header row"]
    for bad in ("1", "1,2,3", "0,1", ",2"):
        proc = check(work, "c.csv", "--columns", bad)
        assert proc.returncode == 2 and "--columns" in proc.stderr and "Traceback" not in proc.stderr


PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

#: news.html:3
msgid "日本的稀土储量仅次于中国。地球号已出发。"
msgstr "Japan ranks second, 仅次于 China. The ship has left."

msgid "损失约2.6万亿日元。"
msgstr "Losses of about 2.6 billion yen."
"""


def test_po_file(work):
    (work / "m.po").write_text(PO, encoding="utf-8")
    proc = check(work, "m.po", "--glossary", "g.toml")
    assert proc.returncode == 1 and proc.stderr == ""
    target = "Japan ranks second, 仅次于 China. The ship has left."
    assert findings(proc) == [
        # msgstr " is 8 characters
        ("m.po", 7, 9, "glossary-missing", target, MISSING),
        ("m.po", 7, 29, "untranslated", "仅次于", "Chinese text inside an English sentence"),
        ("m.po", 10, 25, "number-mismatch", "2.6 billion", SCALE),
    ]


# An XLIFF file made from HTML, as CAT tools write it: the native code of the inline elements
# (<bpt>, <ept>, <ph>) and the tags' attributes are markup, not text to judge; the text around
# them still is.
XLIFF_HTML = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file source-language="zh-CN" target-language="en" datatype="html" original="a.html"><body>
<trans-unit id="1"><source>他说：<bpt id="1">&lt;span class="note note"&gt;</bpt>稀土很重要。<ept id="1">&lt;/span&gt;</ept></source>
<target>He said: <bpt id="1">&lt;span class="note note"&gt;</bpt>rare earths matter to the the country.<ept id="1">&lt;/span&gt;</ept></target></trans-unit>
<trans-unit id="2"><source>见<ph id="2">&lt;a title="Tokyo ,Japan"&gt;</ph>此处<ph id="3">&lt;/a&gt;</ph>。</source>
<target>See <ph id="2">&lt;a title="Tokyo ,Japan"&gt;</ph>here<ph id="3">&lt;/a&gt;</ph>, in Tokyo ,Japan.</target></trans-unit>
</body></file></xliff>
"""


def test_xliff_inline_markup_is_not_judged_as_text(work):
    (work / "a.xlf").write_text(XLIFF_HTML, encoding="utf-8")
    proc = check(work, "a.xlf", "--no-glossary")
    lines = XLIFF_HTML.splitlines()
    assert [(f[1], f[2], f[3], f[4]) for f in findings(proc)] == [
        (5, lines[4].index("the the") + 1, "repeated-text", "the the"),  # not 'note note'
        # not in the title attribute, nor before the comma after </ph>
        (7, lines[6].index(" ,Japan.") + 1, "punctuation", " ,"),
    ]


def test_the_markup_between_two_xliff_units_is_blanked_like_a_tsv_rows_end(work):
    # The tags that close one unit and open the next are no inline markup: they kept a "<" after
    # the first target's full stop, which hid its space before it (a TSV row was flagged).
    lines = [
        '<xliff version="1.2"><file source-language="zh" target-language="en" original="x"><body>',
        '<trans-unit id="1"><source>闷热感增强。</source><target>The sultry feeling grew .</target></trans-unit>',
        '<trans-unit id="2"><source>天气晴。</source><target>It was sunny.</target></trans-unit>',
        "</body></file></xliff>",
    ]
    (work / "u.xlf").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (work / "u.tsv").write_text(
        "zh\ten\n闷热感增强。\tThe sultry feeling grew .\n天气晴。\tIt was sunny.\n", encoding="utf-8"
    )
    xlf = [(f[1], f[2], f[3], f[4]) for f in findings(check(work, "u.xlf", "--no-glossary"))]
    tsv = [(f[3], f[4]) for f in findings(check(work, "u.tsv", "--no-glossary"))]
    assert xlf == [(2, lines[1].index(" .") + 1, "punctuation", " .")]
    assert tsv == [("punctuation", " .")]


def test_the_quotes_that_join_a_po_strings_lines_are_not_text(work):
    # gettext wraps a long string over several lines, each in its own quotes: PO syntax, not
    # quotation marks. The first target is fine; the second's own quotation does not close.
    (work / "q.po").write_text(
        'msgid "日本是一个岛国。"\nmsgstr ""\n"Japan is an island nation "\n"of many islands."\n\n'
        'msgid "她说：“大阪很小。”"\nmsgstr ""\n"She said: “Osaka "\n"is small."\n',
        encoding="utf-8",
    )
    proc = check(work, "q.po", "--no-glossary")
    assert [(f[1], f[2], f[3], f[4]) for f in findings(proc)] == [(8, 12, "punctuation", "“")]


def test_malformed_bilingual_file_is_one_line_and_others_are_checked(work):
    (work / "bad.xlf").write_text(
        '<xliff><file><body><trans-unit id="1"><source>源</source>\n', encoding="utf-8"
    )
    (work / "t.tsv").write_text(TSV, encoding="utf-8")
    proc = check(work, "bad.xlf", "t.tsv", "--no-glossary")
    assert proc.returncode == 2
    (line,) = proc.stderr.splitlines()
    assert line.startswith("zhen: bad.xlf:") and "not well-formed XML" in line
    assert {f["path"] for f in json.loads(proc.stdout)["findings"]} == {"t.tsv"}


def test_digest_seed_002_gets_glossary_mismatch_only(work):
    """Seed 002: the headline on line 9 names 高市早苗; its summary on line 11 names Fumio
    Kishida three times. A summary is not a translation: numbers and missing terms are not
    compared (the summaries leave out most of the headlines' figures)."""
    shutil.copyfile(seed("002"), work / "digest.txt")
    proc = check(
        work, "digest.txt", "--select", "glossary-mismatch,glossary-missing,number-mismatch,untranslated"
    )
    line = seed_text("002").splitlines()[10]
    assert line.startswith("Group 1: Political Developments in Japan")
    first = line.index("Fumio Kishida")
    second = line.index("Kishida's")
    third = line.index("Kishida is")
    other = "Kishida is another person (Fumio Kishida); the source has 高市早苗, rendered Sanae Takaichi"
    assert findings(proc) == [
        (
            "digest.txt",
            11,
            first + 1,
            "glossary-mismatch",
            "Fumio Kishida",
            "Fumio Kishida is another person; the source has 高市早苗, rendered Sanae Takaichi",
        ),
        ("digest.txt", 11, second + 1, "glossary-mismatch", "Kishida", other),
        ("digest.txt", 11, third + 1, "glossary-mismatch", "Kishida", other),
    ]


def test_jobs_2_gives_the_same_pairs_as_jobs_1(work):
    tree = work / "tree"
    (tree / "news").mkdir(parents=True)
    (tree / "news" / "ship.zh.txt").write_text(SOURCE, encoding="utf-8")
    (tree / "news" / "ship.en.txt").write_text(TARGET, encoding="utf-8")
    (tree / "t.tsv").write_text(TSV, encoding="utf-8")
    (tree / "m.po").write_text(PO, encoding="utf-8")
    shutil.copyfile(seed("002"), tree / "digest.txt")
    shutil.copyfile(seed("000"), tree / "article.en.txt")
    one = check(work, "tree")  # the bundled glossary: it has 地球号, 高市早苗 and Fumio Kishida
    two = check(work, "tree", "--jobs", "2")
    assert one.returncode == two.returncode == 1
    assert two.stdout == one.stdout
    found = findings(one)
    rules = {(f[0], f[3]) for f in found}
    assert {
        ("tree/news/ship.en.txt", "number-mismatch"),
        ("tree/news/ship.en.txt", "glossary-missing"),
        ("tree/t.tsv", "number-mismatch"),
        ("tree/m.po", "untranslated"),
        ("tree/digest.txt", "glossary-mismatch"),
    } <= rules
    assert not any(f[0].endswith("ship.zh.txt") for f in found)


def test_fix_with_columns_touches_only_the_target_column(work):
    # The full-width comma in the Chinese column is correct; the one in the English column is not.
    csv = 'zh text,en text\n日本，中国,"Japan，China"\n'
    (work / "c.csv").write_text(csv, encoding="utf-8")
    proc = run_zhen("check", "c.csv", "--no-config", "--no-glossary", "--columns", "1,2", "--fix", cwd=work)
    assert proc.returncode in (0, 1), proc.stderr
    assert (work / "c.csv").read_text(encoding="utf-8") == 'zh text,en text\n日本，中国,"Japan, China"\n'
