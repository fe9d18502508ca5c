"""--fix and --diff: one plan of the fixable rules' unambiguous, non-overlapping suggestions; files
written atomically with their encoding, BOM, line endings and mode kept; only the fixed bytes change."""

from __future__ import annotations

import codecs
import dataclasses
import os
import stat
import tempfile

import pytest

from tests.conftest import run_zhen
from tests.run.test_run import WordRule, rule
from zhen_tools import cli
from zhen_tools.findings import make_finding
from zhen_tools.run import RunOptions
from zhen_tools.run.fix import FixError, fixable_rules, plan_fixes, unified_diff, write_atomic
from zhen_tools.run.fix import fix as fix_texts
from zhen_tools.text.document import document_from_text, read_document

GLOSSARY = (
    '[glossary]\nname = "t"\n\n'
    '[[entry]]\nid = "tokyo"\nkind = "place"\nen = "Tokyo"\nforbidden = ["Dongjing"]\n\n'
    '[[entry]]\nid = "minami-torishima"\nkind = "place"\nen = "Minami-Torishima"\n'
    'forbidden = ["South Bird Island"]\n'
)


def F(doc, start, end, rule_id="glossary-forbidden", suggestion="X"):
    return make_finding(doc, start, end, rule_id, "error", "test", suggestion=suggestion)


# -- choosing fixes -------------------------------------------------------------------------------


def test_fixable_rules_are_the_three_unambiguous_rules():
    assert fixable_rules() == {"glossary-forbidden", "glossary-near-miss", "punctuation"}


def test_only_allowlisted_rules_with_a_suggestion_are_applied():
    doc = document_from_text("abcdefgh")
    plan = plan_fixes(
        doc,
        [
            F(doc, 0, 1, "glossary-forbidden", "A"),
            F(doc, 2, 3, "untranslated", "C"),  # a hint, not a fix
            F(doc, 4, 5, "punctuation", None),  # no suggestion
            F(doc, 6, 7, "glossary-near-miss", "G"),
        ],
    )
    assert plan.text == "Abcdefgh".replace("g", "G")
    assert [f.rule for f in plan.applied] == ["glossary-forbidden", "glossary-near-miss"]


def test_overlapping_fixes_are_all_left_alone_and_reported():
    doc = document_from_text("South Bird Island, Tokyo")
    a = F(doc, 0, 10, suggestion="S")  # "South Bird"
    b = F(doc, 6, 17, suggestion="B")  # "Bird Island"
    c = F(doc, 19, 24, "punctuation", "T")  # separate: applied
    plan = plan_fixes(doc, [a, b, c])
    assert plan.text == "South Bird Island, T"
    assert [(f.start, why) for f, why in plan.skipped] == [
        (0, "overlaps another fix"),
        (6, "overlaps another fix"),
    ]


def test_touching_fixes_both_apply_and_one_edit_from_two_rules_applies_once():
    doc = document_from_text("ab")
    plan = plan_fixes(
        doc, [F(doc, 0, 1, suggestion="A"), F(doc, 1, 2, suggestion="B"), F(doc, 1, 2, "punctuation", "B")]
    )
    assert plan.text == "AB" and len(plan.applied) == 2 and plan.skipped == ()


def test_two_edits_at_one_point_are_ambiguous():
    doc = document_from_text("ab")
    plan = plan_fixes(doc, [F(doc, 1, 1, suggestion="x"), F(doc, 1, 2, suggestion="y")])
    assert plan.text == "ab" and len(plan.skipped) == 2


def test_a_stale_finding_is_not_applied():
    doc = document_from_text("abc")
    stale = F(document_from_text("xyz"), 0, 1, suggestion="Q")  # text 'x' is not doc.text[0:1]
    assert plan_fixes(doc, [stale]).applied == ()


def test_a_replacement_the_encoding_cannot_hold_is_skipped():
    doc = document_from_text("Tokyo", encoding="big5")
    plan = plan_fixes(doc, [F(doc, 0, 5, suggestion="Tōkyō")])
    assert plan.text == "Tokyo"
    assert plan.skipped[0][1] == "the replacement cannot be written in big5"


