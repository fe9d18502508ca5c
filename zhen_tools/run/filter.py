"""Which rules run, and which of their findings are reported: selection, per-file ignores, inline
suppressions, severity overrides, duplicates removed, report order; and whether a run fails."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable, Mapping

from zhen_tools.config import Config, resolve_selectors, selector_matches
from zhen_tools.findings import Finding, Severity, sort_key
from zhen_tools.rules.registry import Rule, all_rules
from zhen_tools.run.suppress import apply_suppressions
from zhen_tools.text.document import Document

__all__ = ["failing", "filter_findings", "known_rule_ids", "registered_rules", "select_rules"]


def registered_rules() -> dict[str, Rule]:
    """Every registered rule by id (the rule modules and the run's own ``unused-ignore``)."""
    return all_rules()


def known_rule_ids() -> set[str]:
    """Every registered rule id, including the run's own ``unused-ignore``."""
    return set(registered_rules())


def select_rules(
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    config: Config | None = None,
    rules: Mapping[str, Rule] | None = None,
) -> dict[str, Rule]:
    """The rules to run, by id: selected (default all) minus ignored; selectors may be prefixes.

    >>> sorted(select_rules(["repeated"], [], rules={"repeated-text": 1, "punctuation": 2}))
    ['repeated-text']
    """
    rules = dict(registered_rules() if rules is None else rules)
    config = config or Config()
    sel: list[str] | None
    if select is not None:
        sel, ign = list(select), list(ignore or ())
    else:
        sel = list(config.select) if config.select is not None else None
        ign = list(ignore) if ignore is not None else list(config.ignore)
    chosen = set(rules) if sel is None else resolve_selectors(sel, rules)
    chosen -= resolve_selectors(ign, rules)
    return {k: rules[k] for k in sorted(chosen)}


def filter_findings(
    findings: list[Finding],
    docs: Mapping[str, Document],
    selected: Mapping[str, Rule],
    cfg: Config,
    report_unused: bool,
    known_rules: Collection[str] | None = None,
) -> list[Finding]:
    """Drop findings of unselected rules, per-file ignores and inline suppressions; add unused
    suppressions; apply severity overrides; remove exact duplicates; sort into report order."""
    by_path: dict[str, list[Finding]] = {}
    for f in findings:
        if f.rule in selected:
            by_path.setdefault(f.path, []).append(f)
    if report_unused:
        for path in docs:
            by_path.setdefault(path, [])
    out: list[Finding] = []
    for path, group in by_path.items():
        off = cfg.ignored_rules(path)
        if off:
            group = [f for f in group if not any(selector_matches(s, f.rule) for s in off)]
        doc = docs.get(path)
        if doc is not None:
            active = [r for r in selected if not any(selector_matches(s, r) for s in off)]
            group, unused = apply_suppressions(
                doc, group, active_rules=active, report_unused=report_unused, known_rules=known_rules
            )
            if not any(selector_matches(s, "unused-ignore") for s in off):
                group.extend(unused)
        out.extend(group)
    if cfg.severity:
        out = [
            dataclasses.replace(f, severity=sev)
            if (sev := cfg.severity_for(f.rule)) and sev != f.severity
            else f
            for f in out
        ]
    return sorted(set(out), key=sort_key)


def failing(findings: Iterable[Finding], fail_on: Severity) -> bool:
    """Whether any finding is at or above ``fail_on``."""
    return any(f.severity.rank >= fail_on.rank for f in findings)
