"""The inputs of a run: paths expanded, explicit pairs matched, and the source/target pairs among
the documents found.

Pairs come from (in this order; a document joins at most one pairing):

- explicit pairs (``zhen check --source SRC --target TGT``, ``zhen align SRC TGT``);
- bilingual files (TSV/CSV with source and target columns, PO, XLIFF, TMX): one pair per file,
  one bead per translation unit, both sides in the same file;
- sibling files ``NAME.zh.EXT`` + ``NAME.en.EXT`` (also ``zh-Hans``, ``zh-CN``, ``en-US`` ...);
- digest documents (seed 002): a mostly-English document in which Chinese headline lines are
  each followed by English summary lines. Each headline and the English up to the next headline
  is a pair, flagged ``digest``: a summary is not a translation, so only ``glossary-mismatch``
  looks at it.

>>> from zhen_tools.text.document import document_from_text
>>> text = "高市早苗决定提前大选\\nMei Ri Jing Ji Xin Wen· 2026-01-13\\nTakaichi will dissolve the house.\\n"
>>> [pair] = find_pairs([DocContext(document_from_text(text, "digest.txt"))])
>>> pair.digest, [(b.source_text, b.target_text) for b in pair.beads]
(True, [('高市早苗决定提前大选', 'Mei Ri Jing Ji Xin Wen· 2026-01-13 Takaichi will dissolve the house.')])
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Union

from zhen_tools.align.aligner import Bead
from zhen_tools.formats import Unit, bilingual_format, read_units
from zhen_tools.formats.digest import digest_beads, has_source_line
from zhen_tools.rules.context import DocContext, PairContext
from zhen_tools.text.document import Document, read_document

if TYPE_CHECKING:
    from zhen_tools.glossary.model import Glossary

__all__ = [
    "find_pairs",
    "pair_documents",
    "path_roles",
    "sibling_key",
]

Side = Union[str, "os.PathLike[str]", Document, DocContext]

_SIBLING = re.compile(
    r"^(?P<name>.+)\.(?P<lang>zh(?:[-_](?:hans|hant|cn|tw|hk|sg))?|en(?:[-_](?:us|gb|uk|au))?)"
    r"\.(?P<ext>[^.]+)$", re.IGNORECASE)


# -- pairing --------------------------------------------------------------------------------


def sibling_key(path: str) -> tuple[str, str, str] | None:
    """(stem key, "source"|"target", extension) for ``NAME.zh.EXT`` / ``NAME.en.EXT`` paths.

    >>> sibling_key("news/a.zh-Hans.md"), sibling_key("news/a.en.md"), sibling_key("a.md")
    (('news/a', 'source', 'md'), ('news/a', 'target', 'md'), None)
    """
    head, base = os.path.split(path)
    m = _SIBLING.match(base)
    if m is None:
        return None
    side = "source" if m.group("lang").lower().startswith("zh") else "target"
    return os.path.join(head, m.group("name")), side, m.group("ext").lower()


def _path_key(path: str) -> str:
    return path if path == "-" else os.path.normcase(os.path.abspath(path))


def path_roles(paths: Iterable[str],
               explicit: Iterable[tuple[str, str]] = ()) -> dict[str, tuple[str, str]]:
    """The pair side each path of a run takes, as far as paths alone tell: path -> (side, how),
    side ``source``/``target``, how ``explicit`` (``--source``/``--target``), ``sibling``
    (``NAME.zh.EXT`` with ``NAME.en.EXT``) or ``name`` (a ``NAME.zh.EXT`` without its sibling).
    Explicit pairs come first, as in ``find_pairs``. Files in XLIFF/PO/TMX are bilingual, never
    siblings; a TSV/CSV is bilingual only if its header or ``columns`` says so, which the caller
    learns on reading it (being bilingual then wins over the role named here).

    The engine uses this before reading anything: a source is Chinese by design, so no
    English-judging document rule runs on it. A file named ``.zh.`` is a source even when its
    sibling is not in the run, so a pre-commit run on the changed files alone judges it as the
    full run does.

    >>> roles = path_roles(["a.zh.txt", "a.en.txt", "b.zh.txt", "s.txt", "t.txt"], [("s.txt", "t.txt")])
    >>> sorted(roles.items())  # doctest: +NORMALIZE_WHITESPACE
    [('a.en.txt', ('target', 'sibling')), ('a.zh.txt', ('source', 'sibling')),
     ('b.zh.txt', ('source', 'name')), ('s.txt', ('source', 'explicit')), ('t.txt', ('target', 'explicit'))]
    """
    paths = list(paths)
    roles: dict[str, tuple[str, str]] = {}
    used: set[str] = set()
    for src, tgt in explicit:
        for side, p in (("source", src), ("target", tgt)):
            roles.setdefault(p, (side, "explicit"))
            used.add(_path_key(p))
    groups: dict[tuple[str, str], dict[str, list[str]]] = {}
    for p in paths:
        key = sibling_key(p)
        if key is None or _path_key(p) in used or bilingual_format(p) in ("po", "xliff", "tmx"):
            continue
        groups.setdefault((key[0], key[2]), {}).setdefault(key[1], []).append(p)
    for group in groups.values():
        paired = bool(group.get("source") and group.get("target"))
        for side, members in group.items():
            if paired or side == "source":
                for p in members:
                    roles.setdefault(p, (side, "sibling" if paired else "name"))
    return roles


def _resolve(side: Side, ctxs: Sequence[DocContext], glossary: Glossary | None) -> DocContext:
    if isinstance(side, DocContext):
        return side
    if isinstance(side, Document):
        for c in ctxs:
            if c.doc is side:
                return c
        return DocContext(side, glossary)
    name = os.fspath(side)
    key = os.path.normcase(os.path.abspath(name)) if name != "-" else "-"
    for c in ctxs:
        p = c.doc.path
        if p == name or (p != "-" and os.path.normcase(os.path.abspath(p)) == key):
            return c
    return DocContext(read_document(name), glossary)


def pair_documents(source: DocContext, target: DocContext) -> PairContext:
    """A pair of whole documents, aligned lazily (on first use of ``beads``)."""
    return PairContext(source, target, kind="files")


def find_pairs(ctxs: Sequence[DocContext],
               explicit: Iterable[tuple[Side, Side]] | None = None,
               columns: Sequence[str | int] | None = None,
               units: Mapping[str, Sequence[Unit] | None] | None = None) -> list[PairContext]:
    """Every source/target pair among the documents of a run (see the module docstring).

    ``explicit`` items are (source, target), each a path, Document or DocContext; paths not
    among ``ctxs`` are read. ``columns`` picks TSV/CSV columns (see formats.read_units).
    ``units`` are translation units already read, by document path (None: not bilingual), so
    a file the engine has parsed is not parsed again. Raises DocumentError/BilingualError for
    unreadable inputs.
    """
    glossary = next((c.glossary for c in ctxs if c.glossary is not None), None)
    pairs: list[PairContext] = []
    used: set[int] = set()
    for src, tgt in explicit or ():
        s, t = _resolve(src, ctxs, glossary), _resolve(tgt, ctxs, glossary)
        pairs.append(pair_documents(s, t))
        used.update((id(s), id(t)))
    for ctx in ctxs:
        if id(ctx) in used:
            continue
        found = units[ctx.doc.path] if units is not None and ctx.doc.path in units \
            else read_units(ctx.doc, columns)
        if found is not None:
            beads = [Bead((u.source,), (u.target,)) for u in found]
            pairs.append(PairContext(ctx, ctx, kind="bilingual", beads=beads))
            used.add(id(ctx))
    siblings: dict[tuple[str, str], dict[str, list[DocContext]]] = {}
    for ctx in ctxs:
        key = sibling_key(ctx.doc.path) if id(ctx) not in used else None
        if key is not None:
            siblings.setdefault((key[0], key[2]), {}).setdefault(key[1], []).append(ctx)
    for group in siblings.values():
        for s in group.get("source", []):
            for t in group.get("target", []):
                pairs.append(pair_documents(s, t))
                used.update((id(s), id(t)))
    for ctx in ctxs:
        if id(ctx) not in used and has_source_line(ctx.doc):
            pairs.extend(PairContext(ctx, ctx, kind="digest", beads=[b])
                         for b in digest_beads(ctx.doc.text))
    return pairs
