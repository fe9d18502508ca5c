"""Records through the streaming engine: check_pairs, map/reduce over batches, the JSONL CLI."""

from __future__ import annotations

import itertools
import json

import pytest

from tests.conftest import run_zhen
from zhen_tools import check_pairs
from zhen_tools.findings import Finding, Severity
from zhen_tools.formats.jsonl import Record, RecordError, group_documents
from zhen_tools.run.options import RunOptions
from zhen_tools.run.stream import drain_findings, final_findings, map_records, merge_states, stream_setup

PLAIN = RunOptions(glossary=False, config=False)
SHIP = ["The ship Chikyu left port.", "Chikyu returned in May.", "The vessel Chikyū sailed on."]


def test_pair_rule_finding_points_into_the_records_target():
    target = "A loss of 2.6 billion yen."
    (f,) = check_pairs([{"id": "n1", "source": "损失约2.6万亿日元。", "target": target}], PLAIN)
    assert (f.rule, f.id, f.text, f.start, f.end) == ("number-mismatch", "n1", "2.6 billion", 10, 21)
    assert target[f.start : f.end] == f.text
    assert (f.line, f.column, f.end_column) == (1, 11, 22)


def test_target_only_record_gets_document_rules_but_no_pair_rules():
    found = list(check_pairs([("t1", None, "He paid 2.6 billion yen ，he said.")], PLAIN))
    assert [f.rule for f in found] == ["punctuation"]
    assert found[0].id == "t1"


def test_pass_clean_pair_has_no_findings():
    assert list(check_pairs([("c", "损失约2.6万亿日元。", "A loss of about 2.6 trillion yen.")], PLAIN)) == []


def test_records_of_one_doc_are_checked_together_with_offsets_per_record():
    recs = [
        {"id": 1, "doc": "d", "target": "First line here."},
        {"id": 2, "doc": "d", "target": "Second line ，here."},
    ]
    (f,) = check_pairs(recs, PLAIN)
    assert (f.id, f.line, f.rule) == (2, 2, "punctuation")
    assert recs[1]["target"][f.start : f.end] == f.text


def test_flag_inconsistent_rendering_across_records():
    found = list(check_pairs([(i, None, t) for i, t in enumerate(SHIP)], PLAIN))
    assert [(f.rule, f.id, f.text, f.suggestion) for f in found] == [
        ("inconsistent-rendering", 2, "Chikyū", "Chikyu")
    ]
    assert "(2 times; first at <pairs>:1)" in found[0].message
    assert SHIP[2][found[0].start : found[0].end] == "Chikyū"


def test_pass_one_spelling_across_records():
    assert list(check_pairs([(i, None, t) for i, t in enumerate(SHIP[:2])], PLAIN)) == []


def test_pass_a_web_address_in_a_record_is_no_spelling_of_a_name_as_in_a_file():
    # Records read the same view of their text as files do: the address is not prose.
    recs = [
        (1, None, "See https://en.wikipedia.org/wiki/Chikyū for the ship."),
        (2, None, SHIP[0]),
        (3, None, SHIP[1]),
    ]
    assert list(check_pairs(recs, PLAIN)) == []


def test_renamed_fields_and_malformed_records():
    opts = RunOptions(glossary=False, config=False, fields={"target": "en", "id": "k"})
    (f,) = check_pairs([{"k": "x", "en": "Bad ，comma."}], opts)
    assert f.id == "x"
    with pytest.raises(RecordError, match='<pairs>:1: no "en" field'):
        list(check_pairs([{"target": "x"}], opts))


def test_iterator_in_iterator_out():
    def endless():
        yield ("first", None, "A full-width ，comma.")
        for i in itertools.count():
            yield (i, None, "Nothing to report here.")

    (f,) = itertools.islice(check_pairs(endless(), PLAIN), 1)
    assert f.id == "first"


def _records(n: int) -> list[Record]:
    names = ["Chikyu", "Chikyū", "Minami-Torishima", "Minami-Tori-shima", "Takaichi"]
    out = []
    for i in range(n):
        name = names[(i * 7) % len(names)]
        out.append(
            Record(
                i,
                "损失约3.5万吨。",
                f"{name} lost 35,000 tons ，said {names[i % 5]}.",
                f"d{i // 3}",
                "r",
                i + 1,
            )
        )
    return out


def _run(batches: list[list[Record]], sample: int = 100) -> list[Finding]:
    setup = stream_setup(RunOptions(glossary=False, config=False, rendering_sample=sample))
    state: dict = {}
    found: list[Finding] = []
    for batch in batches:
        f, partial, errors = map_records(group_documents(batch), setup)
        assert errors == []
        found += f
        merge_states(state, partial, setup.sample)
    return found + final_findings(state, setup)


