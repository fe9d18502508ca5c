"""Run the data-file cases of every rule (tests/rules/data/*.cases.jsonl; format in its README)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zhen_tools.run import check

DATA = Path(__file__).resolve().parent / "data"
KINDS = ("in-the-wild", "synthetic", "negative", "known-failure")


def _cases() -> list[object]:
    out = []
    for path in sorted(DATA.glob("*.cases.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            case = json.loads(line)
            assert case["rule"] == path.name.removesuffix(".cases.jsonl"), f"{path.name}:{n}"
            assert case["kind"] in KINDS, f"{path.name}:{n}: kind {case['kind']!r}"
            marks = (
                [pytest.mark.xfail(strict=True, reason=case.get("note", ""))]
                if case["kind"] == "known-failure"
                else []
            )
            out.append(pytest.param(case, id=f"{path.name}:{n}", marks=marks))
    return out


def _found(case: dict[str, object]) -> list[str]:
    items = [("a.en.txt", str(case["text"]))]
    if "source" in case:
        items.insert(0, ("a.zh.txt", str(case["source"])))
    return [f.text for f in check(items, config=False, select=[str(case["rule"])]) if f.path == "a.en.txt"]


@pytest.mark.parametrize("case", _cases())
def test_case(case):
    found = _found(case)
    expected = case["flags"]
    if not expected:
        assert found == [], f"{case['rule']} should pass: {case.get('note', '')}"
    for want in expected:
        assert any(want in text for text in found), f"{case['rule']} should flag {want!r}; found {found}"


def test_every_rule_file_names_a_registered_rule():
    from zhen_tools.run import known_rule_ids

    names = {p.name.removesuffix(".cases.jsonl") for p in DATA.glob("*.cases.jsonl")}
    assert names and names <= known_rule_ids()
