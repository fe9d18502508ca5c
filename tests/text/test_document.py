"""Reading documents: encodings, BOMs, line endings, binary files, positions."""

from __future__ import annotations

import codecs
import os

import pytest

from tests.conftest import SEEDS, SHARED
from zhen_tools.run.inputs import iter_paths
from zhen_tools.text.document import DocumentError, decode_bytes, document_from_text, read_document


def test_seeds_are_the_shared_seeds_byte_for_byte():
    shared = SHARED / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this clone")
    names = sorted(p.name for p in shared.iterdir())
    assert names == sorted(p.name for p in SEEDS.iterdir())
    for name in names:
        assert (SEEDS / name).read_bytes() == (shared / name).read_bytes()


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_positions_for_every_line_ending(newline):
    text = newline.join(["南鸟岛 is far", "second", "", "fourth"])
    doc = document_from_text(text)
    assert doc.newline == newline
    fourth = text.index("fourth")
    assert doc.position(fourth) == (4, 1)
    assert doc.position(text.index("far")) == (1, 8)  # code points: 南鸟岛 is three columns, then " is "
    assert doc.line_text(1) == "南鸟岛 is far"
    assert doc.line_text(3) == ""


def test_mixed_line_endings_count_each_break_once():
    doc = document_from_text("a\r\nb\rc\nd")
    assert [doc.position(i)[0] for i in (0, 3, 5, 7)] == [1, 2, 3, 4]


@pytest.mark.parametrize(
    ("data", "encoding", "bom"),
    [
        ("稀土国产化\n".encode(), "utf-8", False),
        (codecs.BOM_UTF8 + "稀土国产化\n".encode(), "utf-8", True),
        ("稀土国产化 rare earths\n".encode("gbk"), "gb18030", False),
        ("日本從海底開採稀土，這是第一次。\n".encode("big5"), "big5", False),
        (codecs.BOM_UTF16_LE + "稀土 rare earths\n".encode("utf-16-le"), "utf-16-le", True),
        (codecs.BOM_UTF16_BE + "稀土 rare earths\n".encode("utf-16-be"), "utf-16-be", True),
        (codecs.BOM_UTF32_LE + "稀土\n".encode("utf-32-le"), "utf-32-le", True),
    ],
)
def test_decoding(data, encoding, bom):
    text, enc, had_bom = decode_bytes(data)
    assert enc == encoding and had_bom == bom
    assert "\ufeff" not in text and text.endswith("\n")


def test_short_gbk_is_not_read_as_korean():
    text, enc, _ = decode_bytes("高市早苗".encode("gbk"))
    assert (text, enc) == ("高市早苗", "gb18030")


def test_encode_round_trips_bytes(tmp_path):
    for data in (
        codecs.BOM_UTF8 + b"a\r\nb",
        "南鸟岛\r\n".encode("gbk"),
        "x\ny".encode("utf-16"),
        codecs.BOM_UTF16_BE + "x\ny".encode("utf-16-be"),
        "“Chikyu” 南\n".encode("utf-16-le"),
        "南鸟岛\n".encode("utf-16-be"),
        "東京の天気\n".encode("shift_jis"),
    ):
        p = tmp_path / "f.txt"
        p.write_bytes(data)
        assert read_document(p).encode() == data


def test_binary_and_missing_files_are_one_line_errors(tmp_path):
    b = tmp_path / "img.dat"
    b.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(DocumentError, match=r"img\.dat: .*binary") as exc:
        read_document(b)
    assert "\n" not in str(exc.value)
    with pytest.raises(DocumentError, match=r"nope\.txt: no such file"):
        read_document(tmp_path / "nope.txt")


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    doc = read_document(p)
    assert doc.text == "" and doc.position(0) == (1, 1)


def test_walk_skips_hidden_vcs_and_binary(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / "pic.png").write_bytes(b"\x89PNG")
    got = [p.replace(str(tmp_path), "") for p in iter_paths([str(tmp_path)])]
    assert got == ["/a.txt", "/sub/b.md"]


# -- UTF-16 byte order: the order that decodes and reads as text, written back the same ------


@pytest.mark.parametrize("text", ["“Chikyu” docked at Shimizu\n", "南鸟岛 Minami-Torishima\n", "一稀土\n"])
@pytest.mark.parametrize("order", ["utf-16-le", "utf-16-be"])
def test_bomless_utf16_is_read_in_its_own_byte_order(text, order):
    # “ (U+201C) and 南 put no NUL in the second byte; 一 (U+4E00) and 稀 (U+7A00) have a zero
    # low byte: none of them may decide the byte order or make the file undecodable.
    got, enc, bom = decode_bytes(text.encode(order))
    assert (got, enc, bom) == (text, order, False)


@pytest.mark.parametrize("order", ["utf-16-le", "utf-16-be"])
def test_bomless_utf16_of_cjk_only_is_read_when_nothing_else_reads(order):
    # No ASCII, so no NUL byte: tried after the legacy encodings refuse it.
    text = "南鸟岛南鸟岛日本"
    assert decode_bytes(text.encode(order)) == (text, order, False)


def test_utf16_be_with_bom_is_written_back_big_endian(tmp_path):
    p = tmp_path / "be.txt"
    data = codecs.BOM_UTF16_BE + "稀土 rare\n".encode("utf-16-be")
    p.write_bytes(data)
    doc = read_document(p)
    assert (doc.encoding, doc.bom) == ("utf-16-be", True)
    assert doc.encode() == data


# -- Shift-JIS: Japanese sources are recognised, never read as GB18030 mojibake ---------------

