"""glossary-near-miss: a name-like span close to, but not, an accepted rendering."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import GLOSSARIES, seed
from zhen_tools.glossary import load_glossary
from zhen_tools.rules.context import DocContext
from zhen_tools.rules.glossary_near_miss import glossary_near_miss
from zhen_tools.text.document import document_from_text, read_document

TOML = """
[glossary]
name = "test"

[[entry]]
id = "takaichi-sanae"
kind = "person"
origin = "ja"
en = "Sanae Takaichi"
variants = ["Takaichi"]

[[entry]]
id = "ishiba-shigeru"
kind = "person"
origin = "ja"
en = "Shigeru Ishiba"

[[entry]]
id = "minami-torishima"
kind = "place"
origin = "ja"
en = "Minami-Torishima"
variants = ["Minamitorishima"]

[[entry]]
id = "okinotorishima"
kind = "place"
origin = "ja"
en = "Okinotorishima"

[[entry]]
id = "lynas"
kind = "org"
origin = "en"
en = "Lynas Rare Earths"
variants = ["Lynas"]

[[entry]]
id = "jamstec"
kind = "org"
origin = "ja"
en = "Japan Agency for Marine-Earth Science and Technology"
variants = ["JAMSTEC"]

[[entry]]
id = "rostec"
kind = "org"
origin = "ru"
en = "Rostec"

[[entry]]
id = "philippines"
kind = "place"
en = "Philippines"

[[entry]]
id = "nanjing"
kind = "place"
origin = "zh"
en = "Nanjing"

[[entry]]
id = "beijing"
kind = "place"
origin = "zh"
en = "Beijing"

[[entry]]
id = "fuji-tv"
kind = "org"
origin = "ja"
en = "Fuji TV"
"""
BUNDLED = GLOSSARIES / "japan-rare-earths.toml"


def run(text: str, glossary) -> list[tuple[str, str | None]]:
    ctx = DocContext(document_from_text(text), glossary)
    return [(f.text, f.suggestion) for f in glossary_near_miss(ctx)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the same letters, spelled differently
        ("Mud lies near Minami-Tori-shima.", [("Minami-Tori-shima", "Minami-Torishima")]),
        # given name and surname swapped
        ("Prime Minister Takaichi Sanae spoke.", [("Takaichi Sanae", "Sanae Takaichi")]),
        # both parts of the name nearly right
        ("Japanese Prime Minister Sanna Takashi spoke.", [("Sanna Takashi", "Sanae Takaichi")]),
        # one part right, the other misspelt, order swapped
        ("Prime Minister Takahashi Sanae said so.", [("Takahashi Sanae", "Sanae Takaichi")]),
        # shared given name, wrong surname
        ("Former premier Shigeru Ishida agreed.", [("Shigeru Ishida", "Shigeru Ishiba")]),
        # one letter off a one-word name
        ("The Russian firm Rostek will invest.", [("Rostek", "Rostec")]),
        # a Chinese name misspelt into something that is not pinyin
        ("He flew to Bejing on Monday.", [("Bejing", "Beijing")]),
    ],
)
def test_flags_near_misses_with_the_preferred_form(glossary, text, expected):
    assert run(text, glossary) == expected


def test_flags_the_misspelt_part_where_it_stands_alone(glossary):
    text = "Prime Minister Sanna Takashi will dissolve the House. Takashi's cabinet is popular."
    assert run(text, glossary) == [("Sanna Takashi", "Sanae Takaichi"), ("Takashi", "Takaichi")]


def test_two_candidates_no_suggestion_and_both_named(tmp_path: Path):
    path = tmp_path / "g.toml"
    path.write_text(
        """
[[entry]]
id = "ishiba"
kind = "person"
origin = "ja"
en = "Shigeru Ishiba"

[[entry]]
id = "ishida"
kind = "person"
origin = "ja"
en = "Shigeru Ishida"
""",
        encoding="utf-8",
    )
    (f,) = glossary_near_miss(DocContext(document_from_text("Shigeru Ishika spoke."), load_glossary([path])))
    assert f.text == "Shigeru Ishika" and f.suggestion is None
    assert "ishiba" in f.message and "ishida" in f.message


@pytest.mark.parametrize(
    "text",
    [
        # accepted forms and variants
        "Sanae Takaichi met reporters near Minami-Torishima and Minamitorishima.",
        # another entry's accepted form is its own island, not a near miss
        "Mud was taken from Okinotorishima.",
        # short forms of a long name
        "Takaichi said Lynas and JAMSTEC would help; Sanae agreed.",
        "Lynas Rare Earths shares rose; Rare Earths rose too.",
        # ordinary words and other real names
        "The Chairman of Tokyo Electric said However is a word. Japan and China agreed.",
        "Fuji TV reported from Fiji.",
        # a case difference only (headlines)
        "MINAMI-TORISHIMA MUD FOUND",
        # a plural or demonym is not a misspelling
        "The Philippine government agreed.",
        # a Chinese name one letter from another pinyin name is another place
        "Nanning is the capital of Guangxi.",
        # nothing near any entry
        "Professor Yasuhiro Kato of the University of Tokyo agreed.",
    ],
)
def test_passes_accepted_short_other_and_ordinary_names(glossary, text):
    assert run(text, glossary) == []


def test_forbidden_spans_are_not_also_near_misses(tmp_path: Path):
    path = tmp_path / "g.toml"
    path.write_text(
        """
