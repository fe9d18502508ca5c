"""CSV/TSV export and import of glossaries: one row per entry, lists joined with ``|``.

Header row: ``id,kind,origin,en,variants,zh,ja,ko,ru,forbidden,confusable,note`` (columns may come
in any order on import; ``id`` and ``en`` are required). List cells (variants, zh, ja, ko, ru,
forbidden, confusable) hold their items separated by ``|``; an item that itself contains ``|`` or
``\\`` has them written ``\\|`` and ``\\\\`` (this happens in ``re:`` patterns, rarely in names).
``.tsv`` files use tabs instead of commas. Fields are quoted as the ``csv`` module does.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from zhen_tools.glossary.load import ENTRY_KEYS, LIST_KEYS, entry_to_dict
from zhen_tools.glossary.model import Entry, Glossary, GlossaryError

__all__ = ["HEADER", "csv_to_entries", "glossary_to_csv", "join_items", "split_items"]

HEADER = ENTRY_KEYS


def join_items(items: Sequence[str]) -> str:
    """``|``-joined list cell, escaping ``\\`` and ``|`` inside items.

    >>> join_items(["Chikyu", "Chikyū"]), join_items([r"re:a|b\\s"])
    ('Chikyu|Chikyū', 're:a\\\\|b\\\\\\\\s')
    """
    return "|".join(i.replace("\\", "\\\\").replace("|", "\\|") for i in items)


def split_items(cell: str) -> list[str]:
    """Inverse of ``join_items``; blank items are dropped.

    >>> split_items("Chikyu|Chikyū"), split_items(join_items([r"re:a|b\\s", "x"]))
    (['Chikyu', 'Chikyū'], ['re:a|b\\\\s', 'x'])
    """
    items: list[str] = []
    current: list[str] = []
    escaped = False
    for c in cell:
        if escaped:
            current.append(c)
            escaped = False
        elif c == "\\":
            escaped = True
        elif c == "|":
            items.append("".join(current))
            current = []
        else:
            current.append(c)
    if escaped:
        current.append("\\")
    items.append("".join(current))
    return [i.strip() for i in items if i.strip()]


def glossary_to_csv(glossary: Glossary | Sequence[Entry], delimiter: str = ",") -> str:
    """CSV (or TSV with ``delimiter="\\t"``) text, header row first."""
    entries = glossary.entries if isinstance(glossary, Glossary) else tuple(glossary)
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(HEADER)
    for e in entries:
        d = entry_to_dict(e)
        writer.writerow([join_items(d[k]) if k in LIST_KEYS and k in d else d.get(k, "") for k in HEADER])
    return buf.getvalue()


def csv_to_entries(
    text: str, path: str = "<csv>", delimiter: str = ","
) -> tuple[list[dict[str, Any]], list[str]]:
    """Entry dicts (in TOML key order) and the ``file:line`` of each, from CSV/TSV text."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(reader)]
    except StopIteration:
        raise GlossaryError(f"{path}:1: empty file (expected a header row)") from None
    except csv.Error as exc:
        raise GlossaryError(f"{path}:1: {exc}") from None
    unknown = [h for h in header if h not in ENTRY_KEYS]
    missing = [k for k in ("id", "en") if k not in header]
    errors = [f"{path}:1: unknown column {h!r} (columns: {','.join(HEADER)})" for h in unknown]
    errors += [f"{path}:1: no '{k}' column" for k in missing]
    if errors:
        raise GlossaryError(errors)
    entries: list[dict[str, Any]] = []
    origins: list[str] = []
    line = reader.line_num
    try:
        for row in reader:
            start, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                errors.append(f"{path}:{start}: {len(row)} fields, header has {len(header)}")
                continue
            entry: dict[str, Any] = {}
            for key in ENTRY_KEYS:
                if key not in header:
                    continue
                i = header.index(key)
                cell = row[i] if i < len(row) else ""
                cell = cell if key == "note" else cell.strip()
                if cell:
                    entry[key] = split_items(cell) if key in LIST_KEYS else cell
            entries.append(entry)
            origins.append(f"{path}:{start}")
    except csv.Error as exc:
        errors.append(f"{path}:{reader.line_num}: {exc}")
    if errors:
        raise GlossaryError(errors)
    return entries, origins
