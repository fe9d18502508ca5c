"""Read ``[tool.zhen]`` (pyproject.toml) or ``zhen.toml`` into a frozen Config, validating every key.

Discovery: starting from a directory (the current one, by default) and walking up to the root,
the first directory holding a ``zhen.toml``, or a ``pyproject.toml`` that has a ``[tool.zhen]``
table, wins (``zhen.toml`` before ``pyproject.toml`` in the same directory; a ``pyproject.toml``
without ``[tool.zhen]`` is passed over). Paths and globs in the file are relative to its folder.

Keys (``zhen.toml`` has them at top level, pyproject.toml under ``[tool.zhen]``):
``glossaries`` (list of paths), ``select`` / ``ignore`` (rule ids or prefixes), ``per-file-ignores``
(glob -> rule ids), ``severity`` (rule id -> info|warning|error), ``include`` / ``exclude``
(globs applied to files found by walking directories), ``fail-on`` (error|warning|info),
``warn-unused-ignores`` (bool), ``baseline`` (a baseline file) and ``max-file-size`` (bytes, or
a string such as ``"50 MB"``; 0 for no limit). Anything else is a ConfigError ``file:line: message``.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "zhen.toml").write_text('select = ["glossary"]\\nfail-on = "warning"\\n')
>>> cfg = find_config(d, known_rules={"glossary-forbidden", "punctuation"})
>>> cfg.select, cfg.fail_on.value
(('glossary',), 'warning')
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zhen_tools.findings import Severity
from zhen_tools.glossary.load import TOO_DEEP, toml_nesting_line
from zhen_tools.text.document import NotRegularFileError, require_regular_file
from zhen_tools.text.lazyre import compile_cached

__all__ = [
    "Config",
    "ConfigError",
    "find_config",
    "glob_match",
    "load_config",
    "parse_config",
    "parse_size",
    "resolve_selectors",
]

KEYS = (
    "glossaries",
    "select",
    "ignore",
    "per-file-ignores",
    "severity",
    "include",
    "exclude",
    "fail-on",
    "warn-unused-ignores",
    "baseline",
    "max-file-size",
)


class ConfigError(ValueError):
    """Invalid configuration; ``str()`` is one line, ``file:line: message`` where a line is known."""


@dataclass(frozen=True)
class Config:
    """Settings from one config file (all defaults when there is none).

    ``select`` is None when the file does not set it (every rule runs). Rule ids may be prefixes:
    ``glossary`` stands for every ``glossary-*`` rule. ``root`` is the folder globs are relative to.
    """

    path: str | None = None
    root: str = "."
    glossaries: tuple[str, ...] | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    fail_on: Severity = Severity.ERROR
    warn_unused_ignores: bool = False
    baseline: str | None = None  # a baseline file (``zhen check --baseline``), relative to root
    max_file_size: int | None = None  # bytes; None: the default, 0: no limit

    def relpath(self, path: str) -> str:
        """``path`` relative to the config's folder, with ``/`` separators (absolute if outside)."""
        absolute = os.path.abspath(path)
        rel = os.path.relpath(absolute, os.path.abspath(self.root))
        if rel == ".." or rel.startswith(".." + os.sep):
            rel = absolute
        return rel.replace(os.sep, "/")

    def ignored_rules(self, path: str) -> tuple[str, ...]:
        """Rule ids (or prefixes) that ``per-file-ignores`` turns off for ``path``."""
        if not self.per_file_ignores:
            return ()
        rel = self.relpath(path)
        out: list[str] = []
        for pattern, rules in self.per_file_ignores:
            if glob_match(pattern, rel):
                out.extend(rules)
        return tuple(out)

    def wants(self, path: str) -> bool:
        """Whether a file found by walking a directory passes ``include`` and ``exclude``."""
        if not self.include and not self.exclude:
            return True
        rel = self.relpath(path)
        if self.include and not any(glob_match(p, rel) for p in self.include):
            return False
        return not any(glob_match(p, rel, prefixes=True) for p in self.exclude)

    def includes(self, path: str) -> bool:
        """Whether an ``include`` glob asks for ``path`` by its ending or name (``*.json``,
        ``i18n/*.json``, ``Makefile``; not ``articles/**``): a walk then takes it even when it
        is code or configuration, which walks leave out otherwise.

        >>> cfg = Config(include=("i18n/*.json", "articles/**"))
        >>> cfg.includes("i18n/en.json"), cfg.includes("articles/fetch.py")
        (True, False)
        """
        rel = self.relpath(path)
        name = rel.rsplit("/", 1)[-1]
        ending = os.path.splitext(name)[1].lower()
        for pattern in self.include:
            last = pattern.strip().rstrip("/").rsplit("/", 1)[-1]
            if (last == name or (ending and last.lower().endswith(ending))) and glob_match(pattern, rel):
                return True
        return False

    def severity_for(self, rule: str) -> Severity | None:
        """The overriding severity for ``rule`` (the longest matching id or prefix wins)."""
        best: tuple[int, Severity] | None = None
        for sel, sev in self.severity:
            if selector_matches(sel, rule) and (best is None or len(sel) > best[0]):
                best = (len(sel), sev)
        return best[1] if best else None


