"""The check engine: inputs -> documents -> every selected rule by scope -> filtered, sorted findings.

``check()`` is the library entry point and returns exactly what ``zhen check`` reports (the CLI
calls ``run()``, which returns the same findings plus what the reporters need).

Inputs are paths (``str`` / ``os.PathLike``; directories are walked, ``-`` is standard input) or
texts that never touch the disk: a ``Document`` (``document_from_text(text, path="a.en.txt")``)
or a ``(name, text)`` tuple. A single path or Document may be passed on its own; anything else
is an iterable of such items, so ``("a.txt", "b.txt")`` is two paths and a ``(name, text)`` tuple
must be wrapped in a list: ``[("a.en.txt", text)]``.

>>> from zhen_tools.rules.registry import Rule
>>> def dashes(ctx):
...     i = ctx.text.find("--")
...     return [ctx.finding(i, i + 2, "x-dash", "double hyphen", severity="info")] if i >= 0 else []
>>> demo = {"x-dash": Rule("x-dash", Severity.INFO, "double hyphen", "", (("document", dashes),))}
>>> [(f.path, f.line, f.column, f.rule) for f in
...  check([("a.en.txt", "one\\ntwo -- three")], glossary=False, config=False, rules=demo)]
[('a.en.txt', 2, 5, 'x-dash')]

Read errors: ``check()`` raises the first ``DocumentError`` unless an ``errors`` list is passed, in
which case each unreadable input's error is appended there and the other inputs are still checked
(the CLI does this, prints each as one line on stderr and exits 2). A rule that crashes on some
input is handled the same way, as a ``CheckError``.

Glossary: ``None`` uses the config's ``glossaries``, else the bundled glossaries; a ``Glossary``
is used as is; a path or list of paths (files or folders) is loaded; ``False`` or an empty list
means no glossary (glossary rules then find nothing).

Config: ``None`` discovers ``zhen.toml`` / ``[tool.zhen]`` upward from the common folder of the
path inputs (the current directory if there are none); a ``Config``, or a path to a config file,
is used as given; ``False`` means defaults. ``select`` / ``ignore`` arguments (like the command-line
flags) win over the config: ``select`` replaces the config's ``select`` and ``ignore`` both,
``ignore`` replaces the config's ``ignore``.

Pairs (``zhen_tools.run.pairing``): sibling files ``NAME.zh.EXT`` + ``NAME.en.EXT``, explicit ``pairs``,
bilingual files (TSV/CSV, PO, XLIFF, TMX; ``columns`` picks TSV/CSV columns) and digest documents
are checked by the pair-scope rules. The document rules all judge English, so the Chinese side of
a pair (or any file named ``NAME.zh.EXT``) gets none of them, and a bilingual file is judged on its
target text only (findings point into the file itself):

>>> [(f.path, f.line, f.column) for f in check([("a.zh.txt", "甲--乙"), ("a.en.txt", "A -- B"),
...     ("t.tsv", "zh\\ten\\n甲--乙\\tA -- B\\n")], glossary=False, config=False, rules=demo)]
[('a.en.txt', 1, 3), ('t.tsv', 2, 8)]
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Union

from zhen_tools.config import (
    Config,
    ConfigError,
    find_config,
    load_config,
    resolve_selectors,
    selector_matches,
)
from zhen_tools.text.document import (
    Document,
    DocumentError,
    document_from_text,
    iter_paths,
    read_document,
)
from zhen_tools.findings import Finding, Severity, sort_key

if TYPE_CHECKING:
    from zhen_tools.formats import Unit
    from zhen_tools.rules.context import DocContext
    from zhen_tools.rules.registry import Rule
    from zhen_tools.glossary.model import Glossary

__all__ = [
    "CheckError",
    "CheckResult",
    "ConfigError",
    "Input",
    "bundled_glossary_paths",
    "check",
    "expand_inputs",
    "failing",
    "known_rule_ids",
    "match_pairs",
    "registered_rules",
    "resolve_config",
    "resolve_glossary",
    "run",
    "run_documents",
    "select_rules",
]

Input = Union[str, "os.PathLike[str]", Document, tuple[str, str]]
GlossaryArg = Union["Glossary", str, "os.PathLike[str]", Sequence[Union[str, "os.PathLike[str]"]], bool, None]
ConfigArg = Union[Config, str, "os.PathLike[str]", bool, None]


class CheckError(Exception):
    """A rule failed on some input; ``str()`` is one line naming the file and the rule."""


@dataclass
class CheckResult:
    """One run: findings in report order, the documents checked (by path), the input errors, the
    rules that ran, the glossary and config used."""

    findings: list[Finding]
    documents: dict[str, Document]
    errors: list[Exception]
    rules: dict[str, Rule]
    glossary: Glossary | None = None
    config: Config = field(default_factory=Config)

    @property
    def files(self) -> int:
        return len(self.documents)


# -- rules ----------------------------------------------------------------------------------------


def registered_rules() -> dict[str, Rule]:
    """Every registered rule by id (the rule modules and the engine's own ``unused-ignore``)."""
    import zhen_tools.run.suppress  # noqa: F401  (registers unused-ignore)
    from zhen_tools.rules.registry import all_rules

    return all_rules()


def known_rule_ids() -> set[str]:
    """Every registered rule id, including the engine's own ``unused-ignore``."""
    return set(registered_rules())


def select_rules(
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    config: Config | None = None,
    rules: Mapping[str, Rule] | None = None,
) -> dict[str, Rule]:
    """The rules to run, by id: selected (default all) minus ignored; selectors may be prefixes.

    >>> sorted(select_rules(["repeated"], [], rules={"repeated-text": 1, "punctuation": 2}))
    ['repeated-text']
    """
    rules = dict(registered_rules() if rules is None else rules)
    config = config or Config()
    sel: list[str] | None
    if select is not None:
        sel, ign = list(select), list(ignore or ())
    else:
        sel = list(config.select) if config.select is not None else None
        ign = list(ignore) if ignore is not None else list(config.ignore)
    chosen = set(rules) if sel is None else resolve_selectors(sel, rules)
    chosen -= resolve_selectors(ign, rules)
    return {k: rules[k] for k in sorted(chosen)}


# -- glossary -------------------------------------------------------------------------------------


def bundled_glossary_paths() -> list[str]:
    """The bundled glossary files (``zhen_tools.glossaries`` in a wheel, ``glossaries/`` in a checkout)."""
    from zhen_tools.glossary.load import bundled_glossary_paths as _bundled

    return [str(p) for p in _bundled()]


def resolve_glossary(glossary: GlossaryArg, config: Config) -> Glossary | None:
    """The Glossary for a run (see the module docstring); raises GlossaryError for a bad file."""
    if glossary is False:
        return None
    if glossary is None or glossary is True:
        paths: list[str] = list(config.glossaries) if config.glossaries is not None else bundled_glossary_paths()
    elif isinstance(glossary, (str, os.PathLike)):
        paths = [os.fspath(glossary)]
    elif isinstance(glossary, Sequence):
        paths = [os.fspath(p) for p in glossary]
    else:
        return glossary  # a Glossary object
    if not paths:
        return None
    from zhen_tools.glossary import load_glossary

    return load_glossary(paths)  # type: ignore[no-any-return]


# -- inputs ---------------------------------------------------------------------------------------


def _items(paths_or_texts: Input | Iterable[Input]) -> list[Input]:
    if isinstance(paths_or_texts, (str, os.PathLike, Document)):
        return [paths_or_texts]
    return list(paths_or_texts)  # type: ignore[arg-type]


def _config_start(items: Sequence[Input]) -> str:
    dirs = []
    for it in items:
        if isinstance(it, (str, os.PathLike)) and os.fspath(it) != "-":
            p = os.path.abspath(os.fspath(it))
            dirs.append(p if os.path.isdir(p) else os.path.dirname(p))
    if not dirs:
        return os.getcwd()
    try:
        return os.path.commonpath(dirs)
    except ValueError:  # different drives
        return os.getcwd()


def resolve_config(config: ConfigArg, items: Sequence[Input]) -> Config:
    if config is False:
        return Config()
    if config is None or config is True:
        return find_config(_config_start(items))
    if isinstance(config, Config):
        return config
    return load_config(config)


def expand_inputs(items: Sequence[Input], config: Config) -> list[str | Document]:
    """Paths to check (directories walked, ``include``/``exclude`` applied to walked files only;
    duplicates dropped) and in-memory Documents, in input order."""
    out: list[str | Document] = []
    seen: set[str] = set()
    for it in items:
        if isinstance(it, Document):
            out.append(it)
            continue
        if isinstance(it, tuple):
            name, text = it
            out.append(document_from_text(text, name))
            continue
        raw = os.fspath(it)
        walked = raw != "-" and os.path.isdir(raw)
        for p in iter_paths([raw]):
            key = p if p == "-" else os.path.normcase(os.path.abspath(p))
            if key in seen:
                continue
            if walked and not config.wants(p):
                continue
            seen.add(key)
            out.append(p)
    return out


# -- running rules --------------------------------------------------------------------------------

_WORKER: dict[str, Any] = {}
Columns = Sequence[str | int]
Item = Union[str, Document]


@dataclass(frozen=True)
class _Setup:
    """What checking one unit of inputs needs; sent once to each worker process.

    ``collect`` are the per-document parts of run-scope rules (``fn.collect``, see
    ``checks.registry``), computed where the document is analysed; ``pair_rules`` run on the
    pairs found inside a unit; ``explicit`` are the run's explicit (source, target) paths.
    """

    rules: Sequence[tuple[str, Callable[..., Iterable[Finding]]]]
    glossary: Glossary | None
    roles: Mapping[str, tuple[str, str]]  # path -> (pair side, how), from pairs.path_roles
    columns: tuple[str | int, ...] | None = None
    collect: Sequence[tuple[str, Callable[[DocContext], Any]]] = ()
    keep: bool = False  # run-scope rules need each document back, with what ``collect`` found
    pair_rules: Sequence[tuple[str, Callable[..., Iterable[Finding]]]] = ()
    explicit: Sequence[tuple[str, str]] = ()


@dataclass
class _Checked:
    """One input after its document rules.

    ``role`` is ``plain``, ``source`` (the Chinese side of a pair: no document rule ran),
    ``bilingual`` (rules read only the target text; ``units`` are its translation units) or
    ``broken`` (a bilingual file that could not be parsed: nothing ran). ``ctx`` is what the
    rules read (a bilingual file's target view); it leaves a unit as ``memos`` only (what the
    run-scope rules' ``collect`` found), and ``_restore`` rebuilds a context around them.
    """

    doc: Document | None
    findings: list[Finding]
    errors: list[Exception]
    role: str = "plain"
    units: list[Unit] | None = None
    ctx: DocContext | None = None
    memos: dict[str, Any] | None = None


@dataclass
class _UnitResult:
    """A unit of inputs after every document rule and every pair inside it: ``checked`` holds
    (input index, result); ``findings``/``errors`` are those of the pair-scope rules."""

    checked: list[tuple[int, _Checked]]
    findings: list[Finding]
    errors: list[Exception]


def _scope_rules(rules: Mapping[str, Rule], scope: str) -> list[tuple[str, Callable[..., Iterable[Finding]]]]:
    """(id, function) of the rules with an implementation for ``scope``."""
    return [(rid, fn) for rid, r in rules.items() if (fn := r.func(scope)) is not None]


def _doc_rules(rules: Mapping[str, Rule]) -> list[tuple[str, Callable[..., Iterable[Finding]]]]:
    out = []
    for rid, rule in rules.items():
        fn = rule.func("document")
        if fn is not None and rid != "unused-ignore":
            out.append((rid, fn))
    return out


def _context(doc: Document, glossary: Glossary | None) -> DocContext:
    from zhen_tools.rules.context import DocContext

    return DocContext(doc, glossary)


def _role(doc: Document, setup: _Setup) -> tuple[str, list[Unit] | None]:
    """The document's part in a pair: an explicit side, else a bilingual file (by reading it),
    else a sibling side; raises BilingualError for a bilingual file that cannot be parsed."""
    side = setup.roles.get(doc.path)
    if side is not None and side[1] == "explicit":
        return ("source" if side[0] == "source" else "plain"), None
    from zhen_tools.formats import bilingual_format, read_units

    if bilingual_format(doc.path) is not None:
        units = read_units(doc, setup.columns)
        if units is not None:
            return "bilingual", units
    if side is not None and side[0] == "source":
        return "source", None
    return "plain", None


def _check_one(item: Item, setup: _Setup) -> _Checked:
    from zhen_tools.formats import (
        BilingualError,
        in_regions,
        target_regions,
        target_view,
    )

    try:
        doc = item if isinstance(item, Document) else read_document(item)
    except DocumentError as exc:
        return _Checked(None, [], [exc])
    try:
        role, units = _role(doc, setup)
    except BilingualError as exc:
        # Which text is the source is unknown: judging it all as English would report the
        # Chinese side, so nothing runs on this file (the error says why, exit 2).
        return _Checked(doc, [], [exc], "broken")
    if role == "source":
        # Chinese by design: every document rule judges English text.
        return _Checked(doc, [], [], role, ctx=_context(doc, setup.glossary))
    ctx = _context(target_view(doc, units) if units is not None else doc, setup.glossary)
    findings: list[Finding] = []
    errors: list[Exception] = []
    for rid, fn in setup.rules:
        try:
            findings.extend(fn(ctx))
        except Exception as exc:  # one broken rule must not hide the other files' results
            errors.append(_rule_error(rid, doc.path, exc))
    for rid, collect in setup.collect:
        try:
            ctx.memo(rid, collect)
        except Exception as exc:
            errors.append(_rule_error(rid, doc.path, exc))
    if units is not None:
        regions = target_regions(units)
        findings = [f for f in findings if in_regions(f.start, f.end, regions)]
    return _Checked(doc, findings, errors, role, units, ctx)


def _rule_error(rid: str, where: str, exc: BaseException) -> CheckError:
    detail = str(exc).splitlines()[0] if str(exc) else ""
    return CheckError(f"{where}: rule {rid} failed: {type(exc).__name__}{': ' + detail if detail else ''}")


def _check_unit(unit: Sequence[tuple[int, Item]], setup: _Setup) -> _UnitResult:
    """Check the documents of one unit and every pair among them. Units are closed under
    pairing (``_units``), so the pairs found here are exactly those a whole-run pairing finds.
    What leaves the unit is small: findings, the documents, and the run-scope rules' memos --
    never the analyses (spans, tokens, matches), which would cost more to send back from a
    worker process than to compute."""
    checked = [(i, _check_one(item, setup)) for i, item in unit]
    findings: list[Finding] = []
    errors: list[Exception] = []
    if setup.pair_rules:
        ctxs = []
        units: dict[str, list[Unit] | None] = {}
        for _, out in checked:
            if out.doc is None or out.role == "broken" or out.doc.path in units:
                continue
            units[out.doc.path] = out.units
            ctx = out.ctx if out.ctx is not None and out.role != "bilingual" else None
            ctxs.append(ctx if ctx is not None else _context(out.doc, setup.glossary))
        paths = {c.doc.path for c in ctxs}
        explicit = [(s, t) for s, t in setup.explicit if s in paths and t in paths]
        findings = _pair_findings(setup, ctxs, explicit, units, errors)
    for _, out in checked:
        out.memos = dict(out.ctx.memos) if out.ctx is not None and setup.keep else None
        out.ctx = None
    return _UnitResult(checked, findings, errors)


def _pair_findings(
    setup: _Setup, ctxs: list[DocContext], explicit: Sequence[tuple[str, str]],
    units: Mapping[str, list[Unit] | None], errors: list[Exception],
) -> list[Finding]:
    from zhen_tools.run.inputs import find_pairs

    try:
        found = list(find_pairs(ctxs, explicit=list(explicit), columns=setup.columns, units=units))
    except Exception as exc:
        errors.append(_rule_error("pairing", "<run>", exc))
        return []
    out: list[Finding] = []
    for pair in found:
        for rid, fn in setup.pair_rules:
            try:
                out.extend(fn(pair))  # type: ignore[misc]
            except Exception as exc:
                errors.append(_rule_error(rid, _pair_name(pair), exc))
    return out


def _pair_name(pair: object) -> str:
    for a, b in (("source", "target"), ("src", "tgt")):
        s, t = getattr(pair, a, None), getattr(pair, b, None)
        if s is not None and t is not None:
            sp = getattr(getattr(s, "doc", s), "path", s)
            tp = getattr(getattr(t, "doc", t), "path", t)
            return f"{sp} + {tp}"
    return "<pair>"


def _units(items: Sequence[Item], setup: _Setup) -> list[list[tuple[int, Item]]]:
    """The inputs in units closed under pairing, in input order of their first member: each
    explicit pair's sides (chained through shared sides) and each group of paired siblings
    (``NAME.zh.EXT`` + ``NAME.en.EXT``) is one unit, every other input is a unit of its own (a
    bilingual file or a digest pairs with itself)."""
    from zhen_tools.run.inputs import sibling_key

    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    first: dict[str, int] = {}
    for i, it in enumerate(items):
        first.setdefault(it.path if isinstance(it, Document) else it, i)
    for s, t in setup.explicit:
        if s in first and t in first:
            union(first[s], first[t])
    groups: dict[tuple[str, str], int] = {}
    for path, i in first.items():
        role = setup.roles.get(path)
        key = sibling_key(path) if role is not None and role[1] == "sibling" else None
        if key is not None:
            union(groups.setdefault((key[0], key[2]), i), i)
    out: dict[int, list[tuple[int, Item]]] = {}
    for i, it in enumerate(items):
        out.setdefault(find(i), []).append((i, it))
    return list(out.values())


def _worker_init(setup: _Setup) -> None:
    _WORKER["setup"] = setup


def _worker_unit(unit: Sequence[tuple[int, Item]]) -> _UnitResult:
    return _check_unit(unit, _WORKER["setup"])


def _restore(out: _Checked, setup: _Setup) -> DocContext | None:
    """The context the run-scope rules see for a checked input (a bilingual file's target
    view), holding the memos its unit computed; None for an input that has none."""
    if out.doc is None or out.memos is None or out.role in ("source", "broken"):
        return None
    from zhen_tools.formats import target_view

    ctx = _context(target_view(out.doc, out.units) if out.units is not None else out.doc, setup.glossary)
    ctx.memos.update(out.memos)
    return ctx


def _jobs(jobs: int, n: int) -> int:
    if jobs <= 0:
        jobs = os.cpu_count() or 1
    return max(1, min(jobs, n))


def _check_units(
    units: list[list[tuple[int, Item]]],
    setup: _Setup,
    jobs: int,
    progress: Callable[[int, int], None] | None,
) -> Iterator[_UnitResult]:
    total = sum(len(u) for u in units)
    done = 0
    workers = _jobs(jobs, len(units))
    if workers == 1:
        for unit in units:
            yield _check_unit(unit, setup)
            done += len(unit)
            if progress:
                progress(done, total)
        return
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # Small chunks keep both processes busy to the end; not so small that messaging dominates.
    chunk = max(1, min(16, len(units) // (workers * 8)))
    with ProcessPoolExecutor(workers, initializer=_worker_init, initargs=(setup,)) as pool:
        try:
            for res in pool.map(_worker_unit, units, chunksize=chunk):
                yield res
                done += len(res.checked)
                if progress:
                    progress(done, total)
        except BrokenProcessPool:
            # A worker was killed (out of memory?): say so in one line instead of a traceback.
            yield _UnitResult([], [], [CheckError("a checking process died (out of memory?); try --jobs 1")])


def match_pairs(
    pairs: Sequence[tuple[str | os.PathLike[str], str | os.PathLike[str]]] | None,
    items: list[str | Document],
) -> list[tuple[str, str]]:
    """Explicit pairs with each side spelled as the matching input's path (added if missing)."""
    if not pairs:
        return []
    by_key: dict[str, str] = {}
    for it in items:
        p = it.path if isinstance(it, Document) else it
        by_key.setdefault(os.path.normcase(os.path.abspath(p)) if p != "-" else "-", p)
    out = []
    for src, tgt in pairs:
        sides = []
        for side in (os.fspath(src), os.fspath(tgt)):
            key = os.path.normcase(os.path.abspath(side)) if side != "-" else "-"
            if key not in by_key:
                by_key[key] = side
                items.append(side)
            sides.append(by_key[key])
        out.append((sides[0], sides[1]))
    return out


# -- the run --------------------------------------------------------------------------------------


def run(
    paths_or_texts: Input | Iterable[Input],
    glossary: GlossaryArg = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    *,
    config: ConfigArg = None,
    jobs: int = 1,
    pairs: Sequence[tuple[str | os.PathLike[str], str | os.PathLike[str]]] | None = None,
    columns: Columns | None = None,
    errors: list[Exception] | None = None,
    rules: Mapping[str, Rule] | None = None,
    warn_unused_ignores: bool | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> CheckResult:
    """Check the inputs; see ``check()``. Returns a CheckResult with everything a report needs."""
    items = _items(paths_or_texts)
    cfg = resolve_config(config, items)
    selected = select_rules(select, ignore, cfg, rules)
    gloss = resolve_glossary(glossary, cfg)
    inputs = expand_inputs(items, cfg)
    explicit = match_pairs(pairs, inputs)
    return run_documents(inputs, selected, gloss, cfg, jobs=jobs, pairs=explicit, columns=columns,
                         errors=errors, warn_unused_ignores=warn_unused_ignores, progress=progress)


def run_documents(
    inputs: list[str | Document],
    selected: Mapping[str, Rule],
    glossary: Glossary | None,
    cfg: Config,
    *,
    jobs: int = 1,
    pairs: Sequence[tuple[str, str]] = (),
    columns: Columns | None = None,
    errors: list[Exception] | None = None,
    warn_unused_ignores: bool | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> CheckResult:
    """Check resolved inputs (paths or Documents) with the given rules, glossary and config.

    ``pairs`` are explicit (source, target) paths spelled as in ``inputs`` (``match_pairs``);
    ``columns`` pick the (source, target) columns of TSV/CSV files.

    Every document rule judges English text, so none runs on a source (an explicit ``--source``,
    or a file named ``NAME.zh.EXT``, with or without its ``.en.`` sibling), and in a bilingual file
    (TSV/CSV, PO, XLIFF, TMX) they read a view of the file with everything but the target text
    blanked, and report only inside target text. Run-scope rules see the same: no source
    documents, bilingual files as their target view.
    """
    from zhen_tools.formats import in_regions, target_regions
    from zhen_tools.run.inputs import path_roles

    collect = errors is not None
    errs: list[Exception] = errors if errors is not None else []
    run_rules = _scope_rules(selected, "run")
    pair_rules = _scope_rules(selected, "pair")
    explicit = list(pairs)
    items: list[Item] = []
    early: list[Exception] = []
    for item in inputs:
        if item == "-":  # standard input can only be read here, never in a worker process
            try:
                item = read_document("-")
            except DocumentError as exc:
                early.append(exc)
                continue
        items.append(item)
    roles = path_roles([it.path if isinstance(it, Document) else it for it in items], explicit)
    setup = _Setup(
        _doc_rules(selected), glossary, roles, tuple(columns) if columns else None,
        collect=tuple((rid, fn.collect) for rid, fn in run_rules if hasattr(fn, "collect")),
        keep=bool(run_rules), pair_rules=tuple(pair_rules), explicit=tuple(explicit),
    )
    checked: list[_Checked | None] = [None] * len(items)
    findings: list[Finding] = []
    pair_errs: list[Exception] = []
    for res in _check_units(_units(items, setup), setup, jobs, progress):
        for i, out in res.checked:
            checked[i] = out
        findings.extend(res.findings)
        pair_errs.extend(res.errors)
    docs: dict[str, Document] = {}
    rule_ctxs: list[DocContext] = []  # what run-scope rules see
    regions: dict[str, list[tuple[int, int]]] = {}
    if early:
        if not collect:
            raise early[0]
        errs.extend(early)
    for maybe in checked:
        if maybe is None:
            continue
        out = maybe
        if out.errors:
            if not collect:
                raise out.errors[0]
            errs.extend(out.errors)
        doc = out.doc
        if doc is None or doc.path in docs:
            continue
        docs[doc.path] = doc
        findings.extend(out.findings)
        if out.units is not None:
            regions[doc.path] = target_regions(out.units)
        ctx = _restore(out, setup)
        if ctx is not None:
            rule_ctxs.append(ctx)
    for rid, fn in run_rules:
        try:
            found = list(fn(rule_ctxs))  # type: ignore[misc]
        except Exception as exc:
            if not collect:
                raise
            errs.append(_rule_error(rid, "<run>", exc))
            continue
        findings.extend(f for f in found
                        if f.path not in regions or in_regions(f.start, f.end, regions[f.path]))
    if pair_errs and not collect:
        raise pair_errs[0]
    errs.extend(pair_errs)
    warn = cfg.warn_unused_ignores if warn_unused_ignores is None else warn_unused_ignores
    final = _filter(findings, docs, selected, cfg, warn and "unused-ignore" in selected)
    return CheckResult(final, docs, errs, dict(selected), glossary, cfg)


def _filter(
    findings: list[Finding], docs: Mapping[str, Document], selected: Mapping[str, Rule],
    cfg: Config, report_unused: bool,
) -> list[Finding]:
    """Drop findings of unselected rules, per-file ignores and inline suppressions; add unused
    suppressions; apply severity overrides; remove exact duplicates; sort into report order."""
    from zhen_tools.run.suppress import apply_suppressions

    by_path: dict[str, list[Finding]] = {}
    for f in findings:
        if f.rule in selected:
            by_path.setdefault(f.path, []).append(f)
    if report_unused:
        for path in docs:
            by_path.setdefault(path, [])
    out: list[Finding] = []
    for path, group in by_path.items():
        off = cfg.ignored_rules(path)
        if off:
            group = [f for f in group if not any(selector_matches(s, f.rule) for s in off)]
        doc = docs.get(path)
        if doc is not None:
            active = [r for r in selected if not any(selector_matches(s, r) for s in off)]
            group, unused = apply_suppressions(doc, group, active_rules=active, report_unused=report_unused)
            if not any(selector_matches(s, "unused-ignore") for s in off):
                group.extend(unused)
        out.extend(group)
    if cfg.severity:
        out = [
            dataclasses.replace(f, severity=sev) if (sev := cfg.severity_for(f.rule)) and sev != f.severity else f
            for f in out
        ]
    return sorted(set(out), key=sort_key)


def check(
    paths_or_texts: Input | Iterable[Input],
    glossary: GlossaryArg = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    *,
    config: ConfigArg = None,
    jobs: int = 1,
    pairs: Sequence[tuple[str | os.PathLike[str], str | os.PathLike[str]]] | None = None,
    columns: Columns | None = None,
    errors: list[Exception] | None = None,
    rules: Mapping[str, Rule] | None = None,
    warn_unused_ignores: bool | None = None,
) -> list[Finding]:
    """The findings ``zhen check`` would report for these inputs, in report order.

    ``jobs`` > 1 checks documents in that many processes (0: one per CPU) with identical results.
    ``pairs`` are explicit (source, target) path pairs; ``columns`` the (source, target) columns
    of TSV/CSV files, each a header name or 1-based number (default: columns named like
    ``zh``/``en``, ``source``/``target``). ``rules`` replaces the registry (for tests and
    embedding). See the module docstring for inputs, glossary, config, errors and pairs.
    """
    return run(paths_or_texts, glossary, select, ignore, config=config, jobs=jobs, pairs=pairs,
               columns=columns, errors=errors, rules=rules,
               warn_unused_ignores=warn_unused_ignores).findings


def failing(findings: Iterable[Finding], fail_on: Severity) -> bool:
    """Whether any finding is at or above ``fail_on``."""
    return any(f.severity.rank >= fail_on.rank for f in findings)