def test_a_fix_across_xliff_inline_markup_is_skipped():
    # The units would read back the same without the tag: only this check keeps it.
    xlf = (
        '<trans-unit><source>东</source><target>Minami <g id="1">Tori</g> Shima, Tokyo</target></trans-unit>'
    )
    doc = document_from_text(xlf, "t.xlf")
    start = xlf.index("Minami")
    across = F(doc, start, xlf.index(" Shima") + 6, "glossary-near-miss", "Minami-Torishima")
    inside = F(doc, xlf.index("Tokyo"), xlf.index("Tokyo") + 5, suggestion="TOKYO")
    plan = plan_fixes(doc, [across, inside])
    assert [f.text for f in plan.applied] == ["Tokyo"]
    assert plan.skipped == ((across, "it spans inline markup"),)
    assert '<g id="1">Tori</g>' in plan.text
    # the same text in a plain file is fixed
    plain = document_from_text("Minami <g>Tori</g> Shima", "t.txt")
    assert plan_fixes(plain, [F(plain, 0, 24, suggestion="Minami-Torishima")]).text == "Minami-Torishima"


def test_a_fix_never_cuts_a_character_reference_in_html_or_xml():
    # A replacement that starts or ends inside `&rdquo;` would leave its letters in the page.
    html = "<p>He said&rdquo;. It rained.</p>"
    doc = document_from_text(html, "t.html")
    at = html.index(";.")
    cut = F(doc, at, at + 2, suggestion=".")
    whole = F(doc, html.index("It"), html.index("It") + 2, suggestion="it")
    plan = plan_fixes(doc, [cut, whole])
    assert plan.skipped == ((cut, "it cuts a character reference"),)
    assert plan.text == "<p>He said&rdquo;. it rained.</p>"
    # In a plain-text file `&rdquo;` is no reference: the same edit is made.
    plain = document_from_text(html, "t.txt")
    assert (
        plan_fixes(plain, [F(plain, at, at + 2, suggestion=".")]).text == "<p>He said&rdquo. It rained.</p>"
    )


def fixable(r):
    return dataclasses.replace(r, fixable=True)


def test_fix_applies_one_plan_and_reports_what_remains():
    # "ab" -> "b": fixing "aab" leaves "ab"; that new finding is reported, not fixed again.
    rules = {"x-fix": fixable(rule("x-fix", ("document", WordRule("ab", "x-fix", suggestion="b"))))}
    out = fix_texts(
        [document_from_text("aab", "m.txt")], RunOptions(glossary=False, config=False, rules=rules)
    )
    assert out.fixed["m.txt"].text == "ab"
    assert [p.text for p in out.plans] == ["ab"]
    assert [(f.start, f.text) for f in out.first.findings] == [(1, "ab")]
    assert [(f.start, f.text) for f in out.result.findings] == [(0, "ab")]
    assert [p.text for p in out.remaining] == ["b"]  # what a second plan would do; not applied
    assert out.changed() == ["m.txt"]


def test_fix_applies_only_rules_marked_fixable_and_keeps_first_errors():
    rules = {
        "x-fix": fixable(rule("x-fix", ("document", WordRule("ab", "x-fix", suggestion="b")))),
        "x-hint": rule("x-hint", ("document", WordRule("cd", "x-hint", suggestion="d"))),
    }
    out = fix_texts(
        [("m.txt", "ab cd"), "missing.txt"], RunOptions(glossary=False, config=False, rules=rules)
    )
    assert out.fixed["m.txt"].text == "b cd"
    assert [f.rule for f in out.result.findings] == ["x-hint"]
    assert [str(e) for e in out.result.errors] == [str(e) for e in out.first.errors]
    assert len(out.first.errors) == 1


def test_nothing_fixable_checks_once():
    rules = {"x-hint": rule("x-hint", ("document", WordRule("cd", "x-hint", suggestion="d")))}
    out = fix_texts([("m.txt", "cd")], RunOptions(glossary=False, config=False, rules=rules))
    assert out.result is out.first and out.plans == [] and out.changed() == []


# -- diff -----------------------------------------------------------------------------------------