[[entry]]
id = "takaichi-sanae"
kind = "person"
origin = "ja"
en = "Sanae Takaichi"
forbidden = ["Sanna Takashi"]
""",
        encoding="utf-8",
    )
    glossary = load_glossary([path])
    text = "Prime Minister Sanna Takashi spoke. Takashi left."
    # the full name is glossary-forbidden's; its misspelt part alone is still a near miss here
    assert [
        (f.text, f.suggestion) for f in glossary_near_miss(DocContext(document_from_text(text), glossary))
    ] == [("Takashi", "Takaichi")]


def test_no_glossary_no_findings():
    assert run("Prime Minister Sanna Takashi spoke.", None) == []


def test_severity_and_exact_offsets(glossary):
    text = "Former premier Shigeru Ishida agreed."
    (f,) = glossary_near_miss(DocContext(document_from_text(text), glossary))
    assert (f.start, f.end, f.rule, f.severity.value) == (15, 29, "glossary-near-miss", "warning")


needs_bundled = pytest.mark.skipif(not BUNDLED.exists(), reason="bundled glossary not written yet")


@needs_bundled
def test_seed_002_bare_takashi_follows_the_forbidden_full_name():
    doc = read_document(seed("002"))
    findings = list(glossary_near_miss(DocContext(doc, load_glossary([BUNDLED]))))
    assert findings and {f.text for f in findings} == {"Takashi"}
    assert {f.suggestion for f in findings} == {"Takaichi"}


@needs_bundled
@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_names_that_are_right_are_left_alone(prefix):
    findings = glossary_near_miss(DocContext(read_document(seed(prefix)), load_glossary([BUNDLED])))
    right = ("Fuji TV", "JAMSTEC", "Lynas", "MP Materials", "Yakutia", "Tomtor", "USGS", "Okinotorishima")
    assert [f.text for f in findings if any(r in f.text or f.text in r for r in right)] == []


# The cheap exits before the edit distances: exact lower bounds, so they never change a verdict.
_WORD_PAIRS = [
    ("statement", "shizuoka"),
    ("takahashi", "takaichi"),
    ("sanna", "sanae"),
    ("nations", "nissan"),
    ("aaab", "abbb"),
    ("minamitorishima", "minamitorishma"),
    ("ab", "ba"),
    ("kitten", "sitting"),
    ("", "abc"),
]


@pytest.mark.parametrize(("a", "b"), _WORD_PAIRS)
def test_letters_apart_never_exceeds_the_edit_distances(a, b):
    from rapidfuzz.distance import Indel, Levenshtein

    from zhen_tools.rules.glossary_near_miss import _letters_apart

    apart = _letters_apart(a, b)
    assert max(apart) <= Levenshtein.distance(a, b)
    assert sum(apart) <= Indel.distance(a, b)


def test_letters_apart_counts_repeated_letters():
    from zhen_tools.rules.glossary_near_miss import _letters_apart

    # "aaab" has two a's "abbb" lacks; "abbb" two b's "aaab" lacks; at least 2 substitutions.
    assert _letters_apart("aaab", "abbb") == (2, 2)
    assert _letters_apart("ab", "ba") == (0, 0)  # the bound says nothing about order


@pytest.mark.parametrize(("a", "b"), _WORD_PAIRS)
@pytest.mark.parametrize("floor", [65.0, 75.0])
def test_ratio_bound_passes_every_ratio_that_reaches_the_floor(a, b, floor):
    from zhen_tools.rules.glossary_near_miss import _ratio_above
    from zhen_tools.text.distance import ratio

    if ratio(a, b) >= floor:
        assert _ratio_above(a, b, floor)


def test_ratio_bound_flags_far_words_as_below_the_floor():
    from zhen_tools.rules.glossary_near_miss import _ratio_above

    # 17 letters, 13 of them unshared: at most 100 * 4/17 = 23.5
    assert not _ratio_above("statement", "shizuoka", 65.0)
    assert _ratio_above("sanna", "sanae", 75.0)  # 2 letters apart of 10: up to 80


def test_full_memos_stop_growing_and_change_no_finding(glossary, monkeypatch):
    """The index's memos take at most ``_MAX_VERDICTS`` entries each (a worker checking many
    documents keeps flat memory); past that, verdicts are computed afresh, with the same findings."""
    import zhen_tools.rules.glossary_near_miss as near_miss
    from zhen_tools.glossary.fuzzy import near_miss_index

    text = (
        "Prime Minister Sanna Takashi met Ishida Shigeru. Takashi's cabinet is popular. "
        "He flew to Bejing. Minami-Tori-Shima lies east. Rostek will invest."
    )
    index = near_miss_index(glossary)
    for memo in (index.verdicts, index.span_verdicts, index.wrong_parts):
        memo.clear()
    unbounded = run(text, glossary)
    assert len(index.verdicts) > 2 and len(index.span_verdicts) > 2
    for memo in (index.verdicts, index.span_verdicts, index.wrong_parts):
        memo.clear()
    monkeypatch.setattr(near_miss, "_MAX_VERDICTS", 2)
    assert run(text, glossary) == unbounded
    assert run(text, glossary) == unbounded  # and again, from the full memos
    assert len(index.verdicts) <= 2 and len(index.span_verdicts) <= 2 and len(index.wrong_parts) <= 2
    assert ("Sanna Takashi", "Sanae Takaichi") in unbounded
