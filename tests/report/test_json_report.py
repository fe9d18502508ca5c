"""The JSON report (CONTRACT.md's shape plus a signature) and the run signature itself."""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import subprocess
import sys
from pathlib import Path

import zhen_tools
from zhen_tools.findings import make_finding
from zhen_tools.report import Report, render
from zhen_tools.report.signature import signature, signature_string
from zhen_tools.text.document import document_from_text


def _report(sig: dict | None = None) -> Report:
    a = document_from_text("Rare earths: third in the world,仅次于 China.\n", "news/a.en.txt")
    b = document_from_text("About 3.5万 tons。\n", "news/b.en.txt")
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
        make_finding(b, 6, 10, "untranslated", "error", "half-translated number"),
        make_finding(b, 15, 16, "punctuation", "warning", "full-width full stop", suggestion="."),
    )
    return Report(findings, 2, {a.path: a, b.path: b}, signature=sig or {})


def test_shape_and_values_follow_the_contract() -> None:
    out = render(_report(), "json")
    assert out.endswith("}\n")
    assert "仅次于" in out  # CJK as is, not \u escapes
    data = json.loads(out)
    assert list(data) == ["findings", "summary", "signature"]
    assert data["findings"][0] == {
        "path": "news/a.en.txt",
        "line": 1,
        "column": 33,
        "end_line": 1,
        "end_column": 36,
        "start": 32,
        "end": 35,
        "rule": "untranslated",
        "severity": "error",
        "message": "Chinese text inside an English sentence",
        "text": "仅次于",
        "suggestion": "second only to",
    }
    assert list(data["findings"][0]) == [
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "start",
        "end",
        "rule",
        "severity",
        "message",
        "text",
        "suggestion",
    ]
    assert data["findings"][1]["text"] == "3.5万"
    assert data["findings"][1]["suggestion"] is None
    assert data["findings"][2]["severity"] == "warning"
    assert data["summary"] == {"files": 2, "findings": 3, "by_rule": {"punctuation": 1, "untranslated": 2}}


def test_output_is_exactly_what_json_dumps_writes() -> None:
    # The renderer writes findings itself for speed; it must equal the standard encoder's
    # bytes, including escapes (quotes, backslashes, control characters, non-BMP characters).
    from zhen_tools.report.json import to_json

    tricky = document_from_text('He said "C:\\dir"\t\u0001 \U0001f600 仅次于.\n', 'q"uote\\.txt')
    report = _report({"version": "0.1.0", "glossaries": [{"name": "g", "sha256": "ab"}]})
    more = Report(
        (
            *report.findings,
            make_finding(
                tricky, 8, 18, "punctuation", "info", 'a "quoted" \\ message\n', suggestion="\u2028"
            ),
        ),
        3,
        signature=report.signature,
    )
    for r in (report, more, Report((), 0, signature={"version": "0.1.0"})):
        assert render(r, "json") == json.dumps(to_json(r), ensure_ascii=False, indent=1) + "\n"


def test_empty_report() -> None:
    data = json.loads(render(Report((), 4), "json"))
    assert data["findings"] == []
    assert data["summary"] == {"files": 4, "findings": 0, "by_rule": {}}


def test_signature_names_glossaries_by_hash_and_dependency_versions(tmp_path: Path) -> None:
    toml = tmp_path / "japan-rare-earths.toml"
    toml.write_bytes(b'[glossary]\nname = "japan-rare-earths"\n')
    sha = hashlib.sha256(toml.read_bytes()).hexdigest()
    sig = signature((("japan-rare-earths", str(toml), sha),))

    data = json.loads(render(_report(sig), "json"))["signature"]
    assert data["tool"] == "zhen"
    assert data["version"] == zhen_tools.__version__
    assert data["glossaries"] == [{"name": "japan-rare-earths", "path": str(toml), "sha256": sha}]
    assert data["dependencies"]["jieba"] == importlib.metadata.version("jieba")
    assert data["dependencies"]["langdetect"] == importlib.metadata.version("langdetect")
    assert "pytest" not in data["dependencies"]  # dev tools do not change findings
    assert data["string"].startswith(
        f"zhen:{zhen_tools.__version__}|glossaries:japan-rare-earths@{sha[:8]}|"
        f"jieba:{importlib.metadata.version('jieba')}|"
        f"langdetect:{importlib.metadata.version('langdetect')}|"
    )


def test_report_without_a_signature_still_carries_one() -> None:
    data = json.loads(render(_report(), "json"))["signature"]
    assert data["version"] == zhen_tools.__version__
    assert data["glossaries"] == []
    assert "|glossaries:none|" in data["string"]


def test_signature_string_sorts_glossary_files_and_shortens_hashes() -> None:
    sig = {
        "version": "9.9",
        "dependencies": {"jieba": "0.42.1"},
        "glossaries": [
            {"name": "zz", "sha256": "ffff0000" + "1" * 56},
            {"name": "aa", "sha256": "0123abcd" + "2" * 56},
        ],
    }
    assert signature_string(sig) == "zhen:9.9|glossaries:aa@0123abcd+zz@ffff0000|jieba:0.42.1"


def test_signature_never_imports_the_heavy_dependencies() -> None:
    code = (
        "import sys; from zhen_tools.report.signature import signature; signature(); "
        "print(sorted(m for m in ('jieba', 'langdetect', 'pypinyin', 'opencc') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
