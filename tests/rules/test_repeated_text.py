"""repeated-text: doubled words, parentheticals repeating their sentence, repeated sentences."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_zhen, seed, seed_text
from tests.rules.conftest import case_params, data_cases
from zhen_tools.rules.context import DocContext
from zhen_tools.rules.repeated_text import repeated_text
from zhen_tools.text.document import document_from_text


def check(text: str) -> list[tuple[str, str | None, str]]:
    return [(f.text, f.suggestion, f.message) for f in repeated_text(DocContext(document_from_text(text)))]


# (text, flagged text, suggestion, words of the message)
SHOULD_FLAG = [
    # Doubled words, any case; the suggestion is the word once.
    ("We saw the the ship leave.", "the the", "the", "doubled word"),
    ("The the ship left port.", "The the", "The", "doubled word"),
    ("It was a a big ship.", "a a", "a", "doubled word"),
    ("a stuttering policeman an an enchanting policewoman", "an an", "an", "doubled word"),
    ("The ship left the\nthe port at dawn.", "the\nthe", "the", "doubled word"),  # a wrapped line
    ("THE THE END", "THE THE", "THE", "doubled word"),
    ("The plan is is good.", "is is", "is", "doubled word"),
    # A parenthetical repeating words of its own sentence.
    (
        "Professor Yasuhiro Kato of the University of Tokyo (Yasuhiro Kato) pointed out the reserves.",
        "(Yasuhiro Kato)",
        None,
        "parenthetical repeats 'Yasuhiro Kato'",
    ),
    (
        "Professor Yasuhiro Kato of the University of Tokyo (yasuhiro  kato) pointed it out.",
        "(yasuhiro  kato)",
        None,
        "parenthetical repeats",
    ),
    ("Japan (Japan) sent a ship.", "(Japan)", None, "parenthetical repeats 'Japan'"),
    (
        "The ship reached Minami-Torishima （Minami-Torishima） on Monday.",
        "（Minami-Torishima）",
        None,
        "parenthetical repeats",
    ),
]


@pytest.mark.parametrize("text,flagged,suggestion,message", SHOULD_FLAG)
def test_should_flag(text: str, flagged: str, suggestion: str | None, message: str) -> None:
    (found,) = check(text)
    assert found[:2] == (flagged, suggestion)
    assert message in found[2]


SENTENCE = "Japan has obtained the exclusive right to explore a rare earth mining area."


def test_repeated_sentence_is_reported_at_its_second_occurrence() -> None:
    text = f"{SENTENCE}\n\n{SENTENCE} It can mine there for 15 years."
    (found,) = repeated_text(DocContext(document_from_text(text)))
    assert (found.start, found.end, found.line) == (len(SENTENCE) + 2, 2 * len(SENTENCE) + 2, 3)
    assert found.message == "sentence repeats one in line 1"


def test_repeated_sentence_in_one_line_folds_case_and_spaces() -> None:
    text = f"{SENTENCE} {SENTENCE.upper().replace(' ', '  ')}"
    (found,) = check(text)
    assert found[0] == SENTENCE.upper().replace(" ", "  ")
    assert found[2] == "sentence repeats one in this line"


def test_repeated_paragraph_is_one_finding() -> None:
    para = f"{SENTENCE} It can mine there for 15 years."
    text = f"{para}\nSomething else happened in between, the agency said.\n  {para}\n"
    found = list(repeated_text(DocContext(document_from_text(text))))
    assert [(f.text, f.line, f.message) for f in found] == [(para, 3, "paragraph repeats line 1")]


# Sentences and paragraphs, each said once, then said again (two sentences of the first line,
# one of them again in the third line, folded; then the whole first line again, with CRLF).
SAID_TWICE = (
    f"{SENTENCE} The survey ship will leave Tokyo next month.\r\n"
    "Something else happened in between, the agency said.\r\n"
    f"First things first. {SENTENCE.upper()}\r\n"
    f"{SENTENCE} The survey ship will leave Tokyo next month.\r\n"
)
SAID_TWICE_FOUND = [
    (SENTENCE.upper(), 3, "sentence repeats one in line 1"),
    (f"{SENTENCE} The survey ship will leave Tokyo next month.", 4, "paragraph repeats line 1"),
]


def test_repeats_are_found_by_hash_and_checked_against_the_text() -> None:
    found = list(repeated_text(DocContext(document_from_text(SAID_TWICE))))
    assert [(f.text, f.line, f.message) for f in found] == SAID_TWICE_FOUND


def test_keys_sharing_a_hash_are_still_told_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every key of one length collides: each must still be found by itself, never by another.
    from zhen_tools.rules import repeated_text as module

    monkeypatch.setattr(module, "_hash", len)
    found = list(repeated_text(DocContext(document_from_text(SAID_TWICE))))
    assert [(f.text, f.line, f.message) for f in found] == SAID_TWICE_FOUND
    monkeypatch.setattr(module, "_hash", lambda key: 0)
    other = "Another sentence of this paragraph is not the same one."
    text = f"{SENTENCE}\n{other}\n{other}\n{SENTENCE}\n"
    found = list(repeated_text(DocContext(document_from_text(text))))
    assert [(f.line, f.message) for f in found] == [
        (3, "paragraph repeats line 2"),
        (4, "paragraph repeats line 1"),
    ]


@pytest.mark.parametrize("hash_of", [hash, len])
def test_the_table_of_what_was_said_grows_and_finds_every_first_place(monkeypatch, hash_of) -> None:  # type: ignore[no-untyped-def]
    from zhen_tools.rules import repeated_text as module

    monkeypatch.setattr(module, "_hash", hash_of)  # len: a few hashes shared by many keys
    keys = [f"sentence number {n % 3000}" for n in range(6000)]  # each said twice, 3000 apart
    seen = module._Seen(keys.__getitem__, size=4)
    firsts = [seen.first(key, place) for place, key in enumerate(keys)]
    assert firsts == [None] * 3000 + list(range(3000))


SHOULD_PASS = [
    # Grammatical doubles.
    "He said that that plan would fail.",
    "She had had enough of the delays.",
    "What it is is a supply problem.",
    "What they do do matters.",
    # Capitalised doubles are names.
    "The conductor Yang Yang and the pianist Lang Lang played; Li Li reported from Bora Bora.",
    # Not across a paragraph break, not from one list item into the next.
    "They waited for the\n\nthe ship never came.",
    "- imports from Japan\nJapan exports less now.",
    "Japan, Japan and Japan again.",
    # Short repeated lines are labels and bullets.
    "Statement:\nThe article represents the views of the author.\nStatement:\n- Yes\n- Yes",
    # Parentheticals that repeat nothing of their sentence.
    "The Liberal Democratic Party (LDP) called for an early election.",
    "Showers (with weak thunder) in the day and rain (with weak thunder) at night.",
    "The Hong Kong-Canada Business Association (Canada) hosted the forum.",
    "The Construction Engineering Group of CSCEC Xinjiang (Group) Co., Ltd said so.",
    "Yasuhiro Kato spoke first. The professor (Yasuhiro Kato) then agreed.",
    "The steps are (1) dig and (2) lift, said (s)he.",
    # The same sentence in two different lines of a short digest is below the minimum length.
    "Group 1: Politics\nGroup 1: Politics",
]


@pytest.mark.parametrize("text", SHOULD_PASS)
def test_should_pass(text: str) -> None:
    assert check(text) == []


def test_seed_003_parenthetical_and_repeated_opening() -> None:
    text = seed_text("003")
    opening = (
        "Japan has obtained the exclusive right to explore a rare earth mining area on the ocean "
        "floor of the Pacific Ocean from the United Nations International Seabed Authority."
    )
    first = text.index(opening)
    second = text.index(opening, first + 1)
    paren = text.index("(Yasuhiro Kato)")
    findings = list(repeated_text(DocContext(document_from_text(text))))
    assert [(f.start, f.end, f.line) for f in findings] == [
        (second, second + len(opening), 10),
        (paren, paren + len("(Yasuhiro Kato)"), 12),
    ]
    assert "line 8" in findings[0].message
    assert "Yasuhiro Kato" in findings[1].message


@pytest.mark.parametrize("prefix", ["000", "001", "002", "004"])
def test_clean_seeds(prefix: str) -> None:
    assert list(repeated_text(DocContext(document_from_text(seed_text(prefix))))) == []


def test_zhen_check_on_seed_003() -> None:
    proc = run_zhen(
        "check", str(seed("003")), "--select", "repeated-text", "--no-glossary", "--format", "json"
    )
    assert proc.returncode == 0, proc.stderr  # warnings only
    found = json.loads(proc.stdout)["findings"]
    assert [(f["line"], f["column"], f["rule"], f["severity"]) for f in found] == [
        (10, 1, "repeated-text", "warning"),
        (12, 77, "repeated-text", "warning"),
    ]
    assert found[1]["text"] == "(Yasuhiro Kato)"


# -- generation loops ----------------------------------------------------------------------------

LOOPS_SHOULD_FLAG = [
    ("He studied at the University of Bern, Bern, Bern, Bern and left.", "Bern, Bern, Bern, Bern", "Bern", 4),
    ("Prices rose rose rose rose in May.", "rose rose rose rose", "rose", 4),
    (
        "It was held at the city hall, the city hall, the city hall.",
        "the city hall, the city hall, the city hall",
        "the city hall",
        3,
    ),
    ("The the the plan failed.", "The the the", "The", 3),  # one finding, not two doubled words
    (
        "Experts said; experts said; experts said that it works.",
        "Experts said; experts said; experts said",
        "Experts said",
        3,
    ),
]


@pytest.mark.parametrize("text,flagged,suggestion,times", LOOPS_SHOULD_FLAG)
def test_loops_should_flag(text: str, flagged: str, suggestion: str, times: int) -> None:
    assert check(text) == [(flagged, suggestion, f"{suggestion!r} said {times} times in a row")]


LOOPS_SHOULD_PASS = [
    "The figures are very, very, very good.",  # emphasis
    "He said no, no, no to the offer.",
    "Ha ha ha, they laughed.",
    "They knocked: knock knock knock.",
    "Bern, Bern again: the capital twice.",  # twice is not a loop (and a name)
    "Yang Yang and Li Li met in Bora Bora.",
    "Apples, pears, apples and pears.",  # not in a row
]


@pytest.mark.parametrize("text", LOOPS_SHOULD_PASS)
def test_loops_should_pass(text: str) -> None:
    assert [m for _, _, m in check(text) if "in a row" in m] == []


# -- excused by the source -----------------------------------------------------------------------


def pair_findings(tmp_path, zh: str, en: str) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    from zhen_tools.run import check as run_check

    (tmp_path / "a.zh.txt").write_text(zh, encoding="utf-8")
    (tmp_path / "a.en.txt").write_text(en, encoding="utf-8")
    return [(f.line, f.message) for f in run_check([str(tmp_path)], select=("repeated-text",), config=False)]


HEADLINE_EN = "Beijing opens six new metro lines before the end of the year"


def test_headline_repeated_in_the_source_should_pass(tmp_path) -> None:  # type: ignore[no-untyped-def]
    zh = "北京年底前开通六条地铁新线\n北京年底前开通六条地铁新线\n新线总长一百公里。\n"
    en = f"{HEADLINE_EN}\n{HEADLINE_EN}\nThe new lines are 100 km long.\n"
    assert pair_findings(tmp_path, zh, en) == []


def test_translation_repeated_where_the_sources_differ_should_flag(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # The second line repeats the first line's translation: the second source went untranslated.
    zh = "北京年底前开通六条地铁新线\n新线总长一百公里，设站八十座。\n"
    en = f"{HEADLINE_EN}\n{HEADLINE_EN}\n"
    assert pair_findings(tmp_path, zh, en) == [(2, "paragraph repeats line 1")]


def test_doubled_word_is_not_excused_by_the_source_should_flag(tmp_path) -> None:  # type: ignore[no-untyped-def]
    zh = "北京年底前开通六条地铁新线\n北京年底前开通六条地铁新线\n"
    en = "Beijing opens the the new lines\nBeijing opens the new lines\n"
    assert pair_findings(tmp_path, zh, en) == [(1, "doubled word 'the'")]


# -- bilingual files: a paragraph is a unit's target, however the file wraps it -----------------


def po_findings(tmp_path, *targets: str) -> list[tuple[int, int, str]]:  # type: ignore[no-untyped-def]
    """(line, end line, message) for a PO file of these targets, each long one wrapped at its
    spaces over quoted lines of at most 40 characters, as msgcat wraps (at 79)."""
    from zhen_tools.run import check as run_check

    entries = ['msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n']
    for i, target in enumerate(targets):
        lines, line = [], ""
        for word in target.split(" "):
            if line and len(line) + len(word) + 1 > 40:
                lines.append(line + " ")
                line = word
            else:
                line = f"{line} {word}" if line else word
        wrapped = '""\n' + "\n".join(f'"{x}"' for x in [*lines, line])
        entries.append(f'msgid "源文{i}"\nmsgstr {wrapped}\n')
    (tmp_path / "a.po").write_text("\n".join(entries), encoding="utf-8")
    found = run_check([str(tmp_path / "a.po")], select=("repeated-text",), config=False)
    return [(f.line, f.end_line, f.message) for f in found]


def test_a_wrapped_msgstr_said_twice_is_one_finding_over_its_lines(tmp_path) -> None:  # type: ignore[no-untyped-def]
    said = "The spokesperson said that the government has always opposed every form of cyber attack."
    # Lines 1-4 are the header entry and a blank line; msgid, msgstr "" and three quoted lines
    # follow for each target: the first target is on lines 7-9, the second on lines 13-15.
    assert po_findings(tmp_path, said, said) == [(13, 15, "paragraph repeats line 7")]


def test_msgstrs_that_share_only_a_wrapped_line_should_pass(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Both wrap to "the ministry has always opposed any form " on their second quoted line;
    # the paragraphs (and sentences) differ.
    one = (
        "Officials in Beijing said on Monday that the ministry has always opposed any form of "
        "cyber attack in the region."
    )
    two = "Reporters in Shanghai told us on Friday the ministry has always opposed any form of attack on its networks."
    assert po_findings(tmp_path, one, two) == []


def test_a_sentence_repeated_in_another_msgstr_wrapped_elsewhere_should_flag(tmp_path) -> None:  # type: ignore[no-untyped-def]
    said = "Beijing opens six new metro lines before the end of the year."
    found = po_findings(tmp_path, f"{said} The lines are long.", f"Officials said so. {said}")
    assert [m for _, _, m in found] == ["sentence repeats one in line 7"]


# -- real-world-shaped cases (tests/rules/data/repeated_text.jsonl) ------------------------------

DATA = data_cases("repeated_text")


@pytest.mark.parametrize("case", case_params(DATA))
def test_data_cases_should_flag_or_pass(case: dict) -> None:  # type: ignore[type-arg]
    assert [[t, s] for t, s, _ in check(case["text"])] == case["flag"]