def test_diff_of_a_large_file_numbers_its_hunk_by_the_original_lines():
    lines = [f"line {i}\n" for i in range(1, 1001)]
    doc = document_from_text("".join(lines), "big.txt")
    new = "".join(lines).replace("line 500\n", "LINE 500\n")
    diff = unified_diff(doc, new).splitlines()
    assert diff[:3] == ["--- a/big.txt", "+++ b/big.txt", "@@ -497,7 +497,7 @@"]
    assert diff[3:] == [
        " line 497",
        " line 498",
        " line 499",
        "-line 500",
        "+LINE 500",
        " line 501",
        " line 502",
        " line 503",
    ]


def test_diff_without_final_newline():
    doc = document_from_text("a\nb", "x.txt")
    assert unified_diff(doc, "a\nc").endswith(
        "-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n"
    )


# -- writing --------------------------------------------------------------------------------------


def test_write_atomic_keeps_mode_and_leaves_no_temporary_file(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(b"old")
    os.chmod(p, 0o640)
    write_atomic(str(p), b"new")
    assert p.read_bytes() == b"new"
    assert stat.S_IMODE(p.stat().st_mode) == 0o640
    assert sorted(x.name for x in tmp_path.iterdir()) == ["a.txt"]


def test_write_atomic_replaces_a_symlinks_target(tmp_path):
    real = tmp_path / "real.txt"
    real.write_bytes(b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(str(link), b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_write_atomic_failure_is_one_line_and_original_untouched(tmp_path, monkeypatch):
    p = tmp_path / "a.txt"
    p.write_bytes(b"old")

    def denied(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(FixError) as info:
        write_atomic(str(p), b"new")
    assert str(info.value) == f"{p}: cannot write the fixed file (Permission denied); file left unchanged"
    assert p.read_bytes() == b"old"


# -- the CLI on real files --------------------------------------------------------------------------


@pytest.fixture
def gloss(tmp_path):
    g = tmp_path / "g.toml"
    g.write_text(GLOSSARY, encoding="utf-8")
    return str(g)


def fix(path, gloss, *extra):
    return run_zhen(
        "check",
        str(path),
        "--glossary",
        gloss,
        "--no-config",
        "--select",
        "glossary-forbidden",
        "--fix",
        *extra,
        cwd=os.path.dirname(path),
    )


def test_fix_on_a_gbk_file_changes_only_the_fixed_bytes(tmp_path, gloss):
    text = "东京 is the capital; he wrote Dongjing.\n南鸟岛 is far away.\n"
    p = tmp_path / "gbk.txt"
    p.write_bytes(text.encode("gbk"))
    before = p.read_bytes()
    assert read_document(p).encoding == "gb18030"
    proc = fix(p, gloss)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0] == f"{p}:1:29: fixed glossary-forbidden: 'Dongjing' -> 'Tokyo'"
    assert p.read_bytes() == before.replace(b"Dongjing", b"Tokyo")
    assert before.count(b"Dongjing") == 1


def test_fix_on_a_windows_1252_file_changes_only_the_fixed_bytes(tmp_path, gloss):
    p = tmp_path / "w.txt"
    before = "The “Chikyu” sailed near the South Bird Island – twice.\r\n".encode("cp1252")
    p.write_bytes(before)
    assert read_document(p).encoding == "cp1252"
    proc = fix(p, gloss)
    assert proc.returncode == 0, proc.stderr
    assert p.read_bytes() == before.replace(b"South Bird Island", b"Minami-Torishima")


def test_fix_on_a_crlf_file_keeps_crlf(tmp_path, gloss):
    p = tmp_path / "crlf.txt"
    before = b"First line.\r\nNear the South Bird Island, in Dongjing.\r\nLast line\r\n"
    p.write_bytes(before)
    proc = fix(p, gloss)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[:2] == [
        f"{p}:2:10: fixed glossary-forbidden: 'South Bird Island' -> 'Minami-Torishima'",
        f"{p}:2:32: fixed glossary-forbidden: 'Dongjing' -> 'Tokyo'",
    ]
    assert p.read_bytes() == b"First line.\r\nNear the Minami-Torishima, in Tokyo.\r\nLast line\r\n"


def test_fix_on_a_utf8_bom_file_keeps_the_bom_and_mode(tmp_path, gloss):
    p = tmp_path / "bom.txt"
    p.write_bytes(codecs.BOM_UTF8 + b"He flew to Dongjing.\n")
    os.chmod(p, 0o604)
    assert fix(p, gloss).returncode == 0
    assert p.read_bytes() == codecs.BOM_UTF8 + b"He flew to Tokyo.\n"
    assert stat.S_IMODE(p.stat().st_mode) == 0o604


def test_rerunning_fix_finds_nothing_left_to_fix(tmp_path, gloss):
    p = tmp_path / "a.txt"
    p.write_text("Dongjing and Dongjing.\n", encoding="utf-8")
    first = fix(p, gloss)
    assert first.stdout.count("fixed glossary-forbidden") == 2
    after = p.read_bytes()
    second = fix(p, gloss)
    assert "fixed" not in second.stdout and second.returncode == 0
    assert p.read_bytes() == after == b"Tokyo and Tokyo.\n"


def test_remaining_findings_are_reported_after_fixing(tmp_path, gloss):
    p = tmp_path / "a.txt"
    p.write_text("He flew to Dongjing,仅次于 Osaka.\n", encoding="utf-8")
    proc = run_zhen(
        "check",
        str(p),
        "--glossary",
        gloss,
        "--no-config",
        "--select",
        "glossary-forbidden,untranslated",
        "--fix",
        "--format",
        "json",
        cwd=tmp_path,
    )
    assert proc.returncode == 1
    # With a machine-readable format the fix lines go to stderr, keeping stdout valid JSON.
    assert proc.stderr.strip() == f"{p}:1:12: fixed glossary-forbidden: 'Dongjing' -> 'Tokyo'"
    import json

    (remaining,) = json.loads(proc.stdout)["findings"]
    # The position is in the fixed text: "He flew to Tokyo," is 17 characters.
    assert (remaining["rule"], remaining["column"], remaining["text"]) == ("untranslated", 18, "仅次于")


def test_diff_prints_and_writes_nothing(tmp_path, gloss):
    p = tmp_path / "a.txt"
    p.write_text("one\nHe flew to Dongjing.\n", encoding="utf-8")
    before = p.read_bytes()
    proc = run_zhen("check", "a.txt", "--glossary", gloss, "--no-config", "--diff", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout == (
        "--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n one\n-He flew to Dongjing.\n+He flew to Tokyo.\n"
    )
    assert p.read_bytes() == before
    p.write_text("one\nHe flew to Tokyo.\n", encoding="utf-8")
    clean = run_zhen("check", "a.txt", "--glossary", gloss, "--no-config", "--diff", cwd=tmp_path)
    assert (clean.returncode, clean.stdout) == (0, "")


def test_fix_cannot_write_in_place_is_exit_2_with_original_untouched(tmp_path, gloss, monkeypatch, capsys):
    p = tmp_path / "a.txt"
    p.write_text("He flew to Dongjing.\n", encoding="utf-8")
    before = p.read_bytes()

    def denied(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    code = cli.main(["check", str(p), "--glossary", gloss, "--no-config", "--fix"])
    out, err = capsys.readouterr()
    assert code == 2
    assert err.splitlines() == [
        f"zhen: {p}: cannot write the fixed file (Permission denied); file left unchanged"
    ]
    assert "fixed" not in out  # nothing is claimed as fixed
    assert "glossary-forbidden" in out  # the unfixed finding is still reported, on the original text
    assert p.read_bytes() == before


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="as root a read-only folder does not stop writes"
)
def test_fix_in_a_read_only_folder(tmp_path, gloss):
    d = tmp_path / "ro"
    d.mkdir()
    p = d / "a.txt"
    p.write_text("He flew to Dongjing.\n", encoding="utf-8")
    os.chmod(d, 0o555)
    try:
        proc = fix(p, gloss)
    finally:
        os.chmod(d, 0o755)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        f"zhen: {p}: cannot write the fixed file (Permission denied); file left unchanged"
    ]
    assert p.read_text(encoding="utf-8") == "He flew to Dongjing.\n"


def test_fix_with_standard_input_asks_for_diff(tmp_path, gloss):
    proc = run_zhen(
        "check", "-", "--glossary", gloss, "--no-config", "--fix", input="To Dongjing.\n", cwd=tmp_path
    )
    assert proc.returncode == 2
    assert "cannot fix standard input in place (use --diff)" in proc.stderr
    diff = run_zhen(
        "check", "-", "--glossary", gloss, "--no-config", "--diff", input="To Dongjing.\n", cwd=tmp_path
    )
    assert diff.returncode == 1 and "+To Tokyo.\n" in diff.stdout


# -- nothing lost: container encoding, byte order, untouched bytes, concurrent edits, symlinks ----

NAMES = (
    '[glossary]\nname = "n"\n\n'
    '[[entry]]\nid = "mitsui"\nkind = "org"\nen = "Mitsui & Co., Ltd."\nforbidden = ["Mitsui Bussan"]\n\n'
    '[[entry]]\nid = "att"\nkind = "org"\nen = "AT&T"\nforbidden = ["ATandT"]\n\n'
    '[[entry]]\nid = "chikyu"\nkind = "vessel"\nen = \'D/V "Chikyu"\'\nforbidden = ["Earth Ship"]\n\n'
    '[[entry]]\nid = "tokyo"\nkind = "place"\nen = "Tokyo"\nforbidden = ["Dongjing"]\n'
)


@pytest.fixture
def names(tmp_path):
    g = tmp_path / "names.toml"
    g.write_text(NAMES, encoding="utf-8")
    return str(g)


def fix_main(capsys, *args):
    code = cli.main(["check", *map(str, args), "--no-config", "--select", "glossary-forbidden", "--fix"])
    out, err = capsys.readouterr()
    return code, out, err


def units_of(path):
    from zhen_tools.formats import read_units

    return [(u.source.text, u.target.text) for u in read_units(read_document(path))]


XLIFF = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2"><file source-language="zh" '
    'target-language="en"><body>\n'
    '<trans-unit id="1"><source>三井物产与AT&amp;T签约</source>'
    "<target>Mitsui Bussan signed with ATandT</target></trans-unit>\n"
    '<trans-unit id="2"><source>地球号</source><target>the Earth Ship &amp; crew</target></trans-unit>\n'
    "</body></file></xliff>\n"
)


def test_fix_escapes_replacements_in_xliff_and_the_file_still_parses(tmp_path, names, capsys):
    p = tmp_path / "a.xlf"
    p.write_text(XLIFF, encoding="utf-8")
    code, _, err = fix_main(capsys, p, "--glossary", names)
    assert code == 0, err
    assert p.read_text(encoding="utf-8") == XLIFF.replace(
        "Mitsui Bussan signed with ATandT", "Mitsui &amp; Co., Ltd. signed with AT&amp;T"
    ).replace("the Earth Ship", 'the D/V "Chikyu"')
    assert units_of(p) == [
        ("三井物产与AT&T签约", "Mitsui & Co., Ltd. signed with AT&T"),
        ("地球号", 'the D/V "Chikyu" & crew'),
    ]


TMX = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="zh-CN"/><body>\n'
    '<tu><tuv xml:lang="zh-CN"><seg>三井物产</seg></tuv>'
    '<tuv xml:lang="en"><seg>Mitsui Bussan &lt;HK&gt;</seg></tuv></tu>\n'
    "</body></tmx>\n"
)


def test_fix_escapes_replacements_in_tmx(tmp_path, names, capsys):
    p = tmp_path / "a.tmx"
    p.write_text(TMX, encoding="utf-8")
    code, _, err = fix_main(capsys, p, "--glossary", names)
    assert code == 0, err
    assert units_of(p) == [("三井物产", "Mitsui & Co., Ltd. <HK>")]
    assert p.read_text(encoding="utf-8") == TMX.replace("Mitsui Bussan", "Mitsui &amp; Co., Ltd.")


PO = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    'msgid "地球号驶向南鸟岛"\nmsgstr "The Earth Ship sailed to Minami-Torishima"\n\n'
    'msgid "三井物产"\nmsgstr "Mitsui Bussan"\n'
)


