"""``zhen align SOURCE TARGET``: side-by-side text and JSON beads with offsets and lines."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_zhen

ZH = "南鸟岛位于东京东南约1900公里。日本计划开采稀土泥。\n\n地球号将于1月12日出发。\n"
EN = (
    "Minami-Torishima lies about 1,900 km southeast of Tokyo.\n"
    "Japan plans to mine rare-earth mud there.\n\n"
    "The Chikyu will depart on January 12.\n"
)


def write(tmp_path: Path) -> tuple[Path, Path]:
    src, tgt = tmp_path / "a.zh.txt", tmp_path / "a.en.txt"
    src.write_text(ZH, encoding="utf-8")
    tgt.write_text(EN, encoding="utf-8")
    return src, tgt


def test_json_beads_with_offsets_and_lines(tmp_path: Path) -> None:
    src, tgt = write(tmp_path)
    proc = run_zhen("align", str(src), str(tgt), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["source"] == str(src) and data["target"] == str(tgt)
    beads = data["beads"]
    assert [b["type"] for b in beads] == ["1-1", "1-1", "1-1"]
    # Clean 1-1 beads with shared numbers and names are trusted.
    assert all(0.01 < b["confidence"] <= 1 for b in beads)
    second = beads[1]
    assert second["source"][0]["text"] == "日本计划开采稀土泥。"
    assert (second["source"][0]["line"], second["source"][0]["column"]) == (1, 18)
    assert second["target"][0]["text"] == "Japan plans to mine rare-earth mud there."
    assert (second["target"][0]["line"], second["target"][0]["column"]) == (2, 1)
    for b in beads:
        for s in b["source"]:
            assert ZH[s["start"] : s["end"]] == s["text"]
        for t in b["target"]:
            assert EN[t["start"] : t["end"]] == t["text"]


def test_text_side_by_side(tmp_path: Path) -> None:
    src, tgt = write(tmp_path)
    proc = run_zhen("align", str(src), str(tgt))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 4  # a header and one line per bead
    assert "地球号将于1月12日出发。" in lines[3] and "The Chikyu will depart on January 12." in lines[3]
    assert "│" in lines[3] and " L4 " in lines[3]


def test_missing_file_is_a_one_line_error(tmp_path: Path) -> None:
    src, _ = write(tmp_path)
    proc = run_zhen("align", str(src), str(tmp_path / "nope.txt"))
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "nope.txt" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_bad_glossary_is_a_one_line_error(tmp_path: Path) -> None:
    src, tgt = write(tmp_path)
    bad = tmp_path / "bad.toml"
    bad.write_text('[[entry]]\nid = "x"\n', encoding="utf-8")
    proc = run_zhen("align", str(src), str(tgt), "--glossary", str(bad))
    assert proc.returncode == 2 and "bad.toml" in proc.stderr and "Traceback" not in proc.stderr


def test_markdown_is_aligned_in_its_prose_as_zhen_check_aligns_it(tmp_path: Path) -> None:
    # A code block in the source only was three unaligned 1-0 beads of code; a link target's
    # address was part of a sentence. Shown text is still the file's own.
    src, tgt = tmp_path / "a.zh.md", tmp_path / "a.en.md"
    src.write_text(
        "日本周一开采了约2000吨稀土泥。\n\n```\ncurl https://example.org/data?n=35\n```\n\n官员说，储量约为1600万吨。\n",
        encoding="utf-8",
    )
    tgt.write_text(
        "On Monday Japan mined about 2,000 tons of mud.\n\n"
        "Officials [said](https://example.org/report) reserves are 16 million tons.\n",
        encoding="utf-8",
    )
    proc = run_zhen("align", str(src), str(tgt), "--format", "json")
    beads = json.loads(proc.stdout)["beads"]
    assert [
        (b["type"], [s["line"] for s in b["source"]], [s["line"] for s in b["target"]]) for b in beads
    ] == [
        ("1-1", [1], [1]),
        ("1-1", [7], [3]),
    ]
    assert (
        beads[1]["target"][0]["text"]
        == "Officials [said](https://example.org/report) reserves are 16 million tons."
    )
