"""repeated-text: doubled words, parentheticals repeating their sentence, repeated sentences."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_zhen, seed, seed_text
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