def test_fix_escapes_replacements_in_po_strings(tmp_path, names, capsys):
    import polib

    p = tmp_path / "a.po"
    p.write_text(PO, encoding="utf-8")
    code, _, err = fix_main(capsys, p, "--glossary", names)
    assert code == 0, err
    assert p.read_text(encoding="utf-8") == PO.replace("The Earth Ship", 'The D/V \\"Chikyu\\"').replace(
        '"Mitsui Bussan"', '"Mitsui & Co., Ltd."'
    )
    entries = [(e.msgid, e.msgstr) for e in polib.pofile(str(p)) if e.msgid]
    assert entries == [
        ("地球号驶向南鸟岛", 'The D/V "Chikyu" sailed to Minami-Torishima'),
        ("三井物产", "Mitsui & Co., Ltd."),
    ]


def test_fix_requotes_a_csv_cell_whose_new_text_needs_quotes(tmp_path, names, capsys):
    import csv
    import io

    p = tmp_path / "a.csv"
    body = 'zh,en,note\n三井物产,Mitsui Bussan signed,x\n地球号,"the Earth Ship, again",y\n'
    p.write_text(body, encoding="utf-8")
    code, _, err = fix_main(capsys, p, "--glossary", names)
    assert code == 0, err
    text = p.read_text(encoding="utf-8")
    assert text == (
        'zh,en,note\n三井物产,"Mitsui & Co., Ltd. signed",x\n地球号,"the D/V ""Chikyu"", again",y\n'
    )
    assert list(csv.reader(io.StringIO(text))) == [
        ["zh", "en", "note"],
        ["三井物产", "Mitsui & Co., Ltd. signed", "x"],
        ["地球号", 'the D/V "Chikyu", again', "y"],
    ]


