"""inconsistent-rendering: one entity written in more than one form across the documents checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import GLOSSARIES, SEEDS, seed
from zhen_tools.glossary import load_glossary
from zhen_tools.glossary.fold import loose_key
from zhen_tools.rules.context import DocContext
from zhen_tools.rules.inconsistent_rendering import inconsistent_rendering
from zhen_tools.rules.registry import all_rules
from zhen_tools.text.document import document_from_text, read_document

TOML = """
[[entry]]
id = "chikyu"
kind = "vessel"
origin = "ja"
en = "Chikyū"
variants = ["Chikyu"]

[[entry]]
id = "minami-torishima"
kind = "place"
origin = "ja"
en = "Minami-Torishima"
variants = ["Minami-Tori-shima", "Minamitorishima"]

[[entry]]
id = "lynas"
kind = "org"
en = "Lynas Rare Earths"
variants = ["Lynas"]

[[entry]]
id = "takaichi-sanae"
kind = "person"
origin = "ja"
en = "Sanae Takaichi"
variants = ["Takaichi"]
"""
BUNDLED = GLOSSARIES / "japan-rare-earths.toml"


def run(texts: list[str], glossary=None) -> list[tuple[str, str, str | None]]:
    ctxs = [DocContext(document_from_text(t, f"doc{i}.txt"), glossary) for i, t in enumerate(texts)]
    return [(f.path, f.text, f.suggestion) for f in inconsistent_rendering(ctxs)]


@pytest.mark.parametrize(
    "texts, expected",
    [
        # accepted forms of one entry that differ only by diacritics, across documents
        (
            ["Chikyū left port. Chikyū drilled.", "The vessel Chikyu returned."],
            [("doc1.txt", "Chikyu", "Chikyū")],
        ),
        # ... or by hyphens, within one document
        (
            ["Mud near Minami-Torishima.\nMore mud near Minami-Tori-shima. Minami-Torishima again."],
            [("doc0.txt", "Minami-Tori-shima", "Minami-Torishima")],
        ),
        # a tie goes to the glossary's preferred form
        (["Chikyu left.", "Chikyū returned."], [("doc0.txt", "Chikyu", "Chikyū")]),
    ],
)
def test_flags_minority_spellings_of_glossary_entries(glossary, texts, expected):
    assert run(texts, glossary) == expected


@pytest.mark.parametrize(
    "texts, expected",
    [
        (
            ["Toyota Tsusho buys. Toyota Tsusho sells.", "Toyota Tsūshō holds."],
            [("doc1.txt", "Toyota Tsūshō", "Toyota Tsusho")],
        ),
        (
            ["Shin-Etsu makes magnets. Shinetsu is big. Shin-Etsu grows."],
            [("doc0.txt", "Shinetsu", "Shin-Etsu")],
        ),
        # romanisation variants
        (
            ["The Asahi Shimbun said.", "The Asahi Shinbun said. The Asahi Shimbun agreed."],
            [("doc1.txt", "Asahi Shinbun", "Asahi Shimbun")],
        ),
        # a tie without a glossary goes to the spelling seen first
        (["Wessel County", "Wesel County"], [("doc1.txt", "Wesel County", "Wessel County")]),
    ],
)
def test_flags_minority_spellings_of_names_in_no_glossary(texts, expected):
    assert run(texts) == expected


@pytest.mark.parametrize(
    "texts",
    [
        # short and long forms of one name
        ["Lynas Rare Earths agreed.", "Lynas will build.", "Sanae Takaichi spoke.", "Takaichi left."],
        # case only (a headline) and apostrophe shape only
        ["CHIKYU RETURNS", "Chikyu returned. Xi'an and Xi’an."],
        # different names that happen to share letters across a word boundary
        ["Chen Guangming said.", "Cheng Guangming said."],
        # one spelling only
        ["Chikyū left. Chikyū returned.", "Chikyū again."],
    ],
)
def test_passes_short_forms_case_and_distinct_names(glossary, texts):
    assert run(texts, glossary) == []
    assert run(texts) == []


def test_message_names_the_majority_form_and_where_it_is(glossary):
    ctxs = [
        DocContext(document_from_text("x\nChikyū left. Chikyū drilled.", "a.txt"), glossary),
        DocContext(document_from_text("The vessel Chikyu returned.", "b.txt"), glossary),
    ]
    (f,) = inconsistent_rendering(ctxs)
    assert "'Chikyū'" in f.message and "a.txt:2" in f.message and "2 times" in f.message
    assert (f.path, f.start, f.end, f.severity.value) == ("b.txt", 11, 17, "warning")


def test_is_a_run_scope_rule():
    rule = all_rules()["inconsistent-rendering"]
    assert rule.func("run") is inconsistent_rendering


def test_loose_key_folds_romanisation_variants_within_words():
    assert loose_key("Itoh") == loose_key("Ito") == loose_key("Itō")
    assert loose_key("Cheng Guangming") != loose_key("Chen Guangming")


@pytest.mark.skipif(not BUNDLED.exists(), reason="bundled glossary not written yet")
def test_seed_set_mixes_chikyu_and_minami_torishima_spellings():
    glossary = load_glossary([BUNDLED])
    ctxs = [DocContext(read_document(p), glossary) for p in sorted(SEEDS.glob("*.txt"))]
    found = {(f.text, f.suggestion) for f in inconsistent_rendering(ctxs)}
    assert ("Chikyu", "Chikyū") in found
    assert ("Minami-Tori-shima", "Minami-Torishima") in found
    right = ("Fuji TV", "JAMSTEC", "Lynas", "MP Materials", "Yakutia", "Tomtor", "USGS")
    assert not [t for t, _ in found if t in right]
    assert seed("002").name in {Path(f.path).name for f in inconsistent_rendering(ctxs)}
