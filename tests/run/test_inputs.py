"""run/inputs.py: the pairs of a run -- sibling files, explicit pairs, bilingual files and digest
documents -- and the roles paths take."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import seed
from zhen_tools.rules.context import DocContext, PairContext
from zhen_tools.run.inputs import find_pairs, path_roles, sibling_key
from zhen_tools.text.document import document_from_text, read_document


def ctx(text: str, path: str) -> DocContext:
    return DocContext(document_from_text(text, path))


def test_sibling_files_pair_up() -> None:
    zh = ctx("南鸟岛位于东京东南。", "news/a.zh.txt")
    en = ctx("Minami-Torishima lies southeast of Tokyo.", "news/a.en.txt")
    other = ctx("Unrelated.", "news/b.en.txt")
    pairs = find_pairs([en, other, zh])
    assert [(p.source, p.target, p.kind) for p in pairs] == [(zh, en, "files")]
    assert [b.kind for b in pairs[0].beads] == ["1-1"]


def test_sibling_language_tags() -> None:
    assert sibling_key("x/report.zh-Hans.md") == ("x/report", "source", "md")
    assert sibling_key("x/report.en-US.md") == ("x/report", "target", "md")
    assert sibling_key("x/report.fr.md") is None
    # different extensions are different documents
    pairs = find_pairs([ctx("南鸟岛。", "a.zh.md"), ctx("Minami-Torishima.", "a.en.txt")])
    assert pairs == []


def test_explicit_pair_by_path(tmp_path: Path) -> None:
    src, tgt = tmp_path / "source.txt", tmp_path / "translation.txt"
    src.write_text("地球号从清水港出发。", encoding="utf-8")
    tgt.write_text("The Chikyu left Shimizu Port.", encoding="utf-8")
    known = DocContext(read_document(str(tgt)))
    [pair] = find_pairs([known], explicit=[(str(src), str(tgt))])
    assert pair.target is known  # the run's own context, with its cached analyses
    assert pair.source.doc.text == "地球号从清水港出发。"


def test_bilingual_file_is_one_pair_of_units() -> None:
    c = ctx("zh\ten\n南鸟岛\tMinami-Torishima\n", "terms.tsv")
    [pair] = find_pairs([c])
    assert pair.kind == "bilingual" and pair.source is pair.target is c
    assert [(b.source_text, b.target_text) for b in pair.beads] == [("南鸟岛", "Minami-Torishima")]
    assert not pair.drift


def test_seed_002_pairs_as_one_digest_pair_per_headline() -> None:
    pairs = find_pairs([DocContext(read_document(seed("002")))])
    assert [p.kind for p in pairs] == ["digest"] * 7 and all(p.digest for p in pairs)


def test_finding_reports_on_the_target() -> None:
    zh = ctx("南鸟岛。", "a.zh.txt")
    en = ctx("Title\nMinami-Torishima.", "a.en.txt")
    pair = PairContext(zh, en)
    [bead] = [b for b in pair.beads if b.source and b.target]
    seg = bead.target[0]
    f = pair.segment_finding(seg, 0, 16, "glossary-missing", "message")
    assert (f.path, f.line, f.column, f.text) == ("a.en.txt", 2, 1, "Minami-Torishima")


# -- untranslated, pair scope (the document-scope rule is tested in checks/test_untranslated.py)


def test_untranslated_pair_flags_copied_and_chinese_targets() -> None:
    from zhen_tools.rules.untranslated import untranslated_pair

    text = (
        "zh\ten\n南鸟岛\t南鸟岛\n日本挖深海泥\t日本挖深海泥 (Japan digs mud)\n"
        "地球号出发\tThe Chikyu departs\nG20\tG20\n"
    )
    [pair] = find_pairs([ctx(text, "units.tsv")])
    found = [(f.line, f.text, f.message) for f in untranslated_pair(pair)]
    assert found == [
        (2, "南鸟岛", "target segment is identical to its source: not translated"),
        (3, "日本挖深海泥 (Japan digs mud)", "target segment is still in Chinese: not translated"),
    ]
    assert all(f.severity.value == "error" for f in untranslated_pair(pair))


def test_untranslated_pair_passes_translations_and_digests() -> None:
    from zhen_tools.rules.untranslated import untranslated_pair

    pair = PairContext(
        ctx("南鸟岛位于东京东南。", "a.zh.txt"),
        ctx("Minami-Torishima (南鸟岛) lies southeast of Tokyo.", "a.en.txt"),
    )
    assert list(untranslated_pair(pair)) == []
    [digest] = find_pairs([ctx("南鸟岛新闻\nMinami-Torishima news in English, a long summary.\n", "d.txt")])
    assert list(untranslated_pair(digest)) == []


# -- roles by path, the target view of bilingual files, the digest shortcut -----------------------


def test_path_roles() -> None:
    paths = ["n/a.zh.txt", "n/a.en.txt", "n/b.zh-Hans.md", "n/c.en.txt", "d.zh.po", "d.en.po", "x.txt"]
    assert path_roles(paths) == {
        "n/a.zh.txt": ("source", "sibling"),
        "n/a.en.txt": ("target", "sibling"),
        # named Chinese, sibling absent: still a source (a pre-commit run sees changed files only)
        "n/b.zh-Hans.md": ("source", "name"),
    }
    # explicit pairs come first and take their files out of sibling pairs
    assert path_roles(paths, [("x.txt", "n/a.en.txt")]) == {
        "x.txt": ("source", "explicit"),
        "n/a.en.txt": ("target", "explicit"),
        "n/a.zh.txt": ("source", "name"),
        "n/b.zh-Hans.md": ("source", "name"),
    }


def test_target_view_keeps_offsets_and_lines() -> None:
    from zhen_tools.formats import in_regions, read_units, target_regions, target_view

    doc = document_from_text('source,target\r\n源,"two\nlines, ""quoted"""\r\n', "t.csv")
    units = read_units(doc)
    assert units is not None
    view = target_view(doc, units)
    assert len(view.text) == len(doc.text) and view.line_starts == doc.line_starts
    assert view.text == '             \r\n   two\nlines, ""quoted"" \r\n'  # the closing quote blanked
    [(start, end)] = target_regions(units)
    assert doc.text[start:end] == 'two\nlines, ""quoted""'
    assert in_regions(start, end, [(start, end)]) and not in_regions(start - 1, end, [(start, end)])


def test_units_given_are_not_read_again() -> None:
    from zhen_tools.formats import read_units

    c = ctx("zh\ten\n南鸟岛\tMinami-Torishima\n", "terms.tsv")
    units = read_units(c.doc)
    [pair] = find_pairs([c], units={"terms.tsv": units})
    assert pair.kind == "bilingual" and pair.beads[0].target[0] is units[0].target  # type: ignore[index]
    # a path known not to be bilingual is not parsed as a table
    assert find_pairs([c], units={"terms.tsv": None}) == []


def test_english_with_stray_chinese_words_is_no_digest() -> None:
    text = "It ranks second,仅次于 China.\n" * 1000 + "Another line.\n"
    assert find_pairs([ctx(text, "a.txt")]) == []
    # one Chinese line makes it a digest candidate
    [pair] = find_pairs(
        [ctx(text + "日本盯上海底稀土\nJapan eyes seabed rare earths, a longer summary.\n", "a.txt")]
    )
    assert pair.digest and pair.beads[0].source_text == "日本盯上海底稀土"
