"""unused-ignore: a ``zhen: ignore[...]`` comment that suppresses nothing (an engine rule)."""

from __future__ import annotations

from zhen_tools.findings import Finding
from zhen_tools.rules.registry import register

__all__ = ["UNUSED_IGNORE", "unused_ignore"]

UNUSED_IGNORE = "unused-ignore"


@register(UNUSED_IGNORE, "warning", "a zhen: ignore comment that suppresses nothing", scope="engine")
def unused_ignore(ctx: object) -> list[Finding]:
    """A ``zhen: ignore[...]`` comment that no longer suppresses anything.

    Stale suppressions hide future problems on their line, so ``--warn-unused-ignores`` (or
    ``warn-unused-ignores = true`` in the config) reports them. The run produces these findings
    itself, after the other rules ran, when it applies the suppressions
    (``zhen_tools.run.suppress``); this entry gives the id its severity and summary, and makes it
    known to ``--select``, ``--ignore``, ``severity`` and ``per-file-ignores``.

    >>> from zhen_tools.text.document import document_from_text
    >>> from zhen_tools.run.suppress import apply_suppressions
    >>> doc = document_from_text("Fine text.  # zhen: ignore[punctuation]")
    >>> [f.rule for f in apply_suppressions(doc, [], active_rules={"punctuation"},
    ...                                     report_unused=True)[1]]
    ['unused-ignore']
    """
    return []
