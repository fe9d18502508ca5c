"""glossary suggest: recurring names and their spelling variants as a TOML skeleton to review."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from zhen_tools.glossary import load_glossary
from zhen_tools.run.suggest import slug, suggest
from zhen_tools.text.document import DocumentError


def entries(toml: str) -> dict[str, dict]:
    return {e["en"]: e for e in tomllib.loads(toml).get("entry", [])}


def test_majority_form_is_en_and_the_others_are_variants(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Toyota Tsusho buys. Toyota Tsusho sells.", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "Toyota Tsūshō holds. Lynas Rare Earths and Lynas agreed.", encoding="utf-8"
    )
    out = entries(suggest([str(tmp_path)], min_count=2))
    e = out["Toyota Tsusho"]
    assert e["variants"] == ["Toyota Tsūshō"]
    assert e["id"] == "toyota-tsusho"
    assert "Toyota Tsusho 2" in e["note"] and "Toyota Tsūshō 1" in e["note"] and "2 document" in e["note"]
    # short and long forms are separate names, each seen once: left out
    assert "Lynas" not in out and "Lynas Rare Earths" not in out


def test_min_count_and_calendar_words(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Chikyū sailed in July. Chikyu came back in July.", encoding="utf-8")
    assert set(entries(suggest([str(tmp_path / "a.txt")], min_count=2))) == {"Chikyū"}
    assert entries(suggest([str(tmp_path / "a.txt")], min_count=3)) == {}


def test_names_come_from_the_prose_only_as_zhen_check_reads_it(tmp_path: Path):
    # In a link target, a code block, a tag's attribute or an XLIFF source they are no names of
    # the translation: each was suggested before (Chikyu from the wiki address, Toyota Tsusho
    # from the code block, Shimizu Port from a class name).
    (tmp_path / "a.md").write_text(
        "Lynas Rare Earths left. See https://en.wikipedia.org/wiki/Chikyu_Maru and "
        "www.example.com/Chikyu_Maru.\n\n```\nToyota Tsusho\nToyota Tsusho\n```\n\n"
        '<span class="Shimizu Port">Lynas Rare Earths</span> again.\n',
        encoding="utf-8",
    )
    (tmp_path / "b.xlf").write_text(
        '<trans-unit id="1"><source>Shimizu Port</source><target>Lynas Rare Earths</target></trans-unit>\n',
        encoding="utf-8",
    )
    assert set(entries(suggest([str(tmp_path)], min_count=2))) == {"Lynas Rare Earths"}


def test_a_bilingual_files_names_are_read_as_its_units_read_them(tmp_path: Path):
    # A PO file wraps a long msgstr at a space: `Lynas Rare "`/`"Earths` was two names, and a
    # TSV of the same text suggested one; an XLIFF entity was part of a name.
    targets = ["On Monday shares of Lynas Rare Earths fell.", "Then Lynas Rare Earths and Mitsui & Co. rose."]
    (tmp_path / "a.po").write_text(
        'msgid "一"\nmsgstr ""\n"On Monday shares of Lynas Rare "\n"Earths fell."\n\n'
        'msgid "二"\nmsgstr "Then Lynas Rare Earths and Mitsui & Co. rose."\n',
        encoding="utf-8",
    )
    (tmp_path / "b.tsv").write_text("zh\ten\n" + "".join(f"源\t{t}\n" for t in targets), encoding="utf-8")
    po, tsv = (suggest([str(tmp_path / name)], min_count=2) for name in ("a.po", "b.tsv"))
    assert po == tsv and set(entries(po)) == {"Lynas Rare Earths"}


def test_kind_is_guessed_from_the_last_word(tmp_path: Path):
    (tmp_path / "a.txt").write_text(
        "Waseda University and Shimizu Port. Waseda University and Shimizu Port. Nissan. Nissan.",
        encoding="utf-8",
    )
    out = entries(suggest([str(tmp_path)]))
    assert (out["Waseda University"]["kind"], out["Shimizu Port"]["kind"], out["Nissan"]["kind"]) == (
        "org",
        "place",
        "term",
    )


def test_output_is_a_valid_glossary_for_the_loader(tmp_path: Path):
    out = tmp_path / "suggested.toml"
    out.write_text(suggest([str(SEEDS)]), encoding="utf-8")
    glossary = load_glossary([out])
    ids = [e.id for e in glossary.entries]
    assert len(ids) == len(set(ids)) > 5
    by_en = {e.en: e for e in glossary.entries}
    assert "Minami-Tori-shima" in by_en["Minami-Torishima"].variants
    assert by_en["Japan"].kind == "term"


def test_case_only_variants_are_one_form_and_ids_are_unique(tmp_path: Path):
    (tmp_path / "a.txt").write_text(
        "Xinhuanet said. XinhuaNet said. Xinhuanet said.\nShin-Etsu and Shinetsu. Shin Etsu.",
        encoding="utf-8",
    )
    out = entries(suggest([str(tmp_path)]))
    assert "variants" not in out["Xinhuanet"]
    assert out["Shin-Etsu"]["variants"] == ["Shinetsu", "Shin Etsu"]
    (tmp_path / "b.toml").write_text(suggest([str(tmp_path / "a.txt")]), encoding="utf-8")
    load_glossary([tmp_path / "b.toml"])


def test_a_missing_file_is_an_error_naming_it(tmp_path: Path):
    with pytest.raises(DocumentError, match=r"nope\.txt"):
        suggest([str(tmp_path / "nope.txt")])


def test_slug():
    assert slug("Minami-Tori-shima") == "minami-tori-shima"
    assert slug("Chikyū") == "chikyu"
    assert slug("“Earth”") == "earth"
