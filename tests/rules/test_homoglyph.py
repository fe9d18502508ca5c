"""homoglyph: a word mixing scripts (Latin with Cyrillic/Greek look-alikes), or a Latin word that
is a look-alike of a glossary entry's Cyrillic name."""

from __future__ import annotations

import pytest

from tests.conftest import GLOSSARIES, seed
from zhen_tools.glossary import load_glossary
from zhen_tools.rules.context import DocContext
from zhen_tools.rules.homoglyph import homoglyph, latin_spelling
from zhen_tools.text.document import document_from_text, read_document

TOML = """
[[entry]]
id = "rostec"
kind = "org"
origin = "ru"
en = "Rostec"
ru = ["Ростех"]

[[entry]]
id = "tomtor"
kind = "place"
origin = "ru"
en = "Tomtor"
ru = ["Томтор"]

[[entry]]
id = "yakutia"
kind = "place"
origin = "ru"
en = "Yakutia"
ru = ["Якутия"]
"""
BUNDLED = GLOSSARIES / "japan-rare-earths.toml"


def run(text: str, glossary=None) -> list[tuple[str, str | None]]:
    return [(f.text, f.suggestion) for f in homoglyph(DocContext(document_from_text(text), glossary))]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a Cyrillic о inside a Latin word
        ("State firm R\u043esatom agreed.", [("R\u043esatom", "Rosatom")]),
        # a Greek capital Tau starting a Latin word
        ("\u03a4okyo agreed.", [("\u03a4okyo", "Tokyo")]),
        # a Latin o inside a Cyrillic word: the suggestion is all Cyrillic
        ("\u0420o\u0441\u0442\u0435\u0445 agreed.", [("\u0420o\u0441\u0442\u0435\u0445", "Ростех")]),
        # a Cyrillic letter with no Latin twin still mixes scripts: flagged, no suggestion
        ("Ros\u0442ec agreed.", [("Ros\u0442ec", None)]),
    ],
)
def test_flags_mixed_script_words_without_a_glossary(text, expected):
    assert run(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the state-owned company PocTex and", [("PocTex", "Rostec")]),
        ("POCTEX said", [("POCTEX", "Rostec")]),
        ("the Tomtop deposit", [("Tomtop", "Tomtor")]),
    ],
)
def test_flags_latin_look_alikes_of_cyrillic_glossary_names(glossary, text, expected):
    assert run(text, glossary) == expected


@pytest.mark.parametrize(
    "text",
    [
        "COVID-19 and SARS-CoV-2 spread.",
        "The β-catenin pathway and the α-helix.",
        "Particles of 5 μm; NF-κB signalling; TGF-β.",
        "Ростех and Якутия in Cyrillic, Rostec and Yakutia in Latin.",
        "A Pocket and a Tomtom are not look-alikes.",
        "poctex in lower case is not a name.",
        "Москва, Ελλάδα, Tokyo.",
    ],
)
def test_passes_single_script_words_and_real_greek(glossary, text):
    assert run(text, glossary) == []
    assert run(text) == []


def test_look_alikes_need_a_glossary_ru_form():
    assert run("the company PocTex and") == []


def test_exact_offsets_and_severity():
    text = "State firm R\u043esatom agreed."
    (f,) = homoglyph(DocContext(document_from_text(text)))
    assert (f.start, f.end, f.severity.value, f.rule) == (11, 18, "error", "homoglyph")
    assert "Cyrillic" in f.message


def test_latin_spelling():
    assert latin_spelling("\u0420\u043e\u0441") == "Poc"
    assert latin_spelling("β") is None


@pytest.mark.skipif(not BUNDLED.exists(), reason="bundled glossary not written yet")
def test_seed_003_poctex_is_rostec():
    ctx = DocContext(read_document(seed("003")), load_glossary([BUNDLED]))
    assert [(f.text, f.suggestion) for f in homoglyph(ctx)] == [("PocTex", "Rostec")]


def test_the_fast_block_filter_covers_every_cyrillic_and_greek_character_of_the_bmp() -> None:
    # The rule first looks for Cyrillic/Greek with a cheap class of Unicode blocks; a letter
    # outside it would be a mixed-script word silently missed.
    import regex

    from zhen_tools.rules.homoglyph import (
        _NEAR_CYRILLIC_OR_GREEK,
        _has_cyrillic_or_greek,
    )

    script = regex.compile(r"[\p{Cyrillic}\p{Greek}]")
    letters = [chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000 and script.match(chr(c))]
    assert len(letters) > 500
    assert [c for c in letters if not _NEAR_CYRILLIC_OR_GREEK.match(c)] == []
    assert all(_has_cyrillic_or_greek(f"Ros{c}tom") for c in letters)
    assert not _has_cyrillic_or_greek("Rosatom § ± µ 中文 \u1d00")  # near, but not Cyrillic/Greek
    # Beyond the BMP the filter lets every character through to the search by script:
    # U+1E030 is a Cyrillic letter (Cyrillic Extended-D), U+1D400 a mathematical bold A (Common).
    assert _has_cyrillic_or_greek("Ros\U0001e030tom")
    assert not _has_cyrillic_or_greek("Rosatom \U0001d400 中文")
