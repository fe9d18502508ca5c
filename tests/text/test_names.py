"""Name-like spans: runs of capitalised words with particles, offsets and their sentence."""

from __future__ import annotations

import pytest

from zhen_tools.text.names import name_spans


def texts(text: str) -> list[str]:
    return [s.text for s in name_spans(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Prime Minister Sanae Takaichi spoke.", ["Prime Minister Sanae Takaichi"]),
        ("near Minami-Tori-shima, east of Tokyo", ["Minami-Tori-shima", "Tokyo"]),
        ('the vessel "Chikyū" left', ["Chikyū"]),
        ("Japan's Fuji TV reported", ["Japan", "Fuji TV"]),
        ("Japan’s Fuji TV reported", ["Japan", "Fuji TV"]),
        ("Charles de Gaulle and Ursula von der Leyen met", ["Charles de Gaulle", "Ursula von der Leyen"]),
        ("Mohammed bin Salman met Bashar al-Assad", ["Mohammed bin Salman", "Bashar al-Assad"]),
        ("the University of Tokyo and JAMSTEC", ["University of Tokyo", "JAMSTEC"]),
        ("Lee Jae-myung and Xi'an and COVID-19", ["Lee Jae-myung", "Xi'an", "COVID-19"]),
    ],
)
def test_names_with_particles_hyphens_diacritics_and_possessives(text, expected):
    assert texts(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Lynas plant opened.", ["Lynas"]),
        ("However, Japan agreed.", ["Japan"]),
        (
            "Deep-sea mining is costly. Mining in deep water costs more.",
            [],
        ),  # the text writes both in lower case
        ("He left. Takaichi stayed.", ["Takaichi"]),  # a name at a sentence start is still a name
        ("In Tokyo it rained.", ["Tokyo"]),
    ],
)
def test_sentence_initial_ordinary_words_are_not_names(text, expected):
    assert texts(text) == expected


def test_names_do_not_run_across_punctuation_or_lines():
    assert texts("Japan, China and Korea") == ["Japan", "China", "Korea"]
    assert texts("Minami-Torishima\nChikyu") == ["Minami-Torishima", "Chikyu"]
    assert texts("Tokyo of Japan") == ["Tokyo of Japan"]
    assert texts("Tokyo of the") == ["Tokyo"]


def test_offsets_words_and_sentence():
    text = "He left. Prime Minister Sanae Takaichi's plan. Charles de Gaulle"
    spans = name_spans(text)
    pm, dg = spans[0], spans[1]
    assert text[pm.start : pm.end] == "Prime Minister Sanae Takaichi"
    assert [text[a:b] for a, b in pm.words] == ["Prime", "Minister", "Sanae", "Takaichi"]
    assert text[pm.sentence[0] : pm.sentence[1]].startswith("Prime Minister") and pm.initial
    assert [text[a:b] for a, b in dg.words] == ["Charles", "de", "Gaulle"] and dg.initial
    assert pm.sentence[1] <= dg.sentence[0]


def test_given_sentences_are_used():
    text = "x. The Lynas plant"
    spans = name_spans(text, sentences=[(0, 2), (3, len(text))])
    assert [(s.text, s.initial) for s in spans] == [("Lynas", False)]


def test_spans_are_slotted_frozen_and_equal_to_constructed_ones():
    import dataclasses
    import pickle

    (span,) = name_spans("Fuji TV")
    assert not hasattr(span, "__dict__")
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.start = 1  # type: ignore[misc]
    built = type(span)(0, 7, "Fuji TV", ((0, 4), (5, 7)), (0, 7), True)
    assert span == built and hash(span) == hash(built)
    assert pickle.loads(pickle.dumps(span)) == span


@pytest.mark.parametrize("chunk", [1, 2, 7, 64])
def test_lowercase_words_listed_in_chunks_equal_the_whole_text(
    monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    """Cutting the listing at spaces changes nothing: no word is split, none is lost at a cut."""
    import random

    from zhen_tools.text import names

    rng = random.Random(chunk)
    words = ["the", "Cat", "ünter", "éa", "x", "Dog", "mañana", "a", "naïve", "B"]
    text = "".join(rng.choice(words) + rng.choice([" ", "\n", ",", "  ", "-", ""]) for _ in range(2000))
    monkeypatch.setattr(names, "_WORDS_CHUNK", chunk)
    assert names.lowercase_words(text) == frozenset(names._LOWER_WORD.findall(text))


def test_name_spaces_are_what_str_split_splits_on_but_line_breaks():
    from zhen_tools.text.names import _SPACE

    spaces = [c for c in map(chr, range(0x110000)) if c.isspace() and c not in "\r\n"]
    assert "".join(f"\\u{ord(c):04x}" for c in spaces) == _SPACE
