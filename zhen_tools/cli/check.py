"""``zhen check PATH...``: run the rules, optionally fix, and report in text, JSON, SARIF, GitHub or HTML form.

Exit status: 0 when no finding is at or above the failing severity (``--fail-on``, default the
config's ``fail-on``, else ``error``), 1 when one is, 2 for a usage, config, glossary or input
error (the other files are still checked and reported). ``--exit-zero`` turns 1 into 0.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import sys
from typing import TYPE_CHECKING, Any, TextIO

from zhen_tools.cli import to_stdout
from zhen_tools.cli.common import error
from zhen_tools.config import ConfigError, parse_size
from zhen_tools.findings import Finding, Severity, sort_key
from zhen_tools.formats import BilingualError
from zhen_tools.glossary import GlossaryError
from zhen_tools.report import Report, write
from zhen_tools.run import CheckResult, RunOptions, failing
from zhen_tools.run import run as run_check
from zhen_tools.run.execute import RuleError
from zhen_tools.run.progress import Progress

if TYPE_CHECKING:
    from zhen_tools.run.baseline import Entry
    from zhen_tools.run.fix import FixOutcome

# JSONL records, --fix/--diff, baselines and the JSON/SARIF signature are imported where a run
# asks for them: most runs (a pre-commit hook on a few files) need none, and together they were
# ~8 ms of every start.

FORMATS = ("text", "json", "sarif", "github", "html", "jsonl")


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


def _size(value: str) -> int:
    try:
        return parse_size(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


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


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "check",
        help="check English translations: untranslated text, glossary names, punctuation, pairs",
        description="Check documents and report findings. Directories are walked; - reads stdin.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument(
        "--glossary",
        action="append",
        default=None,
        metavar="PATH",
        help="glossary file or folder (repeatable); replaces the configured/bundled ones",
    )
    p.add_argument("--no-glossary", action="store_true", help="use no glossary at all")
    p.add_argument("--config", metavar="FILE", help="config file (default: nearest zhen.toml or [tool.zhen])")
    p.add_argument("--no-config", action="store_true", help="ignore config files")
    p.add_argument("--format", choices=FORMATS, default="text")
    p.add_argument(
        "--select",
        action="append",
        type=_rule_list,
        default=None,
        metavar="RULE,...",
        help="only these rules (ids or prefixes such as 'glossary'); replaces the config's select/ignore",
    )
    p.add_argument(
        "--ignore",
        action="append",
        type=_rule_list,
        default=None,
        metavar="RULE,...",
        help="skip these rules (ids or prefixes); replaces the config's ignore",
    )
    p.add_argument("--fix", action="store_true", help="apply unambiguous suggestions in place")
    p.add_argument(
        "--diff",
        action="store_true",
        help="print the fixes as a unified diff instead of writing them (exit 1 if any)",
    )
    p.add_argument(
        "--jobs", "-j", type=_jobs, default=1, metavar="N", help="check files in N processes (0: one per CPU)"
    )
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings (not on input errors)")
    p.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        default=None,
        help="lowest severity that makes the exit status 1 (default: error)",
    )
    p.add_argument(
        "--warn-unused-ignores",
        action="store_true",
        default=None,
        help="report zhen: ignore comments that suppress nothing (rule unused-ignore)",
    )
    p.add_argument("--source", metavar="SRC", help="source document of an explicit pair (with --target)")
    p.add_argument("--target", metavar="TGT", help="target document of an explicit pair (with --source)")
    p.add_argument(
        "--columns",
        type=_columns,
        default=None,
        metavar="SRC,TGT",
        help="source and target columns of TSV/CSV files: header names or 1-based numbers "
        "(default: columns headed zh/en, source/target ...)",
    )
    p.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    p.add_argument(
        "--baseline",
        metavar="FILE",
        help="report only findings not recorded in this baseline file (default: the config's baseline; "
        "- reads standard input)",
    )
    p.add_argument(
        "--write-baseline",
        metavar="FILE",
        help="record the current findings in FILE (keeping reasons, dropping stale entries) and exit 0; "
        "- writes standard output",
    )
    p.add_argument(
        "--max-file-size",
        type=_size,
        default=None,
        metavar="SIZE",
        help='the most one input may hold, e.g. "50MB" (the default; 0: no limit): a larger one is an error',
    )
    p.add_argument(
        "--input-format",
        choices=("auto", "jsonl"),
        default="auto",
        help="jsonl: read the inputs (or -) as JSONL records; auto: files named *.jsonl are",
    )
    p.add_argument(
        "--fields",
        type=_fields,
        default=None,
        metavar="FIELD=NAME,...",
        help="JSON keys of the record fields id, source, target, doc (e.g. id=seg_id,source=zh,target=en)",
    )
    p.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="dask: check JSONL records on a Dask cluster (pip install 'zhen-tools[dask]')",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler address (default: a LocalCluster of --jobs workers)",
    )
    return p


def _flatten(lists: list[list[str]] | None) -> tuple[str, ...] | None:
    return None if lists is None else tuple(x for sub in lists for x in sub)


def _fields(value: str) -> tuple[tuple[str, str], ...]:
    from zhen_tools.formats.jsonl import parse_fields

    try:
        return tuple(parse_fields(value).items())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc).removeprefix("--fields: ")) from None


def options(args: argparse.Namespace) -> RunOptions:
    """The run's settings from the command line."""
    return RunOptions(
        glossary=False if args.no_glossary else args.glossary,
        select=_flatten(args.select),
        ignore=_flatten(args.ignore),
        config=False if args.no_config else args.config,
        jobs=args.jobs,
        pairs=((args.source, args.target),) if args.source else (),
        columns=args.columns,
        warn_unused_ignores=args.warn_unused_ignores,
        keep_pairs=args.format == "html",
        baseline=_own_baseline(args.write_baseline or args.baseline),
        output=None if args.output in (None, "-") else args.output,
        max_file_size=args.max_file_size,
        fields=args.fields,
        engine=args.engine,
        scheduler=args.scheduler,
    )


