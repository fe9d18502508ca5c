"""run.execute: when a run-scope rule's ``collect`` runs on each document (after the pair rules,
so that a big document never holds its pairs' beads and its collected data at once), on what
text, and how its failures are reported."""

from __future__ import annotations

import pytest

from zhen_tools.findings import Severity
from zhen_tools.rules.registry import Rule
from zhen_tools.run import CheckError, RunOptions, run


def mark_target(pair):
    """Pair-scope test rule: leaves a mark in the target's memos, reports nothing."""
    pair.target.memos["x-marked"] = pair.source.doc.path
    return []


def collect_seen(ctx):
    """``collect`` of the run-scope test rule: what it saw of the document when it ran."""
    return (ctx.text, ctx.memos.get("x-marked"))


def collect_failing(ctx):
    if "boom" in ctx.text:
        raise ValueError("cannot collect\nsecond line")
    return (ctx.text, None)


def _report(collect):
    def report(ctxs):
        out = []
        for ctx in ctxs:
            if "x-run" not in ctx.memos:  # collect failed there (or never ran)
                continue
            text, marked = ctx.memos["x-run"]
            i = len(text) - len(text.lstrip())  # in a bilingual file's target text
            out.append(ctx.finding(i, i + 1, "x-run", f"{text!r} after pair with {marked}", severity="info"))
        return out

    report.collect = collect  # type: ignore[attr-defined]
    return report


def _rules(collect=collect_seen):
    return {
        "x-run": Rule("x-run", Severity.INFO, "x-run", "", (("run", _report(collect)),)),
        "x-pair": Rule("x-pair", Severity.INFO, "x-pair", "", (("pair", mark_target),)),
    }


INPUTS = [
    ("a.zh.txt", "源文。"),
    ("a.en.txt", "Target."),
    ("b.txt", "Alone."),
    ("c.tsv", "zh\ten\n源\tfoo\n"),
]


@pytest.mark.parametrize("jobs", [1, 2])
def test_collect_flags_each_checked_document_after_its_pair_rules(jobs):
    result = run(INPUTS, RunOptions(glossary=False, config=False, rules=_rules(), jobs=jobs))
    assert result.errors == []
    assert [(f.path, f.message) for f in result.findings] == [
        # The pair rule's mark was there when collect ran: collect comes after the pair rules.
        ("a.en.txt", "'Target.' after pair with a.zh.txt"),
        ("b.txt", "'Alone.' after pair with None"),
        # A bilingual file's collect reads its target view: the source column blanked.
        ("c.tsv", "'     \\n  foo\\n' after pair with None"),
    ]


def test_collect_passes_over_a_source():
    result = run(INPUTS[:2], RunOptions(glossary=False, config=False, rules=_rules(), jobs=1))
    assert [f.path for f in result.findings] == ["a.en.txt"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failing_collect_is_one_error_naming_file_and_rule(jobs):
    texts = [("a.txt", "boom here"), ("b.txt", "fine")]
    result = run(texts, RunOptions(glossary=False, config=False, rules=_rules(collect_failing), jobs=jobs))
    assert [str(e) for e in result.errors] == ["a.txt: rule x-run failed: ValueError: cannot collect"]
    assert all(isinstance(e, CheckError) for e in result.errors)
    # The other document's part still reaches the run-scope rule.
    assert [(f.path, f.message) for f in result.findings] == [("b.txt", "'fine' after pair with None")]


class Held:
    """What a test ``collect`` keeps, weakly referable, to see when the engine lets it go."""


def test_collected_memos_are_released_before_the_findings_are_filtered(monkeypatch):
    """What ``collect`` kept for the run-scope rules is held until they are done, no longer: the
    filter and sort of the findings must not add to a peak the memos already make."""
    import weakref

    from zhen_tools.run import execute

    refs: list[weakref.ref[Held]] = []

    def report(ctxs):
        refs.extend(weakref.ref(ctx.memos["x-held"]) for ctx in ctxs)
        return [ctx.finding(0, 1, "x-held", "seen", severity="info") for ctx in ctxs]

    report.collect = lambda ctx: Held()  # type: ignore[attr-defined]
    alive_at_filter: list[bool] = []
    real_filter = execute.filter_findings

    def spy(*args, **kwargs):
        alive_at_filter.extend(r() is not None for r in refs)
        return real_filter(*args, **kwargs)

    monkeypatch.setattr(execute, "filter_findings", spy)
    rules = {"x-held": Rule("x-held", Severity.INFO, "x-held", "", (("run", report),))}
    result = run(
        [("a.txt", "One."), ("b.txt", "Two.")], RunOptions(glossary=False, config=False, rules=rules, jobs=1)
    )
    assert [f.path for f in result.findings] == ["a.txt", "b.txt"]
    assert alive_at_filter == [False, False]


def test_the_heap_is_trimmed_after_each_rule_and_the_unit_of_a_big_document_only(monkeypatch):
    """A document of at least ``TRIM_AT`` characters hands the memory each document rule freed
    back to the system before the next rule runs, its unit's once its analyses are dropped, and
    the run's before the report is made; small documents never pay for a walk of the heap."""
    from zhen_tools.run import execute

    calls: list[str] = []
    monkeypatch.setattr(execute, "_trim_heap", lambda: calls.append("trim"))

    def rule(name):
        def check(ctx):
            calls.append(f"{name} {ctx.doc.path}")
            return []

        return Rule(name, Severity.INFO, name, "", (("document", check),))

    rules = {"x-one": rule("x-one"), "x-two": rule("x-two")}
    options = RunOptions(glossary=False, config=False, rules=rules, jobs=1)
    monkeypatch.setattr(execute, "TRIM_AT", 50)
    inputs = [("big.txt", "Plain English text. " * 3), ("small.txt", "Short.")]
    result = run(inputs, options)
    assert result.errors == []
    assert calls == [
        "x-one big.txt",
        "trim",
        "x-two big.txt",
        "trim",
        "trim",
        "x-one small.txt",
        "x-two small.txt",
        "trim",  # the run's end
    ]
    calls.clear()
    monkeypatch.setattr(execute, "TRIM_AT", 61)  # the big text is 60 characters
    run(inputs, options)
    assert "trim" not in calls


def test_trimming_the_heap_is_safe_to_call():
    from zhen_tools.run import execute

    execute._trim_heap()
    trim = execute._malloc_trim()
    assert trim is None or trim(0) in (0, 1)
