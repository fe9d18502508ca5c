"""TBX-Basic and CSV/TSV export and import: round trips keep every field; TBX is schema-valid."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import SHARED
from zhen_tools.glossary import GlossaryError, load_glossary
from zhen_tools.glossary.csvio import (
    csv_to_entries,
    glossary_to_csv,
    join_items,
    split_items,
)
from zhen_tools.glossary.load import (
    bundled_glossary_paths,
    check_written,
    dumps_glossary,
)
from zhen_tools.glossary.model import Entry
from zhen_tools.glossary.tbx import glossary_to_tbx, tbx_to_entries

SCHEMAS = SHARED / "schemas"
FIELDS = ("id", "kind", "origin", "en", "variants", "zh", "ja", "ko", "ru", "forbidden", "confusable", "note")

SAMPLE = r"""[glossary]
name = "sample"
source = "zh"
target = "en"
description = "Round-trip sample"

[[entry]]
id = "chikyu"
kind = "vessel"
origin = "ja"
en = "Chikyū"
variants = ["Chikyu"]
zh = ["地球号", "地球號"]
ja = ["ちきゅう"]
forbidden = ['re:(?:vessel|ship)\s+["“]?(?P<term>Earth)\b', "Diqiu Hao"]
confusable = ["lee"]
note = "A \"drilling\" vessel; per jamstec.go.jp | with a pipe, a comma, and a\nline break."

[[entry]]
id = "lee"
kind = "person"
origin = "ko"
en = "Lee Jae-myung"
variants = ["Lee Jae Myung"]
zh = ["李在明"]
ko = ["이재명"]
ru = ["Ли Чжэ Мён"]
forbidden = ["Li Zaiming", "back\\slash|pipe"]
confusable = ["chikyu"]

[[entry]]
id = "rare-earth"
en = "rare earth"
"""


def fields(entries: tuple[Entry, ...]) -> list[tuple[object, ...]]:
    return [tuple(getattr(e, f) for f in FIELDS) for e in entries]


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "sample.toml"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def reimport(tmp_path: Path, meta: dict[str, str], entries: list[dict], origins: list[str]) -> Path:
    text = dumps_glossary(meta, entries)
    out = tmp_path / "back.toml"
    assert check_written(text, str(out), origins) == []
    out.write_text(text, encoding="utf-8")
    return out


# -- TBX ---------------------------------------------------------------------------------------


def test_toml_tbx_toml_keeps_every_field(sample: Path, tmp_path: Path) -> None:
    g = load_glossary(sample)
    meta, entries, origins = tbx_to_entries(glossary_to_tbx(g, g.meta), "x.tbx")
    assert meta == {"name": "sample", "source": "zh", "target": "en", "description": "Round-trip sample"}
    back = load_glossary(reimport(tmp_path, meta, entries, origins))
    assert fields(back.entries) == fields(g.entries)
    assert back.meta == g.meta


def test_tbx_uses_tbx_basic_data_categories(sample: Path) -> None:
    xml = glossary_to_tbx(load_glossary(sample))
    assert '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">' in xml
    assert '<conceptEntry id="chikyu">' in xml
    assert '<descrip type="subjectField">vessel</descrip>' in xml
    assert '<ref type="crossReference" target="lee">lee</ref>' in xml
    assert '<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>' in xml
    assert '<langSec xml:lang="ko">' in xml


def _schema_or_skip(name: str):  # type: ignore[no-untyped-def]
    etree = pytest.importorskip("lxml.etree", reason="lxml not installed (dev extra)")
    path = SCHEMAS / name
    if not path.exists():
        pytest.skip(f"schema folder absent: {path}")
    return etree, path


@pytest.mark.parametrize("schema", ["TBXcoreStructV03.rng", "basic_integrated.rng"])
def test_exported_tbx_is_valid_relaxng(schema: str, sample: Path) -> None:
    etree, path = _schema_or_skip(schema)
    rng = etree.RelaxNG(etree.parse(str(path)))
    for paths in ([sample], bundled_glossary_paths()):
        doc = etree.fromstring(glossary_to_tbx(load_glossary(paths)).encode("utf-8"))
        assert rng.validate(doc), rng.error_log


def test_exported_tbx_passes_tbx_basic_schematron(sample: Path) -> None:
    etree, path = _schema_or_skip("TBX-Basic_DCA.sch")
    from lxml import isoschematron

    # lxml runs XSLT 1 only (see shared/schemas/README.md).
    text = path.read_text(encoding="utf-8-sig").replace("xslt2", "xslt")
    text = text.replace("./local-name()", "local-name()")
    sch = isoschematron.Schematron(etree.fromstring(text.encode("utf-8")))
    doc = etree.fromstring(glossary_to_tbx(load_glossary(sample)).encode("utf-8"))
    assert sch.validate(doc), sch.error_log


def test_import_foreign_tbx() -> None:
    # Written by hand as another tool might: region subtags, no subjectField, a superseded term.
    xml = """<?xml version="1.0"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
 <tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
 <text><body>
  <conceptEntry id="c1">
   <langSec xml:lang="zh-Hans"><termSec><term>搜狐</term></termSec></langSec>
   <langSec xml:lang="en-US">
    <termSec><term>Sou Hu</term>
     <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termSec>
    <termSec><term>Sohu</term></termSec>
    <termSec><term>Sohu.com</term></termSec>
   </langSec>
  </conceptEntry>
 </body></text>
