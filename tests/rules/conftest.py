"""Fixtures for the rule tests: a test module's own small glossary, and its table of data cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zhen_tools.glossary import load_glossary


@pytest.fixture
def glossary(request: pytest.FixtureRequest, tmp_path: Path):
    """The glossary written in the test module's ``TOML`` string, loaded as a user's file is."""
    path = tmp_path / "test.toml"
    path.write_text(request.module.TOML, encoding="utf-8")
    return load_glossary([path])


DATA = Path(__file__).resolve().parent / "data"
KINDS = {"in-the-wild", "synthetic", "negative", "known-failure"}


def data_cases(name: str) -> list[dict]:  # type: ignore[type-arg]
    """The cases of ``tests/rules/data/<name>.jsonl``, each checked for its format (kind, text,
    expected ``flag`` list, note; a negative case flags nothing)."""
    cases = [json.loads(line) for line in (DATA / f"{name}.jsonl").open(encoding="utf-8")]
    for case in cases:
        assert set(case) == {"kind", "text", "flag", "note"} and case["kind"] in KINDS, case
        assert (case["kind"] == "negative") <= (case["flag"] == []), case
    return cases


def case_params(cases: list[dict]) -> list[object]:  # type: ignore[type-arg]
    """``pytest.param`` per case: known failures run with ``xfail(strict=True)``, ids are notes."""
    return [
        pytest.param(c, id=c["note"], marks=[pytest.mark.xfail(strict=True, reason=c["note"])])
        if c["kind"] == "known-failure"
        else pytest.param(c, id=c["note"])
        for c in cases
    ]