def test_a_rewrite_that_would_not_parse_is_refused_exit_2_and_nothing_written(
    tmp_path, names, capsys, monkeypatch
):
    # The safety net on its own: with the container encoding switched off (the old behaviour),
    # the rewritten XLIFF would not parse, so nothing is written.
    import zhen_tools.run.fix as fixmod

    monkeypatch.setattr(fixmod, "encode_edits", lambda doc, edits: list(edits))
    p = tmp_path / "a.xlf"
    p.write_text(XLIFF, encoding="utf-8")
    code, out, err = fix_main(capsys, p, "--glossary", names)
    assert code == 2
    (line,) = err.splitlines()
    assert line.startswith(f"zhen: {p}") and "file left unchanged" in line
    assert "fixed" not in out
    assert p.read_text(encoding="utf-8") == XLIFF


def test_a_rewrite_that_changes_another_unit_is_refused(tmp_path, names, capsys, monkeypatch):
    # A CSV cell given a comma without quotes becomes two cells: the units differ, refused.
    import zhen_tools.run.fix as fixmod

    monkeypatch.setattr(fixmod, "encode_edits", lambda doc, edits: list(edits))
    p = tmp_path / "a.csv"
    body = "zh,en,note\n三井物产,Mitsui Bussan,x\n"
    p.write_text(body, encoding="utf-8")
    code, _, err = fix_main(capsys, p, "--glossary", names)
    assert code == 2 and "would not read to the same units" in err
    assert p.read_text(encoding="utf-8") == body


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-16-le", b""),
        ("utf-16-be", b""),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-16-le", codecs.BOM_UTF16_LE),
    ],
)
def test_fix_keeps_utf16_byte_order_and_bom(tmp_path, names, capsys, encoding, bom):
    p = tmp_path / "a.txt"
    text = "“南鸟岛” is far from Dongjing.\n"
    p.write_bytes(bom + text.encode(encoding))
    code, _, err = fix_main(capsys, p, "--glossary", names)
    assert code == 0, err
    assert p.read_bytes() == bom + text.replace("Dongjing", "Tokyo").encode(encoding)


