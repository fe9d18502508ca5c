"""The summary's file count: files that were checked, not a bilingual file that did not parse,
nor the config file found while walking a folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhen_tools import cli


def test_a_file_that_does_not_parse_is_not_counted_as_checked(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.po").write_text('msgid "a"\nthis is not PO\n', encoding="utf-8")
    code = cli.main(["check", "bad.po", "--no-config", "--no-glossary"])
    out, err = capsys.readouterr()
    assert code == 2
    # was "No findings in 1 file.", then "No findings in 0 files." (read as a clean bill)
    assert out == "No findings in 0 files; 1 file could not be read (see the errors above).\n"
    assert err.splitlines() == ["zhen: bad.po:2: PO syntax error"]  # what happened instead


def test_a_parsed_file_beside_a_broken_one_is_counted(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.po").write_text('msgid "a"\nthis is not PO\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("He went to Tokyo.\n", encoding="utf-8")
    code = cli.main(["check", "bad.po", "a.txt", "--no-config", "--no-glossary"])
    out, _ = capsys.readouterr()
    assert (code, out) == (2, "No findings in 1 file; 1 file could not be read (see the errors above).\n")


def test_the_config_file_found_in_a_walked_folder_is_not_checked(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.zhen]\nselect = ["punctuation"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("He went to Tokyo.\n", encoding="utf-8")
    code = cli.main(["check", ".", "--no-glossary"])
    out, _ = capsys.readouterr()
    assert (code, out) == (0, "No findings in 1 file.\n")  # was 2 files: pyproject.toml too


def test_a_toml_file_that_is_not_the_config_is_checked_when_named(tmp_path, capsys, monkeypatch):
    """A walk leaves configuration out (as the hooks do); naming the file checks it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.toml").write_text('title = "Tokyo"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("He went to Tokyo.\n", encoding="utf-8")
    code = cli.main(["check", ".", "--no-config", "--no-glossary"])
    out, _ = capsys.readouterr()
    assert (code, out) == (0, "No findings in 1 file.\n")
    code = cli.main(["check", ".", "notes.toml", "--no-config", "--no-glossary"])
    out, _ = capsys.readouterr()
    assert (code, out) == (0, "No findings in 2 files.\n")


def test_a_failed_rule_is_counted_in_the_summary_and_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A rule that raises found nothing it could report: the summary says so instead of a bare
    "No findings", each failure is one error line naming the files and the rule, and the exit is 2."""
    import zhen_tools.rules.number_mismatch as rule
    from zhen_tools.cli import main

    (tmp_path / "a.zh.txt").write_text("他说，2020年有3个。\n", encoding="utf-8")
    (tmp_path / "a.en.txt").write_text("He said 2020 had 3.\n", encoding="utf-8")

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("x")

    monkeypatch.setattr(rule, "compare", broken)
    code = main(["check", "--jobs", "1", "--no-config", "--select", "number-mismatch", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 2
    assert out.strip().endswith("No findings in 2 files; 1 rule run failed (see the errors above).")
    assert "rule number-mismatch failed: KeyError" in err
