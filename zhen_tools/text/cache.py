"""A small best-effort disk cache: data derived from glossaries by slow libraries, and compiled programs.

Loading pypinyin's tables (~0.25 s) or the confusables table (~0.05 s) to derive a handful of
strings per glossary entry is work a pre-commit hook should do once per glossary change, not on
every run. Values are JSON (``cached_json``) or, for large tables only this package writes and reads,
pickles (``cached_pickle``) and blobs read one at a time (``cached_blobs``: jieba's prefix
dictionary, ~0.5 ms to open instead of jieba's own 0.7 s marshal cache in the shared temporary
folder). Each is keyed by a hash of everything it
depends on; any OSError or bad file means "compute it again", never an error. The folder is ``$ZHEN_CACHE_DIR``, else
``$XDG_CACHE_HOME/zhen_tools``, else ``~/.cache/zhen_tools``.

Compiled programs, small and needed on every start, live together in one *program store* per
Python build (``programs``, ``remember``), read once and written at exit when a run added one:
regular expressions' (``text.lazyre``) and the code of the methods ``dataclasses`` writes for
this package's classes (``exec_cached``; ~0.4 ms a class to compile, ~15 ms of a start).

>>> import tempfile, os
>>> os.environ["ZHEN_CACHE_DIR"] = tempfile.mkdtemp()
>>> cached_json("demo", ["a", 1], lambda: {"x": [1, 2]})
{'x': [1, 2]}
>>> cached_json("demo", ["a", 1], lambda: 1 / 0)  # read back, not recomputed
{'x': [1, 2]}
"""

from __future__ import annotations

import atexit
import hashlib
import itertools
import json
import marshal
import os
import sys
import zlib
from array import array
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

__all__ = [
    "STORE_LIMIT",
    "Blobs",
    "Programs",
    "cache_dir",
    "cached_blobs",
    "cached_json",
    "cached_pickle",
    "exec_cached",
    "programs",
    "remember",
]


