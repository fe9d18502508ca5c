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

Compiling is itself slow where a class spans thousands of code points (``re`` walks every one:
~2 ms for each Han or Latin-letter class, ~25 ms of a check of one English file). So
``compile_cached`` keeps the program ``re`` compiles for a ``re`` pattern in the program store
(``text.cache``, one file per Python build) and builds later runs' pattern from it (microseconds).
A program is stored only if the pattern it builds equals ``re.compile``'s own (``re.Pattern``
equality compares the source, the flags and the compiled code), and CPython checks it again when
it builds the pattern; anything amiss means "compile as usual". ``compile_regex_cached`` does the
same for ``regex`` patterns (``lazy_regex``), which ``regex`` compiles in Python.

>>> compile_cached(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+") == re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+")
True
"""

from __future__ import annotations

import copyreg
import re
import zlib
from array import array
from collections.abc import Callable
from typing import Any

from zhen_tools.text.cache import programs, remember

try:  # CPython's regular-expression engine and compiler; elsewhere patterns compile as usual
    import _sre  # type: ignore[import-not-found]  # (no stubs: CPython internals)
    from re import _compiler, _parser  # type: ignore[attr-defined]

    if array("I").itemsize != _sre.CODESIZE:  # pragma: no cover
        raise ImportError("code units are not C unsigned ints")
except ImportError:  # pragma: no cover
    _sre = None

__all__ = ["LazyPattern", "compile_cached", "compile_regex_cached", "lazy_compile", "lazy_regex"]

# Patterns kept compiled in memory at most (``re`` keeps 512).
MEMORY_LIMIT = 512

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

    def __init__(self, pattern: str, flags: int = 0, compiler: Callable[..., Any] | None = None) -> None:
        compiler = compiler or compile_cached
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
    """``re.compile(pattern, flags)``, deferred until the pattern is first used (and then
    ``compile_cached``)."""
    return LazyPattern(pattern, flags)  # type: ignore[return-value]


# In the program store (``text.cache``): ("re", pattern, flags) -> (flags, code, groups,
# groupindex, indexgroup), the arguments of ``_sre.compile`` after the source; ("regex", its
# version, DEFAULT_VERSION, pattern, flags) -> (a checksum, the arguments of ``_regex.compile``).
_compiled: dict[tuple[Any, ...], Any] = {}  # ``re`` and ``regex`` patterns, by their store key


def compile_cached(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, built from the program an earlier run compiled when the
    store has it. ``re.compile``'s own result in every other case."""
    key = ("re", pattern, int(flags))
    found: re.Pattern[str] | None = _compiled.get(key)
    if found is not None:
        return found
    if _sre is None or not isinstance(pattern, str) or flags & re.DEBUG:
        return re.compile(pattern, flags)
    program = programs().get(key)
    compiled = None
    if program is not None:
        try:
            compiled = _build(pattern, program)
        except Exception:  # a damaged or foreign program: compile it again
            compiled = None
    if compiled is None:
        compiled = re.compile(pattern, flags)
        _remember(key, compiled)
    if len(_compiled) >= MEMORY_LIMIT:
        del _compiled[next(iter(_compiled))]
    _compiled[key] = compiled
    return compiled


def _remember(key: tuple[str, str, int], compiled: re.Pattern[str]) -> None:
    """Store the program of ``compiled`` if ``re``'s compiler (whose steps ``re._compiler.compile``
    takes) gives back the very same pattern."""
    _, pattern, flags = key
    try:
        parsed = _parser.parse(pattern, flags)
        code = array("I", _compiler._code(parsed, flags)).tobytes()  # bytes: 1/5 of marshal's time for ints
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        program = (
            int(flags | parsed.state.flags),
            code,
            parsed.state.groups - 1,
            groupindex,
            tuple(indexgroup),
        )
        if _build(pattern, program) != compiled:
            return
    except Exception:  # another Python's internals: nothing stored, nothing lost
        return
    remember(key, program)


def _build(pattern: str, program: tuple[Any, ...]) -> re.Pattern[str]:
    flags, code, groups, groupindex, indexgroup = program
    return _sre.compile(pattern, flags, array("I", code).tolist(), groups, groupindex, indexgroup)  # type: ignore[no-any-return]


def lazy_regex(pattern: str, flags: int = 0) -> Any:
    """``regex.compile(pattern, flags)``, deferred until the pattern is first used (and then
    ``compile_regex_cached``)."""
    return LazyPattern(pattern, flags, compile_regex_cached)


def compile_regex_cached(pattern: str, flags: int = 0) -> Any:
    """``regex.compile(pattern, flags)``, rebuilt from the store when an earlier run compiled it.

    ``regex`` compiles in Python (~7 ms for a pattern of a few property classes, ~12 ms for the
    tokenizer's). Its patterns pickle as the arguments of ``_regex.compile`` (the compiled code
    included: that is how they cross to worker processes), so the store keeps those arguments,
    under the pattern, the flags, ``regex``'s version and ``DEFAULT_VERSION``, in the program store
    beside ``re``'s programs, and a later run rebuilds the pattern the way unpickling does. A pattern
    whose meaning depends on the locale is never stored."""
    import regex

    key = ("regex", regex.__version__, int(regex.DEFAULT_VERSION), pattern, int(flags))
    found = _compiled.get(key)
    if found is not None:
        return found
    entry = programs().get(key)
    compiled = None
    if entry is not None:
        # ``_regex`` trusts its code as given (damaged code can crash the process), so each
        # entry carries a checksum of its arguments, and one that does not match is not used.
        try:
            check, args = entry
            if check == _checksum(args):
                compiled = _regex_rebuild()(*args)
        except Exception:  # a damaged or foreign entry: compile it again
            compiled = None
    if compiled is None:
        compiled = regex.compile(pattern, flags)
        try:
            reduced: Any = copyreg.dispatch_table[type(compiled)](compiled)  # as pickle does
            rebuild, args = reduced[0], tuple(reduced[1])
            if (
                rebuild is _regex_rebuild()
                and isinstance(pattern, str)
                and not args[1] & regex.LOCALE
                and rebuild(*args)._pickled_data == args  # marshal keeps these types as they are
            ):
                remember(key, (_checksum(args), args))
        except Exception:  # another ``regex`` that pickles otherwise: nothing stored
            pass
    if len(_compiled) >= MEMORY_LIMIT:
        del _compiled[next(iter(_compiled))]
    _compiled[key] = compiled
    return compiled


def _regex_rebuild() -> Any:
    """What unpickling a ``regex`` pattern calls with its stored arguments."""
    from regex import _regex  # type: ignore[attr-defined]

    return _regex.compile


def _checksum(args: tuple[Any, ...]) -> int:
    # Of the text (strings, numbers, bytes, lists and dicts print the same after a round trip
    # through marshal, whose own bytes can differ).
    return zlib.crc32(repr(args).encode())
