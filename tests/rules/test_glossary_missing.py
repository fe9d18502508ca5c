"""glossary-missing: a source term whose accepted rendering is absent from the aligned target."""

from __future__ import annotations

import pytest

from tests.conftest import GLOSSARIES
from zhen_tools.glossary import load_glossary
from zhen_tools.glossary.model import Glossary
from zhen_tools.rules.context import DocContext
from zhen_tools.rules.glossary_missing import glossary_missing
from zhen_tools.run.inputs import find_pairs, pair_documents
from zhen_tools.text.document import document_from_text


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary([str(GLOSSARIES)])


def check(g: Glossary, zh: str, en: str) -> list[tuple[str, str]]:
    pair = pair_documents(
        DocContext(document_from_text(zh, "a.zh.txt"), g), DocContext(document_from_text(en, "a.en.txt"), g)
    )
    return [(f.text, f.message) for f in glossary_missing(pair)]


SHOULD_FLAG = [
    # (source, target, source term, expected rendering)
    ("地球号从清水港出发。", "The drilling ship left Shimizu Port.", "地球号", "Chikyū"),
    (
        "南鸟岛位于东京东南约1900公里。",
        "The island lies about 1,900 km southeast of Tokyo.",
        "南鸟岛",
        "Minami-Torishima",
    ),
    (
        "高市早苗表示将提前大选。",
        "The prime minister said she would call an early election.",
        "高市早苗",
        "Sanae Takaichi",
    ),
]

SHOULD_PASS = [
    ("地球号从清水港出发。", "The Chikyu left Shimizu Port."),  # a variant is accepted
    ("地球号从清水港出发。", "The Chikyū left Shimizu Port."),
    ("南鸟岛位于东京东南。", "Minami Torishima lies southeast of Tokyo."),  # spacing: near-miss's job
    ("日产量达到350吨。", "Daily output reached 350 tons."),  # 日产 is not in 日产量
    ("南鸟岛位于东京东南。", "South Bird Island lies southeast of Tokyo."),  # forbidden: its own rule
    ("南鸟岛位于东京东南。", "南鸟岛 lies southeast of Tokyo."),  # left in Chinese: untranslated
]


@pytest.mark.parametrize("zh, en, term, rendering", SHOULD_FLAG)
def test_should_flag(glossary: Glossary, zh: str, en: str, term: str, rendering: str) -> None:
    [(text, message)] = check(glossary, zh, en)
    assert text == en  # reported on the aligned target sentence
    assert term in message and rendering in message


@pytest.mark.parametrize("zh, en", SHOULD_PASS)
def test_should_pass(glossary: Glossary, zh: str, en: str) -> None:
    assert check(glossary, zh, en) == []


def test_neighbouring_sentence_tolerates_alignment_drift(glossary: Glossary) -> None:
    """The name moved to the next sentence of the translation: not missing."""
    zh = "地球号12日出发。试验将持续约20天。"
    en = "The ship left on the 12th. The Chikyu's trial will last about 20 days."
    assert check(glossary, zh, en) == []


def test_only_the_sentence_that_lost_the_term(glossary: Glossary) -> None:
    zh = "南鸟岛位于东京东南。\n\n日本计划开采稀土。\n\n地球号将于明年返回。"
    en = (
        "Minami-Torishima lies southeast of Tokyo.\n\nJapan plans to mine rare earths.\n\n"
        "The vessel will return next year."
    )
    assert [t for t, _ in check(glossary, zh, en)] == ["The vessel will return next year."]


def test_not_in_digest_pairs(glossary: Glossary) -> None:
    text = "地球号从清水港出发\nThe vessel left port on Monday, heading for the island.\n"
    [pair] = find_pairs([DocContext(document_from_text(text, "digest.txt"), glossary)])
    assert pair.digest and list(glossary_missing(pair)) == []


def test_default_severity_is_warning(glossary: Glossary) -> None:
    pair = pair_documents(
        DocContext(document_from_text("地球号出发。", "a.zh.txt"), glossary),
        DocContext(document_from_text("The ship left.", "a.en.txt"), glossary),
    )
    [f] = glossary_missing(pair)
    assert (f.rule, f.severity.value, f.suggestion) == ("glossary-missing", "warning", None)


def test_a_bead_too_weak_to_trust_passes(glossary: Glossary) -> None:
    """The term's sentence is aligned with an unrelated, far longer one: not reported."""
    moved = (
        "Officials said on Tuesday that the harbour of the island would reopen in May, after repairs "
        "to its 300 m pier, and that two ferries would then run there twice a day, 2027."
    )
    assert check(glossary, "地球号于2026年从清水港出发。", moved) == []
    assert (
        check(glossary, "地球号于2026年从清水港出发。", "The drilling ship left Shimizu Port in 2026.") != []
    )
