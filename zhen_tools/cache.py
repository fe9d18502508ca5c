"""A small best-effort disk cache for data derived from glossaries by slow libraries.

Loading pypinyin's tables (~0.25 s) or the confusables table (~0.05 s) to derive a handful of
strings per glossary entry is work a pre-commit hook should do once per glossary change, not on
every run. Values are JSON, keyed by a hash of everything they depend on; any OSError or bad
file means "compute it again", never an error. The folder is ``$ZHEN_CACHE_DIR``, else
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
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["cache_dir", "cached_json"]


def cache_dir() -> Path:
    env = os.environ.get("ZHEN_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "zhen_tools"


def cached_json(kind: str, key: Any, compute: Callable[[], Any]) -> Any:
    """``compute()``, or its earlier result stored under ``kind`` and the JSON of ``key``."""
    digest = hashlib.sha256(json.dumps(key, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
    path = cache_dir() / f"{kind}-{digest[:24]}.json"
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)["value"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    value = compute()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{kind}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"value": value}, fh, ensure_ascii=False)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass
    return value
