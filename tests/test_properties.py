"""Property tests: the analyses return spans in order, in range and slicing to their text;
``check()`` findings slice to their text; every reader raises only its documented error on any
bytes. Bounded for CI; ``ZHEN_HYPOTHESIS_EXAMPLES=N`` runs N examples per test for a long local
run (deadline off, as the machine may be loaded)."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhen_tools.formats import BilingualError, read_units
from zhen_tools.glossary import GlossaryError, load_glossary
from zhen_tools.glossary.csvio import csv_to_entries
from zhen_tools.glossary.load import parse_glossary
from zhen_tools.glossary.tbx import tbx_to_entries
from zhen_tools.text.document import DocumentError, decode_bytes, document_from_text, read_document
from zhen_tools.text.numbers import extract_numbers
from zhen_tools.text.segment import split_sentences, tokenize
from zhen_tools.text.spans import detect_spans

EXAMPLES = int(os.environ.get("ZHEN_HYPOTHESIS_EXAMPLES", "40"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Text drawn from what news translations hold: Latin words, Han and kana, digits and their
# multipliers, CJK and ASCII punctuation, spaces and line breaks, with any other code point too.
_PIECES = st.sampled_from(
    [
        "Tokyo", "Minami-Torishima", "the", "said", " ", "  ", "\n", "\r\n", "\t", ".", ",", "...", "(", ")",
        '"', "“", "”", "，", "。", "（", "）", "、", "南鸟岛", "稀土泥", "仅次于", "据悉", "万", "亿", "千米",
        "3.5", "6,000", "2026年", "1月12日", "%", "ひらがな", "カタカナ", "한국어", "Ростех", "PocTex",
        "\u202e", "\u0301", "\ufeff", "[1]", "toutiao.com/a/1/", "G20", "Mr.", "i.e.",
    ]
)  # fmt: skip
TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=4)), max_size=40).map("".join)


def _in_order_and_sliced(items, text: str) -> None:
    last = 0
    for it in items:
        assert 0 <= it.start <= it.end <= len(text)
        assert it.start >= last, (it, last)  # in order, no overlaps
        assert text[it.start : it.end] == it.text
        last = it.end


@SETTINGS
@given(TEXT)
def test_detect_spans_in_order_in_range_and_slicing_to_their_text(text: str) -> None:
    _in_order_and_sliced(detect_spans(text), text)


@SETTINGS
@given(TEXT)
def test_split_sentences_in_order_in_range_and_slicing_to_their_text(text: str) -> None:
    _in_order_and_sliced(split_sentences(text), text)


@SETTINGS
@given(TEXT)
def test_tokenize_in_order_in_range_and_slicing_to_their_text(text: str) -> None:
    _in_order_and_sliced(tokenize(text), text)


@SETTINGS
@given(TEXT, st.sampled_from(["zh", "en"]))
def test_extract_numbers_in_range_and_slicing_to_their_text(text: str, lang: str) -> None:
    numbers = extract_numbers(text, lang)
    for n in numbers:
        assert 0 <= n.start < n.end <= len(text)
        assert text[n.start : n.end] == n.text
    assert [n.start for n in numbers] == sorted(n.start for n in numbers)


@SETTINGS
@given(TEXT, st.sampled_from(["a.txt", "a.en.md"]))
def test_check_findings_slice_to_their_text(text: str, name: str) -> None:
    from zhen_tools import check

    for f in check([(name, text)], config=False):
        assert f.text == text[f.start : f.end]
        assert 0 <= f.start <= f.end <= len(text)


BYTES = st.one_of(st.binary(max_size=300), TEXT.map(lambda t: t.encode("utf-8")))


@SETTINGS
@given(BYTES)
def test_decode_bytes_raises_only_document_error(data: bytes) -> None:
    try:
        text, encoding, _ = decode_bytes(data, "x.txt")
    except DocumentError as exc:
        assert "\n" not in str(exc)
        return
    assert isinstance(text, str) and encoding


@SETTINGS
@given(data=BYTES)
def test_read_document_raises_only_document_error(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    p = tmp_path_factory.mktemp("doc") / "x.txt"
    p.write_bytes(data)
    try:
        doc = read_document(p, max_bytes=200)
    except DocumentError as exc:
        assert "\n" not in str(exc)
        return
    assert len(data) <= 200 and doc.text == decode_bytes(data, str(p))[0]


def _bilingual_text(head: str) -> st.SearchStrategy[str]:
    return st.one_of(TEXT, TEXT.map(lambda t: head + t))


@SETTINGS
@given(
    st.sampled_from(["a.tsv", "a.csv", "a.po", "a.xliff", "a.xlf", "a.tmx"]),
    st.one_of(
        TEXT,
        _bilingual_text("zh\ten\n"),
        _bilingual_text('msgid ""\nmsgstr ""\n\nmsgid "'),
        _bilingual_text('<?xml version="1.0"?><xliff version="1.2"><file><body><trans-unit id="1"><source>'),
        _bilingual_text('<tmx version="1.4"><body><tu><tuv xml:lang="zh"><seg>'),
    ),
)
def test_bilingual_readers_raise_only_bilingual_error(name: str, text: str) -> None:
    doc = document_from_text(text, name)
    try:
        units = read_units(doc)
    except BilingualError as exc:
        assert "\n" not in str(exc)
        return
    for u in units or ():
        for seg in (u.source, u.target):
            assert 0 <= seg.start <= seg.end <= len(doc.text)
            if seg.offsets is None:
                assert doc.text[seg.start : seg.end] == seg.text
            else:  # unescaped text: each character maps into the file, in order
                assert len(seg.offsets) == len(seg.text) + 1
                assert list(seg.offsets) == sorted(seg.offsets) and seg.offsets[-1] <= len(doc.text)


@SETTINGS
@given(TEXT)
def test_glossary_toml_parser_reports_errors_never_raises(text: str) -> None:
    parsed = parse_glossary(text, "g.toml")
    assert all(e.startswith("g.toml:") for e in parsed.errors)


@SETTINGS
@given(BYTES, st.sampled_from(["g.toml", "g.tbx", "g.csv"]))
def test_glossary_loaders_raise_only_glossary_error(tmp_path_factory, data: bytes, name: str) -> None:
    p = tmp_path_factory.mktemp("gloss") / name
    p.write_bytes(data)
    try:
        if name.endswith(".toml"):
            load_glossary(p)
        elif name.endswith(".tbx"):
            tbx_to_entries(data.decode("utf-8", "replace"), name)
        elif name.endswith(".csv"):
            csv_to_entries(data.decode("utf-8", "replace"), name)
    except GlossaryError as exc:
        assert all(f"{name}:" in line for line in str(exc).split("\n"))
