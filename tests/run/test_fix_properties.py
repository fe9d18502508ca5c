"""Property tests of --fix: for every encoding and every bilingual format, decode -> fix ->
re-read gives the same text except the fixed spans, and the bytes outside them are identical.

Bounded for CI (``max_examples`` 20 per test); ``ZHEN_HYPOTHESIS_EXAMPLES=2000`` runs a long
local search.
"""

from __future__ import annotations

import codecs
import os
import tempfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhen_tools.findings import make_finding
from zhen_tools.formats import read_units
from zhen_tools.run.fix import check_units, plan_fixes, write_plan
from zhen_tools.text.document import document_from_text, read_document

EXAMPLES = int(os.environ.get("ZHEN_HYPOTHESIS_EXAMPLES", "20"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=EXAMPLES <= 20,
)

ASCII_WORDS = ["Tokyo", "Japan", " ", "rare earths", "the", ",", ".", "2026", "\n", "\r\n", "D/V", "(", ")"]
# Words of each language's news, so the file decodes as that language's encoding.
WORDS = {
    "zh-hans": ["稀土", "南鸟岛", "日本", "首次", "成功", "海底", "，", "。", "采集", "高市早苗", "一", "土"],
    "zh-hant": ["稀土", "南鳥島", "日本", "首次", "成功", "海底", "，", "。", "採集", "國家", "東京"],
    "ja": ["政府", "は", "南鳥島", "の", "海底", "から", "レアアース", "を", "、", "。", "発表", "した"],
}
DISTINCT = {"zh-hans": "南鸟岛", "zh-hant": "南鳥島", "ja": "レアアース"}
# (codec, BOM, language): every encoding --fix writes back.
ENCODINGS = [
    ("utf-8", b"", "zh-hans"),
    ("utf-8", codecs.BOM_UTF8, "ja"),
    ("utf-16-le", b"", "zh-hans"),
    ("utf-16-be", b"", "ja"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "zh-hant"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "zh-hans"),
    ("gb18030", b"", "zh-hans"),
    ("big5", b"", "zh-hant"),
    ("shift_jis", b"", "ja"),
]
# Replacements a glossary may hold: XML, PO and CSV specials included.
REPLACEMENTS = [
    "Tokyo",
    "Mitsui & Co., Ltd.",
    "AT&T",
    'D/V "Chikyu"',
    "a<b>",
    "x\\y",
    "Minami-Torishima",
    ", ",
]


def chunks_for(lang: str) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(ASCII_WORDS + WORDS[lang]), min_size=1, max_size=40)


def write_read(data: bytes):
    d = tempfile.mkdtemp()
    path = os.path.join(d, "doc.txt")
    with open(path, "wb") as fh:
        fh.write(data)
    return path, read_document(path)


@SETTINGS
@given(
    enc=st.sampled_from(ENCODINGS),
    data=st.data(),
)
def test_plain_text_round_trip_changes_only_the_fixed_bytes(enc, data):
    codec, bom, lang = enc
    # A word only that language writes (a file of two ambiguous characters could be either), and
    # a line break (BOM-less UTF-16 has a NUL).
    words = [DISTINCT[lang], *data.draw(chunks_for(lang)), "\n"]
    if codec == "big5":
        # A1 FE decodes to ／, which encodes back as A2 41: such bytes must survive a fix elsewhere.
        words.insert(data.draw(st.integers(0, len(words))), "\ufffe")
    raw = [b"\xa1\xfe" if w == "\ufffe" else w.encode(codec) for w in words]
    text_words = ["\uff0f" if w == "\ufffe" else w for w in words]
    path, doc = write_read(bom + b"".join(raw))
    assert (doc.text, doc.bom) == ("".join(text_words), bool(bom))
    assert doc.encoding == codec or (doc.text.isascii() and codec not in ("utf-16-le", "utf-16-be"))
    # Fix some whole words: choose their indices and replacements.
    # The distinctive word stays: a file fixed down to two ambiguous characters could be either.
    keep = words.index(DISTINCT[lang])
    picks = data.draw(st.sets(st.integers(0, len(words) - 1).filter(lambda i: i != keep), max_size=4))
    starts = [0]
    for w in text_words:
        starts.append(starts[-1] + len(w))
    findings, expected_raw, expected_text = [], list(raw), list(text_words)
    for i in sorted(picks):
        new = data.draw(st.sampled_from(["Tokyo", "AT&T", "Minami-Torishima", "日本"]))
        if new == text_words[i]:
            continue
        findings.append(make_finding(doc, starts[i], starts[i + 1], "t", "error", "m", suggestion=new))
        expected_raw[i], expected_text[i] = new.encode(codec), new
    plan = plan_fixes(doc, findings, rules={"t"})
    if not plan.applied:
        return
    write_plan(plan)
    with open(path, "rb") as fh:
        assert fh.read() == bom + b"".join(expected_raw)  # every other byte as it was
    again = read_document(path)
    assert (again.text, again.bom) == ("".join(expected_text), bool(bom))
    assert again.encoding == doc.encoding or again.text.isascii()


