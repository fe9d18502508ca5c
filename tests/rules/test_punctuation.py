"""punctuation: full-width marks in English, doubled/spaced marks, unbalanced brackets and quotes."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_zhen, seed, seed_text
from tests.rules.conftest import case_params, data_cases
from zhen_tools.rules.context import DocContext
from zhen_tools.rules.punctuation import punctuation
from zhen_tools.rules.untranslated import untranslated
from zhen_tools.text.document import document_from_text


def check(text: str) -> list[tuple[str, str | None, str]]:
    return [(f.text, f.suggestion, f.message) for f in punctuation(DocContext(document_from_text(text)))]


# (text, [(flagged text, suggestion)], words of the first message)
SHOULD_FLAG = [
    # Full-width punctuation in English: the ASCII mark, plus the space English needs after it.
    ("It said，the plan works.", [("，", ", ")], "full-width"),
    ("It said ，the plan works.", [(" ，", ", ")], "full-width"),
    ("It said， the plan works.", [("，", ",")], "full-width"),
    ("The plan works。", [("。", ".")], "full-width"),
    ("The plan works。It is good.", [("。", ". ")], "full-width"),
    ("Note：the plan works.", [("：", ": ")], "full-width"),
    ("The launch was at 12：30 today.", [("：", ":")], "full-width"),
    ("Ask the agency（JAMSTEC）today.", [("（", " ("), ("）", ") ")], "full-width"),
    ("Is it true？Yes！", [("？", "? "), ("！", "!")], "full-width"),
    ("Japan、China and Korea agreed.", [("、", ", ")], "full-width"),
    # Doubled or spaced punctuation.
    ("It can mine there in the next 15 years. .", [(". .", ".")], "doubled '.'"),
    ("The mining ended..", [("..", ".")], "doubled '.'"),
    ("Apples,, pears and plums.", [(",,", ",")], "doubled ','"),
    ("We must dispel evil in the study of New China, .", [(", .", ".")], "',' before a full stop"),
    # A space before a comma or a full stop.
    ("On the one hand, costs fell; on the other , output rose.", [(" ,", ",")], "space before ','"),
    ("Zhang Yong , vice general manager, said so.", [(" ,", ",")], "space before ','"),
    ("It strengthened the sultry feeling .", [(" .", ".")], "space before '.'"),
    # Unbalanced brackets and quotes: the stray one is reported.
    ('Statement: The article represents the views of the author."', [('"', None)], "closing '\"'"),
    ("He said (it was late and left.", [("(", None)], "unclosed '('"),
    ("It was very late) and he left.", [(")", None)], "closing ')'"),
    ("Toys also used their “core” competitiveness” to win.", [("”", None)], "closing '”'"),
    ("He said “it was over and left.", [("“", None)], "unclosed '“'"),
    ("The police handled 17 cases (involving: inquiries) ).", [(")", None)], "closing ')'"),
    ("See the list [1][25 for details.", [("[", None)], "unclosed '['"),
    ('He said "it was over" and "then left.', [('"', None)], "unclosed '\"'"),
    # A space written as a character reference (HTML) before a full stop or comma.
    ("The trip took 100&thinsp;km&nbsp;.", [("&nbsp;.", ".")], "space before '.'"),
    ("Zhang Yong&#160;, vice general manager, said so.", [("&#160;,", ",")], "space before ','"),
    (
        "He said &quot;yes&quot; . Then &ldquo;no&rdquo; , twice.",
        [(" .", "."), (" ,", ",")],
        "space before '.'",
    ),
    # A tag may follow the full stop (HTML, XLIFF inline markup).
    ("It strengthened the sultry feeling .</p>", [(" .", ".")], "space before '.'"),
]


@pytest.mark.parametrize("text,expected,message", SHOULD_FLAG)
def test_should_flag(text: str, expected: list[tuple[str, str | None]], message: str) -> None:
    found = check(text)
    assert [(t, s) for t, s, _ in found] == expected
    assert message in found[0][2]


SHOULD_PASS = [
    "Wait... what? The file is at ../data and costs .5 dollars; it runs on .NET too.",
    "He stopped. . . Then he left.",  # a spaced ellipsis
    "Really?! Wow!! That is news.",  # emphasis is style, not an error
    "Count from 1..5 in the loop.",
    "Co., Ltd. and Inc., as listed.",
    'He said "it is over" and left (quickly) [1][25].',
    "He said “it is over” and left.",
    'He said, "It is over," and left.',
    'It ranks "third in the world," behind China.',
    # Direction comes from context: wrong-way curly quotes still pair up.
    "Ziobro said, ”The treaty is harmful“ today.",
    "He is 5'11\" tall.",
    "Steps: 1) dig, 2) lift, 3) refine. Smile :)",
    # A quotation or sentence may run over lines; a multi-paragraph quotation reopens.
    'He said "it is\nover" and left.',
    '"This is the first paragraph of the quote.\n"This is the second, closed."',
    # ... also across the blank line that usually separates paragraphs (Chicago 13.30, AP).
    "“This is the first paragraph of the quote.\n\n“This is the second, closed,” he said.",
    '"The first paragraph.\n\n\n"The second.\n\n"The third, closed." He left.',
    # Chinese text keeps its own punctuation.
    "日本首相表示：“将加强稀土供应链。”（新华社）",
    "盯上6000米深海稀土!日本派船探查 距中国加强两用物项出口管制不到一周!",
    # Full-width punctuation touching an untranslated fragment belongs to it (untranslated reports it).
    "It ranks third in the world，仅次于 China and Brazil.",
    "The rare-earth mud（稀土泥）was found.",
    # The `;` of a character reference (HTML) is no semicolon before a full stop or comma.
    "The talks were &ldquo;useful&rdquo;. He agreed&hellip;",
    "They were &#8220;useful&#8221;, he said, and AT&amp;T&#x2019;s.",
    "The 100&nbsp;km trip&nbsp;&mdash; a long one.",
]


@pytest.mark.parametrize("text", SHOULD_PASS)
def test_should_pass(text: str) -> None:
    assert check(text) == []


def test_punctuation_touching_a_fragment_is_reported_once_by_untranslated() -> None:
    text = "It ranks third in the world，仅次于 China and Brazil."
    ctx = DocContext(document_from_text(text))
    assert [f.text for f in untranslated(ctx)] == ["，仅次于"]
    assert list(punctuation(ctx)) == []


def test_a_blank_line_ends_the_paragraph() -> None:
    found = check('He said "it is\n\nover" and left.')
    assert [(t, m) for t, _, m in found] == [
        ('"', "unclosed '\"' in this paragraph"),
        ('"', "closing '\"' with no opening one in this paragraph"),
    ]


@pytest.mark.parametrize(
    ("text", "unclosed"),
    [
        # The next paragraph does not reopen the quotation: the quote was left open.
        ("He said “it was over.\n\nThe talks ended on Monday.", "“"),
        # Only a quotation continues into a reopened paragraph; a bracket does not.
        ("He said (it was over.\n\n“A new quote,” she said.", "("),
        # A Chinese line between is no paragraph of the same quotation.
        ("He said “it was over.\n日本首相表示。\n“A new quote,” she said.", "“"),
        # The last paragraph of the document leaves it open.
        ("He said:\n\n“It was over.", "“"),
        # A paragraph opening with a quote of the other style is no continuation (the next
        # article's quoted headline after this one's last, unclosed, line), blank line or not.
        ('"Culture cannot be forgotten.\n\n“Spy TV Series” Returns - Xinhua', '"'),
        ('"Culture cannot be forgotten.\n“Spy TV Series” Returns - Xinhua', '"'),
    ],
)
def test_a_quote_left_open_across_a_blank_line_should_flag(text: str, unclosed: str) -> None:
    assert [(t, m) for t, _, m in check(text)] == [(unclosed, f"unclosed {unclosed!r} in this paragraph")]


def test_seed_001_stray_closing_quotes() -> None:
    text = seed_text("001")
    # Line 5 ends `specific countries."` and line 9 `views of the author."`; neither line opens a quote.
    line5 = text.index('specific countries."') + len("specific countries.")
    last = len(text) - 1
    assert text[last] == '"'
    findings = list(punctuation(DocContext(document_from_text(text))))
    assert [(f.start, f.line, f.text) for f in findings] == [(line5, 5, '"'), (last, 9, '"')]
    assert all("closing" in f.message for f in findings)


def test_seed_003_spaced_full_stop() -> None:
    text = seed_text("003")
    start = text.index("years. .") + len("years")
    findings = list(punctuation(DocContext(document_from_text(text))))
    assert [(f.start, f.end, f.text, f.suggestion) for f in findings] == [(start, start + 3, ". .", ".")]


@pytest.mark.parametrize("prefix", ["000", "002", "004"])
def test_clean_seeds(prefix: str) -> None:
    assert list(punctuation(DocContext(document_from_text(seed_text(prefix))))) == []


def test_zhen_check_reports_seed_findings() -> None:
    proc = run_zhen(
        "check",
        str(seed("001")),
        str(seed("003")),
        "--select",
        "punctuation",
        "--no-glossary",
        "--format",
        "json",
    )
    assert proc.returncode == 0, proc.stderr  # warnings only: below the default failing severity
    got = [(f["path"], f["line"], f["text"], f["severity"]) for f in json.loads(proc.stdout)["findings"]]
    assert got == [
        (str(seed("001")), 5, '"', "warning"),
        (str(seed("001")), 9, '"', "warning"),
        (str(seed("003")), 10, ". .", "warning"),
    ]


# -- Chinese marks with no full-width ASCII form ----------------------------------------------

CJK_MARKS_SHOULD_FLAG = [
    ("He called it 「a new era」 in his speech.", [("「", '"'), ("」", '"')], "corner bracket"),
    ("The novel 『Red Sorghum』 was filmed.", [("『", "'"), ("』", "'")], "corner bracket"),
    ("Shanghai——the biggest city——grew again.", [("——", "--"), ("——", "--")], "Chinese dash"),
    ("Video 丨 How the rover landed on Mars", [("丨", "|")], "separator"),
    ("Sports丨Beijing wins the bid", [("丨", "|")], "separator"),
]


@pytest.mark.parametrize("text,expected,message", CJK_MARKS_SHOULD_FLAG)
def test_cjk_marks_should_flag(text: str, expected: list[tuple[str, str | None]], message: str) -> None:
    found = check(text)
    assert [(t, s) for t, s, _ in found] == expected
    assert message in found[0][2]


CJK_MARKS_SHOULD_PASS = [
    "Shanghai — the biggest city — grew again.",  # one em dash is English
    "The pass—a narrow one—was closed.",
    "他说「好」",  # a Chinese line: its marks are right there
    "It ranks third, 仅次于——China and Brazil.",  # the dash touches a fragment: untranslated's
]


@pytest.mark.parametrize("text", CJK_MARKS_SHOULD_PASS)
def test_cjk_marks_should_pass(text: str) -> None:
    assert [f for f in check(text) if "dash" in f[2] or "corner" in f[2] or "separator" in f[2]] == []


def test_separator_bar_is_punctuation_not_untranslated() -> None:
    doc = document_from_text("Video 丨 How the rover landed on Mars\nThe 中丨国 case was heard.")
    ctx = DocContext(doc)
    assert [f.text for f in untranslated(ctx)] == ["中丨国"]
    assert [(f.line, f.text) for f in punctuation(ctx)] == [(1, "丨")]


# -- excused by the source: an imbalance the aligned source shares ----------------------------


def pair_findings(tmp_path, zh: str, en: str) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    from zhen_tools.run import check as run_check

    (tmp_path / "a.zh.txt").write_text(zh, encoding="utf-8")
    (tmp_path / "a.en.txt").write_text(en, encoding="utf-8")
    return [(f.line, f.text) for f in run_check([str(tmp_path)], select=("punctuation",), config=False)]


def test_quote_running_past_the_document_like_the_source_should_pass(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # A quotation that the cut of the corpus leaves open at the end, in both languages.
    zh = "新华社北京电\n他表示：“这是第一步。\n"
    en = "Xinhua, Beijing\nHe said: “This is the first step.\n"
    assert pair_findings(tmp_path, zh, en) == []


def test_quote_open_at_the_start_like_the_source_should_pass(tmp_path) -> None:  # type: ignore[no-untyped-def]
    zh = "这是最后一步。”他说。\n会议于周一结束。\n"
    en = "This is the last step,” he said.\nThe meeting ended on Monday.\n"
    assert pair_findings(tmp_path, zh, en) == []


def test_deleted_quote_where_the_source_balances_should_flag(tmp_path) -> None:  # type: ignore[no-untyped-def]
    zh = "他表示：“这是第一步。”\n会议于周一结束。\n"
    en = "He said: “This is the first step.\nThe meeting ended on Monday.\n"
    assert pair_findings(tmp_path, zh, en) == [(1, "“")]


def test_source_quote_closed_later_does_not_excuse_a_missing_close_should_flag(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # The source's quotation runs over two lines and closes; the English one never closes.
    zh = "他表示：“这是第一步。\n我们还会继续。”\n"
    en = "He said: “This is the first step.\nWe will go on.\n"
    assert pair_findings(tmp_path, zh, en) == [(1, "“")]


def test_stray_closing_quote_the_source_lacks_should_flag(tmp_path) -> None:  # type: ignore[no-untyped-def]
    zh = "这是第一步。\n"
    en = "This is the first step.”\n"
    assert pair_findings(tmp_path, zh, en) == [(1, "”")]


def test_full_width_mark_is_not_excused_by_the_source_should_flag(tmp_path) -> None:  # type: ignore[no-untyped-def]
    zh = "他表示：“这是第一步。\n"
    en = "He said：“This is the first step.\n"
    assert pair_findings(tmp_path, zh, en) == [(1, "：")]  # the unclosed “ is the source's


def test_bilingual_unit_excused_by_its_own_source_should_pass(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from zhen_tools.run import check as run_check

    path = tmp_path / "t.tsv"
    path.write_text("zh\ten\n他表示：“这是第一步。\tHe said: “This is the first step.\n", encoding="utf-8")
    assert run_check([str(path)], select=("punctuation",), config=False) == []
    path.write_text("zh\ten\n他表示：“这是第一步。”\tHe said: “This is the first step.\n", encoding="utf-8")
    assert [f.text for f in run_check([str(path)], select=("punctuation",), config=False)] == ["“"]


def test_unclosed_quote_in_a_wrapped_po_string_is_reported_at_the_quote_should_flag(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # A msgstr over three quoted lines is no plain slice of the file: the finding pointed a few
    # characters off (at 't' of "drink"), and at the backslash alone of an escaped \".
    from zhen_tools.run import check as run_check

    lines = [
        'msgid "他表示：“这是第一步。”"',
        'msgstr ""',
        '"He said that the residents would soon begin to "',
        '"drink river water, “This is the first step."',
        "",
        'msgid "她说：“走。”"',
        'msgstr "She said: \\"Go."',
    ]
    path = tmp_path / "m.po"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = [
        (f.line, f.column, f.text) for f in run_check([str(path)], select=("punctuation",), config=False)
    ]
    assert found == [(4, lines[3].index("“") + 1, "“"), (7, lines[6].index('\\"') + 1, '\\"')]


def test_deleted_quote_in_a_line_aligned_document_is_reported_where_it_was_should_flag(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Along the English alone, line 2 opening with a quote reads as the quotation of line 1
    # continued in a new paragraph, and nothing is reported; the source closes line 1's quote.
    zh = "“这是第一步。”\n“我们还会继续，”她说。\n"
    en = "“This is the first step.\n“We will go on,” she said.\n"
    assert pair_findings(tmp_path, zh, en) == [(1, "“")]


def test_quotes_balanced_per_segment_like_the_source_should_pass(tmp_path) -> None:  # type: ignore[no-untyped-def]
    zh = "他表示：“这是第一步。”\n她说：“我们还会继续。”\n"
    en = "He said: “This is the first step.”\nShe said: “We will go on.”\n"
    assert pair_findings(tmp_path, zh, en) == []


def bilingual_findings(tmp_path, name: str, text: str) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    from zhen_tools.run import check as run_check

    (tmp_path / name).write_text(text, encoding="utf-8")
    return [
        (f.line, f.message) for f in run_check([str(tmp_path / name)], select=("punctuation",), config=False)
    ]


def test_a_quote_left_open_at_the_end_of_a_unit_is_not_closed_by_the_next_unit_should_flag(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # The translator typed an opening quote where the source closes its quotation; along the
    # consecutive lines of a TSV file, the closing quote of the next unit paired with it.
    tsv = (
        "zh\ten\n抗议者是爱国者。”\tThe protesters are patriots. “\n"
        "官员们同意。”会谈继续。\tOfficials agreed.” The talks go on.\n"
    )
    assert bilingual_findings(tmp_path, "t.tsv", tsv) == [(2, "unclosed '“' in this paragraph")]


def test_a_quotation_continued_in_the_next_unit_like_the_source_should_pass(tmp_path) -> None:  # type: ignore[no-untyped-def]
    tsv = "zh\ten\n他说：“甲方同意。\tHe said: “The first party agrees.\n乙方也同意。”\tThe second one agrees too.”\n"
    assert bilingual_findings(tmp_path, "t.tsv", tsv) == []


def test_an_escaped_quote_in_a_po_string_faces_as_the_quote_itself(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # `ends here. \"` opens a quotation after a space, as `ends here. "` does in a TSV file; read
    # as following the backslash it closed nothing and the source's own closing quote excused it.
    po = 'msgid "这里结束。”"\nmsgstr "It ends here. \\""\n'
    tsv = 'zh\ten\n这里结束。”\tIt ends here. "\n'
    assert bilingual_findings(tmp_path, "t.po", po) == [(2, "unclosed '\"' in this paragraph")]
    assert bilingual_findings(tmp_path, "t.tsv", tsv) == [(2, "unclosed '\"' in this paragraph")]
    po = 'msgid "他说：“好。”"\nmsgstr "He said: \\"Good.\\""\n'
    assert bilingual_findings(tmp_path, "t.po", po) == []


def test_punctuation_split_by_a_po_wrap_should_flag_and_fix(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # msgcat wrapped `to Guanyintan. .` after its space, so the line checks saw `. ` and `.`.
    po = (
        'msgid "一"\nmsgstr ""\n"Controls run from Shipan to Guanyintan. "\n"."\n\n'
        'msgid "二"\nmsgstr ""\n"It strengthened the sultry feeling "\n". Then it rained."\n'
    )
    assert bilingual_findings(tmp_path, "t.po", po) == [(3, "doubled '.'"), (8, "space before '.'")]
    from tests.conftest import run_zhen

    run_zhen("check", "--no-config", "--select", "punctuation", "--fix", "t.po", cwd=tmp_path)
    assert (tmp_path / "t.po").read_text(encoding="utf-8") == po.replace(
        'Guanyintan. "\n"."', 'Guanyintan."'
    ).replace('feeling "\n". Then', "feeling. Then")


def test_a_po_wrap_that_is_no_space_in_the_text_should_pass(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # A tool that wraps before a comma (no space kept at the line's end): the text is
    # `Beijing, China.`, whatever the quotes and line break between.
    po = 'msgid "一"\nmsgstr ""\n"Officials in Beijing"\n", China, said so. "\n"Then it rained."\n'
    assert bilingual_findings(tmp_path, "t.po", po) == []


# -- real-world-shaped cases (tests/rules/data/punctuation.jsonl) --------------------------------

DATA = data_cases("punctuation")


@pytest.mark.parametrize("case", case_params(DATA))
def test_data_cases_should_flag_or_pass(case: dict) -> None:  # type: ignore[type-arg]
    assert [[t, s] for t, s, _ in check(case["text"])] == case["flag"]
