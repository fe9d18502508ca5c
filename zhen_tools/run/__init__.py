"""A check run: inputs -> documents -> every selected rule by scope -> filtered, sorted findings.

``check()`` is the library entry point and returns exactly what ``zhen check`` reports; ``run()``,
which the CLI calls, returns the same findings plus what the reporters need (a CheckResult). Both
take one RunOptions (``check`` also takes its settings as keyword arguments):
``options.py`` holds the settings, ``inputs.py`` resolves them and finds the inputs and pairs,
``execute.py`` runs the rules, ``filter.py`` selects rules and filters findings, ``fix.py`` applies
fixes, ``suppress.py`` reads inline ``zhen: ignore`` comments.

Inputs are paths (``str`` / ``os.PathLike``; directories are walked, ``-`` is standard input) or
texts that never touch the disk: a ``Document`` (``document_from_text(text, path="a.en.txt")``)
or a ``(name, text)`` tuple. A single path or Document may be passed on its own; anything else
is an iterable of such items, so ``("a.txt", "b.txt")`` is two paths and a ``(name, text)`` tuple
must be wrapped in a list: ``[("a.en.txt", text)]``.

>>> from zhen_tools.rules.registry import Rule
>>> def dashes(ctx):
...     i = ctx.text.find("--")
...     return [ctx.finding(i, i + 2, "x-dash", "double hyphen", severity="info")] if i >= 0 else []
>>> demo = {"x-dash": Rule("x-dash", Severity.INFO, "double hyphen", "", (("document", dashes),))}
>>> [(f.path, f.line, f.column, f.rule) for f in
...  check([("a.en.txt", "one\\ntwo -- three")], glossary=False, config=False, rules=demo)]
[('a.en.txt', 2, 5, 'x-dash')]

Read errors: ``check()`` raises the first ``DocumentError`` unless an ``errors`` list is passed, in
which case each unreadable input's error is appended there and the other inputs are still checked.
A rule that crashes on some input is handled the same way, as a ``CheckError``. ``run()`` never
raises for them: they are in ``CheckResult.errors`` (the CLI prints each as one line on stderr
and exits 2).

Glossary: ``None`` uses the config's ``glossaries``, else the bundled glossaries; a ``Glossary``
is used as is; a path or list of paths (files or folders) is loaded; ``False`` or an empty list
means no glossary (glossary rules then find nothing).

Config: ``None`` discovers ``zhen.toml`` / ``[tool.zhen]`` upward from the common folder of the
path inputs (the current directory if there are none); a ``Config``, or a path to a config file,
is used as given; ``False`` means defaults. ``select`` / ``ignore`` arguments (like the command-line
flags) win over the config: ``select`` replaces the config's ``select`` and ``ignore`` both,
``ignore`` replaces the config's ``ignore``.

Pairs (``zhen_tools.run.inputs``): sibling files ``NAME.zh.EXT`` + ``NAME.en.EXT``, explicit ``pairs``,
bilingual files (TSV/CSV, PO, XLIFF, TMX; ``columns`` picks TSV/CSV columns) and digest documents
are checked by the pair-scope rules. The document rules all judge English, so the Chinese side of
a pair (or any file named ``NAME.zh.EXT``) gets none of them, and a bilingual file is judged on its
target text only (findings point into the file itself):

>>> [(f.path, f.line, f.column) for f in check([("a.zh.txt", "甲--乙"), ("a.en.txt", "A -- B"),
...     ("t.tsv", "zh\\ten\\n甲--乙\\tA -- B\\n")], glossary=False, config=False, rules=demo)]
[('a.en.txt', 1, 3), ('t.tsv', 2, 8)]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from zhen_tools.findings import Finding, Severity  # noqa: F401  (Severity: the doctests use it)
from zhen_tools.run.execute import CheckError, CheckResult, run_job
from zhen_tools.run.filter import failing, known_rule_ids, registered_rules, select_rules
from zhen_tools.run.inputs import Input, prepare
from zhen_tools.run.options import RunOptions

__all__ = [
    "CheckError",
    "CheckResult",
    "Input",
    "RunOptions",
    "check",
    "failing",
    "known_rule_ids",
    "registered_rules",
    "run",
    "select_rules",
]


def run(
    paths_or_texts: Input | Iterable[Input],
    options: RunOptions | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> CheckResult:
    """Check the inputs with these options; errors reading an input or running a rule are in
    ``CheckResult.errors``. Raises ConfigError or GlossaryError for a bad config or glossary.
    ``progress`` is called with (inputs done, inputs in all)."""
    return run_job(prepare(paths_or_texts, options or RunOptions()), progress)


def check(
    paths_or_texts: Input | Iterable[Input],
    options: RunOptions | None = None,
    *,
    errors: list[Exception] | None = None,
    **settings: Any,
) -> list[Finding]:
    """The findings ``zhen check`` would report for these inputs, in report order.

    Settings come as one RunOptions or as its fields by keyword (``glossary``, ``select``,
    ``ignore``, ``config``, ``jobs``, ``pairs``, ``columns``, ``rules``, ``warn_unused_ignores``),
    not both. ``jobs`` > 1 checks documents in that many processes (0: one per CPU) with identical
    results. ``columns`` are the (source, target) columns of TSV/CSV files, each a header name or
    1-based number (default: columns named like ``zh``/``en``, ``source``/``target``). ``rules``
    replaces the registry (for tests and embedding). See the module docstring for inputs,
    glossary, config, errors and pairs.
    """
    if options is not None and settings:
        raise TypeError("check() takes a RunOptions or settings by keyword, not both")
    result = run(paths_or_texts, options or RunOptions(**settings))
    if errors is None:
        if result.errors:
            raise result.errors[0]
    else:
        errors.extend(result.errors)
    return result.findings
