"""Meta-test: every registered rule has should-flag and should-pass tests, and a docstring example.

Convention (one name everywhere): rule ``foo-bar`` is tested in ``tests/rules/test_foo_bar.py``,
which holds at least one test function whose name contains ``flag`` and one whose name contains
``pass``. A rule the engine owns rather than ``zhen_tools/rules`` may instead have such tests
anywhere under ``tests/``, named ``test_foo_bar_...flag...`` / ``test_foo_bar_...pass...``
(``unused-ignore``'s are in tests/test_suppress.py).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from zhen_tools.run import registered_rules

TESTS = Path(__file__).resolve().parent
RULES = registered_rules()


def _test_names(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    return [
        n.name
        for n in ast.walk(tree)
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name.startswith("test")
    ]


def _tests_for(rule_id: str) -> list[str]:
    stem = rule_id.replace("-", "_")
    own = TESTS / "rules" / f"test_{stem}.py"
    names = _test_names(own) if own.is_file() else []
    for path in sorted(TESTS.rglob("test_*.py")):
        if path != own:
            names += [n for n in _test_names(path) if n.startswith(f"test_{stem}_")]
    return names


def test_the_registry_is_not_empty():
    assert "unused-ignore" in RULES and len(RULES) > 1


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_every_rule_has_should_flag_and_should_pass_tests(rule_id):
    names = _tests_for(rule_id)
    stem = rule_id.replace("-", "_")
    assert any("flag" in n for n in names), (
        f"rule {rule_id}: no should-flag test (a test name containing 'flag' in tests/rules/test_{stem}.py)"
    )
    assert any("pass" in n for n in names), (
        f"rule {rule_id}: no should-pass test (a test name containing 'pass' in tests/rules/test_{stem}.py)"
    )


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_every_rule_has_help_with_an_example(rule_id):
    rule = RULES[rule_id]
    assert rule.summary.strip(), f"rule {rule_id}: empty summary"
    assert rule.help.strip(), f"rule {rule_id}: no docstring (it is the rule's help text)"
    assert ">>>" in rule.help, f"rule {rule_id}: its docstring has no >>> example"


def test_the_meta_test_fails_for_a_rule_without_tests():
    assert _tests_for("no-such-rule-anywhere") == []