# -- bilingual files ------------------------------------------------------------------------------

TARGET_WORDS = [
    "Tokyo",
    "Japan",
    "rare",
    "earths",
    "AT&T",
    'said "no"',
    "a, b",
    "x<y",
    "back\\slash",
    "Chikyu",
]
PLAIN = {"Tokyo", "Japan", "rare", "earths", "Chikyu"}


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _csv(text: str, delim: str) -> str:
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in (delim, '"', "\n")) else text


def _po(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def build(fmt: str, units: list[tuple[str, str]]) -> str:
    if fmt in ("tsv", "csv"):
        d = "\t" if fmt == "tsv" else ","
        return f"zh{d}en\n" + "".join(f"{_csv(s, d)}{d}{_csv(t, d)}\n" for s, t in units)
    if fmt == "po":
        head = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        return head + "".join(f'msgid "{_po(s)}"\nmsgstr "{_po(t)}"\n\n' for s, t in units)
    if fmt == "xliff":
        body = "".join(
            f'<trans-unit id="{k}"><source>{_xml(s)}</source><target>{_xml(t)}</target></trans-unit>\n'
            for k, (s, t) in enumerate(units)
        )
        head = '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2"><file><body>\n'
        return f"{head}{body}</body></file></xliff>\n"
    body = "".join(
        f'<tu><tuv xml:lang="zh"><seg>{_xml(s)}</seg></tuv><tuv xml:lang="en"><seg>{_xml(t)}</seg></tuv></tu>\n'
        for s, t in units
    )
    head = '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="zh"/><body>\n'
    return f"{head}{body}</body></tmx>\n"


EXT = {"tsv": "tsv", "csv": "csv", "po": "po", "xliff": "xlf", "tmx": "tmx"}


@SETTINGS
@given(
    fmt=st.sampled_from(["tsv", "csv", "po", "xliff", "tmx"]),
    codec=st.sampled_from(["utf-8", "gb18030"]),
    units=st.lists(
        st.tuples(
            st.lists(st.sampled_from(WORDS["zh-hans"][:6]), min_size=1, max_size=4).map("".join),
            st.lists(st.sampled_from(TARGET_WORDS), min_size=1, max_size=6).map(" ".join),
        ),
        min_size=1,
        max_size=6,
    ),
    data=st.data(),
)
def test_bilingual_round_trip_changes_only_the_fixed_targets(fmt, codec, units, data):
    text = build(fmt, units)
    d = tempfile.mkdtemp()
    path = os.path.join(d, "units." + EXT[fmt])
    with open(path, "wb") as fh:
        fh.write(text.encode(codec))
    doc = read_document(path)
    before = read_units(doc)
    assert [(u.source.text, u.target.text) for u in before] == units
    # Replace one plain word in some targets by a replacement with container specials.
    findings, expected = [], []
    for u in before:
        words = u.target.text.split(" ")
        plain = [k for k, w in enumerate(words) if w in PLAIN]
        if not plain or not data.draw(st.booleans()):
            expected.append(u.target.text)
            continue
        k = data.draw(st.sampled_from(plain))
        new = data.draw(st.sampled_from(REPLACEMENTS))
        at = len(" ".join(words[:k])) + (1 if k else 0)
        start, end = u.target.doc_offset(at), u.target.doc_offset(at + len(words[k]))
        assert doc.text[start:end] == words[k]
        findings.append(make_finding(doc, start, end, "t", "error", "m", suggestion=new))
        words[k] = new
        expected.append(" ".join(words).strip())
    plan = plan_fixes(doc, findings, rules={"t"})
    if not plan.applied:
        return
    new_doc = document_from_text(plan.text, doc.path, encoding=doc.encoding, bom=doc.bom)
    check_units(plan, new_doc, None)
    write_plan(plan)
    after = read_units(read_document(path))
    assert [(u.source.text, u.target.text) for u in after] == [(s, t) for (s, _), t in zip(units, expected)]
    # The bytes outside the edits are the original bytes.
    with open(path, "rb") as fh:
        new_bytes = fh.read()
    old_bytes = text.encode(codec)
    pos = bpos = 0
    for s, e, r in plan.edits:
        seg = text[pos:s].encode(codec)
        assert new_bytes[bpos : bpos + len(seg)] == seg
        bpos += len(seg) + len(r.encode(codec))
        pos = e
    assert new_bytes[bpos:] == text[pos:].encode(codec) and old_bytes.endswith(text[pos:].encode(codec))
