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
        ("稀土 rare earths\n".encode("utf-16"), "utf-16", True),
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
    for data in (codecs.BOM_UTF8 + b"a\r\nb", "南鸟岛\r\n".encode("gbk"), "x\ny".encode("utf-16")):
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
