"""RunOptions: every setting of a check run in one frozen object, built once (by the CLI from its
arguments, or by a library caller) and passed down unchanged.

>>> RunOptions(select=["glossary"], columns=["zh", 3]).select, RunOptions(columns=["zh", 3]).columns
(('glossary',), ('zh', 3))
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

from zhen_tools.config import Config

if TYPE_CHECKING:
    from zhen_tools.glossary.model import Glossary
    from zhen_tools.rules.registry import Rule

__all__ = ["ConfigArg", "GlossaryArg", "RunOptions"]

GlossaryArg = Union["Glossary", str, "os.PathLike[str]", Sequence[Union[str, "os.PathLike[str]"]], bool, None]
ConfigArg = Union[Config, str, "os.PathLike[str]", bool, None]
PathPair = tuple[Union[str, "os.PathLike[str]"], Union[str, "os.PathLike[str]"]]


@dataclass(frozen=True)
class RunOptions:
    """How to check (see ``zhen_tools.run`` for what each setting means).

    ``glossary``: None for the config's glossaries (else the bundled ones), a Glossary, a path or
    paths, or False for none. ``select``/``ignore``: rule ids or prefixes (a string is one),
    winning over the config's. ``config``: None to discover it, a Config or a path, False for defaults. ``jobs``:
    processes (0: one per CPU). ``pairs``: explicit (source, target) paths. ``columns``: the
    (source, target) columns of TSV/CSV files. ``rules``: replaces the registry (tests,
    embedding). ``warn_unused_ignores``: None follows the config. ``keep_pairs``: keep each
    pair's beads in ``CheckResult.pairs`` (for the HTML report's side-by-side view). ``baseline``:
    the baseline file in use, which a directory walk leaves out (it is not a translation).
    ``output``: the file this run's report goes to (``zhen check -o``), left out likewise: the
    last run's report is not a translation either.
    ``max_file_size``: the most bytes one input may hold (0: no limit; None follows the config,
    else 50 MB).
    ``fields``: (field, JSON key)
    renamings of record fields (``id``, ``source``, ``target``, ``doc``). ``engine``: ``local``
    (this process or ``jobs`` processes) or ``dask`` (JSONL input on a Dask cluster at
    ``scheduler``, else a LocalCluster of ``jobs`` workers). ``rendering_sample``: locations of
    each spelling that the inconsistent-rendering state keeps in record runs (it bounds the
    state by the number of distinct names; files keep them all).
    """

    glossary: GlossaryArg = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    config: ConfigArg = None
    jobs: int = 1
    pairs: tuple[PathPair, ...] = ()
    columns: tuple[str | int, ...] | None = None
    rules: Mapping[str, Rule] | None = None
    warn_unused_ignores: bool | None = None
    keep_pairs: bool = False
    baseline: str | None = None
    output: str | None = None
    max_file_size: int | None = None
    # Records (JSONL, ``check_pairs``) and engines; see ``zhen_tools.run.stream``.
    fields: tuple[tuple[str, str], ...] | None = None
    engine: str = "local"
    scheduler: str | None = None
    rendering_sample: int = 10

    def __post_init__(self) -> None:
        # Accept any iterable from callers (a string is one selector); keep tuples, so the object
        # stays immutable. A value no run could use is a ValueError here, naming the setting,
        # rather than a puzzling error deep in the run.
        for name in ("select", "ignore"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, (value,) if isinstance(value, str) else tuple(value))
        object.__setattr__(self, "pairs", tuple(tuple(p) for p in self.pairs or ()))
        if any(len(p) != 2 for p in self.pairs):
            raise ValueError(f"pairs: each pair is (source, target), got {self.pairs!r}")
        object.__setattr__(self, "columns", tuple(self.columns) if self.columns else None)
        if self.columns is not None and len(self.columns) != 2:
            raise ValueError(f"columns: (source, target), two names or 1-based numbers, got {self.columns!r}")
        for name in ("jobs", "max_file_size", "rendering_sample"):
            value = getattr(self, name)
            if value is None and name == "max_file_size":
                continue
            if type(value) is not int or value < 0:
                raise ValueError(f"{name}: a whole number, 0 or more, got {value!r}")
        if self.fields is not None:
            f = self.fields.items() if isinstance(self.fields, Mapping) else self.fields
            object.__setattr__(self, "fields", tuple((str(k), str(v)) for k, v in f))
        if self.engine not in ("local", "dask"):
            raise ValueError(f"unknown engine {self.engine!r} (local or dask)")
        g = self.glossary
        if isinstance(g, Sequence) and not isinstance(g, (str, tuple)):
            object.__setattr__(self, "glossary", tuple(g))
