"""XLIFF 1.2/2.x and TMX files, parsed with the standard library's expat, which reports where each
piece of text sits in the file.

expat resolves no external entities and (expat >= 2.4.1, bundled with Python 3.11) refuses
"billion laughs" entity expansion, which is enough for local files a user asked us to check; so
``defusedxml`` is not needed.
"""

from __future__ import annotations

import bisect
import itertools
from typing import Any
from xml.parsers import expat

from zhen_tools.formats.units import BilingualError, Unit, segment_of
from zhen_tools.text.document import Document, Segment

__all__ = ["read_xml"]

# Inline elements whose content is native markup, not translatable text.
_CODE_ELEMENTS = frozenset({"bpt", "ept", "ph", "it", "sub"})


class _XmlText:
    """Collect the text (and each character's file offset) of an element being read."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.offs: list[int] = []
        self.end = 0


def read_xml(doc: Document, fmt: str) -> list[Unit]:
    """The units of an ``xliff`` or ``tmx`` file; raises BilingualError for malformed XML."""
    text = doc.text
    raw = text.encode("utf-8")
    # Byte offset of each character, to turn expat's byte positions into code points.
    byte_starts = list(itertools.accumulate((len(c.encode("utf-8")) for c in text), initial=0))

    def char_at(b: int) -> int:
        return bisect.bisect_left(byte_starts, b)

    parser = expat.ParserCreate("UTF-8")  # overrides the declared encoding: we feed UTF-8
    stack: list[str] = []
    units: list[Unit] = []
    state: dict[str, Any] = {"src": None, "tgt": None, "id": "", "tuvs": [], "srclang": ""}
    reading: list[_XmlText] = []
    code_depth = [0]

    def start(name: str, attrs: dict[str, str]) -> None:
        local = name.rsplit(":", 1)[-1]
        stack.append(local)
        if reading and local in _CODE_ELEMENTS:
            code_depth[0] += 1
        if local in ("trans-unit", "unit", "tu"):
            state.update(src=None, tgt=None, id=attrs.get("id", attrs.get("tuid", "")), tuvs=[])
        elif local == "header" and fmt == "tmx":
            state["srclang"] = attrs.get("srclang", "").lower()
        elif local == "tuv":
            lang = attrs.get("xml:lang", attrs.get("lang", "")).lower()
            state["tuvs"].append([lang, None])
        elif local == "segment" and fmt == "xliff":
            state.update(src=None, tgt=None)
        if _is_text_element(stack, fmt):
            reading.append(_XmlText())

    def end(name: str) -> None:
        local = stack.pop()
        if reading and local in _CODE_ELEMENTS and code_depth[0]:
            code_depth[0] -= 1
        if _is_text_element([*stack, local], fmt):
            collected = reading.pop()
            seg = segment_of(collected.chars, collected.offs, text)
            if fmt == "tmx":
                state["tuvs"][-1][1] = seg
            else:
                state["src" if local == "source" else "tgt"] = seg
        if fmt == "xliff" and (local == "segment" or (local == "trans-unit")):
            _emit_pair(state, units)
        elif fmt == "tmx" and local == "tu":
            _emit_tmx(state, units)

    def data(s: str) -> None:
        if not reading or code_depth[0]:
            return
        pos = char_at(parser.CurrentByteIndex)
        target = reading[-1]
        exact = text.startswith(s, pos)
        for k, ch in enumerate(s):
            target.chars.append(ch)
            # An entity (&amp;) or a normalised line break is one character spread over several
            # in the file: all of it points at where the entity starts.
            target.offs.append(pos + k if exact else pos)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    try:
        parser.Parse(raw, True)
    except expat.ExpatError as exc:
        raise BilingualError(
            f"{doc.path}:{exc.lineno}: not well-formed XML ({expat.ErrorString(exc.code)})"
        ) from None
    return units


def _is_text_element(stack: list[str], fmt: str) -> bool:
    if not stack:
        return False
    if fmt == "tmx":
        return stack[-1] == "seg" and len(stack) >= 2 and stack[-2] == "tuv"
    return stack[-1] in ("source", "target") and len(stack) >= 2 and stack[-2] in ("trans-unit", "segment")


def _emit_pair(state: dict[str, Any], units: list[Unit]) -> None:
    src, tgt = state.get("src"), state.get("tgt")
    if isinstance(src, Segment) and isinstance(tgt, Segment):
        units.append(Unit(src, tgt, str(state.get("id", ""))))
    state.update(src=None, tgt=None)


def _emit_tmx(state: dict[str, Any], units: list[Unit]) -> None:
    tuvs = [(lang, seg) for lang, seg in state.get("tuvs", []) if isinstance(seg, Segment)]
    srclang = str(state.get("srclang", ""))
    src = next((s for lang, s in tuvs if srclang and srclang != "*all*" and lang == srclang), None)
    if src is None:
        src = next((s for lang, s in tuvs if lang.startswith(("zh", "ja"))), None)
    tgt = next((s for lang, s in tuvs if s is not src and lang.startswith("en")), None)
    if tgt is None:
        tgt = next((s for lang, s in tuvs if s is not src), None)
    if src is not None and tgt is not None:
        units.append(Unit(src, tgt, str(state.get("id", ""))))
