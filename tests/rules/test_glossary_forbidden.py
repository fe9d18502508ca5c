"""glossary-forbidden: a rendering the glossary lists as forbidden, with the preferred form."""

from __future__ import annotations

import json

import pytest

from tests.conftest import GLOSSARIES, seed
from zhen_tools.glossary import load_glossary
from zhen_tools.rules.context import DocContext
from zhen_tools.rules.glossary_forbidden import glossary_forbidden
from zhen_tools.text.document import document_from_text, read_document

TOML = """
[glossary]
name = "test"

[[entry]]
id = "minami-torishima"
kind = "place"
en = "Minami-Torishima"
variants = ["Minamitorishima"]
forbidden = ["South Bird Island", "Nantori Island"]

[[entry]]
id = "chikyu"
kind = "vessel"
en = "Chikyū"
variants = ["Chikyu"]
forbidden = ['re:(?:vessel|ship)\\s+["“]?(?P<term>Earth)\\b']

[[entry]]
id = "rare-earth-mud"
kind = "term"
en = "rare-earth mud"
forbidden = ["rare earth slurry"]
"""
BUNDLED = GLOSSARIES / "japan-rare-earths.toml"


def run(text: str, glossary) -> list[tuple[str, str | None]]:
    ctx = DocContext(document_from_text(text), glossary)
    return [(f.text, f.suggestion) for f in glossary_forbidden(ctx)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mining near the South Bird Island began.", [("South Bird Island", "Minami-Torishima")]),
        ("An area near Nantori Island, 2,000 km away.", [("Nantori Island", "Minami-Torishima")]),
        ('the deep-sea research vessel "Earth" collected mud', [("Earth", "Chikyū")]),
        ("The Rare Earth Slurry was recovered.", [("Rare Earth Slurry", "rare-earth mud")]),
    ],
)
def test_flags_forbidden_renderings_with_the_preferred_form(glossary, text, expected):
    assert run(text, glossary) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mining near Minami-Torishima began.",
        "Minamitorishima is Japan's easternmost island.",
        "China dominates rare earth refining; the Earth has few such deposits.",
        "The vessel Chikyū left Shimizu.",
        "South Bird and Island are just words here.",
    ],
)
def test_passes_accepted_forms_and_innocent_words(glossary, text):
    assert run(text, glossary) == []


def test_message_names_the_entry_and_the_finding_has_exact_offsets(glossary):
    text = "Mud near the South Bird Island."
    (f,) = glossary_forbidden(DocContext(document_from_text(text), glossary))
    assert (f.start, f.end) == (13, 30)
    assert text[f.start : f.end] == "South Bird Island"
    assert "minami-torishima" in f.message and "Minami-Torishima" in f.message
    assert f.rule == "glossary-forbidden" and f.severity.value == "error"


def test_no_glossary_no_findings():
    assert run("Mining near the South Bird Island began.", None) == []


needs_bundled = pytest.mark.skipif(not BUNDLED.exists(), reason="bundled glossary not written yet")


@needs_bundled
@pytest.mark.parametrize(
    "prefix, text",
    [
        ("000", "South Bird Island"),
        ("003", "Nantori Island"),
        ("004", "Earth"),
        ("001", "Takahashi Sanae"),
        ("002", "Sanna Takashi"),
    ],
)
def test_seed_forbidden_renderings(prefix, text):
    ctx = DocContext(read_document(seed(prefix)), load_glossary([BUNDLED]))
    found = [(f.text, f.line) for f in glossary_forbidden(ctx)]
    assert text in [t for t, _ in found]


@needs_bundled
def test_seed_004_earth_is_the_ship_not_the_planet():
    doc = read_document(seed("004"))
    findings = [f for f in glossary_forbidden(DocContext(doc, load_glossary([BUNDLED]))) if f.text == "Earth"]
    assert len(findings) == 1
    (f,) = findings
    assert doc.text[f.start - 1 : f.end + 1] == '"Earth"'
    assert f.suggestion == "Chikyū"


# -- bilingual files: a target is matched as the unit reads ---------------------------------------