def test_findings_do_not_depend_on_how_records_are_batched():
    recs = _records(30)
    whole = _run([recs])
    assert any(f.rule == "inconsistent-rendering" for f in whole)
    for cut in (1, 3, 4, 10, 17, 29):  # cuts at and inside documents of 3 records
        i = cut - cut % 3  # a document is never split
        assert _run([recs[:i], recs[i:]]) == whole


def test_reduce_is_commutative():
    setup = stream_setup(RunOptions(glossary=False, config=False))
    recs = _records(24)
    _, a, _ = map_records(group_documents(recs[:12]), setup)
    _, b, _ = map_records(group_documents(recs[12:]), setup)
    _, a2, _ = map_records(group_documents(recs[:12]), setup)
    _, b2, _ = map_records(group_documents(recs[12:]), setup)
    assert final_findings(merge_states(a, b), setup) == final_findings(merge_states(b2, a2), setup)


def test_drain_gives_the_final_findings_one_by_one_and_frees_the_state():
    setup = stream_setup(RunOptions(glossary=False, config=False))
    recs = _records(30)
    _, a, _ = map_records(group_documents(recs), setup)
    _, b, _ = map_records(group_documents(recs), setup)
    expected = final_findings(a, setup)
    assert len({f.id for f in expected}) > 3  # minority places in several records
    drained = drain_findings(b, setup)
    first = next(drained)
    assert b == {}  # emptied before the first finding is written
    assert [first, *drained] == expected


def test_sample_bounds_the_locations_kept():
    recs = [Record(i, None, t, None, "r", i + 1) for i, t in enumerate(SHIP * 4)]  # 4 minority mentions
    full = [f for f in _run([recs]) if f.rule == "inconsistent-rendering"]
    two = [f for f in _run([recs[:6], recs[6:]], sample=2) if f.rule == "inconsistent-rendering"]
    assert len(full) == 4
    assert two == full[:2]


def test_local_process_pool_gives_the_same_findings():
    recs = _records(300)
    opts = RunOptions(glossary=False, config=False)
    assert list(check_pairs(recs, RunOptions(glossary=False, config=False, jobs=2))) == list(
        check_pairs(recs, opts)
    )


def test_file_findings_keep_their_json_shape():
    f = Finding("a.txt", 0, 1, 1, 1, 1, 2, "punctuation", Severity.WARNING, "m", "x")
    assert "id" not in f.to_json()
    assert list(f.to_json())[-1] == "suggestion"


# -- the CLI ------------------------------------------------------------------------------------


def _write(tmp_path, lines):
    path = tmp_path / "pairs.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_cli_jsonl_lines_error_line_and_exit_2(tmp_path):
    path = _write(
        tmp_path,
        [
            json.dumps({"id": "n1", "source": "损失约2.6万亿日元。", "target": "A loss of 2.6 billion yen."}),
            "{broken",
            json.dumps({"id": "p1", "target": "Full-width ，comma."}, ensure_ascii=False),
        ],
    )
    proc = run_zhen("check", str(path), "--no-config", "--no-glossary", "--format", "jsonl")
    assert proc.returncode == 2
    assert (
        proc.stderr.strip()
        == f"zhen: {path}:2: not JSON (Expecting property name enclosed in double quotes at column 2)"
    )
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [(r["id"], r["rule"], r["line"]) for r in rows] == [
        ("n1", "number-mismatch", 1),
        ("p1", "punctuation", 3),
    ]


