"""A small best-effort disk cache for data derived from glossaries by slow libraries.

Loading pypinyin's tables (~0.25 s) or the confusables table (~0.05 s) to derive a handful of
strings per glossary entry is work a pre-commit hook should do once per glossary change, not on
every run. Values are JSON (``cached_json``) or, for large tables only this package writes and reads,
pickles (``cached_pickle``: jieba's prefix dictionary, 0.2 s to load instead of jieba's own
0.7 s marshal cache in the shared temporary folder). Each is keyed by a hash of everything it
depends on; any OSError or bad file means "compute it again", never an error. The folder is ``$ZHEN_CACHE_DIR``, else
``$XDG_CACHE_HOME/zhen_tools``, else ``~/.cache/zhen_tools``.

>>> import tempfile, os
>>> os.environ["ZHEN_CACHE_DIR"] = tempfile.mkdtemp()
>>> cached_json("demo", ["a", 1], lambda: {"x": [1, 2]})
{'x': [1, 2]}
>>> cached_json("demo", ["a", 1], lambda: 1 / 0)  # read back, not recomputed
{'x': [1, 2]}
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["cache_dir", "cached_json", "cached_pickle"]


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
