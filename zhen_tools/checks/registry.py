"""The rule registry: rule id -> Rule (default severity, one-line summary, help, scope, function).

A rule module registers its functions with ``@register``; ``all_rules()`` imports every rule
module once and returns the registry keyed by id, in id order.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from zhen_tools.findings import Finding, Severity

__all__ = ["Rule", "register", "all_rules", "RULE_MODULES"]

# One module per family of checks. Importing them must stay cheap: no jieba/langdetect at import.
RULE_MODULES = (
    "zhen_tools.checks.untranslated",
    "zhen_tools.checks.repeated_text",
    "zhen_tools.checks.punctuation",
    "zhen_tools.checks.glossary_rules",
    "zhen_tools.checks.inconsistent_rendering",
    "zhen_tools.checks.homoglyph",
    "zhen_tools.checks.pairs",
)


@dataclass(frozen=True)
class Rule:
    """``scope``: "document" (func(ctx: DocContext)), "run" (func(ctxs: list[DocContext])) or
    "pair" (func(pair: PairContext)); each returns an iterable of Finding."""

    id: str
    severity: Severity
    summary: str
    help: str
    scope: str
    func: Callable[..., Iterable[Finding]]


_RULES: dict[str, Rule] = {}


def register(id: str, severity: str, summary: str, scope: str = "document") -> Callable[[Any], Any]:
    """Decorator: add the function as rule ``id``; its docstring is the rule's help text."""

    def deco(func: Callable[..., Iterable[Finding]]) -> Callable[..., Iterable[Finding]]:
        if id in _RULES and _RULES[id].func is not func:
            raise ValueError(f"rule {id!r} registered twice")
        _RULES[id] = Rule(id, Severity(severity), summary, inspect.getdoc(func) or "", scope, func)
        return func

    return deco


def all_rules() -> dict[str, Rule]:
    for mod in RULE_MODULES:
        try:
            importlib.import_module(mod)
        except ModuleNotFoundError as exc:
            if exc.name != mod:  # a missing module of ours is fine while it is being written
                raise
    return dict(sorted(_RULES.items()))
