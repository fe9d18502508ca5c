"""Regular expressions compiled on first use: a short English file should not pay for patterns
only Chinese text, a TBX export or a pair of files needs (compiling ~90 patterns, several with
large character classes, was half of a cold start).

A ``LazyPattern`` stands where a compiled ``re.Pattern`` (or ``regex.Pattern``) stood: on the
first method used it compiles with the same function and arguments, so the meaning is unchanged,
and copies the compiled pattern's bound methods onto itself, so later calls cost what they did.
Its ``pattern`` is there from the start (patterns are built from other patterns' sources).

>>> word = lazy_compile(r"\\w+")
>>> word.findall("two words"), word.pattern
(['two', 'words'], '\\\\w+')
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

__all__ = ["LazyPattern", "lazy_compile"]

_FORWARDED = (
    "search",
    "match",
    "fullmatch",
    "finditer",
    "findall",
    "sub",
    "subn",
    "split",
    "scanner",
    "pattern",
    "flags",
    "groups",
    "groupindex",
)


class LazyPattern:
    """A ``re.Pattern`` compiled the first time one of its attributes is used."""

    def __init__(self, pattern: str, flags: int = 0, compiler: Callable[..., Any] = re.compile) -> None:
        self._source = (pattern, flags, compiler)
        self.pattern = pattern

    def __getattr__(self, name: str) -> Any:
        # Only called for attributes not on the instance: compile once, then forward.
        if name.startswith("__") or name in ("_source", "compiled"):
            raise AttributeError(name)
        if "compiled" not in self.__dict__:
            pattern, flags, compiler = self._source
            compiled = compiler(pattern, flags)
            for attr in _FORWARDED:
                if hasattr(compiled, attr):
                    setattr(self, attr, getattr(compiled, attr))
            self.compiled = compiled
        return getattr(self.compiled, name)

    def __repr__(self) -> str:
        return f"lazy_compile({self.pattern!r}, {self._source[1]!r})"


def lazy_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, deferred until the pattern is first used."""
    return LazyPattern(pattern, flags)  # type: ignore[return-value]


def lazy_regex(pattern: str, flags: int = 0) -> Any:
    """``regex.compile(pattern, flags)``, deferred until the pattern is first used."""
    import regex

    return LazyPattern(pattern, flags, regex.compile)
