"""Read, validate and write TOML glossary files; every error is ``file:line: message``.

tomllib reports no positions for values, so lines come from scanning the raw text: each
``[[entry]]`` header in order belongs to the entry of that index, and a key's line is the first
``key =`` line inside that entry's block (an item of a multi-line list, where it can be found).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from zhen_tools._version import __version__
from zhen_tools.glossary.model import (
    KINDS,
    PATTERN_PREFIX,
    Entry,
    Glossary,
    GlossaryError,
)
from zhen_tools.text.cache import cached_json
from zhen_tools.text.document import require_regular_file
from zhen_tools.text.lazyre import lazy_compile

if TYPE_CHECKING:
    import tomllib

__all__ = [
    "ENTRY_KEYS",
    "GLOSSARY_KEYS",
    "LIST_KEYS",
    "bundled_glossary_dir",
    "bundled_glossary_paths",
    "check_written",
    "dumps_glossary",
    "entry_to_dict",
    "glossary_files",
    "load_glossary",
    "parse_glossary",
    "toml_string",
]

GLOSSARY_KEYS = ("name", "source", "target", "description")
ENTRY_KEYS = (
    "id",
    "kind",
    "origin",
    "en",
    "variants",
    "zh",
    "ja",
    "ko",
    "ru",
    "forbidden",
    "confusable",
    "note",
)
LIST_KEYS = frozenset({"variants", "zh", "ja", "ko", "ru", "forbidden", "confusable"})
_STR_KEYS = frozenset(ENTRY_KEYS) - LIST_KEYS
_ORIGIN = lazy_compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
_TOML_POS = lazy_compile(r"\s*\(at line (\d+), column \d+\)\s*$")
_TOML_END = lazy_compile(r"\s*\(at end of document\)\s*$")
_HEADER = lazy_compile(r"^\s*\[\[?\s*([^\]]*?)\s*\]\]?")
_ENTRY_HEADER = lazy_compile(r"^\s*\[\[\s*entry\s*\]\]")


@dataclass
class _File:
    """One parsed glossary file: its metadata, entries and errors so far."""

    path: str
    name: str
    sha256: str
    entries: list[Entry] = field(default_factory=list)
    confusable_lines: dict[str, int] = field(default_factory=dict)  # entry id -> line
    meta: dict[str, str] = field(default_factory=dict)  # the valid [glossary] keys
    # (id, confusable ids, line) of entries dropped for other errors
    broken_confusables: list[tuple[str, tuple[str, ...], int]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class _Lines:
    """Line numbers of headers and keys in a TOML text (1-based)."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.headers = [i + 1 for i, ln in enumerate(self.lines) if _HEADER.match(ln)]
        self.entry_headers = [i + 1 for i, ln in enumerate(self.lines) if _ENTRY_HEADER.match(ln)]

    def entry_line(self, index: int) -> int:
        if index < len(self.entry_headers):
            return self.entry_headers[index]
        return self.key_line(0, "entry") or 1

    def table_line(self, name: str) -> int:
        for i, ln in enumerate(self.lines):
            m = _HEADER.match(ln)
            if m and m.group(1).strip("\"'") == name:
                return i + 1
        return self.key_line(0, name) or 1

    def _block(self, header: int) -> range:
        end = next((h for h in self.headers if h > header), len(self.lines) + 1)
        return range(header, end)  # 1-based line numbers after the header

    def key_line(self, header: int, key: str) -> int:
        """Line of ``key = ...`` in the block after ``header`` (0: top level), or 0."""
        pat = re.compile(rf"""^\s*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*[=.]""")
        for n in self._block(header) if header else range(1, (self.headers or [len(self.lines) + 1])[0]):
            if n - 1 < len(self.lines) and pat.match(self.lines[n - 1]):
                return n
        return 0

    def item_line(self, header: int, key: str, item: str) -> int:
        """Line of a list item of ``key`` (searched from the key's line on), else the key's line."""
        start = self.key_line(header, key) or header
        block = self._block(header) if header else range(1, len(self.lines) + 1)
        for n in range(start, block.stop):
            if n > start and n - 1 < len(self.lines) and re.match(r"^\s*[\w\"']+\s*=", self.lines[n - 1]):
                break
            if n - 1 < len(self.lines) and item in self.lines[n - 1]:
                return n
        return start