# -- globs --------------------------------------------------------------------------------------

_GLOB_CACHE: dict[str, re.Pattern[str]] = {}


def _glob_regex(pattern: str) -> re.Pattern[str]:
    rx = _GLOB_CACHE.get(pattern)
    if rx is not None:
        return rx
    i, n, out = 0, len(pattern), []
    while i < n:
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[" and "]" in pattern[i + 2 :]:
            j = pattern.index("]", i + 2)
            body = pattern[i + 1 : j]
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append(f"[{body.replace(chr(92), chr(92) * 2)}]")
            i = j + 1
        else:
            out.append(re.escape(c))
            i += 1
    rx = re.compile("".join(out) + r"\Z")
    _GLOB_CACHE[pattern] = rx
    return rx


def glob_match(pattern: str, relpath: str, *, prefixes: bool = False) -> bool:
    """Whether a ``/``-separated relative path matches a glob (``*``, ``?``, ``[..]``, ``**``).

    A pattern without ``/`` also matches the file's base name, as in ``.gitignore``. With
    ``prefixes`` the pattern may match a leading folder (``drafts`` excludes ``drafts/a.txt``).

    >>> glob_match("*.md", "docs/a.md"), glob_match("docs/*.md", "docs/sub/a.md")
    (True, False)
    >>> glob_match("docs/**/*.md", "docs/sub/a.md"), glob_match("drafts", "drafts/a.txt", prefixes=True)
    (True, True)
    """
    pattern = pattern.strip().removeprefix("./").rstrip("/")
    rx = _glob_regex(pattern)
    if rx.match(relpath):
        return True
    parts = relpath.split("/")
    if "/" not in pattern and rx.match(parts[-1]):
        return True
    if prefixes:
        for k in range(1, len(parts)):
            if rx.match("/".join(parts[:k])) or ("/" not in pattern and rx.match(parts[k - 1])):
                return True
    return False


