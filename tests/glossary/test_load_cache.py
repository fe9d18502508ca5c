"""The parsed-glossary cache of ``load_glossary`` (cold start): a file read back from the cache
loads to the same entries, errors and sources as a fresh parse, and a changed file is parsed again."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from tests.conftest import GLOSSARIES
from zhen_tools.glossary import GlossaryError, load_glossary
from zhen_tools.glossary.load import _ENTRY_FIELDS, _TUPLE_FIELDS, parse_glossary
from zhen_tools.glossary.model import Entry

GOOD = """
[glossary]
name = "demo"

[[entry]]
id = "minami-torishima"
kind = "place"
origin = "ja"
en = "Minami-Torishima"
variants = ["Minamitorishima"]
zh = ["南鸟岛"]
forbidden = ["South Bird Island", '''re:vessel\\s+"(?P<term>Earth)"''']
confusable = ["okinotorishima"]

[[entry]]
id = "okinotorishima"
kind = "place"
en = "Okinotorishima"
"""


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("ZHEN_CACHE_DIR", str(folder))
    return folder


def test_entry_fields_match_the_dataclass():
    assert tuple(f.name for f in dataclasses.fields(Entry)) == _ENTRY_FIELDS
    tuples = {f.name for f in dataclasses.fields(Entry) if str(f.type).startswith("tuple")}
    assert tuples == _TUPLE_FIELDS


def test_a_cached_glossary_loads_equal_to_a_fresh_parse(tmp_path: Path, cache: Path):
    path = tmp_path / "demo.toml"
    path.write_text(GOOD, encoding="utf-8")
    first = load_glossary([path])
    assert len(list(cache.glob("glossary-*.json"))) == 1  # written by the first load
    second = load_glossary([path])  # read back
    fresh = parse_glossary(GOOD, str(path), GOOD.encode())
    assert second.entries == first.entries == tuple(fresh.entries)
    assert second.sources == first.sources
    assert second.meta == first.meta
    entry = second.by_id["minami-torishima"]  # its [[entry]] header is line 5 (GOOD starts with \n)
    assert entry.forbidden_patterns == ('vessel\\s+"(?P<term>Earth)"',)
    assert entry.line == 5 and entry.file == str(path) and isinstance(entry.variants, tuple)


def test_a_changed_file_is_parsed_again(tmp_path: Path, cache: Path):
    path = tmp_path / "demo.toml"
    path.write_text(GOOD, encoding="utf-8")
    load_glossary([path])
    path.write_text(GOOD.replace("Okinotorishima", "Okino-Torishima"), encoding="utf-8")
    assert load_glossary([path]).by_id["okinotorishima"].en == "Okino-Torishima"


def test_errors_come_back_from_the_cache_too(tmp_path: Path, cache: Path):
    path = tmp_path / "bad.toml"
    path.write_text(
        GOOD.replace('kind = "place"\nen = "Okino', 'kind = "planet"\nen = "Okino'), encoding="utf-8"
    )
    messages = []
    for _ in range(2):
        with pytest.raises(GlossaryError) as exc:
            load_glossary([path])
        messages.append(str(exc.value))
    assert messages[0] == messages[1]
    assert "planet" in messages[0] and f"{path}:" in messages[0]


def test_a_damaged_cache_file_means_parsing_again(tmp_path: Path, cache: Path):
    path = tmp_path / "demo.toml"
    path.write_text(GOOD, encoding="utf-8")
    first = load_glossary([path])
    for stored in cache.glob("glossary-*.json"):
        stored.write_text('{"value": {"entries": [[1, 2]]}}', encoding="utf-8")
    assert load_glossary([path]).entries == first.entries


def test_the_bundled_glossary_loads_the_same_cached(cache: Path):
    paths = sorted(GLOSSARIES.glob("*.toml"))
    first, second = load_glossary(paths), load_glossary(paths)
    assert first.entries == second.entries and first.sources == second.sources
    assert os.listdir(cache)
