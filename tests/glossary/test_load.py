"""Loading and validating TOML glossaries: every problem is one ``file:line: message``."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from zhen_tools.glossary import GlossaryError, load_glossary
from zhen_tools.glossary.load import bundled_glossary_paths, dumps_glossary, toml_string
from zhen_tools.glossary.model import Entry, Glossary, fold_key

HEADER = '[glossary]\nname = "t"\n'


def write(tmp_path: Path, text: str, name: str = "g.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def errors_of(*paths: Path) -> list[str]:
    with pytest.raises(GlossaryError) as info:
        load_glossary(list(paths))
    return info.value.errors


# -- should load -------------------------------------------------------------------------------


def test_minimal_entry_gets_defaults(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + '\n[[entry]]\nid = "sohu"\nen = "Sohu"\n')
    g = load_glossary(path)
    (e,) = g.entries
    assert (e.id, e.en, e.kind, e.origin, e.variants, e.note) == ("sohu", "Sohu", "term", None, (), "")
    assert (e.file, e.line) == (str(path), 4)
    assert g.by_id == {"sohu": e}
    assert g.name == "t"


def test_all_keys_including_ko_and_ru(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER
        + """
[[entry]]
id = "lee-jae-myung"
kind = "person"
origin = "ko"
en = "Lee Jae-myung"
variants = ["Lee Jae Myung"]
zh = ["李在明"]
ja = ["李在明"]
ko = ["이재명"]
ru = ["Ли Чжэ Мён"]
forbidden = ["Li Zaiming", 're:President\\s+(?P<term>Li)\\b']
note = "President of South Korea."
""",
    )
    (e,) = load_glossary(path).entries
    assert e.ko == ("이재명",) and e.ru == ("Ли Чжэ Мён",)
    assert e.forbidden_forms == ("Li Zaiming",)
    assert e.forbidden_patterns == (r"President\s+(?P<term>Li)\b",)
    assert e.accepted == ("Lee Jae-myung", "Lee Jae Myung")
    assert e.case_sensitive


def test_sources_are_name_path_and_sha256_of_the_bytes(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + '\n[[entry]]\nid = "a"\nen = "A"\n')
    g = load_glossary([path])
    assert g.sources == (("t", str(path), hashlib.sha256(path.read_bytes()).hexdigest()),)


def test_directory_loads_every_toml_sorted_and_ignores_other_files(tmp_path: Path) -> None:
    write(tmp_path, '[[entry]]\nid = "b"\nen = "B"\n', "b.toml")
    write(tmp_path, '[[entry]]\nid = "a"\nen = "A"\n', "a.toml")
    write(tmp_path, "not a glossary", "notes.txt")
    g = load_glossary(tmp_path)
    assert [e.id for e in g.entries] == ["a", "b"]
    assert [s[0] for s in g.sources] == ["a", "b"]  # no [glossary] name: the file stem
    assert g.name == "a+b"


def test_confusable_may_name_an_entry_in_another_file(tmp_path: Path) -> None:
    a = write(tmp_path, '[[entry]]\nid = "a"\nen = "A"\nconfusable = ["b"]\n', "a.toml")
    b = write(tmp_path, '[[entry]]\nid = "b"\nen = "B"\n', "b.toml")
    assert load_glossary([a, b]).by_id["a"].confusable == ("b",)


def test_bundled_glossary_paths_point_at_the_shipped_file() -> None:
    names = [p.name for p in bundled_glossary_paths()]
    assert "japan-rare-earths.toml" in names


def test_accepted_and_forbidden_compare_case_insensitively_for_terms_only(tmp_path: Path) -> None:
    # A name may forbid a different capitalisation of itself; a term may not.
    ok = write(tmp_path, '[[entry]]\nid = "x"\nkind = "org"\nen = "Sohu"\nforbidden = ["SOHU"]\n')
    assert load_glossary(ok).entries[0].forbidden == ("SOHU",)
    bad = write(tmp_path, '[[entry]]\nid = "x"\nen = "rare earth"\nforbidden = ["Rare Earth"]\n', "t.toml")
    assert errors_of(bad) == [f"{bad}:4: 'Rare Earth' is both accepted and forbidden in entry 'x'"]


# -- should fail, one line per error ----------------------------------------------------------

CASES = {
    "unknown entry key": (
        '[[entry]]\nid = "a"\nen = "A"\nforbiden = ["B"]\n',
        ["4: unknown key 'forbiden' in entry 'a' (did you mean 'forbidden'?)"],
    ),
    "unknown glossary key": (
        '[glossary]\nname = "t"\nlanguage = "zh"\n\n[[entry]]\nid = "a"\nen = "A"\n',
        ["3: unknown key 'language' in [glossary]"],
    ),
    "unknown top-level table": (
        '[glosary]\nname = "t"\n',
        ["1: unknown top-level key 'glosary' (did you mean 'glossary'?)"],
    ),
    "list given as a string": (
        '[[entry]]\nid = "a"\nen = "A"\nvariants = "B"\n',
        ["4: 'variants' must be an array of strings, not a string"],
    ),
    "number where a string belongs": (
        '[[entry]]\nid = "a"\nen = 3\n',
        ["3: 'en' must be a string, not an integer"],
    ),
    "list item not a string": (
        '[[entry]]\nid = "a"\nen = "A"\nzh = ["甲", 2]\n',
        ["4: 'zh' items must be strings, not an integer"],
    ),
    "empty form": (
        '[[entry]]\nid = "a"\nen = "A"\nvariants = [""]\n',
        ["4: empty string in 'variants' of entry 'a'"],
    ),
    "empty en": ('[[entry]]\nid = "a"\nen = ""\n', ["3: 'en' is empty in entry 'a'"]),
    "missing en": ('[[entry]]\nid = "a"\n', ["1: entry 'a' has no 'en'"]),
    "missing id": ('\n[[entry]]\nen = "A"\n', ["2: entry has no 'id'"]),
    "unknown kind": (
        '[[entry]]\nid = "a"\nkind = "ship"\nen = "A"\n',
        ["3: unknown kind 'ship' in entry 'a' (one of: org, person, place, publication, term, vessel)"],
    ),
    "accepted and forbidden": (
        (
            '[[entry]]\nid = "a"\nkind = "org"\nen = "Sohu"\nvariants = ["Sou Hu"]\n'
            'forbidden = [\n  "Souhu",\n  "Sou Hu",\n]\n'
        ),
        ["8: 'Sou Hu' is both accepted and forbidden in entry 'a'"],
    ),
    "bad pattern": (
        '[[entry]]\nid = "a"\nen = "A"\nforbidden = ["re:(unclosed"]\n',
        ["4: bad pattern 're:(unclosed' in entry 'a': missing )…"],
    ),  # … : the regex module's words
    "pattern matching nothing but the empty string": (
        '[[entry]]\nid = "a"\nen = "A"\nforbidden = ["re:x*"]\n',
        ["4: bad pattern 're:x*' in entry 'a': it matches the empty string"],
    ),
    "confusable naming no entry": (
        '[[entry]]\nid = "a"\nen = "A"\n\n[[entry]]\nid = "b"\nen = "B"\nconfusable = ["c"]\n',
        ["8: confusable 'c' of entry 'b' names no entry"],
    ),
    "duplicate id in one file": (
        '[[entry]]\nid = "a"\nen = "A"\n\n[[entry]]\nid = "a"\nen = "B"\n',
        ["5: duplicate id 'a' (first defined at {path}:1)"],
    ),
    "TOML syntax error": ('[[entry]]\nid = "a"\nen = "A\n', ["3: Illegal character '\\n'"]),
    "form listed twice": (
        '[[entry]]\nid = "a"\nen = "A"\nzh = ["甲", "甲"]\n',
        ["4: '甲' listed twice in 'zh' of entry 'a'"],
    ),
    "form with padding": (
        '[[entry]]\nid = "a"\nen = "A"\nvariants = ["B "]\n',
        ["4: 'B ' in 'variants' has leading or trailing spaces"],
    ),
}


@pytest.mark.parametrize("text, expected", CASES.values(), ids=CASES.keys())
def test_invalid_glossary_reports_file_and_line(tmp_path: Path, text: str, expected: list[str]) -> None:
    path = write(tmp_path, text)
    got = errors_of(path)
    want = [f"{path}:{e.format(path=path)}" for e in expected]
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert g.startswith(w[:-1]) if w.endswith("…") else g == w


def test_several_errors_are_all_reported_in_order(tmp_path: Path) -> None:
    path = write(
        tmp_path, '[[entry]]\nid = "a"\nen = "A"\nkind = "ship"\n\n[[entry]]\nid = "b"\nen = "B"\nzh = "乙"\n'
    )
    assert errors_of(path) == [
        f"{path}:4: unknown kind 'ship' in entry 'a' (one of: org, person, place, publication, term, vessel)",
        f"{path}:9: 'zh' must be an array of strings, not a string",
    ]


def test_duplicate_id_across_files_names_both_places(tmp_path: Path) -> None:
    a = write(tmp_path, '[[entry]]\nid = "x"\nen = "A"\n', "a.toml")
    b = write(tmp_path, '\n\n[[entry]]\nid = "x"\nen = "B"\n', "b.toml")
    assert errors_of(a, b) == [f"{b}:3: duplicate id 'x' (first defined at {a}:1)"]


def test_invalid_utf8_is_an_error_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "g.toml"
    path.write_bytes(b'[[entry]]\nid = "a"\nen = "\xff"\n')
    assert errors_of(path) == [f"{path}:3: not valid UTF-8 (invalid start byte)"]


def test_missing_path_and_empty_directory(tmp_path: Path) -> None:
    assert errors_of(tmp_path / "nope.toml") == [f"{tmp_path / 'nope.toml'}: no such file or directory"]
    assert errors_of(tmp_path) == [f"{tmp_path}: no *.toml glossary files in this directory"]


# -- fold_key and the folded index -------------------------------------------------------------


@pytest.mark.parametrize(
    "spellings",
    [
        ("Chikyū", "Chikyu", "Chikyuu", "CHIKYU"),
        ("Minami-Tori-shima", "Minamitorishima", "Minami-Torishima", "Minami Torishima"),
        ("Ōno", "Oono", "Ono"),
        ("Xi'an", "Xian", "Xi’an"),
    ],
)
def test_fold_key_equates_spellings_of_one_name(spellings: tuple[str, ...]) -> None:
    assert len({fold_key(s) for s in spellings}) == 1


def test_fold_key_keeps_different_names_apart() -> None:
    assert fold_key("Takaichi") != fold_key("Takashi")
    assert fold_key("Minami-Torishima") != fold_key("Okinotorishima")


def test_by_fold_indexes_accepted_forms() -> None:
    e = Entry(
        "minami-torishima",
        "Minami-Torishima",
        kind="place",
        variants=("Minamitorishima",),
        forbidden=("South Bird Island",),
    )
    g = Glossary(entries=(e,))
    assert g.by_fold == {"minamitorishima": (e,)}
    assert g.by_fold[fold_key("Minami-Tori-shima")] == (e,)


# -- writing TOML -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "s",
    [
        "plain",
        'say "hi"',
        "it's",
        r"re:\bEarth\b",
        "tab\there",
        "back\\slash 'and' quote",
        "line\nbreak",
        "\x7f",
        "南鸟岛",
    ],
)
def test_toml_string_round_trips_through_tomllib(s: str) -> None:
    import tomllib

    assert tomllib.loads(f"x = {toml_string(s)}")["x"] == s


def test_dumps_glossary_reloads_to_the_same_entries(tmp_path: Path) -> None:
    entries = [
        {
            "id": "chikyu",
            "kind": "vessel",
            "origin": "ja",
            "en": "Chikyū",
            "variants": ["Chikyu"],
            "zh": ["地球号"],
            "ja": ["ちきゅう"],
            "forbidden": [r're:vessel\s+"?(?P<term>Earth)\b'],
            "note": 'The "Earth".',
        }
    ]
    path = write(tmp_path, dumps_glossary({"name": "t", "source": "zh"}, entries))
    g = load_glossary(path)
    (e,) = g.entries
    assert (e.id, e.kind, e.origin, e.en, e.variants, e.zh, e.ja, e.forbidden, e.note) == (
        "chikyu",
        "vessel",
        "ja",
        "Chikyū",
        ("Chikyu",),
        ("地球号",),
        ("ちきゅう",),
        (r're:vessel\s+"?(?P<term>Earth)\b',),
        'The "Earth".',
    )
    assert g.meta == {"name": "t", "source": "zh"}


def test_bundled_glossary_found_in_an_installed_layout(tmp_path: Path) -> None:
    # A wheel puts glossaries/ at zhen_tools/glossaries/ with no __init__.py (a namespace
    # package); build that layout and ask a fresh interpreter where the bundled files are.
    import shutil
    import subprocess
    import sys

    from tests.conftest import GLOSSARIES, ROOT

    site = tmp_path / "site"
    shutil.copytree(ROOT / "zhen_tools", site / "zhen_tools", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(GLOSSARIES, site / "zhen_tools" / "glossaries")
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from zhen_tools.glossary.load import bundled_glossary_paths as b;"
        "print(*b(), sep='\\n')"
    )
    proc = subprocess.run(
        [sys.executable, "-I", "-c", code, str(site)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [str(site / "zhen_tools" / "glossaries" / "japan-rare-earths.toml")]


def test_control_characters_in_forms_are_errors(tmp_path: Path) -> None:
    path = write(tmp_path, '[[entry]]\nid = "a"\nen = "A\\tB"\nvariants = ["C\\nD"]\n')
    assert errors_of(path) == [
        f"{path}:3: 'en' contains a control character (line break, tab) in entry 'a'",
        f"{path}:4: 'C\\nD' in 'variants' contains a control character (line break, tab)",
    ]


@pytest.mark.parametrize("nested", ["[" * 500 + "]" * 500, "{a = " * 500 + "1" + "}" * 500])
def test_toml_nested_too_deeply_is_a_one_line_error_at_its_line(tmp_path, nested):
    text = f'[glossary]\nname = "t"\n\n[[entry]]\nid = "x"\nkind = "place"\nen = "X"\nzh = {nested}\n'
    with pytest.raises(GlossaryError) as info:
        load_glossary(write(tmp_path, text))
    assert str(info.value).endswith("g.toml:8: invalid TOML: arrays or inline tables nested too deeply")


def test_toml_nested_but_not_too_deeply_gets_the_usual_error(tmp_path):
    text = '[glossary]\nname = "t"\n\n[[entry]]\nid = "x"\nkind = "place"\nen = "X"\nzh = [[["a"]]]\n'
    with pytest.raises(GlossaryError, match=r"g\.toml:8: 'zh' items must be strings"):
        load_glossary(write(tmp_path, text))


# -- patterns that backtrack without end --------------------------------------------------------


@pytest.mark.parametrize("pattern", ["(a+)+$", "(?:\\s*\\w+)*:", "((ab)*c)+", "(x{2,})*y"])
def test_a_repeated_group_with_a_repeat_inside_is_refused_naming_file_and_line(tmp_path, pattern):
    text = f'[[entry]]\nid = "x"\nen = "X"\nforbidden = [\'re:{pattern}\']\n'
    with pytest.raises(GlossaryError, match=r"g\.toml:4: .*repeated group with a repeat inside"):
        load_glossary(write(tmp_path, text))


@pytest.mark.parametrize(
    "pattern", ["(?:Prime Minister|PM)\\s+(?P<term>Takahashi)\\b", "(ab)?c+", "\\(a+\\)+"]
)
def test_patterns_without_nested_repeats_pass(tmp_path, pattern):
    text = f'[[entry]]\nid = "x"\nen = "X"\nforbidden = [\'re:{pattern}\']\n'
    assert load_glossary(write(tmp_path, text)).entries[0].forbidden == (f"re:{pattern}",)
