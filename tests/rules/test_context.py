"""DocContext's packed, windowed name list: the same spans as ``name_spans`` on the whole text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhen_tools.rules import context
from zhen_tools.rules.context import DocContext, NameList
from zhen_tools.text.document import document_from_text, line_windows
from zhen_tools.text.names import NameSpan, OrdinaryWords, name_spans

# Line breaks of every kind and runs of them, names at line starts and ends, prefixes,
# possessives, particles, sentence ends before a break, a lone CR (not a sentence bound for names).
TEXTS = [
    "Fuji TV said.\nAl-Assad, Japan's Kishida.",
    "The Lynas plant.\n\n\nTakaichi said Fuji TV erred.\r\n\r\nLudwig van Beethoven's\nSymphony.",
    "Shigeru Ishiba\rmet Sanae Takaichi\r\nin Tokyo. However, Abe\n\nleft “Minami-Torishima”.\n",
    "1. Japan\n2) Lynas\n- al-Assad said\n\n\n\nChikyu: the D/V Chikyu sailed.  Tokyo Osaka\n",
    "no names here\n\nat all.\n",
    "",
    "\n\n\nTokyo",
    "Ken Kato (Kato) spoke.\nKen\nKato spoke again; Kato's aide, Mr. Kato, agreed.\n" * 3,
]


def _expected(text: str) -> list[NameSpan]:
    return name_spans(text, ordinary=OrdinaryWords(text))


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("window", [1, 2, 7, 30, 1 << 18])
def test_windowed_names_pass_equal_to_the_whole_text(text, window, monkeypatch):
    monkeypatch.setattr(context, "NAME_WINDOW", window)
    names = DocContext(document_from_text(text)).names
    expected = _expected(text)
    assert list(names) == expected
    assert len(names) == len(expected)
    assert all(names[i] == expected[i] for i in range(-len(expected), len(expected)))
    assert all(n.text == text[n.start : n.end] for n in names)


def test_windows_flag_cuts_only_after_a_run_of_line_feeds():
    text = "ab\n\n\ncd\r\nef\rgh\n"
    windows = list(line_windows(text, 1))
    assert windows == [(0, 5), (5, 9), (9, 15)]
    assert "".join(text[a:b] for a, b in windows) == text
    # A lone CR is no cut: "ef\rgh" stays in one window.
    assert list(line_windows("ef\rgh", 1)) == [(0, 5)]
    assert list(line_windows("", 5)) == []


def test_name_list_flags_a_bad_index():
    names = NameList.of("Tokyo and Osaka.", frozenset())
    assert [n.text for n in names] == ["Tokyo", "Osaka"]
    assert names[-1].text == "Osaka" and [n.text for n in names[::-1]] == ["Osaka", "Tokyo"]
    with pytest.raises(IndexError):
        names[2]
    with pytest.raises(IndexError):
        names[-3]


def test_name_list_is_smaller_than_the_spans_it_packs():
    """What the packing is for: the arrays hold a name in well under the ~500 bytes of a
    NameSpan with its tuples (measured by bench/bench_memory.py; here only the arrays' share)."""
    import sys

    text = "Shigeru Ishiba met Sanae Takaichi in Tokyo and Osaka.\n" * 2000
    names = NameList.of(text, frozenset())
    packed = sum(sys.getsizeof(a) for a in (names._spans, names._words, names._word_at, names._initial))
    assert len(names) == 8000
    assert packed / len(names) < 80


_PIECES = st.sampled_from(
    [
        "Tokyo",
        "Ken Kato",
        "al-Assad",
        "Japan's",
        "van",
        "the",
        "said",
        ".",
        ". ",
        ", ",
        " ",
        "\n",
        "\r\n",
        "\r",
        "\n\n",
        "“",
        "”",
        "1. ",
        "東京",
    ]
)


@settings(deadline=None)
@given(st.lists(_PIECES, max_size=40), st.integers(1, 12))
def test_windowed_names_pass_on_any_mix(pieces, window):
    text = "".join(pieces)
    old = context.NAME_WINDOW
    context.NAME_WINDOW = window
    try:
        assert list(DocContext(document_from_text(text)).names) == _expected(text)
    finally:
        context.NAME_WINDOW = old


def test_pair_extracts_numbers_once_per_text_for_aligner_and_rules(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The aligner's anchors and ``PairContext.numbers`` share one memo per pair: each distinct
    (language, text) is read once, however long the document (extract_numbers' own cache is
    global and bounded)."""
    from zhen_tools.run.inputs import pair_documents
    from zhen_tools.text import numbers

    calls: list[tuple[str, str]] = []
    real = numbers._extract.__wrapped__  # the extraction itself, without the global cache

    def counting(text: str, lang: str):  # type: ignore[no-untyped-def]
        calls.append((lang, text))
        return real(text, lang)

    monkeypatch.setattr(numbers, "_extract", counting)
    zh = "日本有3艘船。\n中国有5架飞机。\n"
    en = "Japan has 3 ships.\nChina has 5 planes.\n"
    pair = pair_documents(
        context.DocContext(document_from_text(zh, "a.zh.txt")),
        context.DocContext(document_from_text(en, "a.en.txt")),
    )
    beads = pair.beads
    got = [(n.text, n.value) for b in beads for s in b.target for n in pair.numbers(s, "target")]
    assert got == [("3", 3), ("5", 5)]
    assert [n.text for b in beads for s in b.source for n in pair.numbers(s, "source")] == ["3", "5"]
    assert sorted(calls) == sorted(set(calls))  # no text read twice
    assert len(calls) == 4  # two lines on each side, each one paragraph of one sentence
