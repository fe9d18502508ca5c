"""``zhen detect PATH...``: print the language spans of each document."""

from __future__ import annotations

import argparse

from zhen_tools.cli import to_stdout
from zhen_tools.cli.common import drain, dump_json, iter_documents
from zhen_tools.text.spans import detect_spans


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser("detect", help="language spans of mixed text")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", choices=("text", "json"), default="text")
    return p


def run(args: argparse.Namespace) -> int:
    failures: list[str] = []
    out = []
    docs = iter_documents(args.paths, failures)
    with to_stdout():
        for doc in docs:
            for s in detect_spans(doc.text):
                line, col = doc.position(s.start)
                if args.format == "json":
                    out.append(
                        {
                            "path": doc.path,
                            "start": s.start,
                            "end": s.end,
                            "line": line,
                            "column": col,
                            "lang": s.lang,
                            "script": s.script,
                            "text": s.text,
                        }
                    )
                else:
                    shown = s.text if len(s.text) <= 60 else s.text[:57] + "..."
                    shown = shown.replace("\r", "\\r").replace("\n", "\\n")
                    print(f"{doc.path}:{line}:{col}: {s.lang} {s.script} [{s.start}:{s.end}] {shown}")
        if args.format == "json":
            dump_json({"spans": out})
    drain(docs)
    return 2 if failures else 0
