"""``zhen check`` on JSONL records: findings streamed as each batch is checked (``--format jsonl``)
or collected for the other formats; ``--engine dask`` runs the same map/reduce on Dask."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator

from zhen_tools.cli import to_stdout
from zhen_tools.cli.common import error
from zhen_tools.config import ConfigError
from zhen_tools.findings import Finding, Severity
from zhen_tools.formats.jsonl import group_documents, parse_fields
from zhen_tools.glossary import GlossaryError
from zhen_tools.report import Report, render
from zhen_tools.report.jsonl import line
from zhen_tools.report.signature import signature
from zhen_tools.run.dask_engine import EngineError, check_jsonl
from zhen_tools.run.options import RunOptions
from zhen_tools.run.stream import jsonl_records, stream, stream_setup

__all__ = ["run_records"]


def run_records(args: argparse.Namespace, opts: RunOptions) -> int:
    """Check the JSONL inputs and report; the exit status of ``zhen check``."""
    if args.fix or args.diff:
        error("check: --fix and --diff do not apply to JSONL records")
        return 2
    if args.source is not None:
        error("check: --source/--target do not apply to JSONL records")
        return 2
    if args.baseline or args.write_baseline:  # a baseline fingerprints findings on files
        error("check: --baseline and --write-baseline do not apply to JSONL records")
        return 2
    if args.input_format != "jsonl" and not all(p.endswith(".jsonl") for p in args.paths):
        error("check: JSONL records cannot be checked with other files in one run")
        return 2
    try:
        setup = stream_setup(opts, [p for p in args.paths if p != "-"])
    except (ConfigError, GlossaryError) as exc:
        for msg in str(exc).splitlines() or [type(exc).__name__]:
            error(msg)
        return 2
    fields = parse_fields(opts.fields)
    errors = [0]  # how many error lines were written (a count: a run may have millions)

    def on_error(message: str) -> None:
        errors[0] += 1
        error(message)

    found: Iterator[Finding]
    if opts.engine == "dask":
        if "-" in args.paths:
            error("check: --engine dask reads files, not standard input")
            return 2
        try:
            found = check_jsonl(args.paths, setup, fields, opts.scheduler, opts.jobs, on_error)
            first = next(found, None)
        except EngineError as exc:
            error(str(exc))
            return 2
        found = _chain(first, found)
    else:
        found = stream(
            group_documents(jsonl_records(args.paths, fields, on_error)), setup, opts.jobs, on_error
        )
    fail_on = Severity(args.fail_on) if args.fail_on else setup.config.fail_on
    failed = False
    if args.format == "jsonl":
        # Streamed: a reader that goes away stops the run, and the status is that of the
        # findings seen until then (the one being written among them).
        out = sys.stdout
        with to_stdout():
            for f in found:
                failed = failed or f.severity.rank >= fail_on.rank
                out.write(line(f))
    else:
        findings = tuple(found)
        failed = any(f.severity.rank >= fail_on.rank for f in findings)
        sig = (
            signature(getattr(setup.glossary, "sources", ()) or ())
            if args.format in ("json", "sarif")
            else {}
        )
        text = render(Report(findings, len(args.paths), signature=sig), args.format)
        with to_stdout():
            if text:
                sys.stdout.write(text if text.endswith("\n") else text + "\n")
    if errors[0]:
        return 2
    return 1 if failed and not args.exit_zero else 0


def _chain(first: Finding | None, rest: Iterator[Finding]) -> Iterator[Finding]:
    if first is not None:
        yield first
    yield from rest
