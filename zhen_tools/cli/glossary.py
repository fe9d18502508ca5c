"""``zhen glossary lint|import|export|suggest``: check, convert and draft glossary files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from zhen_tools.cli import to_stdout
from zhen_tools.cli.common import error
from zhen_tools.glossary.csvio import csv_to_entries, glossary_to_csv
from zhen_tools.glossary.load import bundled_glossary_paths, check_written, dumps_glossary, load_glossary
from zhen_tools.glossary.model import GlossaryError
from zhen_tools.glossary.tbx import glossary_to_tbx, tbx_to_entries
from zhen_tools.run.suggest import suggest
from zhen_tools.text.document import DocumentError, require_regular_file

EXPORT_FORMATS = ("tbx", "csv", "tsv")
IMPORT_FORMATS = {".tbx": "tbx", ".xml": "tbx", ".csv": "csv", ".tsv": "tsv"}


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser("glossary", help="check, convert and draft glossaries")
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    actions.required = True

    lint = actions.add_parser("lint", help="validate glossary files (default: the bundled ones)")
    lint.add_argument("paths", nargs="*", metavar="PATH", help="TOML files or directories")

    exp = actions.add_parser("export", help="write glossaries as TBX-Basic or CSV/TSV")
    exp.add_argument(
        "paths", nargs="*", metavar="PATH", help="TOML files or directories (default: the bundled ones)"
    )
    exp.add_argument("--to", choices=EXPORT_FORMATS, help="output format (default: from -o's extension)")
    exp.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")

    imp = actions.add_parser("import", help="convert a TBX, CSV or TSV file to a TOML glossary")
    imp.add_argument("file", metavar="FILE", help="a .tbx, .csv or .tsv file")
    imp.add_argument("-o", "--output", metavar="OUT.toml", help="write here instead of stdout")
    imp.add_argument("--name", help="glossary name (default: from the file, else its stem)")

    sug = actions.add_parser("suggest", help="draft glossary entries from documents (TOML)")
    sug.add_argument("paths", nargs="+", metavar="PATH")
    sug.add_argument("-o", "--output", metavar="OUT.toml", help="write here instead of stdout")
    return p


def run(args: argparse.Namespace) -> int:
    action = {"lint": _lint, "export": _export, "import": _import, "suggest": _suggest}[args.action]
    try:
        return action(args)
    except GlossaryError as exc:
        for line in exc.errors:
            print(line, file=sys.stderr)
        return 2
    except DocumentError as exc:  # suggest's documents
        error(str(exc))
        return 2
    except OSError as exc:
        error(f"{getattr(exc, 'filename', None) or ''}: {exc.strerror or exc}".lstrip(": "))
        return 2


def _paths(paths: list[str]) -> list[str | Path]:
    if paths:
        return list(paths)
    return list(bundled_glossary_paths())


def _emit(text: str, output: str | None) -> None:
    if output is None or output == "-":
        with to_stdout():  # a reader that went away (``| head``) is no error, as for ``zhen detect``
            sys.stdout.write(text)
    else:
        Path(output).write_text(text, encoding="utf-8")


def _lint(args: argparse.Namespace) -> int:
    """Errors go to stdout, one ``file:line: message`` per line, as linters print findings."""
    try:
        load_glossary(_paths(args.paths))
    except GlossaryError as exc:
        with to_stdout():  # the status stays 2 if the reader goes away (``| head``)
            for line in exc.errors:
                print(line)
        return 2
    return 0


def _export(args: argparse.Namespace) -> int:
    fmt = args.to
    if fmt is None:
        suffix = Path(args.output).suffix.lower().lstrip(".") if args.output else ""
        if suffix not in EXPORT_FORMATS:
            error("glossary export: say --to tbx|csv|tsv (or give -o FILE.tbx/.csv/.tsv)")
            return 2
        fmt = suffix
    glossary = load_glossary(_paths(args.paths))
    if fmt == "tbx":
        _emit(glossary_to_tbx(glossary, glossary.meta), args.output)
    else:
        _emit(glossary_to_csv(glossary, "\t" if fmt == "tsv" else ","), args.output)
    return 0


def _import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    fmt = IMPORT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        error(f"{path}: unknown format (expected .tbx, .csv or .tsv)")
        return 2
    require_regular_file(str(path))  # a FIFO named *.tbx would block the read forever
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise GlossaryError(f"{path}:{line}: not valid UTF-8") from None
    if fmt == "tbx":
        meta, entries, origins = tbx_to_entries(text, str(path))
    else:
        meta = {}
        entries, origins = csv_to_entries(text, str(path), "\t" if fmt == "tsv" else ",")
    if args.name:
        meta["name"] = args.name
    meta.setdefault("name", path.stem)
    toml_text = dumps_glossary(meta, entries)
    errors = check_written(toml_text, args.output or "<output>", origins)
    if errors:
        raise GlossaryError(errors)
    _emit(toml_text, args.output)
    return 0


def _suggest(args: argparse.Namespace) -> int:
    _emit(suggest(args.paths), args.output)
    return 0
