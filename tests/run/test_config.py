"""Config: discovery, every key, validation errors as one line with file and line, globs, and
command-line flags winning over the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_zhen
from zhen_tools.config import Config, ConfigError, find_config, find_config_file, glob_match, load_config
from zhen_tools.findings import Severity

KNOWN = {"glossary-forbidden", "glossary-near-miss", "punctuation", "untranslated", "unused-ignore"}

FULL = """\
glossaries = ["names", "extra/terms.toml"]
select = ["glossary", "punctuation"]
ignore = ["glossary-near-miss"]
include = ["**/*.txt"]
exclude = ["drafts"]
fail-on = "warning"
warn-unused-ignores = true

[per-file-ignores]
"legacy/*.txt" = ["punctuation"]

[severity]
punctuation = "error"
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_every_key_of_zhen_toml(tmp_path):
    cfg = load_config(write(tmp_path / "zhen.toml", FULL), known_rules=KNOWN)
    assert cfg.glossaries == (str(tmp_path / "names"), str(tmp_path / "extra" / "terms.toml"))
    assert cfg.select == ("glossary", "punctuation")
    assert cfg.ignore == ("glossary-near-miss",)
    assert cfg.include == ("**/*.txt",) and cfg.exclude == ("drafts",)
    assert cfg.fail_on is Severity.WARNING and cfg.warn_unused_ignores is True
    assert cfg.per_file_ignores == (("legacy/*.txt", ("punctuation",)),)
    assert cfg.severity == (("punctuation", Severity.ERROR),)
    assert cfg.root == str(tmp_path)


def test_tool_zhen_table_of_pyproject(tmp_path):
    body = "[project]\nname = 'x'\n\n[tool.zhen]\n" + FULL.replace(
        "[per-file-ignores]", "[tool.zhen.per-file-ignores]"
    ).replace("[severity]", "[tool.zhen.severity]")
    cfg = load_config(write(tmp_path / "pyproject.toml", body), known_rules=KNOWN)
    assert cfg.select == ("glossary", "punctuation")
    assert cfg.severity == (("punctuation", Severity.ERROR),)


def test_config_is_frozen():
    with pytest.raises(AttributeError):
        Config().fail_on = Severity.INFO  # type: ignore[misc]


def test_discovery_walks_up_and_skips_pyproject_without_tool_zhen(tmp_path):
    write(tmp_path / "zhen.toml", 'select = ["untranslated"]\n')
    write(tmp_path / "proj" / "pyproject.toml", "[project]\nname = 'x'\n")
    deep = tmp_path / "proj" / "docs" / "a"
    deep.mkdir(parents=True)
    assert find_config_file(deep) == tmp_path / "zhen.toml"
    write(tmp_path / "proj" / "pyproject.toml", "[project]\nname = 'x'\n[tool.zhen]\nfail-on = 'info'\n")
    assert find_config_file(deep) == tmp_path / "proj" / "pyproject.toml"
    assert find_config(deep, known_rules=KNOWN).fail_on is Severity.INFO
    # In one folder, zhen.toml is preferred to pyproject.toml.
    write(tmp_path / "proj" / "zhen.toml", "")
    assert find_config_file(deep) == tmp_path / "proj" / "zhen.toml"


def test_no_config_file_means_defaults(tmp_path):
    assert find_config_file(tmp_path) is None
    assert find_config(tmp_path, known_rules=KNOWN) == Config()


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ('select = ["untranslated"]\ncolour = "red"\n', 2, "unknown key 'colour'"),
        ('select = ["untranslated"]\nignore = ["no-such-rule"]\n', 2, "unknown rule 'no-such-rule'"),
        ('[severity]\npunctuation = "fatal"\n', 2, "must be one of info, warning, error"),
        ('\n\nselect = "untranslated, punctuation"\n', 3, "unknown rule 'untranslated, punctuation'"),
        ("fail-on = 3\n", 1, "fail-on must be one of info, warning, error"),
        ("exclude = [1, 2]\n", 1, "exclude must be a list of strings"),
        ('warn-unused-ignores = "yes"\n', 1, "must be true or false"),
        ('per-file-ignores = ["a"]\n', 1, "must be a table"),
        ('[per-file-ignores]\n"a/*.txt" = ["punctuation"]\n"b/*.txt" = ["nope"]\n', 3, "unknown rule 'nope'"),
        ('select = ["untranslated"\nignore = []\n', 2, "invalid TOML"),
    ],
)
def test_errors_are_one_line_naming_file_and_line(tmp_path, text, line, fragment):
    path = write(tmp_path / "zhen.toml", text)
    with pytest.raises(ConfigError) as info:
        load_config(path, known_rules=KNOWN)
    msg = str(info.value)
    assert "\n" not in msg
    assert msg.startswith(f"{path}:{line}: "), msg
    assert fragment in msg