</tbx>"""
    meta, entries, origins = tbx_to_entries(xml, "f.tbx")
    assert meta == {}
    assert entries == [
        {"id": "c1", "en": "Sohu", "variants": ["Sohu.com"], "zh": ["搜狐"], "forbidden": ["Sou Hu"]}
    ]
    assert origins == ["f.tbx:5"]


@pytest.mark.parametrize(
    "xml, message",
    [
        ("<tbx><text>", "f.tbx:1: not well-formed XML: no element found"),
        (
            "<martif/>",
            "f.tbx:1: root element is <martif>, not <tbx> (TBX v2 'martif' files are not supported)",
        ),
        (
            '<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body/></text></tbx>',
            "f.tbx:1: no <conceptEntry> elements",
        ),
    ],
)
def test_bad_tbx(xml: str, message: str) -> None:
    with pytest.raises(GlossaryError) as info:
        tbx_to_entries(xml, "f.tbx")
    assert str(info.value) == message


def test_tbx_entry_errors_point_at_the_concept_entry() -> None:
    xml = (
        '<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body>\n'
        '<conceptEntry id="a"><descrip type="subjectField">ship</descrip>'
        '<langSec xml:lang="en"><termSec><term>A</term></termSec></langSec></conceptEntry>\n'
        "</body></text></tbx>"
    )
    _meta, entries, origins = tbx_to_entries(xml, "f.tbx")
    errors = check_written(dumps_glossary({"name": "f"}, entries), "out.toml", origins)
    assert errors == [
        ("f.tbx:2: unknown kind 'ship' in entry 'a' (one of: org, person, place, publication, term, vessel)")
    ]


# -- CSV / TSV ---------------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_toml_csv_toml_keeps_every_field(sample: Path, tmp_path: Path, delimiter: str) -> None:
    g = load_glossary(sample)
    text = glossary_to_csv(g, delimiter)
    assert text.splitlines()[0] == delimiter.join(FIELDS)
    entries, origins = csv_to_entries(text, "x.csv", delimiter)
    back = load_glossary(reimport(tmp_path, {"name": "sample"}, entries, origins))
    assert fields(back.entries) == fields(g.entries)


def test_csv_list_cells_use_pipes_and_escape_them() -> None:
    row = glossary_to_csv([Entry("x", "X", variants=("A", "B|C"), forbidden=("re:a\\b",))])
    assert row.splitlines()[1] == "x,term,,X,A|B\\|C,,,,,re:a\\\\b,,"


def test_csv_import_by_hand() -> None:
    text = (
        "id,en,kind,zh,note\n"
        'sohu,Sohu,org,搜狐,"portal, Beijing"\n'
        "\n"
        "rare-earth,rare earth,, 稀土 | 稀土元素 ,\n"
    )
    entries, origins = csv_to_entries(text, "g.csv")
    assert entries == [
        {"id": "sohu", "kind": "org", "en": "Sohu", "zh": ["搜狐"], "note": "portal, Beijing"},
        {"id": "rare-earth", "en": "rare earth", "zh": ["稀土", "稀土元素"]},
    ]
    assert origins == ["g.csv:2", "g.csv:4"]


def test_csv_errors() -> None:
    with pytest.raises(GlossaryError) as info:
        csv_to_entries("id,english\nx,X\n", "g.csv")
    assert info.value.errors == [
        "g.csv:1: unknown column 'english' (columns: " + ",".join(FIELDS) + ")",
        "g.csv:1: no 'en' column",
    ]
    # A quoted header cell holding a line break stays one error line (found by hypothesis).
    with pytest.raises(GlossaryError) as info:
        csv_to_entries('id,en,"en\nglish"\nx,X,Y\n', "g.csv")
    assert info.value.errors == ["g.csv:1: unknown column 'en\\nglish' (columns: " + ",".join(FIELDS) + ")"]
    entries, origins = csv_to_entries("id,en,confusable\na,A,\nb,B,zz\n", "g.csv")
    assert check_written(dumps_glossary({"name": "g"}, entries), "o.toml", origins) == [
        "g.csv:3: confusable 'zz' of entry 'b' names no entry"
    ]


forms = st.text(st.characters(exclude_categories=["Cs", "Cc"]), min_size=1).map(str.strip).filter(bool)


@given(st.lists(forms, max_size=5))
def test_split_items_inverts_join_items(items: list[str]) -> None:
    assert split_items(join_items(items)) == items


@given(st.text(st.characters(exclude_categories=["Cs"])))
def test_dumped_strings_reload(s: str) -> None:
    text = dumps_glossary({"name": "n"}, [{"id": "a", "en": "A", "note": s}])
    assert tomllib.loads(text)["entry"][0].get("note", "") == s
