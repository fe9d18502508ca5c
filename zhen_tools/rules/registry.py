"""The rule registry: rule id -> Rule (default severity, summary, help, fixability, functions).

One file per rule id: ``rules/<id with _ for ->.py`` registers its functions with ``@register``.
``all_rules()`` walks the ``zhen_tools.rules`` package and imports every module in it except
this one, ``context`` and helpers whose names start with ``_``, so a new rule is a new file.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from zhen_tools.findings import Finding, Severity

__all__ = ["SCOPES", "Rule", "all_rules", "default_severity", "register", "rule_modules"]

# Modules of the package that hold no rule.
_NOT_RULES = frozenset({"registry", "context"})

# document: func(DocContext); run: func(list[DocContext]); pair: func(PairContext); engine: the
# run itself produces the findings (``unused-ignore``), the function is only its documentation.
SCOPES = ("document", "run", "pair", "engine")


@dataclass(frozen=True)
class Rule:
    """A rule id with its default severity, one-line summary, help text and implementations.

    ``funcs`` maps scope to function: "document" -> func(ctx: DocContext), "run" ->
    func(ctxs: list[DocContext]) seeing every document of a run, "pair" -> func(pair) for a
    source/target pair. One id may have an implementation per scope (``untranslated`` checks
    single documents and pairs). Each returns an iterable of Finding.

    A run-scope function may carry a ``collect`` attribute: ``collect(ctx)`` is its
    per-document part, returning plain picklable data that the function reads back with
    ``ctx.memo(rule_id, collect)``. The engine computes it where the document is checked (in
    a worker process with ``--jobs``), so only that data, not the document's analyses, comes
    back to the process that runs the run-scope rules.

    A document-scope function may carry an ``excused_by_source`` attribute:
    ``excused_by_source(finding, pair, bead) -> bool``. When the document is the target of a
    pair, the engine passes it each of the rule's findings there with the aligned bead holding
    it, and drops those it excuses: what the source shares (a quotation running past the
    segment, a headline said twice) is no defect of the translation.
    """

    id: str
    severity: Severity
    summary: str
    help: str
    funcs: tuple[tuple[str, Callable[..., Iterable[Finding]]], ...]
    # Its suggestion is, by the rule's own contract, the one right replacement, so ``--fix``
    # applies it; other rules' suggestions are hints for a human.
    fixable: bool = False

    def func(self, scope: str) -> Callable[..., Iterable[Finding]] | None:
        return dict(self.funcs).get(scope)


_RULES: dict[str, Rule] = {}


def register(
    id: str, severity: str, summary: str, scope: str = "document", *, fixable: bool = False
) -> Callable[[Any], Any]:
    """Decorator: add the function as rule ``id``'s implementation for ``scope``.

    The first registration of an id fixes its severity, summary and fixability; its docstring is
    the help text.
    """
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}")

    def deco(func: Callable[..., Iterable[Finding]]) -> Callable[..., Iterable[Finding]]:
        old = _RULES.get(id)
        if old is None:
            _RULES[id] = Rule(
                id, Severity(severity), summary, inspect.getdoc(func) or "", ((scope, func),), fixable
            )
        elif old.func(scope) not in (None, func):
            raise ValueError(f"rule {id!r} registered twice for scope {scope!r}")
        elif old.func(scope) is None:
            _RULES[id] = Rule(
                old.id, old.severity, old.summary, old.help, (*old.funcs, (scope, func)), old.fixable
            )
        return func

    return deco


_loaded = False


def all_rules() -> dict[str, Rule]:
    """Every registered rule by id, in id order (imports the rule modules on the first call)."""
    global _loaded
    if not _loaded:
        for mod in rule_modules():
            importlib.import_module(mod)
        _loaded = True
    return dict(sorted(_RULES.items()))


def rule_modules() -> list[str]:
    """The rule modules of the package, by name: every module but helpers (``_name``) and the
    registry and context.

    >>> "zhen_tools.rules.untranslated" in rule_modules(), "zhen_tools.rules.context" in rule_modules()
    (True, False)
    """
    package = importlib.import_module("zhen_tools.rules")
    return sorted(
        f"zhen_tools.rules.{m.name}"
        for m in pkgutil.iter_modules(package.__path__)
        if not m.name.startswith("_") and m.name not in _NOT_RULES
    )


def default_severity(rule_id: str) -> Severity:
    """The registered default severity of ``rule_id`` (its module must have been imported)."""
    rule = _RULES.get(rule_id)
    return rule.severity if rule is not None else all_rules()[rule_id].severity