def test_error_line_inside_tool_zhen_of_pyproject(tmp_path):
    path = write(
        tmp_path / "pyproject.toml", "[project]\nname = 'x'\nselect = 1\n\n[tool.zhen]\nselect = 1\n"
    )
    with pytest.raises(ConfigError, match=r"pyproject.toml:6: tool.zhen.select must be a list of strings"):
        load_config(path, known_rules=KNOWN)


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("*.md", "a.md", True),
        ("*.md", "docs/a.md", True),  # no '/' in the pattern: the base name is matched
        ("docs/*.md", "docs/a.md", True),
        ("docs/*.md", "docs/sub/a.md", False),
        ("docs/**/*.md", "docs/a.md", True),
        ("docs/**/*.md", "docs/x/y/a.md", True),
        ("**/draft-?.txt", "a/draft-1.txt", True),
        ("**/draft-?.txt", "a/draft-10.txt", False),
        ("[ab].txt", "b.txt", True),
        ("[!ab].txt", "b.txt", False),
        ("./docs/*.md", "docs/a.md", True),
    ],
)
def test_glob_match(pattern, path, expected):
    assert glob_match(pattern, path) is expected


def test_exclude_matches_leading_folders(tmp_path):
    cfg = Config(root=str(tmp_path), exclude=("drafts", "build/"))
    assert not cfg.wants(str(tmp_path / "drafts" / "x" / "a.txt"))
    assert not cfg.wants(str(tmp_path / "build" / "a.txt"))
    assert cfg.wants(str(tmp_path / "docs" / "drafts.txt"))


def test_severity_override_longest_selector_wins():
    cfg = Config(severity=(("glossary", Severity.INFO), ("glossary-forbidden", Severity.WARNING)))
    assert cfg.severity_for("glossary-forbidden") is Severity.WARNING
    assert cfg.severity_for("glossary-near-miss") is Severity.INFO
    assert cfg.severity_for("punctuation") is None


# -- through the CLI ------------------------------------------------------------------------------

UNTRANSLATED = "It ranks third in the world,仅次于 China and Brazil.\n"  # an error-level finding


