"""``zhen check PATH...``: run the rules, optionally fix, and report in text, JSON, SARIF or GitHub form.

Exit status: 0 when no finding is at or above the failing severity (``--fail-on``, default the
config's ``fail-on``, else ``error``), 1 when one is, 2 for a usage, config, glossary or input
error (the other files are still checked and reported). ``--exit-zero`` turns 1 into 0.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping
from typing import Any

from zhen_tools.cli.common import error

FORMATS = ("text", "json", "sarif", "github")


def _rule_list(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("must be 0 (one per CPU) or more")
    return n


def _columns(value: str) -> tuple[str | int, str | int]:
    """``SRC,TGT``: two header names or 1-based column numbers."""
    parts = [v.strip() for v in value.split(",")]
    if len(parts) != 2 or not all(parts):
        raise argparse.ArgumentTypeError("give two columns, source then target: SRC,TGT")
    out: list[str | int] = []
    for part in parts:
        if part.isdigit():
            if int(part) < 1:
                raise argparse.ArgumentTypeError("column numbers start at 1")
            out.append(int(part))
        else:
            out.append(part)
    return out[0], out[1]


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    p = sub.add_parser(
        "check",
        help="check English translations: untranslated text, glossary names, punctuation, pairs",
        description="Check documents and report findings. Directories are walked; - reads stdin.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--glossary", action="append", default=None, metavar="PATH",
                   help="glossary file or folder (repeatable); replaces the configured/bundled ones")
    p.add_argument("--no-glossary", action="store_true", help="use no glossary at all")
    p.add_argument("--config", metavar="FILE", help="config file (default: nearest zhen.toml or [tool.zhen])")
    p.add_argument("--no-config", action="store_true", help="ignore config files")
    p.add_argument("--format", choices=FORMATS, default="text")
    p.add_argument("--select", action="append", type=_rule_list, default=None, metavar="RULE,...",
                   help="only these rules (ids or prefixes such as 'glossary'); replaces the config's select/ignore")
    p.add_argument("--ignore", action="append", type=_rule_list, default=None, metavar="RULE,...",
                   help="skip these rules (ids or prefixes); replaces the config's ignore")
    p.add_argument("--fix", action="store_true", help="apply unambiguous suggestions in place")
    p.add_argument("--diff", action="store_true",
                   help="print the fixes as a unified diff instead of writing them (exit 1 if any)")
    p.add_argument("--jobs", "-j", type=_jobs, default=1, metavar="N",
                   help="check files in N processes (0: one per CPU)")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings (not on input errors)")
    p.add_argument("--fail-on", choices=("error", "warning", "info"), default=None,
                   help="lowest severity that makes the exit status 1 (default: error)")
    p.add_argument("--warn-unused-ignores", action="store_true", default=None,
                   help="report zhen: ignore comments that suppress nothing (rule unused-ignore)")
    p.add_argument("--source", metavar="SRC", help="source document of an explicit pair (with --target)")
    p.add_argument("--target", metavar="TGT", help="target document of an explicit pair (with --source)")
    p.add_argument("--columns", type=_columns, default=None, metavar="SRC,TGT",
                   help="source and target columns of TSV/CSV files: header names or 1-based numbers "
                        "(default: columns headed zh/en, source/target ...)")
    return p


def _flatten(lists: list[list[str]] | None) -> list[str] | None:
    return None if lists is None else [x for sub in lists for x in sub]


def run(args: argparse.Namespace) -> int:
    from zhen_tools.config import ConfigError
    from zhen_tools.run.engine import (
        expand_inputs,
        failing,
        match_pairs,
        resolve_config,
        resolve_glossary,
        run_documents,
        select_rules,
    )
    from zhen_tools.findings import Severity
    from zhen_tools.glossary import GlossaryError

    if (args.source is None) != (args.target is None):
        error("check: --source and --target go together")
        return 2
    if not args.paths and args.source is None:
        error("check: no PATH given (use - for standard input)")
        return 2
    items: list[Any] = list(args.paths)
    try:
        cfg = resolve_config(False if args.no_config else args.config, items)
        selected = select_rules(_flatten(args.select), _flatten(args.ignore), cfg)
        glossary_arg: Any = False if args.no_glossary else args.glossary
        glossary = resolve_glossary(glossary_arg, cfg)
    except (ConfigError, GlossaryError) as exc:
        for line in str(exc).splitlines() or [type(exc).__name__]:
            error(line)
        return 2
    except OSError as exc:  # a glossary path that cannot be read, if the loader lets it through
        error(f"{exc.filename or ''}: {exc.strerror or exc}")
        return 2
    inputs = expand_inputs(items, cfg)
    pairs = match_pairs([(args.source, args.target)] if args.source else None, inputs)
    if not inputs:
        error("check: no files to check")
        return 2
    columns = args.columns

    from zhen_tools.run.progress import Progress

    progress = Progress(sys.stderr)
    errors: list[Exception] = []
    failed_writes = False
    try:
        if args.fix or args.diff:
            from zhen_tools.run.fix import fix_run

            extra: dict[str, Any] = {"columns": columns} if columns else {}
            outcome = fix_run(inputs, selected, glossary, cfg, jobs=args.jobs, pairs=pairs, errors=errors,
                              warn_unused_ignores=args.warn_unused_ignores, progress=progress, **extra)
        else:
            result = run_documents(inputs, selected, glossary, cfg, jobs=args.jobs, pairs=pairs,
                                   columns=columns, errors=errors,
                                   warn_unused_ignores=args.warn_unused_ignores, progress=progress)
    finally:
        progress.close()
    for err in errors:
        error(str(err))

    if args.diff:
        from zhen_tools.run.fix import unified_diff

        changed = outcome.changed()
        for path in changed:
            sys.stdout.write(unified_diff(outcome.originals[path], outcome.fixed[path].text))
        for plan in outcome.last:
            _print_lines(_skipped(plan), sys.stderr)
        if errors:
            return 2
        return 1 if changed and not args.exit_zero else 0

    if args.fix:
        result, failed_writes = _write_fixes(outcome, sys.stdout if args.format == "text" else sys.stderr)

    from zhen_tools.report import Report

    fail_on = Severity(args.fail_on) if args.fail_on else cfg.fail_on
    report = Report(
        findings=tuple(result.findings),
        files=result.files,
        documents=result.documents,
        rules=result.rules,
        signature=_signature(result, args.format),
    )
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    out = _render(report, args.format, color)
    if out:
        sys.stdout.write(out if out.endswith("\n") else out + "\n")
    sys.stdout.flush()
    if errors or failed_writes:
        return 2
    if args.exit_zero:
        return 0
    return 1 if failing(result.findings, fail_on) else 0


def _skipped(plan: Any) -> list[str]:
    from zhen_tools.run.fix import skipped_lines

    return skipped_lines(plan)


def _print_lines(lines: list[str], stream: Any) -> None:
    for line in lines:
        print(line, file=stream)


def _write_fixes(outcome: Any, stream: Any) -> tuple[Any, bool]:
    """Write every changed file; report each fix; a file that cannot be written keeps its original
    findings in the report. Returns (result to report, whether a write failed)."""
    import dataclasses

    from zhen_tools.run.fix import FixError, fix_lines, write_atomic

    failed: set[str] = set()
    for path in outcome.changed():
        new = outcome.fixed[path]
        if path == "-":
            error("-: cannot fix standard input in place (use --diff)")
            failed.add(path)
            continue
        try:
            write_atomic(path, new.encode())
        except FixError as exc:
            error(str(exc))
            failed.add(path)
        except UnicodeEncodeError as exc:
            error(f"{path}: the fixed text cannot be written in {new.encoding} ({exc.reason}); file left unchanged")
            failed.add(path)
    for plan in outcome.plans:
        if plan.doc.path not in failed:
            _print_lines(fix_lines(plan), stream)
    for plan in outcome.last:
        _print_lines(_skipped(plan), stream)
    result = outcome.result
    if failed:
        first = outcome.first
        findings = [f for f in result.findings if f.path not in failed]
        findings += [f for f in first.findings if f.path in failed]
        from zhen_tools.findings import sort_key

        docs = {p: (outcome.originals[p] if p in failed else d) for p, d in result.documents.items()}
        result = dataclasses.replace(result, findings=sorted(findings, key=sort_key), documents=docs)
    return result, bool(failed)


def _signature(result: Any, fmt: str) -> dict[str, Any]:
    """The run signature for the formats that carry one (reading package metadata costs time)."""
    if fmt not in ("json", "sarif"):
        return {}
    from zhen_tools.report.signature import signature

    return signature(getattr(result.glossary, "sources", ()) or ())


def _render(report: Any, fmt: str, color: bool) -> str:
    from zhen_tools.report import render

    try:
        return render(report, fmt, color=color)
    except ModuleNotFoundError as exc:
        if exc.name != f"zhen_tools.report.{fmt}":
            raise
    return _fallback(report, fmt)


def _fallback(report: Any, fmt: str) -> str:
    """Minimal output while a reporter module is missing: JSON per the contract, else text lines."""
    if fmt == "json":
        by_rule: dict[str, int] = {}
        for f in report.findings:
            by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
        doc: Mapping[str, Any] = {
            "findings": [f.to_json() for f in report.findings],
            "summary": {"files": report.files, "findings": len(report.findings), "by_rule": by_rule},
        }
        return json.dumps(doc, ensure_ascii=False, indent=1)
    return "".join(f"{f.path}:{f.line}:{f.column}: {f.rule} {f.message}\n" for f in report.findings)
