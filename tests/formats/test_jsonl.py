"""JSONL records: parsing, field names, malformed lines, documents of consecutive records."""

from __future__ import annotations

import pytest

from zhen_tools.formats.jsonl import (
    Record,
    RecordError,
    group_documents,
    parse_fields,
    parse_line,
    read_records,
)


def test_record_fields_and_line_numbers():
    lines = [
        '{"id": 7, "source": "南鸟岛", "target": "Minami-Torishima", "doc": "a"}',
        "",
        '{"target": "Only English."}',
    ]
    recs = list(read_records(lines, "x.jsonl"))
    assert recs == [
        Record(7, "南鸟岛", "Minami-Torishima", "a", "x.jsonl", 1),
        Record(None, None, "Only English.", None, "x.jsonl", 3),
    ]


def test_renamed_fields():
    fields = parse_fields("id=seg_id,source=zh,target=en")
    (rec,) = read_records(['{"seg_id": "s", "zh": "日本", "en": "Japan"}'], "x.jsonl", fields)
    assert (rec.id, rec.source, rec.target) == ("s", "日本", "Japan")


@pytest.mark.parametrize("spec", ["id", "bogus=x", "target="])
def test_bad_field_specs_are_refused(spec):
    with pytest.raises(ValueError):
        parse_fields(spec)


@pytest.mark.parametrize(
    "line, message",
    [
        ("not json", "x.jsonl:4: not JSON"),
        ("[1, 2]", "x.jsonl:4: a record must be a JSON object"),
        ('{"source": "日本"}', 'x.jsonl:4: no "target" field'),
        ('{"target": ["a"]}', 'x.jsonl:4: "target" is not a string'),
        ('{"target": "a", "source": 3}', 'x.jsonl:4: "source" is not a string'),
        ('{"target": "a", "id": {"k": 1}}', 'x.jsonl:4: "id" must be a string or a number'),
        ('{"target": "a", "doc": true}', 'x.jsonl:4: "doc" must be a string or an integer'),
        (b'{"target": "\xff"}', "x.jsonl:4: not UTF-8"),
    ],
)
def test_malformed_records_name_file_and_line(line, message):
    item = parse_line(line, "x.jsonl", 4)
    assert isinstance(item, RecordError)
    assert str(item).startswith(message)
    assert "\n" not in str(item)


def test_bom_on_the_first_line_only():
    assert isinstance(parse_line(b'\xef\xbb\xbf{"target": "a"}', "x", 1), Record)
    assert isinstance(parse_line(b'\xef\xbb\xbf{"target": "a"}', "x", 2), RecordError)


def test_a_malformed_line_does_not_stop_the_rest():
    items = list(read_records(["{", '{"target": "b"}'], "x.jsonl"))
    assert isinstance(items[0], RecordError)
    assert items[1].target == "b"


def test_documents_are_runs_of_one_doc():
    recs = [Record(i, None, "t", d) for i, d in enumerate(["a", "a", "b", None, None, 3, 3, "a"])]
    assert [[r.id for r in g] for g in group_documents(recs)] == [[0, 1], [2], [3], [4], [5, 6], [7]]
