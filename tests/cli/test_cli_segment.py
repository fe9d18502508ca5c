"""``zhen segment``: the installed command run as a subprocess on seeds and files in tmp_path."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_zhen, seed, seed_text


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset``, counting \\n as the line break (seeds are LF)."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def test_sentences_text_output_on_seed_000() -> None:
    path = str(seed("000"))
    proc = run_zhen("segment", path)  # --sentences is the default
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    headline = "Japanese officials: China restricts the flow of key technologies for rare earth refining."
    assert lines[0] == f"{path}:1:1: [0:{len(headline)}] {headline}"
    text = seed_text("000")
    i = text.index("According to data cited by the report")
    line, col = line_col(text, i)
    assert any(row.startswith(f"{path}:{line}:{col}: [{i}:") for row in lines)
    assert run_zhen("segment", "--sentences", path).stdout == proc.stdout


def test_words_json_on_seed_002() -> None:
    path = str(seed("002"))
    text = seed_text("002")
    proc = run_zhen("segment", "--words", "--format", "json", path)
    assert proc.returncode == 0, proc.stderr
    words = json.loads(proc.stdout)["words"]
    by_start = {w["start"]: w for w in words}
    for atom, kind in [
        ("Chikyū", "word"),
        ("Minami-Tori-shima", "word"),
        ("[1][25]", "cite"),
        ("2.6", "number"),
        ("2026-01-13", "number"),
    ]:
        i = text.index(atom)
        line, col = line_col(text, i)
        assert by_start[i] == {
            "path": path,
            "start": i,
            "end": i + len(atom),
            "line": line,
            "column": col,
            "text": atom,
            "kind": kind,
        }
    assert all(not w["text"].isspace() for w in words)


def test_words_text_output_on_seed_002() -> None:
    path = str(seed("002"))
    text = seed_text("002")
    proc = run_zhen("segment", "--words", path)
    assert proc.returncode == 0, proc.stderr
    i = text.index("Minami-Tori-shima")
    line, col = line_col(text, i)
    assert f"{path}:{line}:{col}: word [{i}:{i + 17}] Minami-Tori-shima" in proc.stdout.splitlines()


def test_crlf_file_positions(tmp_path: Path) -> None:
    p = tmp_path / "crlf.txt"
    p.write_bytes("Line one. Line two!\r\n\r\n中文句子。English 2.6 trillion.\r\n".encode())
    proc = run_zhen("segment", "--format", "json", str(p))
    assert proc.returncode == 0, proc.stderr
    got = [
        (s["text"], s["start"], s["end"], s["line"], s["column"])
        for s in json.loads(proc.stdout)["sentences"]
    ]
    # "Line one. Line two!" is 19 code points, then \r\n\r\n: line 3 starts at offset 23.
    assert got == [
        ("Line one.", 0, 9, 1, 1),
        ("Line two!", 10, 19, 1, 11),
        ("中文句子。", 23, 28, 3, 1),
        ("English 2.6 trillion.", 28, 49, 3, 6),
    ]
    words = run_zhen("segment", "--words", str(p)).stdout.splitlines()
    assert f"{p}:3:14: number [36:39] 2.6" in words
    assert f"{p}:3:1: word [23:25] 中文" in words


def test_stdin() -> None:
    proc = run_zhen("segment", "-", input="Hi there. Bye.\n")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["-:1:1: [0:9] Hi there.", "-:1:11: [10:14] Bye."]


def test_glossary_forms_become_user_words(tmp_path: Path) -> None:
    g = tmp_path / "names.toml"
    g.write_text(
        '[glossary]\nname = "names"\nsource = "zh"\ntarget = "en"\n\n'
        '[[entry]]\nid = "takaichi-sanae"\nkind = "person"\norigin = "ja"\n'
        'en = "Sanae Takaichi"\nzh = ["高市早苗"]\n',
        encoding="utf-8",
    )
    doc = tmp_path / "a.txt"
    doc.write_text("高市早苗已决定提前大选\n", encoding="utf-8")
    plain = [
        w["text"]
        for w in json.loads(run_zhen("segment", "--words", "--format", "json", str(doc)).stdout)["words"]
    ]
    assert plain[:4] == ["高", "市", "早", "苗"]
    proc = run_zhen("segment", "--words", "--format", "json", "--glossary", str(g), str(doc))
    assert proc.returncode == 0, proc.stderr
    assert [w["text"] for w in json.loads(proc.stdout)["words"]][:2] == ["高市早苗", "已"]


def test_bad_glossary_is_a_one_line_error(tmp_path: Path) -> None:
    g = tmp_path / "bad.toml"
    g.write_text("[glossary\n", encoding="utf-8")
    proc = run_zhen("segment", "--words", "--glossary", str(g), str(seed("000")))
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1 and "bad.toml" in proc.stderr


def test_missing_file_is_a_one_line_error_and_others_still_print(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    proc = run_zhen("segment", str(missing), str(seed("000")))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "nope.txt" in proc.stderr
    assert proc.stdout.startswith(f"{seed('000')}:1:1: ")


def test_sentences_and_words_are_exclusive() -> None:
    proc = run_zhen("segment", "--sentences", "--words", str(seed("000")))
    assert proc.returncode == 2
    assert "not allowed with" in proc.stderr
