"""glossary-forbidden: a rendering the glossary lists as forbidden, with the preferred form."""

from __future__ import annotations

from collections.abc import Iterator

from zhen_tools.findings import Finding
from zhen_tools.rules.context import DocContext
from zhen_tools.rules.registry import register

__all__ = ["glossary_forbidden"]


_QUOTES = "\"'“”‘’«»「」"


# --- glossary-forbidden -------------------------------------------------------------------------


@register("glossary-forbidden", "error", "a rendering the glossary lists as forbidden", fixable=True)
def glossary_forbidden(ctx: DocContext) -> Iterator[Finding]:
    """Flags a rendering the glossary lists as ``forbidden`` for an entry (a literal form, or the
    span of a ``re:`` pattern), and suggests the entry's preferred form ``en``.

    Forbidden forms record known mistranslations -- a Japanese island translated word by word, a
    publication left in pinyin, a ship's name translated as a common noun -- that a reader cannot
    detect and that break searches for the real name.

    >>> from zhen_tools.text.document import document_from_text
    >>> from zhen_tools.glossary.model import Entry, Glossary
    >>> g = Glossary(entries=(Entry("minami-torishima", "Minami-Torishima", kind="place",
    ...                             forbidden=("South Bird Island",)),))
    >>> [(f.text, f.suggestion) for f in glossary_forbidden(
    ...     DocContext(document_from_text("Mud near the South Bird Island."), g))]
    [('South Bird Island', 'Minami-Torishima')]
    """
    if ctx.glossary is None:
        return
    by_id = ctx.glossary.by_id
    for m in ctx.matches:
        if m.status != "forbidden":
            continue
        entry = by_id.get(m.entry_id)
        if entry is None:
            continue
        suggestion = _keep_quotes(m.text, entry.en)
        yield ctx.finding(
            m.start,
            m.end,
            "glossary-forbidden",
            f"'{m.text}' is a forbidden rendering of {entry.label}",
            suggestion,
        )


def _keep_quotes(found: str, preferred: str) -> str:
    """The preferred form, keeping quotation marks that a pattern's span included."""
    if len(found) >= 2 and found[0] in _QUOTES and found[-1] in _QUOTES:
        return found[0] + preferred + found[-1]
    return preferred
