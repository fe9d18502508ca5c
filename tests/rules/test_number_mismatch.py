"""number-mismatch: a number that differs between aligned source and target."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import seed
from zhen_tools.rules.context import DocContext
from zhen_tools.rules.number_mismatch import number_mismatch
from zhen_tools.run.inputs import find_pairs, pair_documents
from zhen_tools.text.document import document_from_text, read_document


def check(zh: str, en: str) -> list[tuple[str, str]]:
    pair = pair_documents(
        DocContext(document_from_text(zh, "a.zh.txt")), DocContext(document_from_text(en, "a.en.txt"))
    )
    return [(f.text, f.message) for f in number_mismatch(pair)]


SHOULD_FLAG = [
    (
        "日产3.5万吨稀土泥。",
        "It yields 3,500 tons of mud a day.",
        [("3,500", "scale error: source 3.5万 (35,000), target 3,500 (10 times smaller)")],
    ),
    (
        "经济损失约2.6万亿日元。",
        "The loss would be about 2.6 billion yen.",
        [
            (
                "2.6 billion",
                "scale error: source 2.6万亿 (2.6 trillion), target 2.6 billion (1,000 times smaller)",
            )
        ],
    ),
    (
        "日本70%的稀土依赖中国。",
        "Japan relies on China for 17% of its rare earths.",
        [("17%", "changed number: source 70%, target 17%")],
    ),
    (
        "船只将于1月12日出发。",
        "The ship will depart on January 13.",
        [("January 13", "changed number: source 1月12日 (January 12), target January 13")],
    ),
    (
        "试验持续约20天。",
        "The trial will last about a month.",
        [("The trial will last about a month.", "dropped number: source 20, not in the translation")],
    ),
    (
        "试验将持续数周。",
        "The trial will last 3 weeks.",
        [("3", "added number: target 3, not in the source")],
    ),
]

SHOULD_PASS = [
    ("日产3.5万吨稀土泥。", "It yields 35,000 tons of mud a day."),
    ("经济损失约2.6万亿日元。", "The loss would be about 2.6 trillion yen."),
    ("日本超过百分之七十的稀土依赖中国。", "Japan relies on China for more than 70% of its rare earths."),
    ("2026年1月12日，船只出发。", "The ship departed on January 12, 2026."),
    ("十五名船员参加了试验。", "Fifteen crew members took part in the trial."),
    ("一艘船在南鸟岛附近作业。", "A ship is working near Minami-Torishima."),
    ("新冠疫情后，G20峰会召开。", "After COVID-19, the G20 summit met."),
    ("新华社东京1月12日电", "TOKYO, January 12, 2026 (Xinhua)"),  # a dateline year
]


@pytest.mark.parametrize("zh, en, expected", SHOULD_FLAG)
def test_should_flag(zh: str, en: str, expected: list[tuple[str, str]]) -> None:
    assert check(zh, en) == expected


@pytest.mark.parametrize("zh, en", SHOULD_PASS)
def test_should_pass(zh: str, en: str) -> None:
    assert check(zh, en) == []


def test_number_in_the_neighbouring_sentence() -> None:
    """The translator moved the figure to the next sentence: alignment drift, not a mismatch."""
    zh = "船只12日出发，将开采6000米深的海底泥。试验持续约20天。"
    en = "The ship left on the 12th. It will mine seabed mud and work at a depth of 6,000 meters for about 20 days."
    assert check(zh, en) == []


def test_position_and_severity() -> None:
    pair = pair_documents(
        DocContext(document_from_text("标题\n\n日产3.5万吨。", "a.zh.txt")),
        DocContext(document_from_text("Title\n\nIt yields 3,500 tons a day.", "a.en.txt")),
    )
    [f] = number_mismatch(pair)
    assert (f.path, f.line, f.column, f.end_column, f.rule, f.severity.value) == (
        "a.en.txt",
        3,
        11,
        16,
        "number-mismatch",
        "error",
    )  # end_column is exclusive


def test_not_in_digest_pairs() -> None:
    """Seed 002's summaries leave out the headline's numbers: no findings there."""
    pairs = find_pairs([DocContext(read_document(seed("002")))])
    assert pairs and [f for p in pairs for f in number_mismatch(p)] == []


def test_bilingual_units_are_compared_one_to_one() -> None:
    text = "zh\ten\n日产3.5万吨\t35,000 tons a day\n约6000米\tabout 600 meters\n"
    [pair] = find_pairs([DocContext(document_from_text(text, "units.tsv"))])
    [f] = number_mismatch(pair)
    assert (f.line, f.text, f.message) == (
        3,
        "600",
        "scale error: source 6000 (6,000), target 600 (10 times smaller)",
    )


# -- real-world and synthetic cases kept as data (tests/rules/data/number_mismatch.jsonl) --------

CASES = [
    json.loads(line)
    for line in (Path(__file__).parent / "data" / "number_mismatch.jsonl").read_text("utf-8").splitlines()
    if line.strip()
]


def _case_id(case: dict[str, object]) -> str:
    return f"{case['group']}: {case['why']}"


@pytest.mark.parametrize("case", [c for c in CASES if c["group"] != "known-failure"], ids=_case_id)
def test_data_cases_flag_and_pass(case: dict[str, object]) -> None:
    assert [text for text, _ in check(str(case["source"]), str(case["target"]))] == case["flags"]


@pytest.mark.parametrize("case", [c for c in CASES if c["group"] == "known-failure"], ids=_case_id)
@pytest.mark.xfail(strict=True, reason="known failure: see the case's 'why'")
def test_known_failures(case: dict[str, object]) -> None:
    assert [text for text, _ in check(str(case["source"]), str(case["target"]))] == case["flags"]


def test_data_file_format() -> None:
    """Every case has the fields the tests read, a known group, and no duplicate."""
    keys = {"group", "why", "source", "target", "flags"}
    assert all(set(c) == keys for c in CASES)
    assert {c["group"] for c in CASES} <= {"in-the-wild", "synthetic", "negative", "known-failure"}
    pairs = [(c["source"], c["target"]) for c in CASES]
    assert len(pairs) == len(set(pairs))
    assert all(c["flags"] == [] for c in CASES if c["group"] == "negative")


@pytest.mark.parametrize(
    "zh, en, words",
    [
        ("全市有820 万人口。", "The city has 82 million people.", ["scale error", "820 万", "82 million"]),
        ("日本70%的稀土依赖中国。", "Japan relies on China for 17%.", ["changed number", "70%", "17%"]),
        ("试验持续约20天。", "The trial lasts a month.", ["dropped number", "20"]),
        ("试验将持续数周。", "The trial will last 3 weeks.", ["added number", "3"]),
    ],
)
def test_messages_name_both_values_and_the_change(zh: str, en: str, words: list[str]) -> None:
    """A scale error is not explained as "18 vs 3": the message names what each side says."""
    [(_, message)] = check(zh, en)
    assert all(w in message for w in words), message


def test_a_neighbour_matched_where_it_stands_excuses_nothing() -> None:
    """Article 21 as Article 12 is reported in a file whose next sentence has its own 12 and 21
    (matched there, so they cannot be this sentence's numbers drifted one sentence away)."""
    zh = "依据第21条第3款处理。\n会议持续12天，有21人参加。\n"
    en = "It is handled under Article 12, Paragraph 5.\nThe meeting lasted 12 days, with 21 people.\n"
    whole = "It is handled under Article 12, Paragraph 5."
    assert sorted(text for text, _ in check(zh, en)) == ["12", "5", whole, whole]


def test_full_width_number_text_is_the_slice() -> None:
    from zhen_tools.text.numbers import extract_numbers

    [n] = extract_numbers("３５００", "zh")
    assert n.text == "３５００" and n.value == 3500


def test_a_bead_too_weak_to_trust_is_not_reported() -> None:
    """A sentence aligned with an unrelated, far longer one: misalignment, not a changed number."""
    moved = (
        "Officials said on Tuesday that the harbour of the island would reopen in May, after repairs "
        "to its 300 m pier, and that two ferries would then run there twice a day."
    )
    assert check("日本计划在2027年开始商业开采。", moved) == []
    assert check("日本计划在2027年开始商业开采。", "Japan plans to begin commercial mining in 2028.") != []


def test_translation_units_are_trusted_however_weak() -> None:
    """A TSV row is aligned by its file, not by the aligner: the confidence gate does not apply."""
    moved = (
        "Officials said on Tuesday that the harbour of the island would reopen in May, after repairs "
        "to its 300 m pier, and that two ferries would then run there twice a day."
    )
    text = f"zh\ten\n日本计划在2027年开始商业开采。\t{moved}\n"
    [pair] = find_pairs([DocContext(document_from_text(text, "units.tsv"))])
    assert [f.text for f in number_mismatch(pair)] == ["300"]


def test_a_number_word_in_the_next_sentence_excuses_no_dropped_figure() -> None:
    """``both`` is no drifted 2: the dropped count is reported."""
    zh = "要求至少2次核酸检测。\n双方签署了协议。\n"
    en = "At least nucleic acid tests are required.\nBoth sides signed the agreement.\n"
    assert [m for _, m in check(zh, en)] == ["dropped number: source 2, not in the translation"]


def test_a_day_the_translation_already_dated_may_pass_unsaid() -> None:
    """26日 after a dateline of July 26: the English has given the date, so leaving out "on the
    26th" loses nothing. The same sentence under a dateline of another day flags the dropped 26."""
    body_zh, body_en = (
        "水利部部长26日要求加强水库调度。",
        "The minister called for better regulation of the reservoirs.",
    )
    assert check(f"新华社北京7月26日电\n{body_zh}\n", f"BEIJING, July 26 (Xinhua)\n{body_en}\n") == []
    assert check(f"新华社北京7月25日电\n{body_zh}\n", f"BEIJING, July 25 (Xinhua)\n{body_en}\n") == [
        (body_en, "dropped number: source 26日 (26), not in the translation")
    ]


def test_a_day_dated_only_later_should_flag() -> None:
    """Only a date written before the sentence excuses it: a later one is another event."""
    zh = "水利部部长26日要求加强水库调度。\n7月26日，水位回落。\n"
    en = "The minister called for better regulation of the reservoirs.\nOn July 26, the water fell.\n"
    assert [m for _, m in check(zh, en)] == ["dropped number: source 26日 (26), not in the translation"]
