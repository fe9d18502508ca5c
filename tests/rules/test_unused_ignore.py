"""unused-ignore: a zhen: ignore comment that suppresses nothing (reported with --warn-unused-ignores)."""

from __future__ import annotations

from tests.run.test_suppress import RULES, found
from zhen_tools.findings import Finding
from zhen_tools.rules.registry import all_rules
from zhen_tools.run import check, known_rule_ids


def checked(text: str) -> list[Finding]:
    """The findings of ``text`` as a.txt, with the test rules and --warn-unused-ignores."""
    return check([("a.txt", text)], glossary=False, config=False, rules=RULES, warn_unused_ignores=True)


def test_unused_ignore_flags_a_comment_that_suppresses_nothing():
    text = "clean line  # zhen: ignore[x-foo]\nFoo\n"
    assert found(text, warn=True) == [(1, "unused-ignore"), (2, "x-foo")]


def test_unused_ignore_flags_each_unused_rule_of_a_comment():
    got = checked("Foo # zhen: ignore[x-foo,x-bar]\n")
    assert [(f.rule, f.severity.value, f.message) for f in got] == [
        ("unused-ignore", "warning", "unused suppression: no x-bar finding to ignore here")
    ]
    assert got[0].text == "# zhen: ignore[x-foo,x-bar]"


def test_unused_ignore_flags_a_bare_ignore_on_a_clean_line():
    assert found("fine  # zhen: ignore\n", warn=True) == [(1, "unused-ignore")]


def test_unused_ignore_passes_used_comments():
    assert found("Foo  # zhen: ignore[x-foo]\n# zhen: ignore-next-line\nBar\n", warn=True) == []


def test_unused_ignore_passes_without_the_option():
    assert found("clean  # zhen: ignore[x-foo]\n") == []


def test_unused_ignore_passes_rules_that_did_not_run():
    # x-bar is not selected, so its suppression proves nothing either way.
    assert found("clean  # zhen: ignore[x-bar]\n", warn=True, select=["x-foo", "unused-ignore"]) == []


def test_unused_ignore_flags_a_rule_name_no_rule_has():
    # A misspelt id suppresses nothing, here or anywhere, whatever rules ran.
    got = checked("Foo # zhen: ignore[x-fooo]\nclean # zhen: ignore[x-foo,y]\n")
    assert [(f.line, f.rule, f.message) for f in got] == [  # report order: place, rule, message
        (1, "x-foo", "found 'Foo'"),  # not suppressed
        (1, "unused-ignore", "unused suppression: no rule is named 'x-fooo'"),
        (2, "unused-ignore", "unused suppression: no rule is named 'y'"),
        (2, "unused-ignore", "unused suppression: no x-foo finding to ignore here"),
    ]


def test_unused_ignore_passes_known_names_of_rules_that_did_not_run_and_prefixes():
    # x-bar is known but not selected; "x" is a prefix of both rules, and suppresses x-foo here.
    assert (
        found(
            "Foo  # zhen: ignore[x]\nclean  # zhen: ignore[x-bar]\n",
            warn=True,
            select=["x-foo", "unused-ignore"],
        )
        == []
    )


def test_unused_ignore_is_a_known_rule_id():
    assert "unused-ignore" in known_rule_ids()
    assert all_rules()["unused-ignore"].severity.value == "warning"