def test_cli_config_error_is_one_line_exit_2(tmp_path):
    write(tmp_path / "zhen.toml", 'select = ["untranslated"]\nfail_on = "warning"\n')
    write(tmp_path / "a.txt", UNTRANSLATED)
    proc = run_zhen("check", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.strip().splitlines() == [
        f"zhen: {tmp_path / 'zhen.toml'}:2: unknown key 'fail_on' (known: glossaries, select, ignore, "
        "per-file-ignores, severity, include, exclude, fail-on, warn-unused-ignores, baseline, max-file-size)"
    ]


def test_cli_toml_syntax_error(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.zhen]\nselect = [\n")
    write(tmp_path / "a.txt", "fine\n")
    proc = run_zhen("check", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "pyproject.toml:" in proc.stderr and "invalid TOML" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_cli_flags_win_over_config(tmp_path):
    write(tmp_path / "zhen.toml", 'ignore = ["untranslated"]\nfail-on = "info"\n')
    write(tmp_path / "a.txt", UNTRANSLATED)
    quiet = run_zhen("check", "a.txt", "--format", "json", "--no-glossary", cwd=tmp_path)
    assert '"untranslated"' not in quiet.stdout
    loud = run_zhen("check", "a.txt", "--select", "untranslated", "--no-glossary", cwd=tmp_path)
    assert loud.returncode == 1 and "untranslated" in loud.stdout
    # --no-config: the file's ignore is gone too.
    assert run_zhen("check", "a.txt", "--no-config", "--no-glossary", cwd=tmp_path).returncode == 1


def test_cli_config_fail_on_and_glossaries(tmp_path):
    write(
        tmp_path / "g" / "t.toml",
        '[glossary]\nname = "t"\n\n[[entry]]\nid = "tokyo"\nkind = "place"\n'
        'en = "Tokyo"\nforbidden = ["Dongjing"]\n',
    )
    write(
        tmp_path / "zhen.toml",
        'glossaries = ["g"]\nselect = ["glossary-forbidden"]\n[severity]\nglossary-forbidden = "warning"\n',
    )
    write(tmp_path / "docs" / "a.txt", "He flew to Dongjing.\n")
    proc = run_zhen("check", "docs", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr  # a warning does not fail by default
    assert '"severity": "warning"' in proc.stdout and '"Dongjing"' in proc.stdout
    assert run_zhen("check", "docs", "--fail-on", "warning", cwd=tmp_path).returncode == 1
    write(
        tmp_path / "zhen.toml",
        'glossaries = ["g"]\nselect = ["glossary-forbidden"]\nfail-on = "warning"\n'
        '[severity]\nglossary-forbidden = "warning"\n',
    )
    assert run_zhen("check", "docs", cwd=tmp_path).returncode == 1
    # Run from elsewhere: the config is found from the checked paths' folder.
    assert run_zhen("check", str(tmp_path / "docs"), cwd=tmp_path.parent).returncode == 1


def test_max_file_size_takes_bytes_or_a_size_with_a_unit_and_names_the_line_of_a_bad_one(tmp_path):
    for value, size in (("1000", 1000), ('"50 MB"', 50 * 1024**2), ('"2k"', 2048), ("0", 0)):
        (tmp_path / "zhen.toml").write_text(f"max-file-size = {value}\n", encoding="utf-8")
        assert load_config(tmp_path / "zhen.toml", known_rules=KNOWN).max_file_size == size
    for bad in ('"lots"', "-1", "true", '"5 TB"'):
        (tmp_path / "zhen.toml").write_text(
            f'select = ["punctuation"]\nmax-file-size = {bad}\n', encoding="utf-8"
        )
        with pytest.raises(ConfigError, match=r"zhen\.toml:2: max-file-size must be a size in bytes"):
            load_config(tmp_path / "zhen.toml", known_rules=KNOWN)
    assert Config().max_file_size is None


def test_toml_nested_too_deeply_is_a_config_error_and_exit_2(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.zhen]\nselect = " + "[" * 500 + "]" * 500 + "\n")
    with pytest.raises(ConfigError, match=r"pyproject\.toml:2: invalid TOML: arrays or inline tables nested"):
        load_config(tmp_path / "pyproject.toml", known_rules=KNOWN)
    (tmp_path / "a.txt").write_text("Tokyo\n", encoding="utf-8")
    proc = run_zhen("check", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.strip().endswith(
        "pyproject.toml:2: invalid TOML: arrays or inline tables nested too deeply"
    )


def test_a_prefix_selects_only_at_a_hyphen_and_a_cut_one_is_refused_naming_the_ids() -> None:
    from zhen_tools.config import resolve_selectors

    assert resolve_selectors(["glossary"], KNOWN) == {"glossary-forbidden", "glossary-near-miss"}
    assert resolve_selectors(["glossary-near-miss", "punctuation"], KNOWN) == {
        "glossary-near-miss",
        "punctuation",
    }
    with pytest.raises(
        ConfigError,
        match=r"unknown rule 'punct': a prefix selects only at a '-' \(did you mean 'punctuation'\?\)",
    ):
        resolve_selectors(["punct"], KNOWN)
    with pytest.raises(ConfigError, match="did you mean 'glossary-forbidden', 'glossary-near-miss'"):
        resolve_selectors(["gloss"], KNOWN)
    with pytest.raises(ConfigError, match=r"unknown rule 'nope' \(known: glossary-forbidden"):
        resolve_selectors(["nope"], KNOWN)


def test_cli_select_with_a_cut_prefix_is_exit_2_with_the_hint(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("Tokyo，Japan\n", encoding="utf-8")
    proc = run_zhen("check", "a.txt", "--no-config", "--select", "punct", cwd=tmp_path)
    assert proc.returncode == 2
    assert (
        proc.stderr.strip()
        == "zhen: unknown rule 'punct': a prefix selects only at a '-' (did you mean 'punctuation'?)"
    )
