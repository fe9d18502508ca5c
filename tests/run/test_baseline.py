"""Baselines: a dismissed finding stays dismissed when its file is edited elsewhere, a new
occurrence of the same defect is reported, stale entries are listed and then dropped, reasons
survive a rewrite; through the library, the CLI (with --jobs, pairs, a bilingual file, the config
key) and the real pre-commit hook."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import run_zhen
from zhen_tools.findings import make_finding
from zhen_tools.run.baseline import (
    Baseline,
    BaselineError,
    apply_baseline,
    fingerprints,
    load_baseline,
    write_baseline,
)
from zhen_tools.text.document import document_from_text

COMMA = "The ship left Tokyo，bound for the island.\n"  # full-width comma: punctuation
OTHER = "Officials in Osaka，however, disagreed.\n"  # the same defect in another sentence
FILLER = "A paragraph the editor added later, with no problem in it.\n"
FILLER2 = "Another paragraph, added at the top as well.\n"


def _comma_findings(text: str, path: str = "a.en.txt"):
    doc = document_from_text(text, path)
    found = []
    i = text.find("，")
    while i >= 0:
        found.append(make_finding(doc, i, i + 1, "punctuation", "warning", "full-width comma", ","))
        i = text.find("，", i + 1)
    return found, {path: doc}


def _baseline(text: str) -> Baseline:
    return Baseline("zhen-baseline.json", tuple(fingerprints(*_comma_findings(text), root=os.getcwd())))


# -- the fingerprint -----------------------------------------------------------------------------


def test_inserting_a_paragraph_above_keeps_the_finding_dismissed_pass():
    new, dismissed, stale = apply_baseline(*_comma_findings(FILLER * 3 + COMMA), _baseline(COMMA))
    assert (new, len(dismissed), stale) == ([], 1, [])


def test_the_same_defect_in_another_sentence_is_flagged():
    new, dismissed, stale = apply_baseline(*_comma_findings(COMMA + OTHER), _baseline(COMMA))
    assert [f.line for f in new] == [2]
    assert len(dismissed) == 1 and stale == []


def test_a_second_identical_sentence_is_a_new_occurrence_flagged():
    # Same rule, text and context: only the occurrence index tells them apart.
    new, dismissed, _ = apply_baseline(*_comma_findings(COMMA + COMMA), _baseline(COMMA))
    assert [f.line for f in new] == [2] and [f.line for f, _ in dismissed] == [1]


def test_an_edit_next_to_the_finding_makes_it_new_and_the_entry_stale():
    edited = COMMA.replace("left Tokyo", "left Yokohama")
    new, dismissed, stale = apply_baseline(*_comma_findings(edited), _baseline(COMMA))
    assert len(new) == 1 and dismissed == [] and [e.text for e in stale] == ["，"]


def test_entries_of_files_not_checked_are_not_stale():
    new, dismissed, stale = apply_baseline(*_comma_findings(COMMA, "b.en.txt"), _baseline(COMMA))
    assert len(new) == 1 and dismissed == [] and stale == []


def test_fingerprint_parts_are_readable():
    (entry,) = fingerprints(*_comma_findings(FILLER + COMMA), root=os.getcwd())
    assert (entry.rule, entry.path, entry.text, entry.occurrence) == ("punctuation", "a.en.txt", "，", 0)
    # 32 characters either side on the finding's own line, whitespace collapsed.
    assert entry.context == "The ship left Tokyo…bound for the island."


def test_write_keeps_reasons_and_drops_stale_entries(tmp_path):
    path = tmp_path / "zhen-baseline.json"
    findings, docs = _comma_findings(COMMA + OTHER, str(tmp_path / "a.en.txt"))
    write_baseline(path, findings, docs)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["entries"][0]["reason"] = "house style"
    path.write_text(json.dumps(data), encoding="utf-8")
    kept = [f for f in findings if f.line == 1]  # the Osaka sentence was rewritten
    written, dropped = write_baseline(path, kept, docs, load_baseline(path))
    entries = load_baseline(path).entries
    assert written == 1 and [e.text for e in dropped] == ["，"]
    assert [(e.path, e.reason) for e in entries] == [("a.en.txt", "house style")]


def test_load_rejects_a_file_that_is_not_a_baseline(tmp_path):
    (tmp_path / "b.json").write_text('{"findings": []}', encoding="utf-8")
    with pytest.raises(BaselineError, match="not a zhen baseline"):
        load_baseline(tmp_path / "b.json")
    with pytest.raises(BaselineError, match="no such baseline"):
        load_baseline(tmp_path / "missing.json")


# -- the CLI ---------------------------------------------------------------------------------------


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_cli_write_then_check_reports_only_new_findings(tmp_path):
    _write(tmp_path / "a.en.txt", COMMA)
    wrote = run_zhen("check", "--no-config", "--write-baseline", "zhen-baseline.json", ".", cwd=tmp_path)
    assert wrote.returncode == 0, wrote.stderr
    assert "wrote 1 baseline entry to zhen-baseline.json" in wrote.stderr
    quiet = run_zhen("check", "--no-config", "--baseline", "zhen-baseline.json", ".", cwd=tmp_path)
    assert quiet.returncode == 0 and "No findings" in quiet.stdout, quiet.stdout + quiet.stderr

    _write(tmp_path / "a.en.txt", FILLER + FILLER2 + COMMA + OTHER)
    proc = run_zhen(
        "check", "--no-config", "--baseline", "zhen-baseline.json", "--format", "json", ".", cwd=tmp_path
    )
    found = json.loads(proc.stdout)["findings"]
    assert [(f["line"], f["text"]) for f in found] == [(4, "，")], proc.stderr
    assert proc.returncode == 0  # a warning: below the default fail-on


def test_cli_lists_stale_entries_at_info_and_write_drops_them(tmp_path):
    _write(tmp_path / "a.en.txt", COMMA + OTHER)
    run_zhen("check", "--no-config", "--write-baseline", "bl.json", "a.en.txt", cwd=tmp_path)
    _write(tmp_path / "a.en.txt", COMMA)
    proc = run_zhen("check", "--no-config", "--baseline", "bl.json", "a.en.txt", cwd=tmp_path)
    assert proc.returncode == 0
    stale = [ln for ln in proc.stderr.splitlines() if "matches nothing" in ln]
    assert len(stale) == 1 and stale[0].startswith("zhen: info: bl.json:") and "a.en.txt" in stale[0]
    rewrite = run_zhen("check", "--no-config", "--write-baseline", "bl.json", "a.en.txt", cwd=tmp_path)
    assert "dropped an entry" in rewrite.stderr and "wrote 1 baseline entry" in rewrite.stderr
    again = run_zhen("check", "--no-config", "--baseline", "bl.json", "a.en.txt", cwd=tmp_path)
    assert "matches nothing" not in again.stderr


def test_cli_baseline_file_is_never_checked_itself(tmp_path):
    _write(tmp_path / "a.en.txt", COMMA)
    run_zhen("check", "--no-config", "--write-baseline", "zhen-baseline.json", ".", cwd=tmp_path)
    # Its JSON holds the dismissed text ("Tokyo，bound"): checking it would report it again.
    for args in ((".",), ("a.en.txt", "zhen-baseline.json")):
        proc = run_zhen("check", "--no-config", "--baseline", "zhen-baseline.json", *args, cwd=tmp_path)
        assert "No findings in 1 file" in proc.stdout, proc.stdout


def test_cli_the_runs_own_files_alone_are_nothing_to_check_and_pass(tmp_path):
    # What pre-commit runs when a commit changes only the baseline, the config or a glossary in
    # use: each is the run's own file, left out, and the hook must pass (it was exit 2, "no files").
    _write(tmp_path / "a.en.txt", COMMA)
    _write(
        tmp_path / "glossaries" / "g.toml",
        '[[entry]]\nid = "tokyo"\nen = "Tokyo"\nforbidden = ["Dongjing"]\n',
    )
    _write(tmp_path / "zhen.toml", 'baseline = "zhen-baseline.json"\nglossaries = ["glossaries/"]\n')
    run_zhen("check", "--write-baseline", "zhen-baseline.json", "a.en.txt", cwd=tmp_path)
    for name in ("zhen-baseline.json", "zhen.toml", "glossaries/g.toml"):
        proc = run_zhen("check", name, cwd=tmp_path)
        assert (proc.returncode, proc.stdout, proc.stderr) == (0, "No findings in 0 files.\n", ""), name
    # The glossary's forbidden form is no finding of its own file, walked or named ...
    walked = run_zhen("check", "--format", "json", ".", cwd=tmp_path)
    assert json.loads(walked.stdout)["summary"]["files"] == 1, walked.stdout  # a.en.txt alone
    # ... while a TOML file that is no glossary of the run is a document like any other.
    _write(tmp_path / "notes.toml", 'title = "He flew to Dongjing"\n')
    other = run_zhen("check", "notes.toml", cwd=tmp_path)
    assert other.returncode == 1 and "glossary-forbidden" in other.stdout, other.stdout
    # And a path with no file to check at all is still a usage error.
    (tmp_path / "empty").mkdir()
    assert run_zhen("check", "empty", cwd=tmp_path).returncode == 2


def test_cli_dash_writes_the_baseline_to_standard_output_and_reads_it_from_standard_input(tmp_path):
    # As -o - does: `zhen check --write-baseline - . | ...`, and the other way round, e.g. the
    # baseline of another branch: `git show main:zhen-baseline.json | zhen check --baseline - .`
    _write(tmp_path / "a.en.txt", COMMA)
    wrote = run_zhen("check", "--no-config", "--write-baseline", "-", ".", cwd=tmp_path)
    assert (wrote.returncode, wrote.stderr) == (0, "zhen: wrote 1 baseline entry to standard output\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.en.txt"]  # no file named "-"
    (entry,) = json.loads(wrote.stdout)["entries"]
    assert (entry["path"], entry["text"]) == ("a.en.txt", "，")  # relative to the working folder
    quiet = run_zhen("check", "--no-config", "--baseline", "-", ".", input=wrote.stdout, cwd=tmp_path)
    assert (quiet.returncode, quiet.stdout) == (0, "No findings in 1 file.\n"), quiet.stderr
    # Standard input holds one of the two, not both; and what it holds must be a baseline.
    both = run_zhen("check", "--no-config", "--baseline", "-", "-", input=COMMA, cwd=tmp_path)
    assert both.returncode == 2 and both.stderr.count("\n") == 1 and "both read standard input" in both.stderr
    bad = run_zhen("check", "--no-config", "--baseline", "-", ".", input="{", cwd=tmp_path)
    assert bad.returncode == 2 and bad.stderr.startswith("zhen: -: cannot read baseline: ")
    assert bad.stderr.count("\n") == 1


def test_cli_missing_baseline_is_exit_2(tmp_path):
    _write(tmp_path / "a.en.txt", COMMA)
    proc = run_zhen("check", "--no-config", "--baseline", "nope.json", "a.en.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "nope.json: no such baseline" in proc.stderr


def test_cli_config_key_is_relative_to_the_config(tmp_path):
    _write(tmp_path / "zhen.toml", 'baseline = "qa/zhen-baseline.json"\n')
    _write(tmp_path / "articles" / "a.en.txt", COMMA)
    run_zhen("check", "--write-baseline", "qa/zhen-baseline.json", "articles", cwd=tmp_path)
    entry = load_baseline(tmp_path / "qa" / "zhen-baseline.json").entries[0]
    assert entry.path == "../articles/a.en.txt"  # relative to the baseline's folder
    # From another working directory, the config's baseline still applies.
    proc = run_zhen("check", "a.en.txt", cwd=tmp_path / "articles")
    assert "No findings" in proc.stdout, proc.stdout + proc.stderr
    _write(tmp_path / "articles" / "a.en.txt", COMMA + OTHER)
    proc = run_zhen("check", "a.en.txt", cwd=tmp_path / "articles")
    assert "a.en.txt:2:" in proc.stdout and "a.en.txt:1:" not in proc.stdout


ZH = "日产3.5万吨稀土泥。\n船只将于1月12日出发。\n"
EN = "It yields 3,500 tons of mud a day.\nThe ship will depart on January 12.\n"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_cli_pairs_and_bilingual_files_with_jobs(tmp_path, jobs):
    _write(tmp_path / "a.zh.txt", ZH)
    _write(tmp_path / "a.en.txt", EN)
    rows = "zh\ten\n日产3.5万吨稀土泥。\tIt yields 3,500 tons of mud a day.\n"
    _write(tmp_path / "t.tsv", rows)
    run_zhen(
        "check",
        "--no-config",
        "--select",
        "number",
        "-j",
        jobs,
        "--write-baseline",
        "bl.json",
        ".",
        cwd=tmp_path,
    )
    entries = load_baseline(tmp_path / "bl.json").entries
    assert sorted((e.rule, e.path) for e in entries) == [
        ("number-mismatch", "a.en.txt"),
        ("number-mismatch", "t.tsv"),
    ]
    # Edit both files above the dismissed number: still dismissed; a new wrong number is not.
    _write(tmp_path / "a.zh.txt", "新的段落。\n" + ZH + "价格是30元。\n")
    _write(tmp_path / "a.en.txt", "A new paragraph.\n" + EN + "The price is 300 yuan.\n")
    _write(tmp_path / "t.tsv", "zh\ten\n新的段落。\tA new paragraph.\n" + rows.split("\n", 1)[1])
    proc = run_zhen(
        "check",
        "--no-config",
        "--select",
        "number",
        "-j",
        jobs,
        "--baseline",
        "bl.json",
        "--format",
        "json",
        ".",
        cwd=tmp_path,
    )
    found = json.loads(proc.stdout)["findings"]
    assert [(f["path"], f["line"], f["text"]) for f in found] == [("a.en.txt", 4, "300")], proc.stderr
    assert proc.returncode == 1


# -- the real pre-commit hook ------------------------------------------------------------------


def test_precommit_hook_with_a_committed_baseline_passes_after_an_edit_above(tmp_path):
    """README's set-up: ``baseline`` in zhen.toml, the baseline committed beside the articles. The
    hooks leave JSON and TOML out (``exclude_types``), so neither the baseline nor zhen.toml reaches
    ``zhen check``; with ``exclude_types: []`` they would, and zhen skips them as the run's own
    files (``test_cli_the_runs_own_files_alone_are_nothing_to_check_and_pass``)."""
    import shutil

    from tests.cli.test_precommit import BAD, _git, _init_repo, _pre_commit, _snapshot, _try_repo

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    pre_commit = _pre_commit()
    if pre_commit is None:
        pytest.skip("pre-commit is not installed in this environment")
    hook_repo = tmp_path / "hook-repo"
    _snapshot(hook_repo)
    work = tmp_path / "work"
    _init_repo(work)
    _write(work / "zhen.toml", 'baseline = "zhen-baseline.json"\n')
    _write(work / "report.en.txt", BAD)
    wrote = run_zhen("check", "--write-baseline", "zhen-baseline.json", "report.en.txt", cwd=work)
    assert wrote.returncode == 0, wrote.stderr
    # The editor inserts a paragraph above the dismissed findings, and commits.
    _write(work / "report.en.txt", "The report was updated on Monday.\n" + BAD)
    _git("add", "-A", cwd=work)
    passed = _try_repo(pre_commit, hook_repo, work, tmp_path / "pre-commit-home")
    out = passed.stdout + passed.stderr
    assert passed.returncode == 0, out
    assert "Passed" in out, out
    # Later the editor records a reason in the baseline, and commits that file alone: the commit
    # passes (the hook has no file to check).
    _git("commit", "-q", "-m", "articles", cwd=work)
    baseline = work / "zhen-baseline.json"
    data = json.loads(baseline.read_text(encoding="utf-8"))
    data["entries"][0]["reason"] = "house style"
    baseline.write_text(json.dumps(data), encoding="utf-8")
    _git("add", "zhen-baseline.json", cwd=work)
    alone = _try_repo(
        pre_commit, hook_repo, work, tmp_path / "pre-commit-home", "--files", "zhen-baseline.json"
    )
    out = alone.stdout + alone.stderr
    assert alone.returncode == 0, out
    assert "(no files to check)Skipped" in out, out
