"""Inline suppressions (``zhen: ignore[...]``, ``zhen: ignore-next-line[...]``) and the
``unused-ignore`` rule reported with ``--warn-unused-ignores``."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_zhen
from tests.run.test_run import word_rule
from zhen_tools.rules.registry import all_rules
from zhen_tools.run import check
from zhen_tools.run.suppress import parse_suppressions
from zhen_tools.text.document import document_from_text

# Two test rules plus the registered unused-ignore, so the real rules cannot change these cases.
# They flag capitalised words, so the rule ids written in the comments are not flagged themselves.
RULES = {
    "x-foo": word_rule("Foo", "x-foo"),
    "x-bar": word_rule("Bar", "x-bar"),
    "unused-ignore": all_rules()["unused-ignore"],
}


def found(text: str, name: str = "a.txt", warn: bool = False, **kw) -> list[tuple[int, str]]:
    return [
        (f.line, f.rule)
        for f in check(
            [(name, text)], glossary=False, config=False, rules=RULES, warn_unused_ignores=warn, **kw
        )
    ]


# -- parsing --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "rules", "applies_to"),
    [
        ("foo  # zhen: ignore[x-foo]", ("x-foo",), 1),
        ("foo # zhen: ignore[x-foo, x-bar]", ("x-foo", "x-bar"), 1),
        ("foo #zhen:ignore", None, 1),
        ("foo <!-- zhen: ignore[x] -->", ("x",), 1),
        ("  # zhen: ignore-next-line[x-bar]", ("x-bar",), 2),
        ("<!-- zhen: ignore-next-line -->", None, 2),
    ],
)
def test_directive_forms(line, rules, applies_to):
    (s,) = parse_suppressions(document_from_text(line + "\nnext"))
    assert (s.rules, s.line) == (rules, applies_to)


@pytest.mark.parametrize(
    "line",
    [
        "foo # zhen: ignore[x-foo] and more words",  # not at the end of the line
        "text # zhen: ignore-next-line[x-foo]",  # ignore-next-line must stand alone
        "the zhen: ignore convention",  # not in a comment
        "# zhen: ignored",
    ],
)
def test_not_directives(line):
    assert parse_suppressions(document_from_text(line)) == []


def test_directive_offsets_cover_the_comment():
    text = "a\r\nfoo  <!-- zhen: ignore[x-foo] -->\r\n"
    (s,) = parse_suppressions(document_from_text(text))
    assert text[s.start : s.end] == "<!-- zhen: ignore[x-foo] -->"


# -- suppressing ----------------------------------------------------------------------------------


def test_end_of_line_comment_suppresses_only_its_rules_on_its_line():
    text = "Foo Bar  # zhen: ignore[x-foo]\nFoo\n"
    assert found(text) == [(1, "x-bar"), (2, "x-foo")]


def test_bare_ignore_suppresses_every_rule_on_the_line():
    assert found("Foo Bar # zhen: ignore\nBar\n") == [(2, "x-bar")]


def test_prefix_in_brackets():
    assert found("Foo Bar # zhen: ignore[x]\n") == []


def test_ignore_next_line():
    text = "# zhen: ignore-next-line[x-bar]\nFoo Bar\nBar\n"
    assert found(text) == [(2, "x-foo"), (3, "x-bar")]


def test_markdown_comment_form():
    text = "Foo Bar <!-- zhen: ignore[x-foo,x-bar] -->\n\n<!-- zhen: ignore-next-line -->\nFoo\n"
    assert found(text, name="a.md") == []


def test_a_directive_shown_as_code_in_markdown_is_an_example_not_a_directive():
    """A style guide shows how to suppress a finding: the comment in its code block or code
    span is unused by nature, and must neither be reported nor suppress the prose around it."""
    text = "```md\nFoo Bar <!-- zhen: ignore[x-foo] -->\n```\nFoo Bar\nWrite `# zhen: ignore[x-bar]`\n"
    assert found(text, name="guide.md", warn=True) == [(4, "x-foo"), (4, "x-bar")]
    # A real directive after the example still works.
    assert found(text + "Bar <!-- zhen: ignore[x-bar] -->\n", name="guide.md", warn=True) == [
        (4, "x-foo"),
        (4, "x-bar"),
    ]


def test_a_directive_inside_html_pre_does_not_suppress_the_next_line():
    text = "<pre>\n# zhen: ignore-next-line\n</pre> Foo\n"
    assert found(text, name="guide.html") == [(3, "x-foo")]
    # In a plain-text file there is no code: the same lines are a directive.
    assert found(text, name="guide.txt") == []


PO_ENTRIES = (
    'msgid "一"\nmsgstr "He said ,good."\n\n'
    "# A translator comment, then the directive, then the flags.\n"
    "# zhen: ignore[punctuation]\n"
    "#, fuzzy\n"
    'msgid "二"\nmsgstr ""\n"She said ,good, "\n"and left ,then."\n\n'
    'msgid "三"\nmsgstr "It said ,good."\n'
)


def test_a_translator_comment_in_a_po_file_covers_its_whole_entry(tmp_path):
    # A PO file is edited entry by entry, and a comment line is where a translator writes a
    # note: the directive covers the entry's msgstr however it wraps, and no other entry.
    (tmp_path / "a.po").write_text(PO_ENTRIES, encoding="utf-8")
    proc = run_zhen("check", "--no-config", "--warn-unused-ignores", "--format", "json", "a.po", cwd=tmp_path)
    assert [(f["line"], f["rule"]) for f in json.loads(proc.stdout)["findings"]] == [
        (2, "punctuation"),
        (13, "punctuation"),
    ]
    # With nothing to suppress in its entry, it is unused.
    clean = PO_ENTRIES.replace("She said ,good, ", "She said, good, ").replace("left ,then", "left, then")
    (tmp_path / "a.po").write_text(clean, encoding="utf-8")
    proc = run_zhen("check", "--no-config", "--warn-unused-ignores", "--format", "json", "a.po", cwd=tmp_path)
    assert [(f["line"], f["rule"]) for f in json.loads(proc.stdout)["findings"]] == [
        (2, "punctuation"),
        (5, "unused-ignore"),
        (13, "punctuation"),
    ]


def test_a_comment_line_in_a_plain_text_file_covers_only_itself():
    text = "# zhen: ignore[x-foo]\nFoo\n"
    assert found(text, name="a.txt") == [(2, "x-foo")]


def test_a_file_that_cannot_be_parsed_gets_its_error_and_no_unused_ignore(tmp_path):
    # Nothing was judged in it, so no directive in it can be called unused.
    (tmp_path / "s.po").write_text('# zhen: ignore[punctuation]\nmsgid "a"\nmsgstr "b" x\n', encoding="utf-8")
    proc = run_zhen("check", "--no-config", "--warn-unused-ignores", "--format", "json", "s.po", cwd=tmp_path)
    assert proc.returncode == 2 and "s.po:3" in proc.stderr
    assert json.loads(proc.stdout)["findings"] == []


# -- through the CLI ------------------------------------------------------------------------------

GLOSSARY = '[glossary]\nname = "t"\n\n[[entry]]\nid = "tokyo"\nkind = "place"\nen = "Tokyo"\nforbidden = ["Dongjing"]\n'


def test_cli_suppression_and_warn_unused_ignores(tmp_path):
    (tmp_path / "g.toml").write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / "a.txt").write_text(
        "He flew to Dongjing.  # zhen: ignore[glossary-forbidden]\n"
        "She flew to Tokyo.  # zhen: ignore[glossary]\n",
        encoding="utf-8",
    )
    args = ("check", "a.txt", "--glossary", "g.toml", "--no-config", "--format", "json")
    plain = run_zhen(*args, cwd=tmp_path)
    assert plain.returncode == 0, plain.stderr
    assert json.loads(plain.stdout)["findings"] == []
    warned = run_zhen(*args, "--warn-unused-ignores", cwd=tmp_path)
    assert warned.returncode == 0  # a warning does not fail by default
    got = json.loads(warned.stdout)["findings"]
    assert [(f["line"], f["rule"], f["severity"]) for f in got] == [(2, "unused-ignore", "warning")]
    assert run_zhen(*args, "--warn-unused-ignores", "--fail-on", "warning", cwd=tmp_path).returncode == 1
    ignored = run_zhen(*args, "--warn-unused-ignores", "--ignore", "unused-ignore", cwd=tmp_path)
    assert json.loads(ignored.stdout)["findings"] == []
