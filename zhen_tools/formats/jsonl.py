"""JSONL records: one bilingual unit per line, ``{"id": ..., "source": ..., "target": ..., "doc": ...}``.

A record is the smallest bilingual input: its ``target`` is judged as English, its ``source``
(optional) is paired with it for the pair rules, its ``id`` is echoed in the findings, and
consecutive records with the same ``doc`` are checked together as one document, in order.
Offsets in findings are code points into the record's own ``target`` string.

>>> recs = list(read_records(['{"id": "s1", "source": "南鸟岛", "target": "Minami-Torishima"}', ""], "a.jsonl"))
>>> [(r.id, r.source, r.target, r.doc, r.line) for r in recs]
[('s1', '南鸟岛', 'Minami-Torishima', None, 1)]
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "FIELDS",
    "Record",
    "RecordError",
    "group_documents",
    "parse_fields",
    "parse_line",
    "read_records",
    "record_of",
]

# Record field -> JSON key; ``--fields id=seg_id,source=zh,target=en`` renames them.
FIELDS: Mapping[str, str] = {"id": "id", "source": "source", "target": "target", "doc": "doc"}


class RecordError(ValueError):
    """A malformed record; ``str()`` is one line naming the file and the line."""


@dataclass(frozen=True)
class Record:
    """One record: ``id`` as given (a JSON string or number, or None), the source (None: target
    only, no pair rules), the target, the document it belongs to (None: a document of its own),
    and where it was read (``path``, 1-based ``line``)."""

    id: str | int | float | None
    source: str | None
    target: str
    doc: str | int | None = None
    path: str = "<records>"
    line: int = 0


def parse_fields(spec: str | Iterable[tuple[str, str]] | None) -> dict[str, str]:
    """The field names, defaults overridden by ``spec`` (``"id=seg_id,source=zh"`` or pairs).

    >>> parse_fields("id=seg_id, target=en")["target"], parse_fields(None)["source"]
    ('en', 'source')
    """
    out = dict(FIELDS)
    if spec is None:
        return out
    pairs: Iterable[tuple[str, str]]
    if isinstance(spec, str):
        pairs = []
        for part in (p.strip() for p in spec.split(",")):
            if not part:
                continue
            name, eq, key = part.partition("=")
            if not eq or not key.strip():
                raise ValueError(f"--fields: {part!r} is not FIELD=NAME")
            pairs.append((name.strip(), key.strip()))
    else:
        pairs = spec
    for name, key in pairs:
        if name not in FIELDS:
            raise ValueError(f"--fields: unknown field {name!r} (one of {', '.join(FIELDS)})")
        out[name] = key
    return out


def _scalar(value: Any) -> bool:
    return value is None or (isinstance(value, (str, int, float)) and not isinstance(value, bool))


def record_of(obj: Any, path: str, line: int, fields: Mapping[str, str] = FIELDS) -> Record:
    """A Record from a decoded JSON object; raises RecordError for a malformed one.

    >>> record_of({"target": 3}, "a.jsonl", 7)
    Traceback (most recent call last):
    ...
    zhen_tools.formats.jsonl.RecordError: a.jsonl:7: "target" is not a string
    """
    where = f"{path}:{line}"
    if not isinstance(obj, dict):
        raise RecordError(f"{where}: a record must be a JSON object")
    target = obj.get(fields["target"])
    if target is None:
        raise RecordError(f'{where}: no "{fields["target"]}" field')
    if not isinstance(target, str):
        raise RecordError(f'{where}: "{fields["target"]}" is not a string')
    source = obj.get(fields["source"])
    if source is not None and not isinstance(source, str):
        raise RecordError(f'{where}: "{fields["source"]}" is not a string')
    rid, doc = obj.get(fields["id"]), obj.get(fields["doc"])
    if not _scalar(rid):
        raise RecordError(f'{where}: "{fields["id"]}" must be a string or a number')
    if not _scalar(doc) or isinstance(doc, float):
        raise RecordError(f'{where}: "{fields["doc"]}" must be a string or an integer')
    return Record(rid, source, target, doc, path, line)


def parse_line(
    raw: str | bytes, path: str, n: int, fields: Mapping[str, str] = FIELDS
) -> Record | RecordError | None:
    """The Record of line ``n`` (bytes are UTF-8; line 1 may start with a BOM), its RecordError
    when malformed, None when blank."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig" if n == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            return RecordError(f"{path}:{n}: not UTF-8 ({exc.reason})")
    text = raw.strip()
    if not text:
        return None
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        return RecordError(f"{path}:{n}: not JSON ({exc.msg} at column {exc.colno})")
    try:
        return record_of(obj, path, n, fields)
    except RecordError as exc:
        return exc


def read_records(
    lines: Iterable[str | bytes], path: str, fields: Mapping[str, str] = FIELDS, first_line: int = 1
) -> Iterator[Record | RecordError]:
    """The records of JSONL lines, read lazily: a Record per non-blank line, or the RecordError
    of a malformed one (the caller reports it and goes on). ``first_line`` numbers the first
    of ``lines``; lines end at line feeds only (a JSON record never holds a raw line break)."""
    for n, raw in enumerate(lines, first_line):
        item = parse_line(raw, path, n, fields)
        if item is not None:
            yield item


def group_documents(records: Iterable[Record]) -> Iterator[list[Record]]:
    """Records as documents: consecutive records with the same non-null ``doc`` form one
    document, every other record is a document of its own.

    >>> rs = [Record(i, None, "x", d) for i, d in enumerate(["a", "a", None, None, "b", "a"])]
    >>> [[r.id for r in g] for g in group_documents(rs)]
    [[0, 1], [2], [3], [4], [5]]
    """
    group: list[Record] = []
    for rec in records:
        if group and (rec.doc is None or rec.doc != group[-1].doc):
            yield group
            group = []
        group.append(rec)
    if group:
        yield group
