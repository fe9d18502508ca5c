"""The SARIF 2.1.0 report: valid against the official schema, exclusive end columns, rules,
fingerprints that survive edits above a finding, fixes from suggestions."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import SHARED
from zhen_tools.findings import Severity, make_finding
from zhen_tools.report import Report, render
from zhen_tools.rules.registry import Rule
from zhen_tools.text.document import document_from_text

SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"

UNTRANSLATED_HELP = """Flag Han or kana text left inside an English sentence.

A reader of the English edition cannot read ``仅次于``, and it usually marks a clause the
translator skipped.

>>> 1 + 1
2
"""

RULES = {
    "untranslated": Rule(
        "untranslated", Severity.ERROR, "Han or kana text inside an English sentence", UNTRANSLATED_HELP, ()
    ),
    "repeated-text": Rule(
        "repeated-text",
        Severity.WARNING,
        "doubled words and repeated sentences",
        "Flag text written twice in a row.",
        (),
    ),
    "punctuation": Rule("punctuation", Severity.INFO, "full-width or doubled punctuation", "", ()),
}


def _report() -> Report:
    a = document_from_text("Rare earths: third in the world,仅次于 China.\n", "news/a.en.txt")
    b = document_from_text("Tokyo said.\nTokyo said.\nthe the end。\n", "news/稀土 b.txt")
    findings = (
        make_finding(
            a,
            32,
            35,
            "untranslated",
            "error",
            "Chinese text inside an English sentence",
            suggestion="second only to",
        ),
        make_finding(b, 0, 23, "repeated-text", "warning", "repeated sentence"),
        make_finding(b, 24, 28, "repeated-text", "warning", "doubled word", suggestion=""),
        make_finding(b, 35, 36, "punctuation", "info", "full-width full stop", suggestion="."),
        make_finding(b, 12, 24, "homoglyph", "warning", "a rule that is not in report.rules"),
    )
    return Report(
        findings,
        2,
        {a.path: a, b.path: b},
        rules=RULES,
        signature={"version": "0.1.0", "string": "zhen:0.1.0|glossaries:none"},
    )


def _sarif(report: Report) -> dict:
    return json.loads(render(report, "sarif"))


def test_valid_against_the_official_schema() -> None:
    if not SCHEMA.exists():
        pytest.skip(f"official SARIF schema not found at {SCHEMA}")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator_cls = jsonschema.validators.validator_for(schema)
    assert "draft-04" in schema["$schema"] and validator_cls is jsonschema.Draft4Validator
    validator_cls.check_schema(schema)
    validator = validator_cls(schema, format_checker=validator_cls.FORMAT_CHECKER)
    for report in (_report(), Report((), 0)):
        errors = sorted(validator.iter_errors(_sarif(report)), key=lambda e: list(e.path))
        assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_log_run_and_driver() -> None:
    log = _sarif(_report())
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    (run,) = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["properties"]["signature"] == {"version": "0.1.0", "string": "zhen:0.1.0|glossaries:none"}
    driver = run["tool"]["driver"]
    assert driver["name"] == "zhen"
    assert [r["id"] for r in driver["rules"]] == ["homoglyph", "punctuation", "repeated-text", "untranslated"]
    untranslated = driver["rules"][3]
    assert untranslated["shortDescription"] == {"text": "Han or kana text inside an English sentence"}
    assert untranslated["fullDescription"] == {
        "text": "Flag Han or kana text left inside an English sentence."
    }
    # Prose paragraphs only (the >>> example is left out), RST ``code`` as Markdown `code`.
    assert untranslated["help"] == {
        "text": "Flag Han or kana text left inside an English sentence.\n\n"
        "A reader of the English edition cannot read ``仅次于``, and it "
        "usually marks a clause the translator skipped.",
        "markdown": "Flag Han or kana text left inside an English sentence.\n\n"
        "A reader of the English edition cannot read `仅次于`, and it "
        "usually marks a clause the translator skipped.",
    }
    assert untranslated["defaultConfiguration"] == {"level": "error"}
    assert driver["rules"][1]["defaultConfiguration"] == {"level": "note"}  # info -> note
    assert driver["rules"][2]["defaultConfiguration"] == {"level": "warning"}
    assert driver["rules"][0] == {"id": "homoglyph"}  # found but not described: id only


def test_results_regions_end_after_the_last_character() -> None:
    results = _sarif(_report())["runs"][0]["results"]
    first = results[0]
    assert first["ruleId"] == "untranslated" and first["ruleIndex"] == 3
    assert first["level"] == "error"
    assert (
        first["message"]["text"] == 'Chinese text inside an English sentence (suggestion: "second only to")'
    )
    loc = first["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "news/a.en.txt", "uriBaseId": "%SRCROOT%"}
    # 仅次于 fills columns 33, 34 and 35; SARIF's endColumn is the column after it.
    assert loc["region"] == {
        "startLine": 1,
        "startColumn": 33,
        "endLine": 1,
        "endColumn": 36,
        "snippet": {"text": "仅次于"},
    }

    multi = results[1]["locations"][0]["physicalLocation"]
    assert multi["artifactLocation"]["uri"] == "news/%E7%A8%80%E5%9C%9F%20b.txt"
    assert multi["region"] == {
        "startLine": 1,
        "startColumn": 1,
        "endLine": 2,
        "endColumn": 12,
        "snippet": {"text": "Tokyo said.\nTokyo said."},
    }
    assert [r["level"] for r in results] == ["error", "warning", "warning", "note", "warning"]
    assert results[3]["ruleIndex"] == 1 and results[4]["ruleIndex"] == 0


def test_suggestions_become_fixes() -> None:
    results = _sarif(_report())["runs"][0]["results"]
    (fix,) = results[0]["fixes"]
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "news/a.en.txt"
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 1, "startColumn": 33, "endLine": 1, "endColumn": 36},
            "insertedContent": {"text": "second only to"},
        }
    ]
    removal = results[2]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert removal == {
        "deletedRegion": {"startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 5},
        "insertedContent": {"text": ""},
    }
    assert "fixes" not in results[1]


def _fingerprints(text: str, start: int, end: int) -> list[str]:
    doc = document_from_text(text, "a.txt")
    findings = tuple(
        make_finding(doc, s, s + (end - start), "untranslated", "error", "Chinese text")
        for s in (start, text.index("仅次于", end))
    )
    results = _sarif(Report(findings, 1, {"a.txt": doc}))["runs"][0]["results"]
    return [r["partialFingerprints"]["zhenSpanHash/v1"] for r in results]


def test_fingerprints_survive_lines_added_above_and_tell_occurrences_apart() -> None:
    text = "It is third,仅次于 China.\nAgain 仅次于 here.\n"
    before = _fingerprints(text, 12, 15)
    after = _fingerprints("A new first paragraph.\n\n" + text, 12 + 24, 15 + 24)
    assert before == after
    assert before[0] != before[1]


def test_absolute_paths_under_the_working_directory_become_relative(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    doc = document_from_text("仅次于", os.path.join(str(tmp_path), "sub", "c.txt"))
    f = make_finding(doc, 0, 3, "untranslated", "error", "Chinese text")
    loc = _sarif(Report((f,), 1))["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "sub/c.txt", "uriBaseId": "%SRCROOT%"}
