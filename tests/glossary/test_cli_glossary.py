"""``zhen glossary lint|export|import|suggest`` run as a user runs them: a subprocess."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.conftest import GLOSSARIES, run_zhen, seed, zhen_to_a_gone_reader
from zhen_tools.glossary import load_glossary

FIELDS = ("id", "kind", "origin", "en", "variants", "zh", "ja", "ko", "ru", "forbidden", "confusable", "note")


def entries(path: Path | list[Path]) -> list[tuple[object, ...]]:
    return [tuple(getattr(e, f) for f in FIELDS) for e in load_glossary(path).entries]


def write(tmp_path: Path, text: str, name: str = "g.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def assert_clean_failure(proc, lines: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Exit 2, exactly ``lines`` on stdout (a line ending in … is a prefix), no traceback."""
    assert proc.returncode == 2
    got = proc.stdout.splitlines()
    assert len(got) == len(lines), got
    for g, w in zip(got, lines):
        assert g.startswith(w[:-1]) if w.endswith("…") else g == w
    assert "Traceback" not in proc.stderr


# -- lint --------------------------------------------------------------------------------------


def test_lint_bundled_glossary_is_clean() -> None:
    for args in ((), (str(GLOSSARIES),)):
        proc = run_zhen("glossary", "lint", *args)
        assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")


def test_lint_clean_file(tmp_path: Path) -> None:
    path = write(tmp_path, '[[entry]]\nid = "a"\nen = "A"\n')
    assert run_zhen("glossary", "lint", str(path)).returncode == 0


@pytest.mark.parametrize(
    "text, lines",
    [
        (
            '[[entry]]\nid = "a"\nen = "A"\nvariant = ["B"]\n',
            ["4: unknown key 'variant' in entry 'a' (did you mean 'variants'?)"],
        ),
        (
            '[[entry]]\nid = "a"\nen = "A"\nkind = "company"\nconfusable = ["b"]\n',
            [
                "4: unknown kind 'company' in entry 'a' (one of: org, person, place, publication, term, vessel)",
                "5: confusable 'b' of entry 'a' names no entry",
            ],
        ),
        (
            '[[entry]]\nid = "a"\nen = "A"\n\n[[entry]]\nid = "a"\nen = "B"\n',
            ["5: duplicate id 'a' (first defined at {path}:1)"],
        ),
        (
            '[[entry]]\nid = "a"\nen = "Sohu"\nforbidden = ["Sohu", "re:["]\n',
            [
                "4: 'Sohu' is both accepted and forbidden in entry 'a'",
                "4: bad pattern 're:[' in entry 'a': unterminated character set…",
            ],
        ),  # … : regex's words
        ('[[entry]\nid = "a"\n', ["1: Expected ']]' at the end of an array declaration"]),
    ],
)
def test_lint_invalid_prints_one_line_per_error(tmp_path: Path, text: str, lines: list[str]) -> None:
    path = write(tmp_path, text)
    proc = run_zhen("glossary", "lint", str(path))
    assert_clean_failure(proc, [f"{path}:{line.format(path=path)}" for line in lines])


def test_lint_duplicate_id_across_files_in_a_directory(tmp_path: Path) -> None:
    a = write(tmp_path, '[[entry]]\nid = "x"\nen = "A"\n', "a.toml")
    b = write(tmp_path, '[glossary]\nname = "b"\n\n[[entry]]\nid = "x"\nen = "B"\n', "b.toml")
    proc = run_zhen("glossary", "lint", str(tmp_path))
    assert_clean_failure(proc, [f"{b}:4: duplicate id 'x' (first defined at {a}:1)"])


def test_a_reader_that_went_away_is_no_error_and_changes_no_status(tmp_path: Path) -> None:
    path = write(tmp_path, '[[entry]\nid = "a"\n')
    assert zhen_to_a_gone_reader("glossary", "lint", str(path), cwd=tmp_path) == (2, b"")
    for action in (["export", "--to", "tbx"], ["export", "--to", "csv"], ["suggest", str(seed("000"))]):
        assert zhen_to_a_gone_reader("glossary", *action, cwd=tmp_path) == (0, b""), action


