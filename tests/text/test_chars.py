"""text.chars: the one answer to "is this Han, kana, Hangul, CJK punctuation, mostly Chinese?"."""

from __future__ import annotations

import re

import pytest
import regex

from zhen_tools.rules.context import DocContext
from zhen_tools.rules.untranslated import untranslated
from zhen_tools.text import chars
from zhen_tools.text.chars import (
    CJK_PUNCT,
    HAN,
    HAN_KANA_RE,
    HANGUL,
    KANA,
    ascii_punct,
    english_line,
    is_han,
    mostly_chinese,
)
from zhen_tools.text.document import document_from_text
from zhen_tools.text.segment import tokenize


def _all(cls: str, engine=re) -> set[int]:
    rx = engine.compile(f"[{cls}]")
    return {cp for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF and rx.match(chr(cp))}


@pytest.mark.parametrize(
    "ch",
    [
        "𠮷",
        "\U0002a700",
        "\U0002b740",
        "\U0002b820",
        "\U0002ceb0",
        "\U00030000",
        "\U00031350",
        "\U0002f800",
        "中",
        "㐀",
        "龥",
        "々",
        "〇",
        "豈",
        "⺮",
    ],
)
def test_han_covers_every_cjk_extension_plane_and_the_compatibility_ideographs(ch):
    assert is_han(ch)
    assert HAN_KANA_RE.match(ch)


@pytest.mark.parametrize(
    "ch", ["䷀", "䷿", "か", "カ", "ｶ", "한", "ㄅ", "ｆ", "Ａ", "，", "。", "・", "a", "1"]
)
def test_han_excludes_hexagrams_kana_hangul_bopomofo_and_full_width_forms(ch):
    assert not is_han(ch)


def test_han_is_unicodes_han_script_plus_unassigned_extension_planes():
    ours, script = _all(HAN), _all(r"\p{Han}", regex)
    assert script <= ours
    extra = ours - script
    # What is ours but not (yet) Han in Unicode: unassigned places in the Han blocks.
    assert all(
        0x20000 <= cp <= 0x2FA1F
        or 0x30000 <= cp <= 0x3347F
        or 0x2E80 <= cp <= 0x2FDF
        or 0xF900 <= cp <= 0xFAFF
        or 0x16FE0 <= cp <= 0x16FFF
        for cp in extra
    )
    assert all(regex.match(r"\p{Cn}", chr(cp)) for cp in extra)


def test_kana_is_hiragana_katakana_and_the_marks_only_japanese_uses():
    ours = _all(KANA)
    assert _all(r"[\p{Hiragana}\p{Katakana}]", regex) <= ours
    for ch in "ーｰ〆〱゛゜ｧﾞ":
        assert ord(ch) in ours, ch
    assert ord("・") not in ours  # the katakana middle dot is punctuation
    assert not ours & _all(HAN)


def test_hangul_is_the_hangul_script_and_nothing_han_or_kana():
    ours = _all(HANGUL)
    assert _all(r"\p{Hangul}", regex) <= ours
    assert not ours & (_all(HAN) | _all(KANA))


def test_cjk_punctuation_is_full_width_and_cjk_marks_not_letters_or_digits():
    punct = _all(CJK_PUNCT)
    for ch in "，。、「」『』【】《》（）：；！？・":
        assert ord(ch) in punct, ch
    for ch in "ＡｚＺ０９中か":
        assert ord(ch) not in punct, ch
    assert (ascii_punct("，"), ascii_punct("："), ascii_punct("（"), ascii_punct("Ａ")) == (
        ",",
        ":",
        "(",
        None,
    )


def test_mostly_chinese_counts_extension_plane_han_and_kana():
    # 𠮷 is Han for the pairing code too (it used to count only for `untranslated`).
    assert mostly_chinese("𠮷野家牛丼")
    assert mostly_chinese("高市早苗が首相に")
    assert not mostly_chinese("The 𠮷野家 chain opened a shop in Osaka.")
    assert not mostly_chinese("䷀䷁䷂ hexagrams are not Chinese text")


def test_english_line_weighs_latin_words_against_han_and_kana():
    assert english_line("The 𠮷野家 chain opened a shop in Osaka.")
    assert not english_line("𠮷野家在大阪开了一家店 shop")


def test_every_former_user_agrees_on_extension_plane_han():
    text = "The chain 𠮷野家 opened a shop in Osaka today."
    found = [f.text for f in untranslated(DocContext(document_from_text(text)))]
    assert found == ["𠮷野家"]
    # The tokenizer hands the Han run to jieba whole (not as a Latin-side symbol).
    assert [t.text for t in tokenize("𠮷野家") if t.kind == "word"] != []
    assert all(t.kind == "word" for t in tokenize("𠮷野家"))


def test_the_module_is_the_only_home_of_han_ranges():
    import pathlib

    root = pathlib.Path(chars.__file__).resolve().parents[1]
    offenders = []
    for path in root.rglob("*.py"):
        if path.name == "chars.py":
            continue
        src = path.read_text(encoding="utf-8")
        if "\\u4e00-\\u9fff" in src or "\\u3400-\\u4dbf" in src or "\\p{Han}" in src:
            offenders.append(str(path.relative_to(root)))
    # repeated-text's gate lists exactly the characters its pattern cannot start after.
    assert sorted(offenders) == ["rules/repeated_text.py"]
