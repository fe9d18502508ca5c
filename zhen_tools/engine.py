"""The check engine: inputs -> documents -> every selected rule by scope -> filtered, sorted findings.

``check()`` is the library entry point and returns exactly what ``zhen check`` reports (the CLI
calls ``run()``, which returns the same findings plus what the reporters need).

Inputs are paths (``str`` / ``os.PathLike``; directories are walked, ``-`` is standard input) or
texts that never touch the disk: a ``Document`` (``document_from_text(text, path="a.en.txt")``)
or a ``(name, text)`` tuple. A single path or Document may be passed on its own; anything else
is an iterable of such items, so ``("a.txt", "b.txt")`` is two paths and a ``(name, text)`` tuple
must be wrapped in a list: ``[("a.en.txt", text)]``.

>>> from zhen_tools.checks.registry import Rule
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
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Union

from zhen_tools.config import Config, ConfigError, find_config, load_config, resolve_selectors, selector_matches
from zhen_tools.document import Document, DocumentError, document_from_text, iter_paths, read_document
from zhen_tools.findings import Finding, Severity, sort_key

if TYPE_CHECKING:
    from zhen_tools.checks.context import DocContext
    from zhen_tools.checks.registry import Rule
    from zhen_tools.glossary.model import Glossary

__all__ = [
    "CheckError",
    "CheckResult",
    "Input",
    "check",
    "run",
    "known_rule_ids",
    "registered_rules",
    "select_rules",
    "resolve_glossary",
    "bundled_glossary_paths",
    "ConfigError",
    "expand_inputs",
    "resolve_config",
    "run_documents",
    "failing",
    "match_pairs",
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
    import zhen_tools.suppress  # noqa: F401  (registers unused-ignore)
    from zhen_tools.checks.registry import all_rules

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

_Outcome = tuple[Document | None, list[Finding], list[Exception], dict[str, Any] | None]
_WORKER: dict[str, Any] = {}


def _doc_rules(rules: Mapping[str, Rule]) -> list[tuple[str, Callable[..., Iterable[Finding]]]]:
    out = []
    for rid, rule in rules.items():
        fn = rule.func("document")
        if fn is not None and rid != "unused-ignore":
            out.append((rid, fn))
    return out


def _context(doc: Document, glossary: Glossary | None) -> DocContext:
    from zhen_tools.checks.context import DocContext

    return DocContext(doc, glossary)


def _check_one(
    item: str | Document,
    doc_rules: Sequence[tuple[str, Callable[..., Iterable[Finding]]]],
    glossary: Glossary | None,
    keep: bool,
) -> tuple[Document | None, list[Finding], list[Exception], DocContext | None]:
    try:
        doc = item if isinstance(item, Document) else read_document(item)
    except DocumentError as exc:
        return None, [], [exc], None
    ctx = _context(doc, glossary)
    findings: list[Finding] = []
    errors: list[Exception] = []
    for rid, fn in doc_rules:
        try:
            findings.extend(fn(ctx))
        except Exception as exc:  # one broken rule must not hide the other files' results
            errors.append(_rule_error(rid, doc.path, exc))
    return doc, findings, errors, (ctx if keep else None)


def _rule_error(rid: str, where: str, exc: BaseException) -> CheckError:
    detail = str(exc).splitlines()[0] if str(exc) else ""
    return CheckError(f"{where}: rule {rid} failed: {type(exc).__name__}{': ' + detail if detail else ''}")


def _worker_init(doc_rules: list[tuple[str, Callable[..., Iterable[Finding]]]],
                 glossary: Glossary | None, keep: bool) -> None:
    _WORKER.update(rules=doc_rules, glossary=glossary, keep=keep)


def _worker_check(item: str | Document) -> _Outcome:
    doc, findings, errors, ctx = _check_one(item, _WORKER["rules"], _WORKER["glossary"], _WORKER["keep"])
    cache = None
    if ctx is not None:
        # What the document rules already computed (spans, tokens, glossary matches) goes back
        # so the run- and pair-scope rules in the parent do not compute it again.
        cache = {k: v for k, v in vars(ctx).items() if k not in ("doc", "glossary")}
    return doc, findings, errors, cache


def _jobs(jobs: int, n: int) -> int:
    if jobs <= 0:
        jobs = os.cpu_count() or 1
    return max(1, min(jobs, n))


def _check_documents(
    items: list[str | Document],
    doc_rules: list[tuple[str, Callable[..., Iterable[Finding]]]],
    glossary: Glossary | None,
    keep: bool,
    jobs: int,
    progress: Callable[[int, int], None] | None,
) -> Iterator[tuple[Document | None, list[Finding], list[Exception], DocContext | None]]:
    total = len(items)
    workers = _jobs(jobs, total)
    if workers == 1:
        for i, item in enumerate(items):
            yield _check_one(item, doc_rules, glossary, keep)
            if progress:
                progress(i + 1, total)
        return
    # Standard input can only be read here, in the parent.
    pre: list[str | Document] = []
    early: list[Exception] = []
    for item in items:
        if item == "-":
            try:
                pre.append(read_document("-"))
            except DocumentError as exc:
                early.append(exc)
                continue
        else:
            pre.append(item)
    if early:
        yield None, [], early, None
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # Small chunks keep both processes busy to the end; not so small that messaging dominates.
    chunk = max(1, min(16, len(pre) // (workers * 8)))
    with ProcessPoolExecutor(workers, initializer=_worker_init, initargs=(doc_rules, glossary, keep)) as pool:
        try:
            for i, (doc, findings, errors, cache) in enumerate(pool.map(_worker_check, pre, chunksize=chunk)):
                ctx = None
                if doc is not None and keep:
                    ctx = _context(doc, glossary)
                    vars(ctx).update(cache or {})
                yield doc, findings, errors, ctx
                if progress:
                    progress(i + 1, total)
        except BrokenProcessPool:
            # A worker was killed (out of memory?): say so in one line instead of a traceback.
            yield None, [], [CheckError("a checking process died (out of memory?); try --jobs 1")], None


def _pair_findings(
    rules: Mapping[str, Rule], ctxs: list[DocContext], pairs: Sequence[tuple[str, str]] | None,
    errors: list[Exception],
) -> list[Finding]:
    pair_rules = [(rid, r.func("pair")) for rid, r in rules.items() if r.func("pair") is not None]
    if not pair_rules:
        return []
    try:
        from zhen_tools.pairs import find_pairs  # type: ignore[import-not-found,unused-ignore]
    except ModuleNotFoundError as exc:
        if exc.name != "zhen_tools.pairs":
            raise
        return []  # pairing not available yet: no pair findings
    try:
        found = list(find_pairs(ctxs, explicit=list(pairs or ())))
    except Exception as exc:
        errors.append(_rule_error("pairing", "<run>", exc))
        return []
    out: list[Finding] = []
    for pair in found:
        for rid, fn in pair_rules:
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
    return run_documents(inputs, selected, gloss, cfg, jobs=jobs, pairs=explicit, errors=errors,
                         warn_unused_ignores=warn_unused_ignores, progress=progress)


def run_documents(
    inputs: list[str | Document],
    selected: Mapping[str, Rule],
    glossary: Glossary | None,
    cfg: Config,
    *,
    jobs: int = 1,
    pairs: Sequence[tuple[str, str]] = (),
    errors: list[Exception] | None = None,
    warn_unused_ignores: bool | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> CheckResult:
    """Check resolved inputs (paths or Documents) with the given rules, glossary and config."""
    collect = errors is not None
    errs: list[Exception] = errors if errors is not None else []
    doc_rules = _doc_rules(selected)
    run_rules = [(rid, r.func("run")) for rid, r in selected.items() if r.func("run") is not None]
    has_pair = any(r.func("pair") is not None for r in selected.values())
    keep = bool(run_rules) or has_pair
    docs: dict[str, Document] = {}
    ctxs: list[DocContext] = []
    findings: list[Finding] = []
    for doc, found, doc_errs, ctx in _check_documents(inputs, doc_rules, glossary, keep, jobs, progress):
        if doc_errs:
            if not collect:
                raise doc_errs[0]
            errs.extend(doc_errs)
        if doc is None or doc.path in docs:
            continue
        docs[doc.path] = doc
        findings.extend(found)
        if ctx is not None:
            ctxs.append(ctx)
    for rid, fn in run_rules:
        try:
            findings.extend(fn(ctxs))  # type: ignore[misc]
        except Exception as exc:
            if not collect:
                raise
            errs.append(_rule_error(rid, "<run>", exc))
    if has_pair:
        pair_errs: list[Exception] = []
        findings.extend(_pair_findings(selected, ctxs, pairs, pair_errs))
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
    from zhen_tools.suppress import apply_suppressions

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
    errors: list[Exception] | None = None,
    rules: Mapping[str, Rule] | None = None,
    warn_unused_ignores: bool | None = None,
) -> list[Finding]:
    """The findings ``zhen check`` would report for these inputs, in report order.

    ``jobs`` > 1 checks documents in that many processes (0: one per CPU) with identical results.
    ``pairs`` are explicit (source, target) path pairs. ``rules`` replaces the registry (for tests
    and embedding). See the module docstring for inputs, glossary, config and errors.
    """
    return run(paths_or_texts, glossary, select, ignore, config=config, jobs=jobs, pairs=pairs,
               errors=errors, rules=rules, warn_unused_ignores=warn_unused_ignores).findings


def failing(findings: Iterable[Finding], fail_on: Severity) -> bool:
    """Whether any finding is at or above ``fail_on``."""
    return any(f.severity.rank >= fail_on.rank for f in findings)