def test_lint_missing_file(tmp_path: Path) -> None:
    proc = run_zhen("glossary", "lint", str(tmp_path / "none.toml"))
    assert_clean_failure(proc, [f"{tmp_path / 'none.toml'}: no such file or directory"])


# -- export / import ---------------------------------------------------------------------------


@pytest.mark.parametrize("ext", ["tbx", "csv", "tsv"])
def test_export_import_round_trip_through_files(tmp_path: Path, ext: str) -> None:
    exported = tmp_path / f"g.{ext}"
    proc = run_zhen("glossary", "export", str(GLOSSARIES), "--to", ext, "-o", str(exported))
    assert (proc.returncode, proc.stderr) == (0, "")
    back = tmp_path / "back.toml"
    proc = run_zhen("glossary", "import", str(exported), "-o", str(back))
    assert (proc.returncode, proc.stderr) == (0, "")
    assert run_zhen("glossary", "lint", str(back)).returncode == 0
    assert entries(back) == entries(sorted(GLOSSARIES.glob("*.toml")))
    meta = tomllib.loads(back.read_text(encoding="utf-8"))["glossary"]
    assert meta["name"] == ("japan-rare-earths" if ext == "tbx" else "g")


def test_export_to_stdout_and_format_from_output_name(tmp_path: Path) -> None:
    proc = run_zhen("glossary", "export", "--to", "csv")
    assert proc.returncode == 0
    assert proc.stdout.splitlines()[0] == ",".join(FIELDS)
    out = tmp_path / "x.tbx"
    assert run_zhen("glossary", "export", "-o", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8").startswith('<?xml version="1.0" encoding="UTF-8"?>\n<tbx ')


def test_export_without_a_format() -> None:
    proc = run_zhen("glossary", "export")
    assert proc.returncode == 2 and proc.stdout == ""
    assert (
        proc.stderr.strip() == "zhen: glossary export: say --to tbx|csv|tsv (or give -o FILE.tbx/.csv/.tsv)"
    )


def test_import_csv_to_stdout(tmp_path: Path) -> None:
    src = write(tmp_path, 'id,en,kind,zh,forbidden\nsohu,Sohu,org,搜狐,"Sou Hu|Souhu"\n', "names.csv")
    proc = run_zhen("glossary", "import", str(src))
    assert proc.returncode == 0
    doc = tomllib.loads(proc.stdout)
    assert doc == {
        "glossary": {"name": "names"},
        "entry": [
            {"id": "sohu", "kind": "org", "en": "Sohu", "zh": ["搜狐"], "forbidden": ["Sou Hu", "Souhu"]}
        ],
    }


def test_import_errors_point_into_the_input(tmp_path: Path) -> None:
    src = write(tmp_path, "id,en,kind\na,A,org\nb,B,ship\n", "bad.csv")
    out = tmp_path / "out.toml"
    proc = run_zhen("glossary", "import", str(src), "-o", str(out))
    assert proc.returncode == 2 and not out.exists()
    assert proc.stderr.splitlines() == [
        f"{src}:3: unknown kind 'ship' in entry 'b' (one of: org, person, place, publication, term, vessel)"
    ]


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("g.json", "{}", "zhen: {path}: unknown format (expected .tbx, .csv or .tsv)"),
        ("g.tbx", "<tbx", "{path}:1: not well-formed XML: unclosed token"),
    ],
)
def test_import_bad_input(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = write(tmp_path, content, name)
    proc = run_zhen("glossary", "import", str(path))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.splitlines() == [message.format(path=path)]


# -- suggest -----------------------------------------------------------------------------------


def test_suggest_prints_a_toml_glossary() -> None:
    proc = run_zhen("glossary", "suggest", str(seed("002")))
    assert proc.returncode == 0, proc.stderr
    assert "entry" in tomllib.loads(proc.stdout)
