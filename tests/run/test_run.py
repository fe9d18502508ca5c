"""zhen_tools.run: inputs, rule scopes and selection, errors, ordering, --jobs, and the library
returning what the CLI reports."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, run_zhen, seed
from zhen_tools.config import Config, ConfigError
from zhen_tools.findings import Severity
from zhen_tools.rules.registry import Rule
from zhen_tools.run import CheckError, RunOptions, check, run, select_rules
from zhen_tools.text.document import DocumentError, document_from_text


class WordRule:
    """A test rule: flags every occurrence of ``word`` (a picklable object, for --jobs)."""

    def __init__(self, word: str, rid: str, severity: str = "warning", suggestion: str | None = None):
        self.word, self.rid, self.severity, self.suggestion = word, rid, severity, suggestion

    def __call__(self, ctx):
        out, i = [], ctx.text.find(self.word)
        while i >= 0:
            out.append(
                ctx.finding(
                    i,
                    i + len(self.word),
                    self.rid,
                    f"found {self.word!r}",
                    suggestion=self.suggestion,
                    severity=self.severity,
                )
            )
            i = ctx.text.find(self.word, i + 1)
        return out


def rule(rid: str, *scoped, severity: str = "warning") -> Rule:
    return Rule(rid, Severity(severity), rid, "", tuple(scoped))


def word_rule(word: str, rid: str, severity: str = "warning") -> Rule:
    return rule(rid, ("document", WordRule(word, rid, severity)), severity=severity)


def crashing(ctx):
    raise RuntimeError("boom\nsecond line")


class CountDocs:
    """Run-scope test rule: one info finding at offset 0 of each document naming how many
    documents the run saw."""

    def __call__(self, ctxs):
        n = len(ctxs)
        return [c.finding(0, 1, "x-run", f"{n} documents", severity="info") for c in ctxs if c.text]


# -- inputs ---------------------------------------------------------------------------------------


def test_in_memory_texts_as_document_and_as_name_text_tuple():
    rules = {"x-dash": word_rule("--", "x-dash")}
    doc = document_from_text("a\r\nb -- c", "mem.en.txt")
    found = check([doc, ("t.en.txt", "-- first")], glossary=False, config=False, rules=rules)
    # "b -- c" is line 2 of the CRLF text: "--" starts at column 3; in "-- first" at 1:1.
    assert [(f.path, f.line, f.column, f.text) for f in found] == [
        ("mem.en.txt", 2, 3, "--"),
        ("t.en.txt", 1, 1, "--"),
    ]


def test_single_path_str_or_pathlike_and_directory(tmp_path):
    (tmp_path / "a.txt").write_text("one -- two\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("--\n", encoding="utf-8")
    rules = {"x-dash": word_rule("--", "x-dash")}
    assert [f.column for f in check(str(tmp_path / "a.txt"), glossary=False, config=False, rules=rules)] == [
        5
    ]
    assert len(check(tmp_path / "a.txt", glossary=False, config=False, rules=rules)) == 1
    found = check(tmp_path, glossary=False, config=False, rules=rules)
    assert [Path(f.path).name for f in found] == ["a.txt", "b.txt"]


def test_same_file_twice_is_checked_once(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("-- x\n", encoding="utf-8")
    rules = {"x-dash": word_rule("--", "x-dash")}
    res = run([p, str(p), tmp_path], RunOptions(glossary=False, config=False, rules=rules))
    assert res.files == 1 and len(res.findings) == 1


def test_report_order_is_path_then_position_then_rule():
    rules = {"x-b": word_rule("ab", "x-b"), "x-a": word_rule("ab", "x-a"), "x-c": word_rule("c", "x-c")}
    found = check([("z.txt", "ab c"), ("m.txt", "c ab")], glossary=False, config=False, rules=rules)
    assert [(f.path, f.start, f.rule) for f in found] == [
        ("m.txt", 0, "x-c"),
        ("m.txt", 2, "x-a"),
        ("m.txt", 2, "x-b"),
        ("z.txt", 0, "x-a"),
        ("z.txt", 0, "x-b"),
        ("z.txt", 3, "x-c"),
    ]


def test_identical_findings_from_two_scopes_are_reported_once():
    both = rule(
        "x-dup",
        ("document", WordRule("q", "x-dup")),
        ("run", lambda ctxs: [f for c in ctxs for f in WordRule("q", "x-dup")(c)]),
    )
    found = check([("a.txt", "q")], glossary=False, config=False, rules={"x-dup": both})
    assert len(found) == 1


# -- selection ------------------------------------------------------------------------------------


RULES3 = {"x-foo": word_rule("foo", "x-foo"), "x-bar": word_rule("bar", "x-bar"), "y": word_rule("y", "y")}


def test_select_by_prefix_and_ignore_by_id():
    assert sorted(select_rules(["x"], None, rules=RULES3)) == ["x-bar", "x-foo"]
    assert sorted(select_rules(["x"], ["x-bar"], rules=RULES3)) == ["x-foo"]
    assert sorted(select_rules(None, ["x"], rules=RULES3)) == ["y"]
    # "x-f" is not a prefix at a '-' boundary of any id: no rule, an error.
    with pytest.raises(ConfigError, match="unknown rule 'x-f'"):
        select_rules(["x-f"], None, rules=RULES3)


def test_command_line_select_replaces_config_select_and_ignore():
    cfg = Config(select=("x",), ignore=("x-foo",))
    assert sorted(select_rules(None, None, cfg, RULES3)) == ["x-bar"]
    assert sorted(select_rules(["x-foo"], None, cfg, RULES3)) == ["x-foo"]
    assert sorted(select_rules(None, ["x-bar"], cfg, RULES3)) == ["x-foo"]


def test_findings_follow_selection():
    text = [("a.txt", "foo bar y")]
    found = check(text, select=["x"], ignore=["x-bar"], glossary=False, config=False, rules=RULES3)
    assert [f.rule for f in found] == ["x-foo"]


# -- errors ---------------------------------------------------------------------------------------


def test_unreadable_input_raises_first_document_error(tmp_path):
    (tmp_path / "ok.txt").write_text("foo\n", encoding="utf-8")
    with pytest.raises(DocumentError, match=r"missing\.txt"):
        check([tmp_path / "missing.txt", tmp_path / "ok.txt"], glossary=False, config=False, rules=RULES3)


def test_errors_list_collects_and_other_files_are_still_checked(tmp_path):
    (tmp_path / "ok.txt").write_text("foo\n", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02binary\x00")
    errors: list[Exception] = []
    found = check(
        [tmp_path / "missing.txt", tmp_path / "bin.txt", tmp_path / "ok.txt"],
        glossary=False,
        config=False,
        rules=RULES3,
        errors=errors,
    )
    assert [f.rule for f in found] == ["x-foo"]
    assert [type(e) for e in errors] == [DocumentError, DocumentError]
    assert "missing.txt" in str(errors[0]) and "bin.txt" in str(errors[1])


def test_a_crashing_rule_is_one_line_check_error_and_others_still_run():
    rules = {**RULES3, "x-crash": rule("x-crash", ("document", crashing))}
    errors: list[Exception] = []
    found = check(
        [("a.txt", "foo"), ("b.txt", "foo")], glossary=False, config=False, rules=rules, errors=errors
    )
    assert [f.path for f in found] == ["a.txt", "b.txt"]
    assert [str(e) for e in errors] == [
        "a.txt: rule x-crash failed: RuntimeError: boom",
        "b.txt: rule x-crash failed: RuntimeError: boom",
    ]
    assert all(isinstance(e, CheckError) for e in errors)
    with pytest.raises(CheckError):
        check([("a.txt", "foo")], glossary=False, config=False, rules=rules)


# -- scopes ---------------------------------------------------------------------------------------


def test_run_scope_rule_sees_every_document():
    rules = {"x-run": rule("x-run", ("run", CountDocs()), severity="info")}
    found = check([("a.txt", "x"), ("b.txt", "y"), ("c.txt", "z")], glossary=False, config=False, rules=rules)
    assert [(f.path, f.message) for f in found] == [
        ("a.txt", "3 documents"),
        ("b.txt", "3 documents"),
        ("c.txt", "3 documents"),
    ]


@pytest.fixture
def fake_pairs(monkeypatch):
    """A stand-in for inputs.find_pairs, as the run calls it: records its calls and pairs documents
    in input order."""
    import zhen_tools.run.execute

    calls: list = []

    def find_pairs(ctxs, explicit=(), **_):
        calls.append(([c.doc.path for c in ctxs], list(explicit)))
        return [(ctxs[i], ctxs[i + 1]) for i in range(0, len(ctxs) - 1, 2)]

    monkeypatch.setattr(zhen_tools.run.execute, "find_pairs", find_pairs)
    return calls


def pair_rule(pair):
    src, tgt = pair
    return [tgt.finding(0, 1, "x-pair", f"paired with {src.doc.path}", severity="error")]


def test_pairing_runs_only_when_a_pair_rule_is_selected(fake_pairs, tmp_path):
    rules = {"x-foo": word_rule("foo", "x-foo"), "x-pair": rule("x-pair", ("pair", pair_rule))}
    texts = [("a.zh.txt", "源"), ("a.en.txt", "foo")]
    check(texts, select=["x-foo"], glossary=False, config=False, rules=rules)
    assert fake_pairs == []
    found = check(texts, glossary=False, config=False, rules=rules)
    # Both start at 0; the shorter span (x-pair's, one character) comes first.
    assert [(f.path, f.rule, f.message) for f in found] == [
        ("a.en.txt", "x-pair", "paired with a.zh.txt"),
        ("a.en.txt", "x-foo", "found 'foo'"),
    ]
    assert fake_pairs == [(["a.zh.txt", "a.en.txt"], [])]


def test_explicit_pairs_are_added_to_the_inputs_and_named_as_read(fake_pairs, tmp_path, monkeypatch):
    (tmp_path / "s.txt").write_text("源\n", encoding="utf-8")
    (tmp_path / "t.txt").write_text("target\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    rules = {"x-pair": rule("x-pair", ("pair", pair_rule))}
    res = run(
        [], RunOptions(pairs=[("./s.txt", tmp_path / "t.txt")], glossary=False, config=False, rules=rules)
    )
    assert res.files == 2
    assert fake_pairs == [(["./s.txt", str(tmp_path / "t.txt")], [("./s.txt", str(tmp_path / "t.txt"))])]


# -- the source side of pairs and bilingual files -------------------------------------------------


class Texts:
    """Run-scope test rule: one info finding per document it is shown, at its first non-blank
    character, quoting the text it read (the view a run-scope rule gets), stripped."""

    def __call__(self, ctxs):
        return [
            c.finding(i, i, "x-seen", c.text.strip(), severity="info")
            for c in ctxs
            for i in [len(c.text) - len(c.text.lstrip())]
        ]


FOO = {"x-foo": word_rule("foo", "x-foo"), "x-seen": rule("x-seen", ("run", Texts()), severity="info")}


def test_sources_get_no_document_or_run_rules():
    texts = [
        ("a.zh.txt", "foo源"),
        ("a.en.txt", "foo"),
        ("lone.zh.txt", "foo源"),
        ("c.txt", "foo"),
        ("s.txt", "foo源"),
        ("t.txt", "foo"),
    ]
    found = check(texts, pairs=[("s.txt", "t.txt")], glossary=False, config=False, rules=FOO)
    assert sorted((f.path, f.rule) for f in found) == [
        ("a.en.txt", "x-foo"),
        ("a.en.txt", "x-seen"),
        ("c.txt", "x-foo"),
        ("c.txt", "x-seen"),
        ("t.txt", "x-foo"),
        ("t.txt", "x-seen"),
    ]


def test_the_same_text_not_named_as_a_source_is_checked():
    found = check([("a.txt", "foo源")], glossary=False, config=False, rules=FOO)
    assert [(f.path, f.rule) for f in found] == [("a.txt", "x-seen"), ("a.txt", "x-foo")]


XLIFF = """<xliff version="1.2"><file source-language="zh" target-language="en"><body>
 <trans-unit id="1"><source>foo 源</source>
  <target>a foo &amp; bar</target></trans-unit>
