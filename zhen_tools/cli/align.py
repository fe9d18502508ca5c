"""``zhen align SOURCE TARGET``: show the sentence alignment of a Chinese source and its English
translation, side by side (text) or as beads with offsets and line numbers on both sides (JSON).
"""

from __future__ import annotations

import argparse
import unicodedata
from typing import Any

from zhen_tools.align.confidence import confidence
from zhen_tools.cli import to_stdout
from zhen_tools.cli.common import dump_json, error
from zhen_tools.glossary import GlossaryError
from zhen_tools.rules.context import DocContext
from zhen_tools.run.filter import known_rule_ids
from zhen_tools.run.inputs import pair_documents, resolve_config, resolve_glossary
from zhen_tools.text.document import DocumentError, read_document

_WIDTH = 48


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "align",
        help="align a Chinese source with its English translation",
        description="Align SOURCE (Chinese) with TARGET (English): paragraphs, then "
        "sentences, as 1-1, 1-2, 2-1, 1-0 and 0-1 beads.",
    )
    p.add_argument("source", metavar="SOURCE")
    p.add_argument("target", metavar="TARGET")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument(
        "--glossary",
        action="append",
        metavar="PATH",
        help="glossary file or directory whose terms anchor the alignment (repeatable; "
        "default: as for zhen check)",
    )
    return p


def _display_width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _fit(s: str, width: int) -> str:
    """``s`` cut and padded to ``width`` terminal cells (CJK characters take two)."""
    s = " ".join(s.split())
    out: list[str] = []
    used = 0
    for c in s:
        w = 2 if unicodedata.east_asian_width(c) in "WF" else 1
        if used + w > width - (1 if len(out) < len(s) else 0):
            out.append("…")
            used += 1
            break
        out.append(c)
        used += w
    return "".join(out) + " " * max(0, width - used)


def run(args: argparse.Namespace) -> int:
    try:
        src_doc = read_document(args.source)
        tgt_doc = read_document(args.target)
    except DocumentError as exc:
        error(str(exc))
        return 2
    try:
        config = resolve_config(None, [args.source, args.target], known_rule_ids())
        glossary = resolve_glossary(args.glossary, config)
    except GlossaryError as exc:
        for line in str(exc).splitlines():
            error(line)
        return 2
    # Aligned as zhen check aligns them: in their prose (Markdown code, web addresses blanked).
    pair = pair_documents(DocContext.of(src_doc, glossary), DocContext.of(tgt_doc, glossary))
    beads = [b for b in pair.beads if _shown(b.source, src_doc) or _shown(b.target, tgt_doc)]
    with to_stdout():
        if args.format == "json":
            beads_json = [_bead_json(b, src_doc, tgt_doc, glossary) for b in beads]
            dump_json({"source": src_doc.path, "target": tgt_doc.path, "beads": beads_json})
            return 0
        print(f"{_fit(src_doc.path, _WIDTH + 10)} │ {tgt_doc.path}")
        for k, b in enumerate(beads, 1):
            sl = f"L{src_doc.position(b.source[0].start)[0]}" if b.source else ""
            tl = f"L{tgt_doc.position(b.target[0].start)[0]}" if b.target else ""
            print(
                f"{k:>4} {b.kind} {sl:>5} {_fit(_shown(b.source, src_doc), _WIDTH)} │ {tl:>5} "
                f"{' '.join(_shown(b.target, tgt_doc).split())}"
            )
    return 0


def _shown(segs: Any, doc: Any) -> str:
    """The file's own text of a bead side (the rules read a view of it)."""
    return " ".join(doc.text[s.start : s.end] for s in segs).strip()


def _bead_json(bead: Any, src_doc: Any, tgt_doc: Any, glossary: Any) -> dict[str, Any]:
    def side(segs: Any, doc: Any) -> list[dict[str, Any]]:
        out = []
        for s in segs:
            line, col = doc.position(s.start)
            end_line, end_col = doc.position(s.end)  # exclusive, as in findings
            out.append(
                {
                    "start": s.start,
                    "end": s.end,
                    "line": line,
                    "column": col,
                    "end_line": end_line,
                    "end_column": end_col,
                    "text": doc.text[s.start : s.end],
                }
            )
        return out

    return {
        "type": bead.kind,
        "cost": round(bead.cost, 3),
        # How far to trust the bead (align/confidence.py); pair rules report nothing from a
        # bead below MIN_CONFIDENCE, which is more likely misaligned than mistranslated.
        "confidence": round(confidence(bead, glossary), 3),
        "source": side(bead.source, src_doc),
        "target": side(bead.target, tgt_doc),
    }
