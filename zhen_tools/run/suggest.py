"""Mine a corpus for recurring names and their spelling variants: a glossary skeleton to review.

``suggest(paths)`` reads every document, collects the name-like spans (``zhen_tools.text.names``),
groups them by the same loose key ``inconsistent-rendering`` uses (diacritics, hyphens, spaces,
case and romanisation variants aside) and writes one ``[[entry]]`` per group seen at least
``min_count`` times: the commonest spelling as ``en``, the others as ``variants`` to review, and a
``note`` with the counts. ``kind`` is a guess from the name's last word (``University`` -> org,
``Island`` -> place), else ``term``; every entry needs a human to confirm it.

>>> import pathlib, tempfile
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("Chikyū sailed. The Chikyu crew and Chikyū returned.")
>>> print(suggest([str(d)], min_count=3).split("[[entry]]")[1].strip())
id = "chikyu"
kind = "term"
en = "Chikyū"
variants = ["Chikyu"]
note = "suggested from 1 document(s): Chikyū 2, Chikyu 1; review kind, en and variants"
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from zhen_tools.formats import BilingualError, bilingual_format, read_units
from zhen_tools.formats.markup import prose_view
from zhen_tools.glossary.fold import loose_key
from zhen_tools.rules.context import DocContext
from zhen_tools.run.inputs import iter_paths
from zhen_tools.text.document import Document, DocumentError, read_document
from zhen_tools.text.names import name_spans

__all__ = ["slug", "suggest"]

_ORG_WORDS = frozenset(
    "agency association authority bank board bureau co commission committee company corp "
    "corporation council department fund group inc institute ltd ministry office organization "
    "organisation party plc university".split()
)
_PLACE_WORDS = frozenset(
    "bay city county district island islands jima mountain mountains ocean port prefecture "
    "province region republic river sea shima strait town valley village".split()
)
# Capitalised but never glossary material.
_CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
_PUBLICATION_WORDS = frozenset("daily times news post herald journal gazette shimbun tv".split())


def slug(name: str) -> str:
    """An entry id: ASCII lower case, words joined by hyphens.

    >>> slug("Minami-Tori-shima"), slug("Chikyū"), slug("University of Tokyo")
    ('minami-tori-shima', 'chikyu', 'university-of-tokyo')
    """
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-") or "name"


def _kind(name: str) -> str:
    last = name.split()[-1].lower() if name.split() else ""
    last = last.rsplit("-", 1)[-1]
    if last in _ORG_WORDS:
        return "org"
    if last in _PLACE_WORDS:
        return "place"
    if last in _PUBLICATION_WORDS:
        return "publication"
    return "term"


@dataclass
class _Group:
    counts: dict[str, int] = field(default_factory=dict)
    first: int = 0  # order of first sight, for a stable output order

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _documents(paths: Iterable[str]) -> Iterator[Document]:
    """The documents of ``paths``: a file named explicitly must be readable (DocumentError
    otherwise, naming it); unreadable files found inside a directory are skipped."""
    for raw in paths:
        if Path(raw).is_dir():
            for path in iter_paths([raw]):
                try:
                    yield read_document(path)
                except DocumentError:
                    continue
        else:
            yield read_document(raw)


def _prose(doc: Document) -> str:
    """What ``zhen check`` judges of a document (``DocContext.of``): a bilingual file's target
    text, less web addresses and the code and markup of Markdown and HTML, so that no name is
    suggested from a link, a code block or a tag. A bilingual file's targets are read as their
    units read them, one to a line (a name a PO file wraps over two quoted lines is one name,
    ``&amp;`` is ``&``). A bilingual file that does not parse is read as prose (``zhen check``
    reports it)."""
    try:
        units = read_units(doc) if bilingual_format(doc.path) is not None else None
    except BilingualError:
        units = None
    if units is not None:
        return "\n".join(prose_view(doc.path, u.target.text) for u in units)
    return DocContext.of(doc, None, units).text


def suggest(paths: Iterable[str], min_count: int = 2, min_length: int = 4) -> str:
    """A TOML glossary skeleton of the names recurring in ``paths`` (files or directories).

    Groups seen fewer than ``min_count`` times, or whose key is shorter than ``min_length``
    letters, are left out. Output order: most frequent first. Raises ``DocumentError`` for a
    named file that cannot be read.
    """

    groups: dict[str, _Group] = {}
    n_docs = 0
    for doc in _documents(paths):
        n_docs += 1
        for span in name_spans(_prose(doc)):
            key = loose_key(span.text)
            if len(key) < min_length or span.text.lower() in _CALENDAR:
                continue
            group = groups.get(key)
            if group is None:
                group = groups[key] = _Group(first=len(groups))
            group.counts[span.text] = group.counts.get(span.text, 0) + 1
    lines = [
        "# Suggested by `zhen glossary suggest`: recurring names and their spelling variants.",
        "# Every entry needs review: kind is a guess, and variants may be errors to list as",
        "# `forbidden` instead. Add zh forms where known.",
        "",
        "[glossary]",
        'name = "suggested"',
        'source = "zh"',
        'target = "en"',
    ]
    used: set[str] = set()
    chosen = [g for g in groups.values() if g.total >= min_count]
    for group in sorted(chosen, key=lambda g: (-g.total, g.first)):
        forms = sorted(group.counts.items(), key=lambda kv: -kv[1])  # stable: first seen wins ties
        # Spellings that differ only in case count as one (as in inconsistent-rendering),
        # shown in their commonest casing.
        by_case: dict[str, list[int | str]] = {}
        for form, c in forms:
            slot = by_case.setdefault(form.casefold(), [form, 0])
            slot[1] = int(slot[1]) + c
        ranked = sorted(by_case.values(), key=lambda fc: -int(fc[1]))
        en = str(ranked[0][0])
        variants = [str(f) for f, _ in ranked[1:]]
        ident = slug(en)
        base, n = ident, 2
        while ident in used:
            ident, n = f"{base}-{n}", n + 1
        used.add(ident)
        counts = ", ".join(f"{f} {c}" for f, c in forms)
        lines += ["", "[[entry]]", f"id = {_q(ident)}", f"kind = {_q(_kind(en))}", f"en = {_q(en)}"]
        if variants:
            lines.append("variants = [" + ", ".join(_q(v) for v in variants) + "]")
        lines.append(
            f"note = {_q(f'suggested from {n_docs} document(s): {counts}; review kind, en and variants')}"
        )
    return "\n".join(lines) + "\n"


def _q(s: str) -> str:
    """A TOML basic string (JSON's escapes are a subset of TOML's)."""
    return json.dumps(s, ensure_ascii=False)