</body></file></xliff>
"""
TMX = """<tmx version="1.4"><header srclang="zh"/><body>
<tu><tuv xml:lang="zh"><seg>foo 源</seg></tuv><tuv xml:lang="en"><seg>the foo</seg></tuv></tu>
</body></tmx>
"""
PO = 'msgid ""\nmsgstr "foo header"\n\nmsgid "foo 源"\nmsgstr "one foo"\n'


@pytest.mark.parametrize(
    "name, text, where, seen",
    [
        ("t.tsv", "zh\ten\nfoo 源\tfoo bar\n", (2, 7), "foo bar"),
        ("t.csv", 'source,target,note\nfoo 源,"so, foo",foo\n', (2, 12), "so, foo"),
        ("t.xlf", XLIFF, (3, 13), "a foo &amp; bar"),
        ("t.tmx", TMX, (2, 74), "the foo"),
        ("t.po", PO, (5, 13), "one foo"),
    ],
)
def test_bilingual_files_are_judged_on_their_target_text(name, text, where, seen):
    found = check([(name, text)], glossary=False, config=False, rules=FOO)
    assert [(f.rule, (f.line, f.column), f.text) for f in found if f.rule == "x-foo"] == [
        ("x-foo", where, "foo")
    ]
    # the run-scope rule read the target view: source, markup and other columns blanked
    assert [f.message for f in found if f.rule == "x-seen"] == [seen]


def test_findings_outside_target_text_are_dropped():
    # A rule reporting on the blanked text (offset 0: the header row) reports nothing.
    def at_zero(ctx):
        return [ctx.finding(0, 2, "x-zero", "start", severity="warning")]

    rules = {"x-zero": rule("x-zero", ("document", at_zero))}
    assert check([("t.tsv", "zh\ten\n源\tx\n")], glossary=False, config=False, rules=rules) == []
    assert len(check([("t.txt", "zh\ten\n源\tx\n")], glossary=False, config=False, rules=rules)) == 1


def test_columns_pick_the_target_column():
    text = "id,cn text,en text\n1,foo 源,a foo\n"
    assert [
        f.column
        for f in check([("t.csv", text)], glossary=False, config=False, rules=FOO)
        if f.rule == "x-foo"
    ] == [3, 11]  # unknown headers: a plain document
    assert [
        f.column
        for f in check([("t.csv", text)], columns=("CN text", 3), glossary=False, config=False, rules=FOO)
        if f.rule == "x-foo"
    ] == [11]


def test_a_malformed_bilingual_file_is_an_error_and_gets_no_findings():
    errors: list[Exception] = []
    found = check(
        [("bad.xlf", "<xliff><source>foo</source>"), ("ok.txt", "foo")],
        glossary=False,
        config=False,
        rules=FOO,
        errors=errors,
    )
    assert [str(e) for e in errors] == ["bad.xlf:1: not well-formed XML (no element found)"]
    assert sorted({f.path for f in found}) == ["ok.txt"]


def test_jobs_2_with_pairs_and_bilingual_files(tmp_path):
    (tmp_path / "a.zh.txt").write_text("foo源\n", encoding="utf-8")
    (tmp_path / "a.en.txt").write_text("foo\n", encoding="utf-8")
    (tmp_path / "t.xlf").write_text(XLIFF, encoding="utf-8")
    (tmp_path / "t.tsv").write_text("zh\ten\nfoo 源\tfoo bar\n", encoding="utf-8")
    one = check(tmp_path, glossary=False, config=False, rules=FOO, jobs=1)
    two = check(tmp_path, glossary=False, config=False, rules=FOO, jobs=2)
    assert two == one
    assert sorted((Path(f.path).name, f.rule) for f in one) == [
        ("a.en.txt", "x-foo"),
        ("a.en.txt", "x-seen"),
        ("t.tsv", "x-foo"),
        ("t.tsv", "x-seen"),
        ("t.xlf", "x-foo"),
        ("t.xlf", "x-seen"),
    ]


# -- config applied to findings -------------------------------------------------------------------


def test_per_file_ignores_and_severity_overrides(tmp_path):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.txt").write_text("foo bar\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("foo bar\n", encoding="utf-8")
    cfg = Config(
        root=str(tmp_path), per_file_ignores=(("drafts/*", ("x",)),), severity=(("x-foo", Severity.ERROR),)
    )
    found = check(tmp_path, glossary=False, config=cfg, rules=RULES3)
    assert [(Path(f.path).name, f.rule, f.severity.value) for f in found] == [
        ("b.txt", "x-foo", "error"),
        ("b.txt", "x-bar", "warning"),
    ]


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("jobs", "2"),  # was a TypeError from deep in the run
        ("jobs", -1),
        ("jobs", 1.5),
        ("jobs", True),
        ("max_file_size", -5),  # was "read length must be non-negative or -1"
        ("rendering_sample", -1),
        ("columns", ("zh",)),  # was taken, and no column pair found
        ("pairs", [("a.zh.txt",)]),
    ],
)
def test_run_options_refuse_a_value_no_run_could_use_naming_it(setting, value):
    with pytest.raises(ValueError, match=f"^{setting}: "):
        RunOptions(**{setting: value})


def test_a_string_is_one_selector_not_its_letters(tmp_path):
    # select="glossary" was read letter by letter: "unknown rule 'g'".
    assert RunOptions(select="glossary").select == ("glossary",)
    assert RunOptions(ignore="punctuation", jobs=0, max_file_size=None).ignore == ("punctuation",)
    doc = ("a.txt", "He flew to Dongjing，on Monday.\n")
    assert {f.rule for f in check([doc], select="punctuation", glossary=False)} == {"punctuation"}


def test_include_and_exclude_apply_to_walked_files_only(tmp_path):
    for name in ("a.txt", "b.md", "vendor/c.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("foo\n", encoding="utf-8")
    cfg = Config(root=str(tmp_path), include=("*.txt",), exclude=("vendor",))
    res = run(tmp_path, RunOptions(glossary=False, config=cfg, rules=RULES3))
    assert sorted(Path(p).name for p in res.documents) == ["a.txt"]
    # Named explicitly, an excluded file is still checked.
    res = run([tmp_path, tmp_path / "vendor" / "c.txt"], RunOptions(glossary=False, config=cfg, rules=RULES3))
    assert sorted(Path(p).name for p in res.documents) == ["a.txt", "c.txt"]


def _code_repo(root: Path) -> None:
    """A translation folder with the code and configuration that live beside translations."""
    files = {
        "a.en.txt": "He went to Tokyo.\n",
        "notes.md": "He went to Tokyo.\n",
        "scripts/fetch.py": 'MSG = "错误：文件不存在"\nprint(MSG , 1)\n',
        "scripts/run.sh": 'echo "完成 ,ok"\n',
        "site/app.js": 'alert("北京新闻");\n',
        "data/titles.json": '{"title": "北京新闻"}\n',
        "data/table.yml": "title: 北京新闻\n",
        "Makefile": "all:\n\techo 北京\n",
        "poetry.lock": '[[package]]\nname = "北京"\n',
        "records.jsonl": '{"id": 1, "text": "He went to Tokyo."}\n',
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def test_a_walk_leaves_out_code_configuration_and_lock_files(tmp_path):
    """Beside translations live the scripts that fetch them and the data that lists them: their
    Chinese strings are no untranslated sentences and --fix must not edit them, so a walk leaves
    them out as the pre-commit hooks do (by ending or name)."""
    _code_repo(tmp_path)
    assert _walked([tmp_path], tmp_path) == ["a.en.txt", "notes.md", "records.jsonl"]
    assert _walked([tmp_path / "scripts"], tmp_path) == []
    # A script without an ending is told by its #! line, if it is executable.
    for name, text, mode in (
        ("fetch", "#!/bin/sh\necho 完成\n", 0o755),
        ("notes", "#! not a script\n", 0o644),
    ):
        (tmp_path / "bin").mkdir(exist_ok=True)
        (tmp_path / "bin" / name).write_text(text, encoding="utf-8")
        (tmp_path / "bin" / name).chmod(mode)
    assert _walked([tmp_path / "bin"], tmp_path) == ["bin/notes"]
    assert _walked([tmp_path / "bin" / "fetch"], tmp_path) == ["bin/fetch"]  # named: checked


def test_code_named_on_the_command_line_or_included_by_the_config_is_checked(tmp_path):
    _code_repo(tmp_path)
    assert _walked([tmp_path / "a.en.txt", tmp_path / "scripts" / "fetch.py"], tmp_path) == [
        "a.en.txt",
        "scripts/fetch.py",
    ]
    # An include glob that asks for the ending (or name) takes such files into the walk ...
    cfg = Config(root=str(tmp_path), include=("*.txt", "data/*.json", "Makefile"))
    res = run(tmp_path, RunOptions(glossary=False, config=cfg, rules=RULES3))
    assert sorted(Path(p).relative_to(tmp_path).as_posix() for p in res.documents) == [
        "Makefile",
        "a.en.txt",
        "data/titles.json",
    ]
    # ... one that only chooses a folder does not: the folder's scripts stay out.
    cfg = Config(root=str(tmp_path), include=("scripts/**", "*.txt"))
    res = run(tmp_path, RunOptions(glossary=False, config=cfg, rules=RULES3))
    assert sorted(Path(p).relative_to(tmp_path).as_posix() for p in res.documents) == ["a.en.txt"]


def test_the_walks_code_endings_cover_the_hooks_exclude_types():
    """One list of what code is, for the CLI walk and the hooks: every ending and name that
    identify (pre-commit's file typer) gives a tag in the hooks' ``exclude_types`` is left out."""
    identify = pytest.importorskip("identify.extensions")
    yaml = pytest.importorskip("yaml")

    from zhen_tools.run.inputs import CODE_NAMES, CODE_SUFFIXES, is_code

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    tags = {tag for hook in hooks for tag in hook["exclude_types"]}
    assert tags >= {"python", "json", "yaml", "toml", "shell"}
    exts = {f".{e}" for e, t in identify.EXTENSIONS.items() if t & tags}
    names = {n for n, t in identify.NAMES.items() if t & tags and not n.startswith(".")}
    assert exts - CODE_SUFFIXES == set()
    assert {n for n in names if not is_code(n)} == set()
    assert CODE_NAMES - names == set()  # no name of our own invention
    for lock in ("Cargo.lock", "yarn.lock", "go.sum", "package-lock.json", "pnpm-lock.yaml"):
        assert is_code(lock)  # the hooks' `exclude` pattern


@pytest.fixture
def git_repo(tmp_path, monkeypatch):
    """A git work tree with ignore rules at the top, in a folder, in info/exclude, a negation and
    a tracked file that an ignore rule matches; the user's and system's git config left out."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    files = {
        "a.txt": "foo\n",
        "out/site.html": "foo\n",  # ignored folder
        "notes/draft.txt": "foo\n",  # ignored by notes/.gitignore
        "notes/keep.txt": "foo\n",  # ignored by *.txt in notes/.gitignore, then !keep.txt
        "local.txt": "foo\n",  # ignored by .git/info/exclude
        "tracked.log": "foo\n",  # matches *.log but is tracked: git never ignores it
        "new.log": "foo\n",
        "logs/run.txt": "foo\n",  # ignored: what is in the folder, not the folder (logs/*)
        ".gitignore": "out/\n*.log\nlogs/*\n",
        "notes/.gitignore": "*.txt\n!keep.txt\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".git" / "info").mkdir(exist_ok=True)
    (tmp_path / ".git" / "info" / "exclude").write_text("local.txt\n", encoding="utf-8")
    subprocess.run(["git", "-C", str(tmp_path), "add", "-f", "tracked.log"], check=True)
    return tmp_path


def _walked(paths, cwd):
    res = run([str(p) for p in paths], RunOptions(glossary=False, config=False, rules=RULES3))
    return sorted(Path(p).relative_to(cwd).as_posix() for p in res.documents)


def test_a_walk_in_a_git_work_tree_leaves_out_what_git_ignores(git_repo):
    assert _walked([git_repo], git_repo) == ["a.txt", "notes/keep.txt", "tracked.log"]
    # from inside, with a relative path, the same rules hold
    assert _walked([git_repo / "notes"], git_repo) == ["notes/keep.txt"]


def test_an_ignored_folder_or_file_named_on_the_command_line_is_checked(git_repo):
    assert _walked([git_repo / "out"], git_repo) == ["out/site.html"]
    assert _walked([git_repo / "logs"], git_repo) == ["logs/run.txt"]  # all its files ignored
    assert _walked([git_repo / "new.log", git_repo / "notes" / "draft.txt"], git_repo) == [
        "new.log",
        "notes/draft.txt",
    ]


def test_outside_a_work_tree_or_without_git_nothing_is_left_out(git_repo, monkeypatch):
    shutil.rmtree(git_repo / ".git")
    assert len(_walked([git_repo], git_repo)) == 8  # every file but the two hidden .gitignore
    subprocess.run(["git", "init", "-q", str(git_repo)], check=True)
    monkeypatch.setenv("PATH", "")  # no git to ask
    assert len(_walked([git_repo], git_repo)) == 8


def test_a_submodule_in_the_walk_keeps_the_ignore_rules_of_both_repositories(git_repo, tmp_path_factory):
    """git check-ignore refuses a path inside a submodule, and that one refusal used to turn
    off every ignore rule of the walk; each repository is now asked about its own files."""
    sub = tmp_path_factory.mktemp("sub")
    (sub / "terms.txt").write_text("foo\n", encoding="utf-8")
    (sub / ".gitignore").write_text("draft.txt\n", encoding="utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "protocol.file.allow=always"]
    subprocess.run(["git", "init", "-q", str(sub)], check=True)
    subprocess.run([*git, "-C", str(sub), "add", "."], check=True)
    subprocess.run([*git, "-C", str(sub), "commit", "-q", "-m", "terms"], check=True)
    subprocess.run([*git, "-C", str(git_repo), "submodule", "add", "-q", str(sub), "shared"], check=True)
    (git_repo / "shared" / "draft.txt").write_text("foo\n", encoding="utf-8")  # ignored in shared
    assert _walked([git_repo], git_repo) == ["a.txt", "notes/keep.txt", "shared/terms.txt", "tracked.log"]
    assert _walked([git_repo / "shared"], git_repo) == ["shared/terms.txt"]


def test_a_repository_cloned_inside_an_ignored_folder_stays_out(git_repo):
    # The outer repository ignores `vendor/`: a clone there is not walked, whatever its own
    # ignore rules say; a clone elsewhere keeps those rules.
    (git_repo / ".gitignore").write_text("out/\n*.log\nlogs/*\nvendor/\n", encoding="utf-8")
    for clone in ("vendor/lib", "refs"):
        subprocess.run(["git", "init", "-q", str(git_repo / clone)], check=True)
        (git_repo / clone / "terms.txt").write_text("foo\n", encoding="utf-8")
        (git_repo / clone / "draft.txt").write_text("foo\n", encoding="utf-8")
        (git_repo / clone / ".gitignore").write_text("draft.txt\n", encoding="utf-8")
    assert _walked([git_repo], git_repo) == ["a.txt", "notes/keep.txt", "refs/terms.txt", "tracked.log"]


def test_the_cli_walk_leaves_out_git_ignored_files(git_repo):
    proc = run_zhen("check", "--no-config", "--format", "json", ".", cwd=git_repo)
    assert json.loads(proc.stdout)["summary"]["files"] == 3, proc.stderr


def test_config_is_discovered_from_the_common_folder_of_the_paths(tmp_path):
    (tmp_path / "zhen.toml").write_text('ignore = ["untranslated"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("It ranks third,仅次于 China.\n", encoding="utf-8")
    assert check(tmp_path / "a.txt", glossary=False, select=["untranslated"]) != []  # select wins
    assert [f.rule for f in check(tmp_path / "a.txt", glossary=False) if f.rule == "untranslated"] == []


# -- glossary argument ----------------------------------------------------------------------------


def test_glossary_none_is_bundled_false_is_none():
    bundled = {f.text for f in check(seed("000"), config=False) if f.rule == "glossary-forbidden"}
    assert "South Bird Island" in bundled  # seed 000 line 9; forbidden in glossaries/
    without = check(seed("000"), glossary=False, config=False)
    assert [f for f in without if f.rule.startswith("glossary")] == []


def test_glossary_as_path(tmp_path):
    g = tmp_path / "g.toml"
    g.write_text(
        '[glossary]\nname = "t"\n\n[[entry]]\nid = "tokyo"\nkind = "place"\nen = "Tokyo"\n'
        'forbidden = ["Dongjing"]\n',
        encoding="utf-8",
    )
    found = check(
        [("a.txt", "He flew to Dongjing on Monday.")], glossary=g, config=False, select=["glossary-forbidden"]
    )
    assert [(f.text, f.suggestion) for f in found] == [("Dongjing", "Tokyo")]


# -- jobs -----------------------------------------------------------------------------------------


@pytest.fixture
def seed_tree(tmp_path):
    """The five seeds copied into a tree of eleven files (two folders)."""
    root = tmp_path / "tree"
    (root / "more").mkdir(parents=True)
    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(11):
        dest = (root / "more" if i % 3 == 0 else root) / f"doc{i:02d}.txt"
        shutil.copyfile(seeds[i % len(seeds)], dest)
    return root


def test_jobs_2_gives_exactly_the_findings_of_jobs_1(seed_tree):
    one = check(seed_tree, config=False, jobs=1)
    two = check(seed_tree, config=False, jobs=2)
    assert one, "the seeds have known defects"
    assert two == one


def test_jobs_with_a_run_scope_rule_and_errors(seed_tree):
    rules = {"x-run": rule("x-run", ("run", CountDocs()), severity="info"), **RULES3}
    missing = seed_tree / "missing.txt"
    e1: list[Exception] = []
    e2: list[Exception] = []
    one = check([seed_tree, missing], config=False, rules=rules, jobs=1, errors=e1)
    two = check([seed_tree, missing], config=False, rules=rules, jobs=0, errors=e2)
    assert two == one
    assert {f.message for f in one if f.rule == "x-run"} == {"11 documents"}
    assert [str(e) for e in e1] == [str(e) for e in e2] == [f"{missing}: no such file or directory"]


# -- library == CLI -------------------------------------------------------------------------------


def test_library_returns_what_the_cli_reports(seed_tree):
    proc = run_zhen("check", str(seed_tree), "--format", "json", "--no-config", cwd=seed_tree)
    assert proc.returncode == 1, proc.stderr
    cli = json.loads(proc.stdout)["findings"]
    lib = [f.to_json() for f in check(seed_tree, config=False)]
    assert cli == lib


def test_english_input_imports_no_heavy_library():
    import subprocess

    code = (
        "import sys; from zhen_tools.run import check; "
        "check([('a.en.txt', 'The ship reached the island on Monday, officials said.')], config=False); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'jieba', 'langdetect', 'pypinyin'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_pairs_are_found_whatever_the_input_order_and_jobs(tmp_path):
    # The engine checks each pair's documents together (in one worker with --jobs): the sides
    # of an explicit pair far apart in the input, two sources sharing one target, and a
    # sibling group with two Chinese files must all pair exactly as a whole-run pairing would.
    files = {
        "s1.txt": "日本派出了32艘船。\n",
        "s2.txt": "日本派出了41艘船。\n",
        "t.txt": "Japan sent 41 ships.\n",
        "n.zh.txt": "共有15人参加。\n",
        "n.zh-Hans.txt": "共有16人参加。\n",
        "n.en.txt": "In all, 16 people took part.\n",
        **{f"f{i}.txt": f"Filler text number {i}.\n" for i in range(6)},
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    order = [
        "s1.txt",
        *(f"f{i}.txt" for i in range(6)),
        "n.zh.txt",
        "n.zh-Hans.txt",
        "n.en.txt",
        "s2.txt",
        "t.txt",
    ]
    paths = [str(tmp_path / n) for n in order]
    pairs = [
        (str(tmp_path / "s1.txt"), str(tmp_path / "t.txt")),
        (str(tmp_path / "s2.txt"), str(tmp_path / "t.txt")),
    ]
    results = [
        [
            (Path(f.path).name, f.rule, f.message)
            for f in check(paths, select=["number-mismatch"], config=False, jobs=jobs, pairs=pairs)
        ]
        for jobs in (1, 2)
    ]
    assert (
        results[0]
        == results[1]
        == [
            ("n.en.txt", "number-mismatch", "changed number: source 15, target 16"),
            ("t.txt", "number-mismatch", "changed number: source 32, target 41"),
        ]
    )