def _own_baseline(path: str | None) -> str | None:
    """The baseline file as one of the run's own files (never checked): none for ``-``, which
    is standard input or output, not a file among the inputs."""
    return None if path == "-" else path


def _output_among_inputs(args: argparse.Namespace) -> str | None:
    """The input named on the command line that ``-o FILE`` names too, if any: writing the
    report there would replace a translation. (A walk leaves the report file out instead, so a
    rerun does not check the last run's report.)"""
    if args.output is None or args.output == "-" or not os.path.exists(args.output):
        return None
    out = os.path.realpath(args.output)
    names: list[str | None] = [*args.paths, args.source, args.target]
    for name in names:
        if name and name != "-" and os.path.isfile(name) and os.path.realpath(name) == out:
            return name
    return None


def run(args: argparse.Namespace) -> int:
    if (args.source is None) != (args.target is None):
        error("check: --source and --target go together")
        return 2
    if args.baseline == "-" and "-" in args.paths:
        error("check: --baseline - and the input - cannot both read standard input")
        return 2
    if not args.paths and args.source is None:
        error("check: no PATH given (use - for standard input)")
        return 2
    clash = _output_among_inputs(args)
    if clash is not None:
        error(f"check: -o {args.output} names an input to check ({clash}): the report would replace it")
        return 2
    if args.input_format == "jsonl" or any(p.endswith(".jsonl") for p in args.paths):
        from zhen_tools.cli.records import run_records

        return run_records(args, options(args))
    if args.engine != "local":
        error("check: --engine dask checks JSONL records only")
        return 2
    progress = Progress(sys.stderr)
    outcome: FixOutcome | None = None
    try:
        if args.fix or args.diff:
            outcome = fix(args.paths, options(args), progress=progress)
            result = outcome.result
        else:
            result = run_check(args.paths, options(args), progress=progress)
    except (ConfigError, GlossaryError) as exc:
        for line in str(exc).splitlines() or [type(exc).__name__]:
            error(line)
        return 2
    finally:
        progress.close()
    if not result.inputs and not result.own:  # only the run's own files: nothing to check, fine
        error("check: no files to check")
        return 2
    for err in result.errors:
        error(str(err))
    refused = bool(outcome and outcome.refused)
    for refusal in outcome.refused if outcome else ():
        error(str(refusal))

    if outcome is not None and args.diff:
        from zhen_tools.run.fix import skipped_lines, unified_diff

        changed = outcome.changed()
        for plan in outcome.remaining:
            _print_lines(skipped_lines(plan), sys.stderr)
        status = 2 if result.errors or refused else 1 if changed and not args.exit_zero else 0
        with to_stdout():
            for path in changed:
                sys.stdout.write(unified_diff(outcome.originals[path], outcome.fixed[path].text))
        return status

    failed_writes = refused
    if outcome is not None:
        stream = sys.stdout if args.format == "text" else sys.stderr
        result, failed = _write_fixes(outcome, stream, _fix_roots(args.paths))
        failed_writes = failed_writes or failed

    if args.write_baseline:
        return _write_baseline(args.write_baseline, result)
    baseline = args.baseline or result.config.baseline
    dismissed: list[tuple[Finding, Entry]] = []
    if baseline:
        from zhen_tools.run.baseline import BaselineError, apply_baseline, load_baseline

        try:
            new, dismissed, stale = apply_baseline(result.findings, result.documents, load_baseline(baseline))
        except BaselineError as exc:
            error(str(exc))
            return 2
        result = dataclasses.replace(result, findings=new)
        for entry in stale:
            _info(f"{baseline}: entry matches nothing now (--write-baseline drops it): {_entry_line(entry)}")

    fail_on = Severity(args.fail_on) if args.fail_on else result.config.fail_on
    unchecked = _unparsed(result)
    report = Report(
        findings=tuple(result.findings),
        files=result.files - len(unchecked),
        documents=result.documents,
        rules=result.rules,
        signature=_signature(result, args.format),
        pairs=tuple(result.pairs),
        dismissed=tuple(dismissed),
        baseline=baseline or None,
        failed=sum(isinstance(e, RuleError) for e in result.errors),
        unread=sum(not isinstance(e, RuleError) for e in result.errors),
    )
    if result.errors or failed_writes:
        status = 2
    else:
        status = 1 if failing(result.findings, fail_on) and not args.exit_zero else 0
    to_file = args.output and args.output != "-"
    color = not to_file and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    if to_file:
        try:
            with open(args.output, "w", encoding="utf-8", newline="") as fh:
                write(report, args.format, fh, color=color)
        except OSError as exc:
            error(f"{args.output}: cannot write the report: {exc.strerror or exc}")
            return 2
    else:
        with to_stdout():
            write(report, args.format, sys.stdout, color=color)
    return status