JAPANESE = [
    "政府は南鳥島沖の海底からレアアース泥を引き上げることに成功したと発表した。\n",
    "高市首相は記者会見で、衆議院を解散する考えを示した。\n",
    "東京の天気は晴れです。\n",
]
CHINESE_GBK = [
    "日本首次从南鸟岛附近海域的深海海底成功采集到稀土泥。\n",
    "高市早苗表示将解散众议院。\n",
]
CHINESE_BIG5 = [
    "日本首次從南鳥島附近海域的深海海底成功採集到稀土泥。\n",
    "高市早苗表示將解散眾議院。\n",
]


@pytest.mark.parametrize("text", JAPANESE)
def test_shift_jis_news_is_read_as_japanese(text):
    assert decode_bytes(text.encode("shift_jis")) == (text, "shift_jis", False)


@pytest.mark.parametrize("text", CHINESE_GBK)
def test_gbk_news_still_passes_as_gb18030(text):
    assert decode_bytes(text.encode("gbk")) == (text, "gb18030", False)


@pytest.mark.parametrize("text", CHINESE_BIG5)
def test_big5_news_still_passes_as_big5(text):
    assert decode_bytes(text.encode("big5")) == (text, "big5", False)


def test_short_big5_is_not_read_as_kana_in_gb18030():
    # Big5 日本 is A4E9 A5BB, which GB2312 has as the kana らセ.
    assert decode_bytes("日本".encode("big5")) == ("日本", "big5", False)


@pytest.mark.parametrize(
    "data",
    [
        "Café naïve résumé — déjà vu\n".encode("cp1252"),
        "Tōkyō Ōsaka\n".encode("iso8859-4"),
    ],
)
def test_bytes_of_no_known_encoding_are_refused_not_guessed(data):
    with pytest.raises(DocumentError, match="cannot decode"):
        decode_bytes(data)


def test_an_english_file_from_an_old_windows_tool_is_read_as_windows_1252():
    # Mostly ASCII, with Word's curly quotes and dashes: no CJK encoding reads those bytes as
    # text, and refusing the file left a translator nothing to check.
    data = "The ship “Chikyu” left port on Monday – officials said it’s a first. Café owners agreed.\n"
    assert decode_bytes(data.encode("cp1252")) == (data, "cp1252", False)
    # Dense in such bytes, a text is another language's: refused, as above.
    with pytest.raises(DocumentError, match="cannot decode"):
        decode_bytes("“Déjà” – “ça”, “né”, “été”\n".encode("cp1252"))
    # GBK that no CJK encoding reads (a stray byte at its end) is no Windows-1252 text either.
    with pytest.raises(DocumentError, match="cannot decode"):
        decode_bytes("稀土国产化".encode("gbk") + b"\x80")


def test_read_document_records_the_file_stamp(tmp_path):
    import hashlib

    p = tmp_path / "a.txt"
    p.write_bytes(b"Tokyo\n")
    st = p.stat()
    assert read_document(p).source_stamp == (6, st.st_mtime_ns, hashlib.sha256(b"Tokyo\n").hexdigest())


# -- what is not a regular file, and files over the size limit --------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_an_error_not_a_read_that_blocks_forever(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")  # nobody writes to it: opening it to read would block
    with pytest.raises(DocumentError, match=r"pipe\.txt: not a regular file"):
        read_document(tmp_path / "pipe.txt")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_a_link_to_a_device_is_an_error_not_an_endless_read(tmp_path):
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    with pytest.raises(DocumentError, match=r"zero\.txt: not a regular file"):
        read_document(tmp_path / "zero.txt")


def test_a_file_over_the_limit_is_an_error_and_one_at_it_is_read(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(b"x" * 100)
    assert read_document(p, max_bytes=100).text == "x" * 100
    with pytest.raises(DocumentError, match=r"a\.txt: larger than the 99-byte limit \(max-file-size\)"):
        read_document(p, max_bytes=99)
    assert read_document(p, max_bytes=None).text == "x" * 100
    assert len(read_document(p).text) == 100  # the default limit is far above it


def test_a_link_to_a_regular_file_is_read(tmp_path):
    (tmp_path / "a.txt").write_text("Tokyo", encoding="utf-8")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    assert read_document(tmp_path / "b.txt").text == "Tokyo"


def test_line_starts_are_compact_offsets_left_out_of_equality():
    """The line index is an array of 8-byte offsets (a tuple of ints costs five times as much on
    a big file); derived from the text, it takes no part in equality or hashing."""
    doc = document_from_text("one\r\ntwo\rthree\n\nfour")
    assert list(doc.line_starts) == [0, 5, 9, 15, 16]
    assert doc.line_starts.itemsize == 8  # type: ignore[attr-defined]
    assert [doc.line_text(n) for n in range(1, 6)] == ["one", "two", "three", "", "four"]
    assert doc.position(16) == (5, 1)
    again = document_from_text("one\r\ntwo\rthree\n\nfour")
    assert doc == again and hash(doc) == hash(again)
    assert doc != document_from_text("one\r\ntwo\rthree\n\nfive")


def test_a_shared_segment_is_the_segment_of_its_slice() -> None:
    import dataclasses
    import pickle

    from zhen_tools.text.document import Segment, SharedSegment

    text = "标题\nFirst para."
    shared, plain = SharedSegment(3, 14, text), Segment(3, 14, "First para.")
    assert shared.text == "First para." and shared.offsets is None and shared.doc_offset(6) == 9
    assert shared == plain and plain == shared and hash(shared) == hash(plain)
    assert shared != Segment(3, 14, "First pare.") and shared != SharedSegment(3, 13, text)
    assert pickle.loads(pickle.dumps(shared)) == plain  # sent as a plain Segment, its slice alone
    with pytest.raises(dataclasses.FrozenInstanceError):
        shared.start = 4  # type: ignore[misc]
