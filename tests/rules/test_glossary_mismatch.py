"""glossary-mismatch: the aligned target renders a source term as a different entry."""

from __future__ import annotations

import pytest

from tests.conftest import GLOSSARIES, seed
from zhen_tools.glossary import load_glossary
from zhen_tools.glossary.model import Entry, Glossary
from zhen_tools.rules.context import DocContext
from zhen_tools.rules.glossary_mismatch import glossary_mismatch
from zhen_tools.rules.glossary_missing import glossary_missing
from zhen_tools.run.inputs import find_pairs, pair_documents
from zhen_tools.text.document import document_from_text, read_document


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary([str(GLOSSARIES)])


def check(g: Glossary, zh: str, en: str) -> list[tuple[str, str | None]]:
    pair = pair_documents(
        DocContext(document_from_text(zh, "a.zh.txt"), g), DocContext(document_from_text(en, "a.en.txt"), g)
    )
    return [(f.text, f.suggestion) for f in glossary_mismatch(pair)]


SHOULD_FLAG = [
    # a declared confusable
    (
        "南鸟岛位于东京东南约1900公里。",
        "Okinotorishima lies about 1,900 km southeast of Tokyo.",
        "Okinotorishima",
        "Minami-Torishima",
    ),
    # another prime minister (declared confusable)
    (
        "高市早苗表示将提前大选。",
        "Fumio Kishida said he would call an early election.",
        "Fumio Kishida",
        "Sanae Takaichi",
    ),
    (
        "众议院将被解散。",
        "The House of Councillors will be dissolved.",
        "House of Councillors",
        "House of Representatives",
    ),
]

SHOULD_PASS = [
    ("南鸟岛位于东京东南。", "Minami-Torishima lies southeast of Tokyo."),
    # both named in the source: no substitution
    ("高市早苗接替石破茂。", "Sanae Takaichi succeeded Shigeru Ishiba."),
    (
        "南鸟岛和冲之鸟礁都是日本最偏远的岛屿。",
        "Minami-Torishima and Okinotorishima are Japan's remotest islands.",
    ),
    # the right rendering is there too: the other name is extra information
    (
        "高市早苗表示将提前大选。",
        "Sanae Takaichi, like Fumio Kishida before her, will call an early election.",
    ),
]


@pytest.mark.parametrize("zh, en, wrong, right", SHOULD_FLAG)
def test_should_flag(glossary: Glossary, zh: str, en: str, wrong: str, right: str) -> None:
    assert check(glossary, zh, en) == [(wrong, right)]


@pytest.mark.parametrize("zh, en", SHOULD_PASS)
def test_should_pass(glossary: Glossary, zh: str, en: str) -> None:
    assert check(glossary, zh, en) == []


def test_same_kind_substitution_without_declaration() -> None:
    """Two persons not declared confusable: the one person of the target standing where the
    source's person should be is a substitution; with two candidates it is not guessed."""
    g = Glossary(
        entries=(
            Entry("kato", "Yasuhiro Kato", kind="person", zh=("加藤泰浩",)),
            Entry("ishii", "Shoichi Ishii", kind="person", zh=("石井正一",)),
            Entry("trump", "Donald Trump", kind="person", zh=("特朗普",)),
        )
    )
    assert check(g, "加藤泰浩指出储量高于预期。", "Shoichi Ishii said reserves were higher.") == [
        ("Shoichi Ishii", "Yasuhiro Kato")
    ]
    assert (
        check(g, "加藤泰浩指出储量高于预期。", "Shoichi Ishii and Donald Trump said reserves were higher.")
        == []
    )


def test_mismatch_is_not_also_missing(glossary: Glossary) -> None:
    pair = pair_documents(
        DocContext(document_from_text("南鸟岛位于东京东南。", "a.zh.txt"), glossary),
        DocContext(document_from_text("Okinotorishima lies southeast of Tokyo.", "a.en.txt"), glossary),
    )
    assert [f.rule for f in glossary_mismatch(pair)] == ["glossary-mismatch"]
    assert list(glossary_missing(pair)) == []


def test_seed_002_digest_kishida(glossary: Glossary) -> None:
    """Acceptance: the summary that names Fumio Kishida under a headline naming 高市早苗 is
    reported; the summaries that misspell Takaichi are left to glossary-near-miss."""
    doc = read_document(seed("002"))
    pairs = find_pairs([DocContext(doc, glossary)])
    found = [f for p in pairs for f in glossary_mismatch(p)]
    assert {f.text for f in found} == {"Fumio Kishida", "Kishida"}
    assert all(f.line == 11 and "高市早苗" in f.message for f in found)
    assert all(f.severity.value == "error" and f.suggestion == "Sanae Takaichi" for f in found)


def test_entry_mentioned_inside_a_longer_word_is_not_a_stranger(glossary: Glossary) -> None:
    """美国众议院议长 mentions 众议院 even where segmentation keeps it inside a longer word, so
    "House of Representatives" there is no substitute for 参议院 (WMT21 line 474)."""
    zh = "美国众议院议长南希·佩洛西和参议院多数党领袖米奇·麦康奈尔上周宣布。"
    en = "Speaker of the House of Representatives Nancy Pelosi and Senate Majority Leader Mitch McConnell announced."
    assert check(glossary, zh, en) == []
