"""PO files: each msgid/msgstr (and plural) as a unit. polib validates; the offsets are our own."""

from __future__ import annotations

import re
from types import ModuleType

from zhen_tools.formats.units import BilingualError, Unit, segment_of
from zhen_tools.text.document import Document

__all__ = ["PO_ESCAPES", "read_po"]


def _polib() -> ModuleType:
    """polib, imported on first use (only PO input pays for it)."""
    import polib  # type: ignore[import-untyped,unused-ignore]

    module: ModuleType = polib
    return module


_PO_KEY = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+"')
PO_ESCAPES = {  # a PO string's backslash escapes and what they stand for
    "n": "\n",
    "t": "\t",
    '"': '"',
    "\\": "\\",
    "r": "\r",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
}


class _Unterminated(ValueError):
    """A PO string without its closing quote on its line; ``args[0]`` is where the line ends."""


def _po_string(text: str, i: int, chars: list[str], offs: list[int]) -> int:
    """Decode the quoted string starting at ``text[i] == '"'``; return the index after it. A
    string ends on its own line, as msgfmt reads it (polib reads on past the line break, or
    drops the last character): without its closing quote it is ``_Unterminated``."""
    i += 1
    n = len(text)
    while i < n and text[i] != '"':
        if text[i] in "\r\n" or (text[i] == "\\" and (i + 1 == n or text[i + 1] in "\r\n")):
            break
        if text[i] == "\\":
            chars.append(PO_ESCAPES.get(text[i + 1], text[i + 1]))
            offs.append(i)
            i += 2
            continue
        chars.append(text[i])
        offs.append(i)
        i += 1
    if i >= n or text[i] != '"':
        raise _Unterminated(i)
    return i + 1


def read_po(doc: Document) -> list[Unit]:
    """The units of a PO file; raises BilingualError for a syntax error."""
    polib = _polib()
    try:
        polib.pofile(doc.text)  # validation only: polib keeps no offsets
    except (OSError, ValueError) as exc:
        lineno = re.search(r"line (\d+)", str(exc))
        where = f"{doc.path}:{lineno.group(1)}" if lineno else doc.path
        raise BilingualError(f"{where}: PO syntax error") from None
    text = doc.text
    units: list[Unit] = []
    fields: dict[str, tuple[list[str], list[int], int]] = {}

    def flush() -> None:
        src, tgt = fields.get("msgid"), fields.get("msgstr") or fields.get("msgstr[0]")
        if src and tgt and "".join(src[0]).strip():
            s, t = segment_of(*src[:2], text), segment_of(*tgt[:2], text)
            if s is not None and t is not None:
                units.append(Unit(s, t, "".join(fields["msgctxt"][0]) if "msgctxt" in fields else ""))
        plural, tgt1 = fields.get("msgid_plural"), fields.get("msgstr[1]")
        if plural and tgt1:
            s, t = segment_of(*plural[:2], text), segment_of(*tgt1[:2], text)
            if s is not None and t is not None:
                units.append(Unit(s, t))
        fields.clear()

    try:
        current: str | None = None
        pos = 0
        for line in text.splitlines(keepends=True):
            start = pos
            pos += len(line)
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                current = None
                if any(k.startswith("msgstr") for k in fields):
                    flush()
                continue
            m = _PO_KEY.match(stripped)
            lead = len(line) - len(line.lstrip())
            if m:
                key = m.group(1)
                if key in ("msgctxt", "msgid") and any(k.startswith("msgstr") for k in fields):
                    flush()
                chars: list[str] = []
                offs: list[int] = []
                end = _po_string(text, start + lead + m.end() - 1, chars, offs)
                fields[key] = (chars, offs, end - 1)
                current = key
            elif stripped.startswith('"') and current is not None:
                chars, offs, _ = fields[current]
                end = _po_string(text, start + lead, chars, offs)
                fields[current] = (chars, offs, end - 1)
        flush()
    except _Unterminated as exc:
        row = doc.position(exc.args[0])[0]
        raise BilingualError(
            f"{doc.path}:{row}: PO syntax error: a string without its closing quote"
        ) from None
    return units