def _cli(tmp_path, name: str, text: str, *args: str, glossary: str = TOML):  # type: ignore[no-untyped-def]
    from tests.conftest import run_zhen

    (tmp_path / "g.toml").write_text(glossary, encoding="utf-8")
    (tmp_path / name).write_text(text, encoding="utf-8")
    return run_zhen(
        "check",
        "--no-config",
        "--glossary",
        "g.toml",
        "--select",
        "glossary-forbidden",
        *args,
        name,
        cwd=tmp_path,
    )


PO = 'msgid "南鸟岛的稀土泥"\nmsgstr ""\n"Mud was found near the South Bird "\n"Island on Monday."\n'


def test_a_form_wrapped_over_two_quoted_po_lines_should_flag_and_fix(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # msgcat wraps a long msgstr at a space, so a name falls across two quoted lines about one
    # time in twelve: the rules read the file's lines and never saw it.
    proc = _cli(tmp_path, "a.po", PO)
    assert proc.stdout.startswith(
        "a.po:3:25: error[glossary-forbidden] 'South Bird Island' is a forbidden"
    ), proc.stdout
    proc = _cli(tmp_path, "a.po", PO, "--fix")
    assert proc.stdout.startswith(
        "a.po:3:25: fixed glossary-forbidden: 'South Bird \"\\n\"Island' -> 'Minami-Torishima'"
    )
    fixed = (tmp_path / "a.po").read_text(encoding="utf-8")
    assert fixed == PO.replace('South Bird "\n"Island', "Minami-Torishima")
    from zhen_tools.formats import read_units
    from zhen_tools.text.document import document_from_text

    [unit] = read_units(document_from_text(fixed, "a.po"))
    assert unit.target.text == "Mud was found near the Minami-Torishima on Monday."


def test_a_form_with_an_xml_entity_in_an_xliff_target_should_flag(tmp_path) -> None:  # type: ignore[no-untyped-def]
    toml = (
        TOML
        + '\n[[entry]]\nid = "mitsui"\nkind = "org"\nen = "Mitsui & Co."\nforbidden = ["Mitsui & Company"]\n'
    )
    xlf = (
        '<xliff version="1.2"><file source-language="zh" target-language="en"><body>\n'
        '<trans-unit id="1"><source>三井物产</source><target>Mitsui &amp; Company said so.</target></trans-unit>\n'
        "</body></file></xliff>\n"
    )
    proc = _cli(tmp_path, "a.xlf", xlf, glossary=toml)
    assert "'Mitsui & Company' is a forbidden rendering" in proc.stdout, proc.stdout


def test_a_form_inside_a_web_address_in_a_target_should_pass(tmp_path) -> None:  # type: ignore[no-untyped-def]
    tsv = "zh\ten\n南鸟岛\tSee https://example.org/wiki/Nantori_Island today.\n"
    proc = _cli(tmp_path, "a.tsv", tsv)
    assert proc.stdout == "No findings in 1 file.\n", proc.stdout


def test_a_form_ending_before_markup_or_a_wrap_ends_at_its_last_character(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # The next character's offset lies past the tag (or the quotes and line break): the span
    # took `</g>` in, and --fix then refused it as spanning markup.
    xlf = (
        '<xliff version="1.2"><file source-language="zh" target-language="en"><body>\n'
        '<trans-unit id="1"><source>南鸟岛</source>'
        '<target>Near the <g id="1">South Bird Island</g> now.</target></trans-unit>\n'
        "</body></file></xliff>\n"
    )
    po = 'msgid "南鸟岛"\nmsgstr ""\n"Mud near the South Bird Island "\n"on Monday."\n'
    for name, text in (("a.xlf", xlf), ("a.po", po)):
        proc = _cli(tmp_path, name, text, "--format", "json")
        assert [f["text"] for f in json.loads(proc.stdout)["findings"]] == ["South Bird Island"]
        _cli(tmp_path, name, text, "--fix")
        assert (tmp_path / name).read_text(encoding="utf-8") == text.replace(
            "South Bird Island", "Minami-Torishima"
        )
