"""untranslated: Han or kana inside English lines is flagged; Chinese lines and glosses are not."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_zhen, seed, seed_text
from zhen_tools.glossary.model import Entry, Glossary
from zhen_tools.rules.context import DocContext
from zhen_tools.rules.untranslated import untranslated
from zhen_tools.text.chars import english_line
from zhen_tools.text.document import document_from_text


def check(text: str, glossary: Glossary | None = None) -> list[tuple[str, str, str | None, str]]:
    findings = untranslated(DocContext(document_from_text(text), glossary))
    return [(f.text, f.severity.value, f.suggestion, f.message) for f in findings]


# (text, flagged text, severity, suggestion, words of the message)
SHOULD_FLAG = [
    ('It ranks "third in the world,"仅次于 China and Brazil.', "仅次于", "error", None, "Chinese text"),
    ("据悉，Japan has sent a research ship to the site.", "据悉，", "error", None, "Chinese text"),
    ("据悉, Japan has sent a research ship to the site.", "据悉", "error", None, "Chinese text"),
    ("The reserves are estimated at 3.5万 tons.", "3.5万", "error", "35,000", "half-translated number"),
    ("The reserves are estimated at 3.5 万 tons.", "3.5 万", "error", "35,000", "half-translated number"),
    (
        "Losses could reach 2.6万亿 yen in a year.",
        "2.6万亿",
        "error",
        "2.6 trillion",
        "half-translated number",
    ),
    ("Output rose to 350万 tons last year.", "350万", "error", "3.5 million", "half-translated number"),
    ("About 1.2亿 people watched the launch.", "1.2亿", "error", "120 million", "half-translated number"),
    ("It weighs 3.5万吨 in total, the agency said.", "3.5万吨", "error", None, "half-translated number"),
    ("The drill reached 6000米 below the surface.", "6000米", "error", None, "Chinese text"),
    ("The drill weighs 5千克 without its casing.", "5千克", "error", None, "Chinese text"),
    ("The vessel ちきゅう left Shimizu port on Monday.", "ちきゅう", "error", None, "Japanese text"),
    (
        "The ship 日本派船探查 距中国 left port on Monday morning at dawn.",
        "日本派船探查 距中国",
        "error",
        None,
        "Chinese text",
    ),
    (
        "Japan sent a ship to the island to look for rare earth mud. 日本派船探查。",
        "日本派船探查。",
        "error",
        None,
        "Chinese text",
    ),
    ("The rare-earth mud (稀土泥) was found near the island.", "稀土泥", "info", None, "gloss"),
    ("The rare-earth mud（稀土泥）was found near the island.", "稀土泥", "info", None, "gloss"),
    ("They reached Minami-Torishima (Chinese: 南鸟岛) on Monday.", "南鸟岛", "info", None, "gloss"),
    # A link's text is prose even when its target is an address with Han in it.
    ("See [新闻](https://example.com/新闻) for more.", "新闻", "error", None, "Chinese text"),
    # Han right after an address is prose: a full-width comma or a space ends the address.
    ("Read it at https://example.com/a，仅次于 China.", "，仅次于", "error", None, "Chinese text"),
    ("Read it at https://example.com/a 仅次于 China.", "仅次于", "error", None, "Chinese text"),
    ("It cited “https://example.com/a”仅次于 China.", "仅次于", "error", None, "Chinese text"),
    # Han glued to a host is no path of the address.
    ("Its site www.example.com仅次于 China in visits.", "仅次于", "error", None, "Chinese text"),
]


@pytest.mark.parametrize("text,flagged,severity,suggestion,message", SHOULD_FLAG)
def test_should_flag(text: str, flagged: str, severity: str, suggestion: str | None, message: str) -> None:
    (found,) = check(text)
    assert found[:3] == (flagged, severity, suggestion)
    assert message in found[3]


SHOULD_PASS = [
    "The reserves are estimated at 35,000 tons.",
    # Chinese lines are segments, not fragments (seed 002's headlines).
    "盯上6000米深海稀土!日本派船探查 距中国加强两用物项出口管制不到一周!高市早苗已决定提前大选",
    "日本挖深海泥希望实现稀土国产化",
    "稀土国产化",
    "中国能源报· 2026-01-12 12:51",
    "日本首相高市早苗(Sanae Takaichi)表示，将加强稀土供应链(supply chain)。",
    # A bilingual digest: a Chinese headline line, then its English summary line.
    "日本挖深海泥希望实现稀土国产化\nJapan is heavily reliant on China for rare earth imports.",
    "Source: 新华社",  # a line that is mostly Chinese is Chinese
    "Mei Ri Jing Ji Xin Wen· 2026-01-13 07:26",
    # Han in a web address names the page: the path, the query, a fragment, a Markdown target.
    "The encyclopedia entry is at https://baike.baidu.com/item/稀土 and explains it.",
    "source_url: https://www.xinhuanet.com/search?q=稀土&page=2",
    "See the report (www.example.com/news/南鸟岛) for details.",
    "Details are on [the agency's page](https://example.com/稀土/报告#第二节) today.",
]


@pytest.mark.parametrize("text", SHOULD_PASS)
def test_should_pass(text: str) -> None:
    assert check(text) == []


def test_each_line_is_judged_on_its_own() -> None:
    text = (
        "稀土国产化\nJapan ranks third, 仅次于 China and Brazil in reserves.\n日本挖深海泥希望实现稀土国产化"
    )
    assert [f[0] for f in check(text)] == ["仅次于"]


def test_english_line_weighs_words_against_han() -> None:
    assert english_line("仅次于 China and Brazil.")  # 3 words > 2/3 of 3 characters
    assert not english_line("Xi Jinping 习近平")  # 2 words = 2/3 of 3 characters: not English
    assert not english_line("2026-01-13 07:26")


GLOSSARY = Glossary(
    name="test",
    entries=(
        Entry(id="minami-torishima", en="Minami-Torishima", kind="place", zh=("南鸟岛", "南鳥島")),
        Entry(id="chikyu", en="Chikyu", kind="vessel", ja=("ちきゅう",)),
    ),
)


def test_suggestion_is_the_glossary_rendering_of_an_exact_source_form() -> None:
    assert check("The ship reached 南鸟岛 on Monday.", GLOSSARY)[0][:3] == (
        "南鸟岛",
        "error",
        "Minami-Torishima",
    )
    assert check("The vessel ちきゅう left port on Monday.", GLOSSARY)[0][2] == "Chikyu"
    # Touching CJK punctuation is part of the fragment and becomes English punctuation.
    assert check("The ship reached 南鸟岛，then returned to port.", GLOSSARY)[0][:3] == (
        "南鸟岛，",
        "error",
        "Minami-Torishima, ",
    )
    # Not exactly a source form: no suggestion.
    assert check("The ship reached 南鸟岛附近 on Monday.", GLOSSARY)[0][2] is None


def test_seed_000_untranslated_fragment_offsets() -> None:
    text = seed_text("000")
    start = text.index('"third in the world,"') + len('"third in the world,"')
    findings = list(untranslated(DocContext(document_from_text(text))))
    assert [(f.start, f.end, f.line, f.text) for f in findings] == [(start, start + 3, 9, "仅次于")]


def test_seed_002_chinese_headlines_are_not_fragments() -> None:
    assert list(untranslated(DocContext(document_from_text(seed_text("002"))))) == []


def test_zhen_check_on_seeds_000_and_002() -> None:
    proc = run_zhen(
        "check",
        str(seed("000")),
        str(seed("002")),
        "--select",
        "untranslated",
        "--no-glossary",
        "--format",
        "json",
    )
    assert proc.returncode == 1, proc.stderr
    findings = json.loads(proc.stdout)["findings"]
    start = seed_text("000").index("仅次于")
    assert [(f["path"], f["start"], f["end"], f["line"], f["severity"], f["text"]) for f in findings] == [
        (str(seed("000")), start, start + 3, 9, "error", "仅次于")
    ]


# Deliberate differences: `3.5 万` (a space before the multiplier) is one half-translated number,
# a gloss's finding is the term without its full-width parentheses, and Han in a web address is
# a span of detect_spans but no finding.
AGREEMENT = [
    row[0]
    for row in SHOULD_FLAG
    if row[0]
    not in (
        "The reserves are estimated at 3.5 万 tons.",
        "The rare-earth mud（稀土泥）was found near the island.",
        "See [新闻](https://example.com/新闻) for more.",
    )
]


@pytest.mark.parametrize("text", AGREEMENT)
def test_fragments_are_the_cjk_spans_of_detect_spans(text: str) -> None:
    """The rule finds its fragments with its own regexes (detect_spans is ~30x slower on English
    text, and this rule runs in a pre-commit hook), but it must cut them where the shared spans do:
    CJK punctuation and digits written against the Han text belong to the fragment."""
    from zhen_tools.text.spans import detect_spans

    mine = [(f.start, f.end) for f in untranslated(DocContext(document_from_text(text)))]
    spans = [(s.start, s.end) for s in detect_spans(text) if s.script in ("Hani", "Jpan")]
    assert mine == spans


# The searches before a fragment start near it (linear on long lines): what they find is the same.
@pytest.mark.parametrize(
    ("text", "flagged", "severity", "suggestion"),
    [
        ("Code A3.5万 was used, officials said.", "万", "error", None),  # digits glued to a letter
        ("It cost 1,234.5万 yen, officials said.", "1,234.5万", "error", "12.345 million"),
        ("x" * 5000 + " It cost 12万 yen, officials said.", "12万", "error", "120,000"),
        ("It holds mud (Chinese: 稀土泥) of rare earths.", "稀土泥", "info", None),
        ("It holds mud (" + " " * 40 + "稀土泥) of rare earths.", "稀土泥", "info", None),
        # Past the reach of the gloss search (80 characters): a deliberate limit, see _GLOSS_REACH.
        ("It holds mud (" + " " * 100 + "稀土泥) of rare earths.", "稀土泥", "error", None),
        ("Officials said，，据悉 Japan agreed.", "，，据悉", "error", None),
    ],
)
def test_should_flag_near_searches(text: str, flagged: str, severity: str, suggestion: str | None) -> None:
    assert [(t, s, sug) for t, s, sug, _ in check(text)] == [(flagged, severity, suggestion)]