def cache_dir() -> Path:
    env = os.environ.get("ZHEN_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "zhen_tools"


def _path(kind: str, key: Any, suffix: str) -> Path:
    digest = hashlib.sha256(json.dumps(key, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
    return cache_dir() / f"{kind}-{digest[:24]}{suffix}"


def _store(path: Path, kind: str, write: Callable[[Any], None], binary: bool) -> None:
    """Write atomically (temporary file, then rename); any OSError leaves no file behind."""
    import tempfile  # only when something is written: most runs only read (~3 ms to import)

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{kind}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8") as fh:
                write(fh)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass


def cached_json(kind: str, key: Any, compute: Callable[[], Any]) -> Any:
    """``compute()``, or its earlier result stored under ``kind`` and the JSON of ``key``."""
    path = _path(kind, key, ".json")
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)["value"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    value = compute()
    _store(path, kind, lambda fh: json.dump({"value": value}, fh, ensure_ascii=False), binary=False)
    return value


def cached_pickle(kind: str, key: Any, compute: Callable[[], Any]) -> Any:
    """Like ``cached_json`` for values JSON cannot hold or loads too slowly. The file lives in
    the user's own cache folder and is only ever written by this function.

    >>> cached_pickle("demo", ["b"], lambda: ({"x": 1}, 2))
    ({'x': 1}, 2)
    >>> cached_pickle("demo", ["b"], lambda: 1 / 0)
    ({'x': 1}, 2)
    """
    import pickle  # only for the tables jieba needs, not for English text

    path = _path(kind, key, ".pickle")
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except Exception:  # a missing, truncated or foreign file: compute it again
        pass
    value = compute()
    _store(path, kind, lambda fh: pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL), binary=True)
    return value


class Blobs:
    """Named byte strings of a ``cached_blobs`` file, each read from the (memory-mapped) file
    when first popped; or, just computed, from memory. The names are a list, or (when every name
    is one character, as jieba's first characters) one string searched in C: building a dict of
    12k names cost more than the few hundred look-ups a run makes."""

    def __init__(self, blobs: dict[str, bytes] | None = None, mapped: Any = None, base: int = 0,
                 names: Sequence[str] | str = (), ends: Sequence[int] = ()) -> None:  # fmt: skip
        self._memory = blobs
        self._mapped, self._base, self._ends = mapped, base, ends
        self._chars = names if isinstance(names, str) else None
        self._where = {} if self._chars is not None else {name: i for i, name in enumerate(names)}
        self._popped: set[int] = set()

    def pop(self, name: str, default: bytes | None = None) -> bytes | None:
        if self._memory is not None:
            return self._memory.pop(name, default)
        if self._chars is not None:
            i = self._chars.find(name) if len(name) == 1 else -1
            if i < 0 or i in self._popped:
                return default
            self._popped.add(i)
        else:
            found = self._where.pop(name, None)
            if found is None:
                return default
            i = found
        start = self._base + (self._ends[i - 1] if i else 0)
        return bytes(self._mapped[start : self._base + self._ends[i]])


def cached_blobs(
    kind: str, key: Any, compute: Callable[[], tuple[Any, dict[str, bytes]]]
) -> tuple[Any, Blobs]:
    """``compute()`` -> (head, {name: bytes}), for many blobs of which a run needs a few (jieba's
    prefix dictionary split by first character: 7 MB, of which a news article needs ~2%). The
    file holds the head, the names and where each blob ends (marshal: ~0.1 ms to read, against
    ~4 ms for the pickle it was), then the blobs back to back; reading it maps the file and reads
    a blob when it is popped. ``head`` must be something ``marshal`` keeps.

    >>> head, blobs = cached_blobs("demo", ["c"], lambda: ("head", {"a": b"1", "b": b"22"}))
    >>> head, blobs = cached_blobs("demo", ["c"], lambda: 1 / 0)  # read back, not recomputed
    >>> head, blobs.pop("b"), blobs.pop("b"), blobs.pop("a"), blobs.pop("z")
    ('head', b'22', None, b'1', None)
    """
    import mmap  # for jieba's tables only

    path = _path(kind, key, ".mblobs")
    try:
        with open(path, "rb") as fh:
            head, names, ends = marshal.load(fh)
            base = fh.tell()
            mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        offsets = array("Q", ends)
        if len(names) == len(offsets) and len(mapped) == base + (offsets[-1] if offsets else 0):
            return head, Blobs(mapped=mapped, base=base, names=names, ends=offsets)
    except Exception:  # a missing, truncated or foreign file: compute it again
        pass
    head, blobs = compute()
    names = list(blobs)
    sizes = array("Q", (len(blobs[n]) for n in names))
    ends = array("Q", itertools.accumulate(sizes)).tobytes()
    stored: list[str] | str = "".join(names) if all(len(n) == 1 for n in names) else names

    def write(fh: Any) -> None:
        marshal.dump((head, stored, ends), fh)
        for n in names:
            fh.write(blobs[n])

    _store(path, kind, write, binary=True)
    return head, Blobs(dict(blobs))


# --- the program store ---------------------------------------------------------------------------

# Programs kept at most (the oldest dropped first): a run needs ~60 patterns and ~40 classes, and
# each glossary adds its own matcher patterns.
STORE_LIMIT = 2000
try:  # what compiled regular expressions depend on besides the Python build
    import _sre  # type: ignore[import-not-found]  # (no stubs: CPython internals)

    _SRE = f"{_sre.MAGIC} {_sre.CODESIZE}"
except ImportError:  # pragma: no cover
    _SRE = ""
# The store's format (4: patterns and code together, each entry read when asked for), then what
# its programs depend on.
_VERSION = f"4 {sys.version} {_SRE}"


class Programs:
    """The program store: key (a tuple of strings and numbers whose first item says what made
    the program) -> program (anything ``marshal`` keeps). Each entry is kept as the marshal bytes
    of (key, program) under a digest of the key and decoded only when asked for: a run needs a
    hundred of the store's entries, and decoding them all (code objects included) cost more than
    it saved once the store held a few hundred."""

    __slots__ = ("raw",)

    def __init__(self, raw: dict[bytes, bytes] | None = None) -> None:
        self.raw: dict[bytes, bytes] = {} if raw is None else raw

    def get(self, key: tuple[Any, ...]) -> Any:
        """The program stored under ``key``, or None (also for an entry that cannot be read)."""
        blob = self.raw.get(_digest(key))
        if blob is None:
            return None
        try:
            stored_key, program = marshal.loads(blob)
        except Exception:  # a damaged entry
            return None
        return program if stored_key == key else None  # not another key of the same digest

    def __setitem__(self, key: tuple[Any, ...], program: Any) -> None:
        digest = _digest(key)
        self.raw.pop(digest, None)  # the newest last: the oldest are dropped first
        self.raw[digest] = marshal.dumps((key, program))
        if len(self.raw) > STORE_LIMIT:
            del self.raw[next(iter(self.raw))]

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        """Every readable key (decodes the whole store: for tests and inspection)."""
        for blob in list(self.raw.values()):
            try:
                key = marshal.loads(blob)[0]
            except Exception:  # a damaged entry
                continue
            yield key

    def __len__(self) -> int:
        return len(self.raw)


def _digest(key: tuple[Any, ...]) -> bytes:
    # Of the key's text: the same in every run (marshal's bytes for a value can differ).
    return hashlib.blake2b(repr(key).encode(), digest_size=12).digest()


_programs: Programs | None = None
_changed = False


def _store_path() -> Path:
    # One file per Python build (and store format): two interpreters sharing the cache folder
    # would otherwise overwrite each other's store on every run, and neither would hit.
    tag = zlib.crc32(_VERSION.encode())
    return cache_dir() / f"programs-{sys.implementation.cache_tag}-{tag:08x}.marshal"


def programs() -> Programs:
    """The program store, read from its file on first use; empty when the file is missing,
    damaged or of another Python build."""
    global _programs
    if _programs is None:
        _programs = Programs()
        try:
            with open(_store_path(), "rb") as fh:
                version, raw = marshal.load(fh)
            if version == _VERSION and isinstance(raw, dict):
                _programs = Programs(raw)
        except Exception:  # missing, truncated or foreign: start afresh
            pass
    return _programs


def remember(key: tuple[Any, ...], program: Any) -> None:
    """Add a program (anything ``marshal`` keeps) to the store, which is written at exit."""
    global _changed
    programs()[key] = program
    if not _changed:
        _changed = True
        atexit.register(_save)


def _save() -> None:
    """Write the store (at exit, once, if this run added something), as the other caches are
    written: atomically, and any OSError leaves the old file."""
    if _programs is not None and _programs.raw:
        raw = _programs.raw
        _store(_store_path(), "programs", lambda fh: marshal.dump((_VERSION, raw), fh), binary=True)


_PACKAGE = __name__.partition(".")[0] + "."


def exec_cached(source: Any, globals: dict[str, Any] | None = None, locals: Any = None) -> None:
    """``exec(source, globals, locals)``; a string run in this package's modules is compiled
    once and its code kept in the program store. Standing for ``exec`` in ``dataclasses``
    (``zhen_tools/__init__.py`` puts it there), it runs the very code ``exec`` would compile from
    the same text (no future flags, file ``<string>``); the classes of other packages are left
    to ``exec``."""
    if (
        not isinstance(source, str)
        or not globals
        or not str(globals.get("__name__", "")).startswith(_PACKAGE)
    ):
        exec(source, globals, locals)
        return
    key = ("code", source)
    code = programs().get(key)
    if type(code) is not _CODE:
        code = compile(source, "<string>", "exec", dont_inherit=True)
        remember(key, code)
    exec(code, globals, locals)


_CODE = type(compile("", "<string>", "exec"))
