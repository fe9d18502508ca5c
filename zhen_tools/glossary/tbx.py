"""TBX v3 (ISO 30042:2019) TBX-Basic export and import of glossaries, DCA style, with xml.etree.

Mapping (only data categories TBX-Basic allows, at the levels it allows them):

=============================  ================================================================
glossary                       TBX
=============================  ================================================================
``[glossary] name``            ``tbxHeader/fileDesc/titleStmt/title``
``source``/``target``/...      ``sourceDesc/p`` with ``type="source"``/``"target"``/``"description"``
entry ``id``                   ``conceptEntry/@id`` (must be an XML name: a letter first)
``kind``                       ``descrip type="subjectField"`` on the conceptEntry
``confusable``                 ``ref type="crossReference" target="<id>"``, one per id
``origin``                     ``note`` reading ``origin: <code>`` on the conceptEntry (TBX-Basic
                               has no data category for the language a name comes from)
``note``                       any other ``note`` on the conceptEntry
``en``                         ``langSec xml:lang="en"``: ``termSec`` with ``termNote
                               type="administrativeStatus"`` = ``preferredTerm-admn-sts``
``variants``                   ... ``admittedTerm-admn-sts``
``forbidden``                  ... ``deprecatedTerm-admn-sts`` (a ``re:`` pattern is kept as
                               the term text)
``zh``/``ja``/``ko``/``ru``    ``langSec xml:lang="zh"`` ...: first form preferred, the rest
                               admitted
=============================  ================================================================

Every termSec also carries ``termNote type="partOfSpeech"`` = ``noun``. On import, language tags
are reduced to their primary subtag (``zh-Hans`` -> ``zh``); the target language's preferred term
becomes ``en`` (else its first term), admitted terms variants, deprecated and superseded terms
forbidden; in source languages deprecated terms are dropped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import Any

from zhen_tools.glossary.load import ENTRY_KEYS
from zhen_tools.glossary.model import Entry, Glossary, GlossaryError
from zhen_tools.text.lazyre import lazy_compile

__all__ = ["NS", "glossary_to_tbx", "tbx_to_entries"]

NS = "urn:iso:std:iso:30042:ed-2"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_PREFERRED = "preferredTerm-admn-sts"
_ADMITTED = "admittedTerm-admn-sts"
_DEPRECATED = "deprecatedTerm-admn-sts"
_SUPERSEDED = "supersededTerm-admn-sts"
_SOURCE_LANGS = ("zh", "ja", "ko", "ru")
_ORIGIN_NOTE = lazy_compile(r"origin: ([A-Za-z0-9-]+)")
# XML 1.0 Name production, restricted to what ids need (NCName: no colon).
_NCNAME = lazy_compile(r"[A-Za-z_\u00c0-\u02ff\u0370-\u1fff\u3040-\ud7ff][\w.\-\u00b7]*")


def _el(parent: ET.Element | None, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    attrib = {(_XML_LANG if k == "lang" else k): v for k, v in attrs.items()}
    # Tags are written unqualified under a literal default xmlns on <tbx>: ElementTree's
    # default_namespace option refuses the unqualified attributes (type, id) TBX uses.
    node = ET.Element(tag, attrib) if parent is None else ET.SubElement(parent, tag, attrib)
    if text is not None:
        node.text = text
    return node


def _term_sec(lang_sec: ET.Element, term: str, status: str) -> None:
    sec = _el(lang_sec, "termSec")
    _el(sec, "term", term)
    _el(sec, "termNote", status, type="administrativeStatus")
    _el(sec, "termNote", "noun", type="partOfSpeech")


def glossary_to_tbx(glossary: Glossary | Sequence[Entry], meta: dict[str, str] | None = None) -> str:
    """TBX-Basic XML text for the entries of ``glossary``.

    >>> xml = glossary_to_tbx([Entry("sohu", "Sohu", kind="org", zh=("搜狐",))], {"name": "t"})
    >>> 'conceptEntry id="sohu"' in xml and 'preferredTerm-admn-sts' in xml
    True
    """
    entries = glossary.entries if isinstance(glossary, Glossary) else tuple(glossary)
    meta = dict(meta or {})
    if isinstance(glossary, Glossary):
        meta.setdefault("name", glossary.name)
    bad = [e.id for e in entries if not _NCNAME.fullmatch(e.id)]
    if bad:
        first = next(e for e in entries if e.id == bad[0])
        raise GlossaryError(
            f"{first.file or '<glossary>'}:{first.line}: id '{bad[0]}' is not an "
            "XML name, which TBX needs (start it with a letter)"
        )
    root = _el(None, "tbx", type="TBX-Basic", style="dca", lang=meta.get("target", "en"), xmlns=NS)
    file_desc = _el(_el(root, "tbxHeader"), "fileDesc")
    _el(_el(file_desc, "titleStmt"), "title", meta.get("name") or "glossary")
    source_desc = _el(file_desc, "sourceDesc")
    _el(source_desc, "p", "Exported by zhen_tools from a TOML glossary.")
    for key in ("source", "target", "description"):
        if meta.get(key):
            _el(source_desc, "p", meta[key], type=key)
    body = _el(_el(root, "text"), "body")
    for e in entries:
        concept = _el(body, "conceptEntry", id=e.id)
        _el(concept, "descrip", e.kind, type="subjectField")
        if e.origin:
            _el(concept, "note", f"origin: {e.origin}")
        if e.note:
            _el(concept, "note", e.note)
        for other in e.confusable:
            _el(concept, "ref", other, type="crossReference", target=other)
        en = _el(concept, "langSec", lang="en")
        _term_sec(en, e.en, _PREFERRED)
        for v in e.variants:
            _term_sec(en, v, _ADMITTED)
        for f in e.forbidden:
            _term_sec(en, f, _DEPRECATED)
        for lang in _SOURCE_LANGS:
            forms = getattr(e, lang)
            if forms:
                sec = _el(concept, "langSec", lang=lang)
                for i, form in enumerate(forms):
                    _term_sec(sec, form, _PREFERRED if i == 0 else _ADMITTED)
    ET.indent(root)
    xml = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(node: ET.Element, name: str) -> list[ET.Element]:
    return [c for c in node if _local(c.tag) == name]


def _text(node: ET.Element) -> str:
    return "".join(node.itertext()).strip()


def tbx_to_entries(text: str, path: str = "<tbx>") -> tuple[dict[str, str], list[dict[str, Any]], list[str]]:
    """Read TBX text: (glossary metadata, entry dicts in TOML key order, ``file:line`` of each
    entry). Raises GlossaryError for XML that is not TBX."""
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else 1
        message = re.sub(r":? line \d+, column \d+$", "", str(exc))
        raise GlossaryError(f"{path}:{line}: not well-formed XML: {message}") from None
    if _local(root.tag) != "tbx":
        hint = " (TBX v2 'martif' files are not supported)" if _local(root.tag) == "martif" else ""
        raise GlossaryError(f"{path}:1: root element is <{_local(root.tag)}>, not <tbx>{hint}")

    meta: dict[str, str] = {}
    for header in _children(root, "tbxHeader"):
        for node in header.iter():
            if _local(node.tag) == "title" and _text(node):
                meta["name"] = _text(node)
            elif _local(node.tag) == "p" and node.get("type") in ("source", "target", "description"):
                meta[node.get("type", "")] = _text(node)
    target = _primary(meta.get("target") or root.get(_XML_LANG) or "en")

    raw_lines = text.splitlines()
    entries: list[dict[str, Any]] = []
    origins: list[str] = []
    for concept in root.iter():
        if _local(concept.tag) != "conceptEntry":
            continue
        cid = concept.get("id", "")
        origins.append(f"{path}:{_line_of(raw_lines, cid)}")
        entries.append(_concept_to_entry(concept, cid, target))
    if not entries:
        raise GlossaryError(f"{path}:1: no <conceptEntry> elements")
    return meta, entries, origins


def _primary(lang: str) -> str:
    return lang.split("-")[0].split("_")[0].lower()


def _line_of(lines: list[str], cid: str) -> int:
    needle = re.compile(rf"<(?:\w+:)?conceptEntry\b[^>]*\bid\s*=\s*[\"']{re.escape(cid)}[\"']")
    for i, ln in enumerate(lines):
        if needle.search(ln):
            return i + 1
    return 1


def _concept_to_entry(concept: ET.Element, cid: str, target: str) -> dict[str, Any]:
    out: dict[str, Any] = {"id": cid}
    notes: list[str] = []
    confusable: list[str] = []
    forms: dict[str, list[tuple[str, str]]] = {}
    for child in concept:
        name = _local(child.tag)
        if name == "descrip" and child.get("type") == "subjectField":
            out["kind"] = _text(child)
        elif name == "note":
            m = _ORIGIN_NOTE.fullmatch(_text(child))
            if m and "origin" not in out:
                out["origin"] = m.group(1)
            elif _text(child):
                notes.append(_text(child))
        elif name == "ref" and child.get("type") == "crossReference":
            confusable.append(child.get("target") or _text(child))
        elif name == "langSec":
            lang = _primary(child.get(_XML_LANG, ""))
            for sec in _children(child, "termSec"):
                terms = _children(sec, "term")
                status = next(
                    (_text(n) for n in _children(sec, "termNote") if n.get("type") == "administrativeStatus"),
                    "",
                )
                if terms and _text(terms[0]):
                    forms.setdefault(lang, []).append((_text(terms[0]), status))
    target_forms = forms.pop(target, [])
    preferred = [t for t, s in target_forms if s == _PREFERRED]
    accepted = [t for t, s in target_forms if s not in (_DEPRECATED, _SUPERSEDED)]
    en = preferred[0] if preferred else (accepted[0] if accepted else None)
    if en is not None:
        out["en"] = en
    variants = [t for t in accepted if t != en]
    if variants:
        out["variants"] = variants
    for lang in _SOURCE_LANGS:
        kept = [t for t, s in forms.get(lang, []) if s not in (_DEPRECATED, _SUPERSEDED)]
        if kept:
            out[lang] = kept
    forbidden = [t for t, s in target_forms if s in (_DEPRECATED, _SUPERSEDED)]
    if forbidden:
        out["forbidden"] = forbidden
    if confusable:
        out["confusable"] = confusable
    if notes:
        out["note"] = "\n".join(notes)
    return {k: out[k] for k in ENTRY_KEYS if k in out}
