"""transliteration: a glossary entry rendered as the pinyin of its Chinese form where that is wrong."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import GLOSSARIES, ROOT, seed
from zhen_tools.glossary import load_glossary
from zhen_tools.glossary.translit import pinyin_fold, pinyin_keys
from zhen_tools.rules.context import DocContext
from zhen_tools.rules.glossary_forbidden import glossary_forbidden
from zhen_tools.rules.transliteration import transliteration
from zhen_tools.text.document import document_from_text, read_document

TOML = """
[glossary]
name = "test"

[[entry]]
id = "ishiba-shigeru"
kind = "person"
origin = "ja"
en = "Shigeru Ishiba"
zh = ["石破茂"]

[[entry]]
id = "lee-jae-myung"
kind = "person"
origin = "ko"
en = "Lee Jae-myung"
zh = ["李在明"]

[[entry]]
id = "lynas"
kind = "org"
en = "Lynas Rare Earths"
variants = ["Lynas"]
zh = ["莱纳斯"]

[[entry]]
id = "national-business-daily"
kind = "publication"
origin = "zh"
en = "National Business Daily"
zh = ["每日经济新闻"]

[[entry]]
id = "sina-finance"
kind = "publication"
origin = "zh"
en = "Sina Finance"
zh = ["新浪财经"]

[[entry]]
id = "wang-yi"
kind = "person"
origin = "zh"
en = "Wang Yi"
zh = ["王毅"]

[[entry]]
id = "takaichi-sanae"
kind = "person"
origin = "ja"
en = "Sanae Takaichi"
variants = ["Takaichi"]
zh = ["高市早苗"]
"""
BUNDLED = GLOSSARIES / "japan-rare-earths.toml"


def run(text: str, glossary) -> list[tuple[str, str | None]]:
    return [(f.text, f.suggestion) for f in transliteration(DocContext(document_from_text(text), glossary))]


@pytest.mark.parametrize(
    "text, expected",
    [
        # Japanese and Korean names read in Mandarin
        ("Prime Minister Shi Pomao resigned.", [("Shi Pomao", "Shigeru Ishiba")]),
        ("President Li Zaiming met him.", [("Li Zaiming", "Lee Jae-myung")]),
        ("President Li Zai-ming met him.", [("Li Zai-ming", "Lee Jae-myung")]),
        # another reading of a heteronym (石 as dan)
        ("Dan Pomao spoke.", [("Dan Pomao", "Shigeru Ishiba")]),
        # a foreign company transliterated back, in any case or spacing
        ("Lainasi will build a plant.", [("Lainasi", "Lynas Rare Earths")]),
        ("LAI NA SI will build a plant.", [("LAI NA SI", "Lynas Rare Earths")]),
        # Chinese publications with an established English name
        ("Mei Ri Jing Ji Xin Wen· 2026-01-13", [("Mei Ri Jing Ji Xin Wen", "National Business Daily")]),
        ("Source: Meiri Jingji Xinwen.", [("Meiri Jingji Xinwen", "National Business Daily")]),
        ("Xīnlàng Cáijīng reported", [("Xīnlàng Cáijīng", "Sina Finance")]),
        ("Xin Lang Cai Jing· 2026-01-13", [("Xin Lang Cai Jing", "Sina Finance")]),
    ],
)
def test_flags_pinyin_renderings_with_the_preferred_form(glossary, text, expected):
    assert run(text, glossary) == expected


@pytest.mark.parametrize(
    "text",
    [
        # accepted forms, even when they are pinyin (a Chinese person's name)
        "Wang Yi met Shigeru Ishiba and Lee Jae-myung.",
        # real names and words are never read as pinyin
        "Sina and Takaichi and Lynas agreed.",
        # pinyin of a part of a form is not the form
        "Xin Wen is a person; Jing Ji is another.",
        # a pinyin word run inside a longer word run does not start a match mid-word
        "Shipomaos are not a thing.",
        # lower case words are not renderings of names
        "the lainasi plant",
    ],
)
def test_passes_accepted_and_unrelated_words(glossary, text):
    assert run(text, glossary) == []


def test_exact_offsets_and_message(glossary):
    text = "Prime Minister Shi Pomao resigned."
    (f,) = transliteration(DocContext(document_from_text(text), glossary))
    assert (f.start, f.end, f.severity.value) == (15, 24, "warning")
    assert "石破茂" in f.message and "ishiba-shigeru" in f.message


def test_forbidden_pinyin_is_reported_once_by_glossary_forbidden(tmp_path: Path):
    path = tmp_path / "g.toml"
    path.write_text(
        """
[[entry]]
id = "lee-jae-myung"
kind = "person"
origin = "ko"
en = "Lee Jae-myung"
zh = ["李在明"]
forbidden = ["Li Zaiming"]
""",
        encoding="utf-8",
    )
    ctx = DocContext(document_from_text("President Li Zaiming met him."), load_glossary([path]))
    assert list(transliteration(ctx)) == []
    assert [f.text for f in glossary_forbidden(ctx)] == ["Li Zaiming"]


def test_no_glossary_no_findings():
    assert run("Prime Minister Shi Pomao resigned.", None) == []


def test_pinyin_keys_fold_tones_spacing_and_umlaut():
    assert "shipomao" in pinyin_keys("石破茂")
    assert pinyin_fold("Lǚ Xùn") == pinyin_fold("LV XUN") == "luxun"
    assert pinyin_keys("Lynas") == ()


def test_pypinyin_loads_only_when_a_glossary_with_zh_forms_meets_text(tmp_path):
    code = (
        "import sys\n"
        "from zhen_tools.rules.context import DocContext\n"
        "from zhen_tools.rules.transliteration import transliteration\n"
        "from zhen_tools.text.document import document_from_text\n"
        "from zhen_tools.glossary.model import Entry, Glossary\n"
        "g = Glossary(entries=(Entry('x', 'Rostec', kind='org'),))\n"
        "list(transliteration(DocContext(document_from_text('Rostec and Shi Pomao'), g)))\n"
        "print('pypinyin' in sys.modules)\n"
        "g = Glossary(entries=(Entry('y', 'Shigeru Ishiba', kind='person', zh=('石破茂',)),))\n"
        "print(len(list(transliteration(DocContext(document_from_text('Shi Pomao'), g)))))\n"
        "print('pypinyin' in sys.modules)\n"
    )
    # An empty cache: with the readings table cached (by an earlier test, in whatever cache a
    # doctest pointed ZHEN_CACHE_DIR at), the rule rightly never imports pypinyin.
    env = {**os.environ, "ZHEN_CACHE_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)
    assert out.stdout.split() == ["False", "1", "True"], out.stderr


needs_bundled = pytest.mark.skipif(not BUNDLED.exists(), reason="bundled glossary not written yet")


@needs_bundled
@pytest.mark.parametrize("text", ["Mei Ri Jing Ji Xin Wen", "Xin Lang Cai Jing"])
def test_seed_002_pinyin_publications_are_flagged_once(text):
    ctx = DocContext(read_document(seed("002")), load_glossary([BUNDLED]))
    by_rule = [f.rule for f in [*glossary_forbidden(ctx), *transliteration(ctx)] if f.text == text]
    assert by_rule and len(set(by_rule)) == 1