def test_fix_leaves_bytes_outside_the_fixed_spans_alone(tmp_path, names, capsys):
    # Big5 A1 FE decodes to a character that encodes back as A2 41: re-encoding the whole text
    # would change it; splicing into the original bytes does not.
    p = tmp_path / "big5.txt"
    head = b"\xa1@\xa1\xfe" + "南鳥島離東京很遠。".encode("big5")
    p.write_bytes(head + b" He flew to Dongjing.\n")
    assert read_document(p).encoding == "big5"
    code, _, err = fix_main(capsys, p, "--glossary", names)
    assert code == 0, err
    assert p.read_bytes() == head + b" He flew to Tokyo.\n"


def test_fix_in_a_shift_jis_file(tmp_path, names, capsys):
    p = tmp_path / "ja.txt"
    ja = "政府は南鳥島沖の海底からレアアース泥を引き上げた。\n".encode("shift_jis")
    p.write_bytes(ja + b"He flew to Dongjing.\n")
    code, _, err = fix_main(capsys, p, "--glossary", names)
    assert code == 0, err
    assert p.read_bytes() == ja + b"He flew to Tokyo.\n"


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path, names):
    from zhen_tools.run.fix import write_plan

    p = tmp_path / "a.txt"
    p.write_text("He flew to Dongjing.\n", encoding="utf-8")
    opts = RunOptions(glossary=[names], config=False, select=["glossary-forbidden"])
    outcome = fix_texts([str(p)], opts)
    (plan,) = outcome.plans
    st = p.stat()
    # Same size, same mtime, other content: only the hash tells.
    p.write_text("He flew to Dongjinx.\n", encoding="utf-8")
    os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))
    with pytest.raises(FixError, match=r"a\.txt: changed since it was read; not fixed"):
        write_plan(plan)
    assert p.read_text(encoding="utf-8") == "He flew to Dongjinx.\n"
    with open(p, "a", encoding="utf-8") as fh:  # a line appended during the run
        fh.write("A new line.\n")
    with pytest.raises(FixError, match="changed since it was read"):
        write_plan(plan)
    assert p.read_text(encoding="utf-8").endswith("A new line.\n")


