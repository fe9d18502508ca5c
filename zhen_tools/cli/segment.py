"""``zhen segment PATH... --sentences|--words``: print sentences or tokens with offsets.

Text output is one item a line, ``path:line:column: [start:end] text`` for sentences and
``path:line:column: kind [start:end] text`` for tokens (line breaks inside text shown as ``\\n``);
JSON is ``{"sentences": [...]}`` or ``{"words": [...]}``, each item with ``path``, ``start``,
``end``, ``line``, ``column``, ``text`` (and ``kind`` for words).
"""

from __future__ import annotations

import argparse
from typing import Any

from zhen_tools.cli import to_stdout
from zhen_tools.cli.common import drain, dump_json, error, iter_documents
from zhen_tools.glossary import GlossaryError, load_glossary
from zhen_tools.text.segment import split_sentences, tokenize


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        "segment",
        help="split mixed text into sentences or words",
        description="Split mixed Chinese/English text into sentences (default) or word tokens, "
        "with code-point offsets and line:column.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or directories; - for stdin")
    g = p.add_mutually_exclusive_group()
    g.add_argument(
        "--sentences",
        dest="unit",
        action="store_const",
        const="sentences",
        help="one sentence per item (the default)",
    )
    g.add_argument(
        "--words",
        dest="unit",
        action="store_const",
        const="words",
        help="one token per item: word, number, punct, cite, symbol or url",
    )
    p.set_defaults(unit="sentences")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument(
        "--glossary",
        action="append",
        default=None,
        metavar="PATH",
        help="keep these glossaries' Chinese/Japanese forms whole (repeatable)",
    )
    return p


def _user_words(paths: list[str]) -> tuple[str, ...]:
    g = load_glossary(paths)
    return tuple(sorted({f for e in g.entries for f in (*e.zh, *e.ja)}))


def run(args: argparse.Namespace) -> int:
    user_words: tuple[str, ...] = ()
    if args.glossary:
        try:
            user_words = _user_words(args.glossary)
        except GlossaryError as exc:
            error(str(exc))
            return 2
    words = args.unit == "words"
    failures: list[str] = []
    out: list[dict[str, Any]] = []
    docs = iter_documents(args.paths, failures)
    with to_stdout():
        for doc in docs:
            items = tokenize(doc.text, user_words) if words else split_sentences(doc.text)
            for it in items:
                line, col = doc.position(it.start)
                kind: str | None = getattr(it, "kind", None)
                if args.format == "json":
                    rec: dict[str, Any] = {
                        "path": doc.path,
                        "start": it.start,
                        "end": it.end,
                        "line": line,
                        "column": col,
                        "text": it.text,
                    }
                    if kind is not None:
                        rec["kind"] = kind
                    out.append(rec)
                else:
                    shown = it.text.replace("\r", "\\r").replace("\n", "\\n")
                    label = f"{kind} " if kind is not None else ""
                    print(f"{doc.path}:{line}:{col}: {label}[{it.start}:{it.end}] {shown}")
        if args.format == "json":
            dump_json({args.unit: out})
    drain(docs)
    return 2 if failures else 0
