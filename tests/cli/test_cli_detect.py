"""``zhen detect``: the installed command, run as a user runs it, on the seeds and odd files."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_zhen, seed, seed_text

SPAN_KEYS = {"path", "start", "end", "line", "column", "lang", "script", "text"}


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a code-point offset, counting \\r\\n as one line break."""
    before = text[:offset].replace("\r\n", "\n").replace("\r", "\n")
    line = before.count("\n") + 1
    return line, len(before) - (before.rfind("\n") + 1) + 1


def test_text_output_on_seed_000_shows_the_chinese_fragment() -> None:
    path = seed("000")
    text = seed_text("000")
    start = text.index("仅次于")
    line, column = position(text, start)
    proc = run_zhen("detect", str(path))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    expected = f"{path}:{line}:{column}: zh-Hans Hani [{start}:{start + 3}] 仅次于"
    assert expected in proc.stdout.splitlines()
    assert line == 9  # the fifth paragraph, with blank lines between paragraphs
    # One line per span, each in the documented shape.
    for out in proc.stdout.splitlines():
        assert out.startswith(f"{path}:")
        assert " Latn [" in out or " Hani [" in out


def test_json_output_on_seed_002_covers_the_text() -> None:
    path = seed("002")
    text = seed_text("002")
    proc = run_zhen("detect", "--format", "json", str(path))
    assert proc.returncode == 0, proc.stderr
    spans = json.loads(proc.stdout)["spans"]
    assert all(set(s) == SPAN_KEYS for s in spans)
    assert spans[0]["start"] == 0 and spans[-1]["end"] == len(text)
    assert "".join(s["text"] for s in spans) == text
    for s in spans:
        assert s["path"] == str(path)
        assert text[s["start"] : s["end"]] == s["text"]
        assert (s["line"], s["column"]) == position(text, s["start"])
    headline = next(s for s in spans if s["text"].startswith("盯上6000米深海稀土!日本派船探查 距中国"))
    assert (headline["line"], headline["column"], headline["lang"], headline["script"]) == (
        3,
        1,
        "zh-Hans",
        "Hani",
    )


def test_json_for_several_files_is_one_document() -> None:
    proc = run_zhen("detect", "--format", "json", str(seed("001")), str(seed("003")))
    assert proc.returncode == 0
    paths = {s["path"] for s in json.loads(proc.stdout)["spans"]}
    assert paths == {str(seed("001")), str(seed("003"))}


def test_gbk_encoded_file(tmp_path: Path) -> None:
    f = tmp_path / "gbk.txt"
    f.write_bytes("稀土国产化\nRare earths at home and abroad\n".encode("gbk"))
    proc = run_zhen("detect", "--format", "json", str(f))
    assert proc.returncode == 0, proc.stderr
    spans = json.loads(proc.stdout)["spans"]
    assert [(s["lang"], s["text"]) for s in spans] == [
        ("zh-Hans", "稀土国产化\n"),
        ("en", "Rare earths at home and abroad\n"),
    ]
    assert (spans[1]["start"], spans[1]["line"], spans[1]["column"]) == (6, 2, 1)


def test_crlf_file_lines_and_columns(tmp_path: Path) -> None:
    f = tmp_path / "crlf.txt"
    f.write_bytes("The ship left port.\r\n日本派船探查\r\nIt reached 沖ノ鳥島 later.".encode())
    proc = run_zhen("detect", "--format", "json", str(f))
    assert proc.returncode == 0, proc.stderr
    spans = json.loads(proc.stdout)["spans"]
    han = next(s for s in spans if s["lang"] == "zh")  # 日本派船探查: shared characters only
    assert (han["start"], han["line"], han["column"], han["text"]) == (21, 2, 1, "日本派船探查\r\n")
    ja = next(s for s in spans if s["lang"] == "ja")
    # Line 3 starts at offset 29; "It reached " is 11 code points.
    assert (ja["start"], ja["line"], ja["column"], ja["text"]) == (40, 3, 12, "沖ノ鳥島")


def test_binary_file_is_one_line_error_and_others_still_reported(tmp_path: Path) -> None:
    bad = tmp_path / "image.dat"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01")
    good = tmp_path / "good.txt"
    good.write_text("Rare earth mud was brought up from the seabed.", encoding="utf-8")
    proc = run_zhen("detect", str(bad), str(good))
    assert proc.returncode == 2
    errors = proc.stderr.splitlines()
    assert len(errors) == 1 and str(bad) in errors[0]
    assert "Traceback" not in proc.stderr
    assert proc.stdout.startswith(f"{good}:1:1: en Latn [0:46] ")


def test_empty_file_has_no_spans(tmp_path: Path) -> None:
    f = tmp_path / "empty.txt"
    f.write_bytes(b"")
    proc = run_zhen("detect", str(f))
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")
    proc = run_zhen("detect", "--format", "json", str(f))
    assert proc.returncode == 0
    assert json.loads(proc.stdout) == {"spans": []}


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    proc = run_zhen("detect", str(missing))
    assert proc.returncode == 2
    errors = proc.stderr.splitlines()
    assert len(errors) == 1 and str(missing) in errors[0]
    assert proc.stdout == ""


def test_standard_input() -> None:
    proc = run_zhen("detect", "--format", "json", "-", input="Ростех объявил\n仅次于")
    assert proc.returncode == 0, proc.stderr
    spans = json.loads(proc.stdout)["spans"]
    assert [(s["path"], s["lang"], s["script"], s["text"]) for s in spans] == [
        ("-", "ru", "Cyrl", "Ростех объявил\n"),
        ("-", "zh-Hans", "Hani", "仅次于"),
    ]