def fix(paths: list[str], options: RunOptions, progress: Progress | None = None) -> FixOutcome:
    """``zhen_tools.run.fix.fix``, imported when a fix is asked for."""
    from zhen_tools.run.fix import fix

    return fix(paths, options, progress=progress)


def _unparsed(result: CheckResult) -> set[str]:
    """Paths of bilingual files that did not parse: read, but not checked (no rule ran)."""
    broken = [str(e) for e in result.errors if isinstance(e, BilingualError)]
    return {p for p in result.documents if any(m.startswith(p + ":") for m in broken)}


def _info(message: str) -> None:
    print(f"zhen: info: {message}", file=sys.stderr)


def _entry_line(entry: Entry) -> str:
    return f"{entry.path}: {entry.rule} {entry.text!r}"


def _write_baseline(path: str, result: CheckResult) -> int:
    """Record the run's findings in the baseline at ``path`` (keeping its reasons); 2 if an
    input could not be read (its findings would be missing), else 0."""
    from zhen_tools.run.baseline import BaselineError, baseline_entries, dumps, load_baseline, write_baseline

    if path == "-":  # to standard output, paths relative to the working folder, as -o - writes
        entries, _ = baseline_entries(result.findings, result.documents, os.getcwd())
        with to_stdout():
            sys.stdout.write(dumps(entries))
        _wrote(len(entries), "standard output")
        return 2 if result.errors else 0
    try:
        previous = load_baseline(path) if os.path.exists(path) else None
        written, dropped = write_baseline(path, result.findings, result.documents, previous)
    except (BaselineError, OSError) as exc:
        error(str(exc))
        return 2
    for entry in dropped:
        _info(f"{path}: dropped an entry that matches nothing now: {_entry_line(entry)}")
    _wrote(written, path)
    return 2 if result.errors else 0


def _wrote(entries: int, where: str) -> None:
    print(f"zhen: wrote {entries} baseline entr{'y' if entries == 1 else 'ies'} to {where}", file=sys.stderr)


def _print_lines(lines: list[str], stream: TextIO) -> None:
    for line in lines:
        print(line, file=stream)


def _fix_roots(paths: list[str]) -> list[str]:
    """The real paths a fix may write into: each checked folder, and the folder a checked file
    is named in. A symlink whose target lies elsewhere is not written through."""
    return [os.path.realpath(p if os.path.isdir(p) else os.path.dirname(os.path.abspath(p))) for p in paths]


def _write_fixes(outcome: FixOutcome, stream: TextIO, roots: list[str]) -> tuple[CheckResult, bool]:
    """Write every changed file; report each fix; a file that cannot be written keeps its original
    findings in the report. Returns (result to report, whether a write failed)."""
    from zhen_tools.run.fix import FixError, fix_lines, skipped_lines, write_plan

    failed: set[str] = set()
    plans = {p.doc.path: p for p in outcome.plans}
    for path in outcome.changed():
        if path == "-":
            error("-: cannot fix standard input in place (use --diff)")
            failed.add(path)
            continue
        try:
            write_plan(plans[path], roots)
        except FixError as exc:
            error(str(exc))
            failed.add(path)
    # Every file is written before a line is said about it. The lines go to stderr beside a JSON
    # or SARIF report: there, a reader that went away only stops them, and the report still goes out.
    with to_stdout() if stream is sys.stdout else contextlib.suppress(BrokenPipeError):
        for plan in outcome.plans:
            if plan.doc.path not in failed:
                _print_lines(fix_lines(plan), stream)
        for plan in outcome.remaining:
            _print_lines(skipped_lines(plan), stream)
    result = outcome.result
    if failed:
        findings = [f for f in result.findings if f.path not in failed]
        findings += [f for f in outcome.first.findings if f.path in failed]
        docs = {p: (outcome.originals[p] if p in failed else d) for p, d in result.documents.items()}
        result = dataclasses.replace(result, findings=sorted(findings, key=sort_key), documents=docs)
    return result, bool(failed)


def _signature(result: CheckResult, fmt: str) -> dict[str, Any]:
    """The run signature for the formats that carry one (reading package metadata costs time)."""
    if fmt not in ("json", "sarif"):
        return {}
    from zhen_tools.report.signature import signature

    return signature(getattr(result.glossary, "sources", ()) or ())