def test_cli_fields_and_stdin(tmp_path):
    rec = json.dumps({"seg": 5, "zh": "日本", "en": "Japan ，again."}, ensure_ascii=False)
    proc = run_zhen(
        "check", "-", "--input-format", "jsonl", "--fields", "id=seg,source=zh,target=en",
        "--no-config", "--no-glossary", "--format", "jsonl", input=rec + "\n",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr  # a warning does not fail the run
    (row,) = [json.loads(line) for line in proc.stdout.splitlines()]
    assert (row["id"], row["path"], row["rule"]) == (5, "-", "punctuation")


def test_cli_refuses_mixing_records_and_files(tmp_path):
    path = _write(tmp_path, ['{"target": "x"}'])
    other = tmp_path / "a.txt"
    other.write_text("Text.\n", encoding="utf-8")
    proc = run_zhen("check", str(path), str(other), "--no-config")
    assert proc.returncode == 2
    assert "cannot be checked with other files" in proc.stderr


@pytest.mark.parametrize(
    "args",
    [("--fix",), ("--diff",), ("--baseline", "b.json"), ("--write-baseline", "b.json")],
)
def test_cli_refuses_what_records_cannot_do_in_one_line(tmp_path, args):
    # A baseline fingerprints findings on files; before, both options were passed over without a
    # word (a --write-baseline run exited 1 and wrote nothing).
    path = _write(tmp_path, ['{"target": "Tokyo，Japan."}'])
    proc = run_zhen("check", str(path), "--no-config", *args, cwd=tmp_path)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "do not apply to JSONL records" in proc.stderr
    assert not (tmp_path / "b.json").exists()


def test_cli_jsonl_format_on_files_is_the_json_findings(tmp_path):
    doc = tmp_path / "a.en.txt"
    doc.write_text("He said ，yes. Chikyu left. Chikyū returned. Chikyu again.\n", encoding="utf-8")
    as_json = run_zhen("check", str(doc), "--no-config", "--format", "json")
    as_lines = run_zhen("check", str(doc), "--no-config", "--format", "jsonl")
    assert as_lines.returncode == as_json.returncode
    rows = [json.loads(line) for line in as_lines.stdout.splitlines()]
    assert rows == json.loads(as_json.stdout)["findings"] and len(rows) >= 2
    assert all("id" not in r for r in rows)


# -- source offsets of pair-rule findings ---------------------------------------------------------

BUNDLED = RunOptions(config=False)  # the bundled glossary


def test_flag_number_mismatch_carries_the_source_number_of_its_own_record():
    recs = [
        {"id": "a", "doc": "d", "source": "他们到了。", "target": "They arrived."},
        {"id": "b", "doc": "d", "source": "损失约2.6万亿日元。", "target": "A loss of 2.6 billion yen."},
    ]
    (f,) = check_pairs(recs, PLAIN)
    assert (f.id, f.rule, f.text) == ("b", "number-mismatch", "2.6 billion")
    # offsets into record b's own source, not into the document's joined sources
    assert (f.source_start, f.source_end) == (3, 8)
    assert recs[1]["source"][f.source_start : f.source_end] == "2.6万亿"


def test_flag_glossary_mismatch_carries_the_source_term():
    zh = "据报道，南鸟岛位于东京东南约1900公里。"
    (f,) = [f for f in check_pairs([("g", zh, "Okinotorishima lies about 1,900 km southeast of Tokyo.")], BUNDLED)
            if f.rule == "glossary-mismatch"]  # fmt: skip
    assert f.text == "Okinotorishima"
    assert zh[f.source_start : f.source_end] == "南鸟岛" and f.source_start == 4


def test_flag_glossary_missing_carries_the_source_term():
    zh = "钻探船地球号从清水港出发。"
    (f,) = [f for f in check_pairs([("m", zh, "The drilling ship left Shimizu Port.")], BUNDLED)
            if f.rule == "glossary-missing"]  # fmt: skip
    assert zh[f.source_start : f.source_end] == "地球号" and f.source_start == 3


def test_pass_document_rule_findings_have_no_source_span():
    (f,) = check_pairs([("p", "他说是的。", "He said ，yes.")], PLAIN)
    assert f.rule == "punctuation" and (f.source_start, f.source_end) == (None, None)
    assert "source_start" not in f.to_json()


def test_source_offsets_in_json_come_before_id():
    (f,) = check_pairs([("n1", "损失约2.6万亿日元。", "A loss of 2.6 billion yen.")], PLAIN)
    keys = list(f.to_json())
    assert keys[-3:] == ["source_start", "source_end", "id"]
    assert (f.to_json()["source_start"], f.to_json()["source_end"]) == (3, 8)


def test_cli_jsonl_lines_carry_source_offsets(tmp_path):
    src = "损失约2.6万亿日元。"
    path = _write(tmp_path, [json.dumps({"id": "n1", "source": src, "target": "A loss of 2.6 billion yen."})])
    proc = run_zhen("check", str(path), "--no-config", "--no-glossary", "--format", "jsonl")
    (row,) = [json.loads(line) for line in proc.stdout.splitlines()]
    assert src[row["source_start"] : row["source_end"]] == "2.6万亿"
    as_json = run_zhen("check", str(path), "--no-config", "--no-glossary", "--format", "json")
    assert json.loads(as_json.stdout)["findings"] == [row]


# -- check_pairs: errors collected -------------------------------------------------------------


def test_check_pairs_collects_malformed_records_and_goes_on():
    errors: list[str] = []
    found = list(check_pairs([{"id": 1, "target": 5}, ("ok", None, "Bad ，comma.")], PLAIN, errors))
    assert errors == ['<pairs>:1: "target" is not a string']
    assert [(f.id, f.line, f.rule) for f in found] == [("ok", 2, "punctuation")]


def test_flag_document_running_into_the_next_file_keeps_each_records_path():
    """Consecutive records with one ``doc`` form one document even across two JSONL files: an
    inconsistent-rendering finding names the file and line of its own record."""
    recs = [
        Record("a1", None, SHIP[0], "d", "a.jsonl", 1),
        Record("a2", None, SHIP[1], "d", "a.jsonl", 2),
        Record("b1", None, SHIP[2], "d", "b.jsonl", 1),
    ]
    (f,) = [f for f in _run([recs]) if f.rule == "inconsistent-rendering"]
    assert (f.path, f.line, f.id, f.text) == ("b.jsonl", 1, "b1", "Chikyū")
    assert "first at a.jsonl:1" in f.message