def test_fix_run_exits_2_when_a_file_changes_during_the_run(tmp_path, names, capsys, monkeypatch):
    import zhen_tools.run.fix as fixmod

    p = tmp_path / "a.txt"
    p.write_text("He flew to Dongjing.\n", encoding="utf-8")
    real_fix = fixmod.fix

    def fix_then_edit(*a, **k):
        outcome = real_fix(*a, **k)
        with open(p, "a", encoding="utf-8") as fh:
            fh.write("Appended.\n")
        return outcome

    monkeypatch.setattr("zhen_tools.cli.check.fix", fix_then_edit)
    code, _, err = fix_main(capsys, p, "--glossary", names)
    assert code == 2
    assert err.strip() == f"zhen: {p}: changed since it was read; not fixed (run again)"
    assert p.read_text(encoding="utf-8") == "He flew to Dongjing.\nAppended.\n"


def test_fix_does_not_write_through_a_symlink_out_of_the_checked_folder(tmp_path, names, capsys):
    outside = tmp_path / "outside.txt"
    outside.write_text("He flew to Dongjing.\n", encoding="utf-8")
    d = tmp_path / "checked"
    d.mkdir()
    (d / "link.txt").symlink_to(outside)
    code, _, err = fix_main(capsys, d, "--glossary", names)
    assert code == 2
    assert err.strip() == (
        f"zhen: {d / 'link.txt'}: a symlink to {outside}, outside the checked paths; not fixed"
    )
    assert outside.read_text(encoding="utf-8") == "He flew to Dongjing.\n"


def test_fix_writes_through_a_symlink_inside_the_checked_folder(tmp_path, names, capsys):
    d = tmp_path / "checked"
    (d / "real").mkdir(parents=True)
    real = d / "real" / "a.txt"
    real.write_text("He flew to Dongjing.\n", encoding="utf-8")
    (d / "link.txt").symlink_to(real)
    code, _, err = fix_main(capsys, d / "link.txt", "--glossary", names)
    assert code == 0, err
    assert (d / "link.txt").is_symlink()
    assert real.read_text(encoding="utf-8") == "He flew to Tokyo.\n"