_SIZE = compile_cached(r"\s*(\d+)\s*([kmg]i?b?|b)?\s*", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def parse_size(value: object) -> int:
    """A size in bytes from an integer or a string with an optional unit (K, M, G, optionally
    followed by B or iB; all powers of 1024). ValueError for anything else.

    >>> parse_size(1000), parse_size("50 MB"), parse_size("2k"), parse_size("1GiB")
    (1000, 52428800, 2048, 1073741824)
    """
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    m = _SIZE.fullmatch(value) if isinstance(value, str) else None
    if m is None:
        raise ValueError('must be a size in bytes or a string such as "50 MB"')
    return int(m.group(1)) * _UNITS[(m.group(2) or "")[:1].lower()]


# -- rule selectors -------------------------------------------------------------------------------


def selector_matches(selector: str, rule: str) -> bool:
    """A selector is a rule id, a prefix ending at a ``-`` boundary, or ``ALL``.

    >>> selector_matches("glossary", "glossary-near-miss"), selector_matches("gloss", "glossary-forbidden")
    (True, False)
    """
    return selector in ("ALL", "all") or rule == selector or rule.startswith(selector + "-")


def resolve_selectors(selectors: Iterable[str], known: Collection[str], where: str = "") -> set[str]:
    """The rule ids named by ``selectors``; a selector that names no known rule is a ConfigError."""
    out: set[str] = set()
    for sel in selectors:
        hit = {r for r in known if selector_matches(sel, r)}
        if not hit:
            near = sorted(r for r in known if r.startswith(sel))
            if near:  # `punct`: a prefix, but not one that ends at a hyphen
                hint = ", ".join(repr(r) for r in near)
                raise ConfigError(
                    f"{where}unknown rule {sel!r}: a prefix selects only at a '-' (did you mean {hint}?)"
                )
            raise ConfigError(f"{where}unknown rule {sel!r} (known: {', '.join(sorted(known))})")
        out |= hit
    return out


# -- loading --------------------------------------------------------------------------------------


def _key_line(source: str, key: str, table_line: int) -> int:
    """Best-effort line of ``key`` (bare or quoted) after the table header; 0 if not found."""
    rx = re.compile(rf"""^\s*(?:"{re.escape(key)}"|'{re.escape(key)}'|{re.escape(key)})\s*=""")
    lines = source.splitlines()
    for i in range(max(0, table_line - 1), len(lines)):
        if rx.match(lines[i]):
            return i + 1
    return 0


def _table_line(source: str, table: str, default: int = 1) -> int:
    if not table:
        return default
    rx = re.compile(r"^\s*\[\s*" + r"\s*\.\s*".join(map(re.escape, table.split("."))) + r"\s*\]")
    for i, line in enumerate(source.splitlines()):
        if rx.match(line):
            return i + 1
    return default


def _str_list(value: Any, err: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        err("must be a list of strings")
    return tuple(value)


def _severity(value: Any, err: Any) -> Severity:
    if not isinstance(value, str) or value not in ("info", "warning", "error"):
        err(f"must be one of info, warning, error (got {value!r})")
    return Severity(value)


def parse_config(
    data: Mapping[str, Any],
    path: str,
    *,
    source: str = "",
    table: str = "",
    known_rules: Collection[str],
) -> Config:
    """Validate a config table; rule selectors must match ``known_rules`` (the caller's rule ids,
    so this module needs nothing from the rules or the run above it)."""
    root = os.path.dirname(os.path.abspath(path))
    tline = _table_line(source, table)

    def where(key: str) -> str:
        line = 0
        if source:
            head, _, sub = key.partition(".")
            if sub:
                # A sub-table key: under its own header ([severity] / [tool.zhen.severity]) if it
                # has one, else on the line of an inline table.
                full = f"{table}.{head}" if table else head
                sub_line = _table_line(source, full, default=0)
                sub_key = sub.strip('"')
                line = _key_line(source, sub_key, sub_line + 1) if sub_line else 0
                line = line or _key_line(source, head, tline)
            else:
                line = _key_line(source, key, tline)
        return f"{path}:{line}: " if line else f"{path}: "

    def fail(key: str) -> Any:
        def err(message: str) -> None:
            raise ConfigError(f"{where(key)}{(table + '.') if table else ''}{key} {message}")

        return err

    for key in data:
        if key not in KEYS:
            line = _key_line(source, key, tline) if source else 0
            loc = f"{path}:{line}: " if line else f"{path}: "
            raise ConfigError(f"{loc}unknown key {key!r} (known: {', '.join(KEYS)})")

    def rules(key: str, value: Any) -> tuple[str, ...]:
        ids = _str_list(value, fail(key))
        resolve_selectors(ids, known_rules, where(key))
        return ids

    kw: dict[str, Any] = {}
    if "glossaries" in data:
        kw["glossaries"] = tuple(
            os.path.normpath(os.path.join(root, p)) for p in _str_list(data["glossaries"], fail("glossaries"))
        )
    if "select" in data:
        kw["select"] = rules("select", data["select"])
    if "ignore" in data:
        kw["ignore"] = rules("ignore", data["ignore"])
    if "include" in data:
        kw["include"] = _str_list(data["include"], fail("include"))
    if "exclude" in data:
        kw["exclude"] = _str_list(data["exclude"], fail("exclude"))
    if "per-file-ignores" in data:
        pfi = data["per-file-ignores"]
        if not isinstance(pfi, dict):
            fail("per-file-ignores")("must be a table of glob = [rule ids]")
        kw["per_file_ignores"] = tuple(
            (glob, rules(f"per-file-ignores.{glob}", ids)) for glob, ids in pfi.items()
        )
    if "severity" in data:
        sev = data["severity"]
        if not isinstance(sev, dict):
            fail("severity")('must be a table of rule id = "info"|"warning"|"error"')
        pairs = []
        for rule, value in sev.items():
            resolve_selectors([rule], known_rules, where(f"severity.{rule}"))
            pairs.append((rule, _severity(value, fail(f"severity.{rule}"))))
        kw["severity"] = tuple(pairs)
    if "fail-on" in data:
        kw["fail_on"] = _severity(data["fail-on"], fail("fail-on"))
    if "warn-unused-ignores" in data:
        v = data["warn-unused-ignores"]
        if not isinstance(v, bool):
            fail("warn-unused-ignores")("must be true or false")
        kw["warn_unused_ignores"] = v
    if "baseline" in data:
        v = data["baseline"]
        if not isinstance(v, str) or not v:
            fail("baseline")("must be the path of a baseline file")
        kw["baseline"] = os.path.normpath(os.path.join(root, v))
    if "max-file-size" in data:
        try:
            kw["max_file_size"] = parse_size(data["max-file-size"])
        except ValueError as exc:
            fail("max-file-size")(str(exc))
    return Config(path=path, root=root, **kw)


def _read_toml(path: Path) -> tuple[dict[str, Any], str]:
    try:
        require_regular_file(str(path))
        source = path.read_bytes().decode("utf-8-sig")
    except NotRegularFileError as exc:
        raise ConfigError(f"{path}: {exc.strerror}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8") from None
    import tomllib  # only when a config file is read: most hook runs have none (~3 ms)

    try:
        return tomllib.loads(source), source
    except RecursionError:  # tomllib recurses once per level of nesting
        raise ConfigError(f"{path}:{toml_nesting_line(source)}: {TOO_DEEP}") from None
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column \d+\)", msg)
        if m:
            return_msg = msg[: m.start()].strip()
            raise ConfigError(f"{path}:{m.group(1)}: invalid TOML: {return_msg}") from None
        raise ConfigError(f"{path}: invalid TOML: {msg}") from None


def load_config(path: str | os.PathLike[str], *, known_rules: Collection[str]) -> Config:
    """Load one config file: ``pyproject.toml`` (its ``[tool.zhen]``; defaults if absent) or any
    other name (a ``zhen.toml``-style file with the keys at top level)."""
    p = Path(path)
    data, source = _read_toml(p)
    if p.name == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get("zhen") if isinstance(tool, dict) else None
        if table is None:
            return Config(path=str(p), root=str(p.resolve().parent))
        if not isinstance(table, dict):
            raise ConfigError(f"{p}: tool.zhen must be a table")
        return parse_config(table, str(p), source=source, table="tool.zhen", known_rules=known_rules)
    return parse_config(data, str(p), source=source, known_rules=known_rules)


def _has_tool_zhen(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return False
    # A cheap pre-check; the file is parsed properly (with errors reported) only if it has one.
    return re.search(r"^\s*\[\s*tool\s*\.\s*zhen\s*[\].]", text, re.M) is not None or "tool.zhen" in text


def find_config_file(start: str | os.PathLike[str] | None = None) -> Path | None:
    """The config file that applies to ``start`` (default: the current directory), or None."""
    here = Path(start if start is not None else os.getcwd()).resolve()
    if here.is_file():
        here = here.parent
    for d in (here, *here.parents):
        z = d / "zhen.toml"
        if z.is_file():
            return z
        pp = d / "pyproject.toml"
        if pp.is_file() and _has_tool_zhen(pp):
            return pp
    return None


def find_config(start: str | os.PathLike[str] | None = None, *, known_rules: Collection[str]) -> Config:
    """The discovered Config for ``start`` (see module docstring); defaults when there is none."""
    path = find_config_file(start)
    if path is None:
        return Config()
    return load_config(path, known_rules=known_rules)