def _decode(path: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise GlossaryError(f"{path}:{line}: not valid UTF-8 ({exc.reason})") from None


TOO_DEEP = "invalid TOML: arrays or inline tables nested too deeply"


def toml_nesting_line(text: str, limit: int = 100) -> int:
    """The line where brackets and braces first nest ``limit`` deep (1 if they never do): where
    to point an error for TOML that ``tomllib`` cannot parse without exhausting the stack.
    Brackets inside strings are counted too; this only chooses the line of an error.

    >>> toml_nesting_line('a = 1\\nx = ' + '[' * 200 + ']' * 200, limit=100)
    2
    """
    depth = 0
    for n, line in enumerate(text.splitlines(), 1):
        for ch in line:
            if ch in "[{":
                depth += 1
                if depth >= limit:
                    return n
            elif ch in "]}":
                depth = max(0, depth - 1)
    return 1


def _toml_error(path: str, exc: tomllib.TOMLDecodeError, text: str) -> str:
    msg = str(exc)
    m = _TOML_POS.search(msg)
    if m:
        return f"{path}:{m.group(1)}: {_TOML_POS.sub('', msg)}"
    line = text.count("\n") + 1 if _TOML_END.search(msg) else 1
    return f"{path}:{line}: {_TOML_END.sub('', msg)}"


def _did_you_mean(key: str, choices: Iterable[str]) -> str:
    import difflib  # only for a glossary with a mistake in it

    close = difflib.get_close_matches(key, list(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def parse_glossary(text: str, path: str = "<glossary>", data: bytes | None = None) -> _File:
    """Parse and check one glossary file's text (per-file checks only; see ``load_glossary``)."""
    digest = hashlib.sha256(data if data is not None else text.encode("utf-8")).hexdigest()
    result = _File(path=path, name=Path(path).stem, sha256=digest)
    errors = result.errors
    import tomllib  # only when a glossary is parsed, not read back from the cache (~3 ms)

    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        errors.append(_toml_error(path, exc, text))
        return result
    except RecursionError:  # tomllib recurses once per level of nesting
        errors.append(f"{path}:{toml_nesting_line(text)}: {TOO_DEEP}")
        return result
    lines = _Lines(text)

    for key in doc:
        if key not in ("glossary", "entry"):
            line = lines.table_line(key)
            errors.append(
                f"{path}:{line}: unknown top-level key '{key}'{_did_you_mean(key, ('glossary', 'entry'))}"
            )

    meta = doc.get("glossary", {})
    if not isinstance(meta, dict):
        errors.append(f"{path}:{lines.key_line(0, 'glossary') or 1}: 'glossary' must be a table")
        meta = {}
    gline = lines.table_line("glossary") if "glossary" in doc else 1
    for key, value in meta.items():
        kline = lines.key_line(gline, key) or gline
        if key not in GLOSSARY_KEYS:
            errors.append(
                f"{path}:{kline}: unknown key '{key}' in [glossary]{_did_you_mean(key, GLOSSARY_KEYS)}"
            )
        elif not isinstance(value, str):
            errors.append(f"{path}:{kline}: '{key}' must be a string, not {_type_name(value)}")
        elif not value.strip():
            errors.append(f"{path}:{kline}: '{key}' is empty")
        else:
            result.meta[key] = value
    if isinstance(meta.get("name"), str) and meta["name"].strip():
        result.name = meta["name"]

    raw_entries = doc.get("entry", [])
    if not isinstance(raw_entries, list) or not all(isinstance(e, dict) for e in raw_entries):
        errors.append(f"{path}:{lines.table_line('entry')}: 'entry' must be an array of tables ([[entry]])")
        raw_entries = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(raw_entries):
        entry = _check_entry(raw, lines.entry_line(index), lines, path, errors)
        if entry is None:
            # Still check where its confusables point, so one run reports every error.
            ids, conf = raw.get("id"), raw.get("confusable")
            if isinstance(ids, str) and isinstance(conf, list):
                line = lines.entry_line(index)
                result.broken_confusables.append(
                    (
                        ids,
                        tuple(c for c in conf if isinstance(c, str) and c.strip()),
                        lines.key_line(line, "confusable") or line,
                    )
                )
            continue
        if entry.id in seen:
            errors.append(
                f"{path}:{entry.line}: duplicate id '{entry.id}' (first defined at {path}:{seen[entry.id]})"
            )
            continue
        seen[entry.id] = entry.line
        result.entries.append(entry)
        if entry.confusable:
            result.confusable_lines[entry.id] = lines.key_line(entry.line, "confusable") or entry.line
    return result


# Entry's fields in its constructor's order (tests/glossary hold this to the dataclass), those
# holding tuples, and what makes a cached parse stale besides the file's bytes: this parser.
_ENTRY_FIELDS = (
    "id", "en", "kind", "origin", "variants", "zh", "ja", "forbidden", "confusable", "note", "file",
    "line", "ko", "ru",
)  # fmt: skip
_TUPLE_FIELDS = frozenset({"variants", "zh", "ja", "forbidden", "confusable", "ko", "ru"})


def _parser_stamp() -> list[object]:
    try:
        st = os.stat(__file__)
        return [__version__, st.st_size, st.st_mtime_ns]
    except OSError:
        return [__version__, None]


def _parse_cached(path: str, data: bytes) -> _File:
    """``parse_glossary`` of one file's bytes, from the disk cache (zhen_tools.text.cache) when
    this parser has parsed these bytes at this path before: importing tomllib, parsing and
    checking the bundled glossary were ~8 ms of every cold ``zhen check``, for a file that
    rarely changes. Keyed by the path (entries carry it), the bytes' SHA-256 and the parser
    (version, and size and time of this module); errors are kept too, as they depend on nothing
    else. A file that is not UTF-8 is refused before the cache is looked at."""
    text = _decode(path, data)
    digest = hashlib.sha256(data).hexdigest()
    value = cached_json(
        "glossary", [_parser_stamp(), path, digest], lambda: _file_to_json(parse_glossary(text, path, data))
    )
    try:
        return _file_from_json(path, value)
    except (KeyError, TypeError, ValueError):  # a damaged or foreign cache file: parse again
        return parse_glossary(text, path, data)


def _file_to_json(f: _File) -> dict[str, Any]:
    return {
        "name": f.name,
        "sha256": f.sha256,
        "entries": [[getattr(e, k) for k in _ENTRY_FIELDS] for e in f.entries],
        "confusable_lines": f.confusable_lines,
        "meta": f.meta,
        "broken_confusables": f.broken_confusables,
        "errors": f.errors,
    }


def _file_from_json(path: str, value: dict[str, Any]) -> _File:
    entries = []
    for row in value["entries"]:
        if len(row) != len(_ENTRY_FIELDS):
            raise ValueError("entry fields changed")
        fields: dict[str, Any] = {
            k: tuple(v) if k in _TUPLE_FIELDS else v for k, v in zip(_ENTRY_FIELDS, row)
        }
        entries.append(Entry(**fields))
    return _File(
        path=path,
        name=value["name"],
        sha256=value["sha256"],
        entries=entries,
        confusable_lines=dict(value["confusable_lines"]),
        meta=dict(value["meta"]),
        broken_confusables=[(i, tuple(c), int(n)) for i, c, n in value["broken_confusables"]],
        errors=list(value["errors"]),
    )


def _type_name(value: object) -> str:
    return {
        str: "a string",
        list: "an array",
        dict: "a table",
        bool: "a boolean",
        int: "an integer",
        float: "a float",
    }.get(type(value), type(value).__name__)


def _check_entry(raw: dict[str, Any], line: int, lines: _Lines, path: str, errors: list[str]) -> Entry | None:
    """An Entry from one ``[[entry]]`` table, or None (errors appended) when it is unusable."""
    n_errors = len(errors)
    label = f"entry '{raw['id']}'" if isinstance(raw.get("id"), str) else "entry"

    def err(key: str | None, message: str, item: str | None = None) -> None:
        at = line
        if key is not None:
            at = (lines.item_line(line, key, item) if item is not None else lines.key_line(line, key)) or line
        errors.append(f"{path}:{at}: {message}")

    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in ENTRY_KEYS:
            err(key, f"unknown key '{key}' in {label}{_did_you_mean(key, ENTRY_KEYS)}")
        elif key in _STR_KEYS:
            if not isinstance(value, str):
                err(key, f"'{key}' must be a string, not {_type_name(value)}")
            elif not value.strip():
                err(key, f"'{key}' is empty in {label}")
            elif value != value.strip() and key != "note":
                err(key, f"'{key}' has leading or trailing spaces in {label}")
            elif key != "note" and any(ord(c) < 0x20 or ord(c) == 0x7F for c in value):
                err(key, f"'{key}' contains a control character (line break, tab) in {label}")
            else:
                values[key] = value
        elif not isinstance(value, list):
            err(key, f"'{key}' must be an array of strings, not {_type_name(value)}")
        else:
            items: list[str] = []
            for item in value:
                if not isinstance(item, str):
                    err(key, f"'{key}' items must be strings, not {_type_name(item)}")
                elif not item.strip():
                    err(key, f"empty string in '{key}' of {label}")
                elif item != item.strip():
                    err(key, f"'{item}' in '{key}' has leading or trailing spaces", item)
                elif any(ord(c) < 0x20 or ord(c) == 0x7F for c in item):
                    err(key, f"{item!r} in '{key}' contains a control character (line break, tab)")
                elif item in items:
                    err(key, f"'{item}' listed twice in '{key}' of {label}", item)
                else:
                    items.append(item)
            values[key] = tuple(items)

    for key in ("id", "en"):
        if key not in raw:
            err(None, f"{label} has no '{key}'")
    if "id" in values and re.search(r"\s", values["id"]):
        err("id", f"id '{values['id']}' contains white space")
    kind = values.get("kind", "term")
    if "kind" in values and kind not in KINDS:
        err("kind", f"unknown kind '{kind}' in {label} (one of: {', '.join(sorted(KINDS))})")
    if "origin" in values and not _ORIGIN.fullmatch(values["origin"]):
        err("origin", f"origin '{values['origin']}' is not a language code (zh, ja, ko, ru, en ...)")

    accepted = [values["en"]] if "en" in values else []
    for v in values.get("variants", ()):
        if v in accepted:
            err("variants", f"'{v}' is both 'en' and a variant in {label}", v)
        accepted.append(v)
    fold = (lambda s: s) if kind in KINDS - {"term"} else str.casefold
    accepted_keys = {fold(a) for a in accepted}
    for f in values.get("forbidden", ()):
        if f.startswith(PATTERN_PREFIX):
            problem = _pattern_problem(f[len(PATTERN_PREFIX) :])
            if problem:
                err("forbidden", f"bad pattern {f!r} in {label}: {problem}", f)
        elif fold(f) in accepted_keys:
            err("forbidden", f"'{f}' is both accepted and forbidden in {label}", f)
    for key in ("en", "variants", "forbidden"):
        value = values.get(key, ())
        for f in (value,) if isinstance(value, str) else value:
            if not f.startswith(PATTERN_PREFIX) and not any(c.isalnum() for c in f):
                err(key, f"form '{f}' has no letters or digits", f)
    if "id" in values and values["id"] in values.get("confusable", ()):
        err("confusable", f"{label} lists itself as confusable", values["id"])

    if len(errors) > n_errors or "id" not in values or "en" not in values:
        return None
    return Entry(
        id=values["id"],
        en=values["en"],
        kind=kind,
        origin=values.get("origin"),
        variants=values.get("variants", ()),
        zh=values.get("zh", ()),
        ja=values.get("ja", ()),
        forbidden=values.get("forbidden", ()),
        confusable=values.get("confusable", ()),
        note=values.get("note", ""),
        file=path,
        line=line,
        ko=values.get("ko", ()),
        ru=values.get("ru", ()),
    )


def _pattern_problem(pattern: str) -> str | None:
    """Why a forbidden ``re:`` pattern is unusable, or None."""
    try:
        compiled = regex.compile(pattern)
    except regex.error as exc:
        return str(exc)
    if compiled.search("") is not None:
        return "it matches the empty string"
    if re.search(r"\\[1-9]|\(\?P=\d", pattern):
        return "numbered back-references are not allowed (patterns share one alternation)"
    if nested_quantifier(pattern):
        return (
            "a repeated group with a repeat inside, such as (a+)+, can take exponential time "
            "on a line that almost matches: repeat the group or its inside, not both"
        )
    return None


_REPEAT = lazy_compile(r"[*+]|\{\d*,\d*\}|\{(\d+)\}")


def nested_quantifier(pattern: str) -> bool:
    """Whether ``pattern`` repeats (``*``, ``+``, ``{m,n}``) a group that holds a repeat: the
    shape of catastrophic backtracking. ``?`` and ``{0,1}``/``{1}`` are no repeats; character
    classes and escapes are skipped.

    >>> [nested_quantifier(p) for p in ("(a+)+$", "(?:x|y*)*z", "((ab)*c)+", "(a{2,})+", "(a+){3}")]
    [True, True, True, True, True]
    >>> [nested_quantifier(p) for p in ("(a|b)+", "(ab)?c+", "[(a+)]+", r"\\(a+\\)+", "(a+)?", "a{b}(c+){1}")]
    [False, False, False, False, False, False]
    """
    inner = [False]  # per open group: does it hold a repeat?
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i += 1
            if i < n and pattern[i] == "^":
                i += 1
            if i < n and pattern[i] == "]":
                i += 1
            while i < n and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
            i += 1
            continue
        if c == "(":
            inner.append(False)
            i += 1
            continue
        group_had = False
        if c == ")" and len(inner) > 1:
            group_had = inner.pop()
            i += 1
        elif c not in "*+{":
            i += 1
            continue
        m = _REPEAT.match(pattern, i)
        repeats = m is not None and (m.group(1) is None or int(m.group(1)) > 1)
        if m is not None and m.group() in ("{0,1}", "{,1}"):
            repeats = False
        if repeats and group_had:
            return True
        inner[-1] = inner[-1] or repeats or group_had
        i = m.end() if m is not None else i + (c != ")")
    return False


def glossary_files(paths: str | Path | Sequence[str | Path]) -> list[Path]:
    """The glossary files named by ``paths``: files as given, directories' ``*.toml`` sorted."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(p.glob("*.toml"))
            if not found:
                raise GlossaryError(f"{p}: no *.toml glossary files in this directory")
            files.extend(found)
        else:
            try:
                require_regular_file(str(p))
            except FileNotFoundError:
                raise GlossaryError(f"{p}: no such file or directory") from None
            except OSError as exc:
                raise GlossaryError(f"{p}: {exc.strerror or exc}") from None
            files.append(p)
    return files


def load_glossary(paths: str | Path | Sequence[str | Path]) -> Glossary:
    """Load glossary files and/or directories (every ``*.toml`` in them, sorted) into one Glossary.

    Raises GlossaryError listing every problem as ``file:line: message``: unknown keys, wrong
    types, empty strings, unknown kinds, bad patterns, forms both accepted and forbidden, ids
    duplicated within or across files, and confusables naming no loaded entry.
    """
    parsed: list[_File] = []
    for path in glossary_files(paths):
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise GlossaryError(f"{path}: {exc.strerror or exc}") from None
        parsed.append(_parse_cached(str(path), data))

    errors = [e for f in parsed for e in f.errors]
    owner: dict[str, Entry] = {}
    entries: list[Entry] = []
    for f in parsed:
        for entry in f.entries:
            first = owner.get(entry.id)
            if first is not None:
                errors.append(
                    f"{entry.file}:{entry.line}: duplicate id '{entry.id}' "
                    f"(first defined at {first.file}:{first.line})"
                )
                continue
            owner[entry.id] = entry
            entries.append(entry)
    known = set(owner) | {b[0] for f in parsed for b in f.broken_confusables}
    for f in parsed:
        checks = [(e.id, e.confusable, f.confusable_lines.get(e.id, e.line)) for e in f.entries]
        for entry_id, confusable, line in sorted(checks + f.broken_confusables, key=lambda c: c[2]):
            for other in confusable:
                if other not in known:
                    errors.append(
                        f"{f.path}:{line}: confusable '{other}' of entry '{entry_id}' "
                        f"names no entry{_did_you_mean(other, known)}"
                    )
    order = {f.path: i for i, f in enumerate(parsed)}
    errors.sort(key=lambda e: _error_order(e, order))
    if errors:
        raise GlossaryError(errors)
    name = "+".join(dict.fromkeys(f.name for f in parsed))
    meta: dict[str, str] = {}
    for f in parsed:
        for key, value in f.meta.items():
            meta.setdefault(key, value)
    meta["name"] = name
    return Glossary(
        name=name,
        meta=meta,
        entries=tuple(entries),
        sources=tuple((f.name, f.path, f.sha256) for f in parsed),
        by_id=dict(owner),
    )


def _error_order(error: str, files: dict[str, int]) -> tuple[int, int]:
    """Errors in load order of their files, then by line (a stable sort keeps one line's order)."""
    m = re.match(r"(.*?):(\d+): ", error)
    if m is None:
        return (len(files), 0)
    return (files.get(m.group(1), len(files)), int(m.group(2)))


def bundled_glossary_dir() -> Path:
    """The bundled glossaries: package ``zhen_tools.glossaries`` in an installed wheel, else the
    source tree's top-level ``glossaries/`` (editable installs and tests)."""
    files = _packaged_glossaries()
    return files[0].parent if files else Path(__file__).resolve().parents[2] / "glossaries"


def _packaged_glossaries() -> list[Path]:
    # zhen_tools.glossaries has no __init__.py: a namespace package, whose folders are its spec's
    # search locations (what importlib.resources.files() reads; importing that, with the
    # zipfile and tempfile modules it needs, was ~4 ms of a cold start). A name in two folders
    # is taken from the first, as files() does.
    try:
        spec = importlib.util.find_spec("zhen_tools.glossaries")
    except (ModuleNotFoundError, ValueError):
        return []
    found: dict[str, Path] = {}
    for folder in (spec.submodule_search_locations or []) if spec else []:
        try:
            names = os.listdir(folder)
        except OSError:
            return []
        for name in names:
            found.setdefault(name, Path(folder, name))
    return sorted(p for name, p in found.items() if name.endswith(".toml"))


def bundled_glossary_paths() -> list[Path]:
    """The bundled glossary files, sorted (pass them to ``load_glossary``)."""
    return _packaged_glossaries() or sorted(bundled_glossary_dir().glob("*.toml"))


# -- writing TOML (tomllib only reads) --------------------------------------------------------

_BASIC_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def toml_string(s: str) -> str:
    """``s`` as a TOML string: a literal string ``'...'`` when that needs no escapes and the text
    has backslashes (patterns stay readable), else a basic string with TOML's escapes.

    >>> print(toml_string('say "hi"'), toml_string(r're:\\bEarth\\b'), toml_string("a\\tb"))
    "say \\"hi\\"" 're:\\bEarth\\b' "a\\tb"
    """
    controls = any(ord(c) < 0x20 or ord(c) == 0x7F for c in s)
    if "\\" in s and "'" not in s and not controls:
        return f"'{s}'"
    out = []
    for c in s:
        if c in _BASIC_ESCAPES:
            out.append(_BASIC_ESCAPES[c])
        elif ord(c) < 0x20 or ord(c) == 0x7F:
            out.append(f"\\u{ord(c):04X}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def entry_to_dict(entry: Entry) -> dict[str, Any]:
    """An Entry as the TOML keys it was (or would be) written with, in ENTRY_KEYS order; empty
    lists and a missing origin are left out."""
    out: dict[str, Any] = {}
    for key in ENTRY_KEYS:
        value = getattr(entry, key)
        if value is None or value == () or (key == "note" and not value):
            continue
        out[key] = list(value) if isinstance(value, tuple) else value
    return out


def dumps_glossary(meta: dict[str, str], entries: Iterable[dict[str, Any]]) -> str:
    """TOML text of a glossary: ``[glossary]`` with ``meta`` and one ``[[entry]]`` per dict (keys
    written in ENTRY_KEYS order; unknown keys are written too, so validation can report them)."""
    lines = ["[glossary]"]
    for key in (*GLOSSARY_KEYS, *(k for k in meta if k not in GLOSSARY_KEYS)):
        if meta.get(key):
            lines.append(f"{key} = {toml_string(meta[key])}")
    for entry in entries:
        lines += ["", "[[entry]]"]
        for key in (*ENTRY_KEYS, *(k for k in entry if k not in ENTRY_KEYS)):
            if key not in entry:
                continue
            value = entry[key]
            if isinstance(value, (list, tuple)):
                items = ", ".join(toml_string(str(v)) for v in value)
                lines.append(f"{key} = [{items}]")
            else:
                lines.append(f"{key} = {toml_string(str(value))}")
    return "\n".join(lines) + "\n"


def check_written(text: str, path: str, origins: Sequence[str] | None = None) -> list[str]:
    """Validate TOML text produced by an importer; with ``origins`` (one ``file:line`` per entry,
    in order), each entry's errors point at where that entry came from instead of the TOML."""
    parsed = parse_glossary(text, path)
    errors = list(parsed.errors)
    ids = {e.id for e in parsed.entries}
    for entry in parsed.entries:
        for other in entry.confusable:
            if other not in ids:
                line = parsed.confusable_lines.get(entry.id, entry.line)
                errors.append(f"{path}:{line}: confusable '{other}' of entry '{entry.id}' names no entry")
    if not origins:
        return errors
    headers = _Lines(text).entry_headers
    mapped = []
    for err in errors:
        m = re.match(rf"{re.escape(path)}:(\d+): (.*)", err, re.DOTALL)
        if not m:
            mapped.append(err)
            continue
        line = int(m.group(1))
        index = sum(1 for h in headers if h <= line) - 1
        where = origins[index] if 0 <= index < len(origins) else f"{path}:{line}"
        mapped.append(f"{where}: {m.group(2)}")
    return mapped
