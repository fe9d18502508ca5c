"""The bundled glossary is data with tests of its own (as codespell guards its dictionaries)."""

from __future__ import annotations

import re
import tomllib
from collections import Counter

import pytest

from tests.conftest import GLOSSARIES, seed_text
from zhen_tools.glossary import load_glossary
from zhen_tools.glossary.model import NAME_KINDS

FILES = sorted(GLOSSARIES.glob("*.toml"))
G = load_glossary(FILES)  # schema valid: loading raises on any error


def test_there_is_a_bundled_glossary() -> None:
    assert [p.name for p in FILES] == ["japan-rare-earths.toml"]
    assert len(G.entries) >= 40


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_entries_sorted_by_id(path) -> None:  # type: ignore[no-untyped-def]
    ids = [e["id"] for e in tomllib.loads(path.read_text(encoding="utf-8"))["entry"]]
    assert ids == sorted(ids)


def test_ids_are_lowercase_slugs() -> None:
    assert [e.id for e in G.entries if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", e.id)] == []


def test_no_form_in_two_entries() -> None:
    owners: dict[str, set[str]] = {}
    for e in G.entries:
        for form in (*e.accepted, *e.forbidden, *e.source_forms):
            owners.setdefault(form, set()).add(e.id)
    assert {f: ids for f, ids in owners.items() if len(ids) > 1} == {}


def test_no_form_twice_within_a_list() -> None:
    for e in G.entries:
        for name in ("variants", "zh", "ja", "ko", "ru", "forbidden"):
            counts = Counter(getattr(e, name))
            assert [f for f, n in counts.items() if n > 1] == [], (e.id, name)


def test_no_form_both_accepted_and_forbidden() -> None:
    for e in G.entries:
        assert set(e.accepted) & set(e.forbidden) == set(), e.id


def test_confusables_resolve_and_are_mutual_or_explained() -> None:
    for e in G.entries:
        for other in e.confusable:
            assert other in G.by_id and other != e.id


def test_every_entry_has_kind_origin_and_a_sourced_note() -> None:
    for e in G.entries:
        assert e.kind in NAME_KINDS | {"term"}, e.id
        assert e.origin, e.id
        assert e.note and re.search(r"\bper\b|Constitution", e.note), e.id


def test_every_name_has_a_source_form() -> None:
    for e in G.entries:
        assert e.zh or e.ja or e.ru or e.ko, e.id


def test_every_forbidden_literal_is_wrong_for_a_reason_given_in_the_note_or_is_pinyin() -> None:
    # Forbidden forms seen in the seeds must actually occur there (no invented quotes).
    seeds = "".join(seed_text(p) for p in ("000", "001", "002", "003", "004"))
    for e in G.entries:
        for f in e.forbidden_forms:
            if f"'{f}'" in e.note:
                assert f in seeds, (e.id, f)


@pytest.mark.parametrize(
    "prefix, expected",
    [
        ("000", {("South Bird Island", "minami-torishima"), ("rare earth slurry", "rare-earth-mud")}),
        (
            "001",
            {
                ("Takahashi Sanae", "takaichi-sanae"),
                ("Takahashi", "takaichi-sanae"),
                ("Strategic Innovation Creation Program", "sip"),
            },
        ),
        (
            "002",
            {
                ("Sanna Takashi", "takaichi-sanae"),
                ("Mei Ri Jing Ji Xin Wen", "national-business-daily"),
                ("Xin Lang Cai Jing", "sina-finance"),
                ("Sou Hu Cai Jing", "sohu-finance"),
                ("Masakazu Ishii", "ishii-shoichi"),
            },
        ),
        # PocTex (Ростех in Latin look-alikes) is the homoglyph rule's, from the entry's ru form.
        ("003", {("Nantori Island", "minami-torishima")}),
        ("004", {("Earth", "chikyu")}),
    ],
)
def test_seed_defects_are_forbidden_matches(prefix: str, expected: set[tuple[str, str]]) -> None:
    got = {(m.text, m.entry_id) for m in G.find(seed_text(prefix)) if m.status == "forbidden"}
    assert got == expected


def test_seed_002_spells_minami_torishima_two_accepted_ways() -> None:
    forms = {m.text for m in G.find(seed_text("002")) if m.entry_id == "minami-torishima"}
    assert forms == {"Minami-Torishima", "Minami-Tori-shima"}


def test_rare_earth_is_not_the_ship() -> None:
    assert [m for m in G.find(seed_text("000")) if m.entry_id == "chikyu"] == []
