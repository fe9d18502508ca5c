"""``zhen segment PATH... --sentences|--words``: print sentences or tokens with offsets."""

from __future__ import annotations

import argparse

from zhen_tools.commands.common import dump_json, iter_documents


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    p = sub.add_parser("segment", help="split mixed text into sentences or words")
    p.add_argument("paths", nargs="+", metavar="PATH")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--sentences", dest="unit", action="store_const", const="sentences")
    g.add_argument("--words", dest="unit", action="store_const", const="words")
    p.set_defaults(unit="sentences")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--glossary", action="append", default=None, metavar="PATH",
                   help="load glossary source forms as user words (repeatable)")
    return p


def run(args: argparse.Namespace) -> int:
    from zhen_tools.segment import split_sentences, tokenize

    user_words: tuple[str, ...] = ()
    if args.glossary:
        from zhen_tools.commands.common import error
        from zhen_tools.glossary import GlossaryError, load_glossary

        try:
            g = load_glossary(args.glossary)
        except GlossaryError as exc:
            error(str(exc))
            return 2
        user_words = tuple(f for e in g.entries for f in (*e.zh, *e.ja))
    failures: list[str] = []
    out = []
    for doc in iter_documents(args.paths, failures):
        items = split_sentences(doc.text) if args.unit == "sentences" else tokenize(doc.text, user_words)
        for it in items:
            line, col = doc.position(it.start)
            rec = {"path": doc.path, "start": it.start, "end": it.end, "line": line, "column": col,
                   "text": it.text}
            if args.unit == "words":
                rec["kind"] = it.kind  # type: ignore[attr-defined]
            if args.format == "json":
                out.append(rec)
            else:
                kind = f" {rec['kind']}" if "kind" in rec else ""
                shown = it.text.replace("\r", "\\r").replace("\n", "\\n")
                print(f"{doc.path}:{line}:{col}:{kind} {shown}")
    if args.format == "json":
        dump_json({args.unit: out})
    return 2 if failures else 0
