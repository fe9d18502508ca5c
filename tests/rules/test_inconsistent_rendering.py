"""inconsistent-rendering: one entity written in more than one form across the documents checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import GLOSSARIES, SEEDS, seed
from zhen_tools.glossary import load_glossary
from zhen_tools.glossary.fold import loose_key
from zhen_tools.rules.context import DocContext
from zhen_tools.rules.inconsistent_rendering import inconsistent_rendering
from zhen_tools.rules.registry import all_rules
from zhen_tools.text.document import document_from_text, read_document

TOML = """
[[entry]]
id = "chikyu"
kind = "vessel"
origin = "ja"
en = "Chikyū"
variants = ["Chikyu"]

[[entry]]
id = "minami-torishima"
kind = "place"
origin = "ja"
en = "Minami-Torishima"
variants = ["Minami-Tori-shima", "Minamitorishima"]

[[entry]]
id = "lynas"
kind = "org"
en = "Lynas Rare Earths"
variants = ["Lynas"]

[[entry]]
id = "takaichi-sanae"
kind = "person"
origin = "ja"
en = "Sanae Takaichi"
variants = ["Takaichi"]
"""
BUNDLED = GLOSSARIES / "japan-rare-earths.toml"


def run(texts: list[str], glossary=None) -> list[tuple[str, str, str | None]]:
    ctxs = [DocContext(document_from_text(t, f"doc{i}.txt"), glossary) for i, t in enumerate(texts)]
    return [(f.path, f.text, f.suggestion) for f in inconsistent_rendering(ctxs)]


@pytest.mark.parametrize(
    "texts, expected",
    [
        # accepted forms of one entry that differ only by diacritics, across documents
        (
            ["Chikyū left port. Chikyū drilled.", "The vessel Chikyu returned."],
            [("doc1.txt", "Chikyu", "Chikyū")],
        ),
        # ... or by hyphens, within one document
        (
            ["Mud near Minami-Torishima.\nMore mud near Minami-Tori-shima. Minami-Torishima again."],
            [("doc0.txt", "Minami-Tori-shima", "Minami-Torishima")],
        ),
        # a tie goes to the glossary's preferred form
        (["Chikyu left.", "Chikyū returned."], [("doc0.txt", "Chikyu", "Chikyū")]),
    ],
)
def test_flags_minority_spellings_of_glossary_entries(glossary, texts, expected):
    assert run(texts, glossary) == expected


@pytest.mark.parametrize(
    "texts, expected",
    [
        (
            ["Toyota Tsusho buys. Toyota Tsusho sells.", "Toyota Tsūshō holds."],
            [("doc1.txt", "Toyota Tsūshō", "Toyota Tsusho")],
        ),
        (
            ["Shin-Etsu makes magnets. Shinetsu is big. Shin-Etsu grows."],
            [("doc0.txt", "Shinetsu", "Shin-Etsu")],
        ),
        # romanisation variants
        (
            ["The Asahi Shimbun said.", "The Asahi Shinbun said. The Asahi Shimbun agreed."],
            [("doc1.txt", "Asahi Shinbun", "Asahi Shimbun")],
        ),
        # a tie without a glossary goes to the spelling seen first
        (["Wessel County", "Wesel County"], [("doc1.txt", "Wesel County", "Wessel County")]),
    ],
)
def test_flags_minority_spellings_of_names_in_no_glossary(texts, expected):
    assert run(texts) == expected


@pytest.mark.parametrize(
    "texts",
    [
        # short and long forms of one name
        ["Lynas Rare Earths agreed.", "Lynas will build.", "Sanae Takaichi spoke.", "Takaichi left."],
        # case only (a headline) and apostrophe shape only
        ["CHIKYU RETURNS", "Chikyu returned. Xi'an and Xi’an."],
        # different names that happen to share letters across a word boundary
        ["Chen Guangming said.", "Cheng Guangming said."],
        # one spelling only
        ["Chikyū left. Chikyū returned.", "Chikyū again."],
    ],
)
def test_passes_short_forms_case_and_distinct_names(glossary, texts):
    assert run(texts, glossary) == []
    assert run(texts) == []


def test_message_names_the_majority_form_and_where_it_is(glossary):
    ctxs = [
        DocContext(document_from_text("x\nChikyū left. Chikyū drilled.", "a.txt"), glossary),
        DocContext(document_from_text("The vessel Chikyu returned.", "b.txt"), glossary),
    ]
    (f,) = inconsistent_rendering(ctxs)
    assert "'Chikyū'" in f.message and "a.txt:2" in f.message and "2 times" in f.message
    assert (f.path, f.start, f.end, f.severity.value) == ("b.txt", 11, 17, "warning")


def test_is_a_run_scope_rule():
    rule = all_rules()["inconsistent-rendering"]
    assert rule.func("run") is inconsistent_rendering


def test_loose_key_folds_romanisation_variants_within_words():
    assert loose_key("Itoh") == loose_key("Ito") == loose_key("Itō")
    assert loose_key("Cheng Guangming") != loose_key("Chen Guangming")


@pytest.mark.skipif(not BUNDLED.exists(), reason="bundled glossary not written yet")
def test_seed_set_mixes_chikyu_and_minami_torishima_spellings():
    glossary = load_glossary([BUNDLED])
    ctxs = [DocContext(read_document(p), glossary) for p in sorted(SEEDS.glob("*.txt"))]
    found = {(f.text, f.suggestion) for f in inconsistent_rendering(ctxs)}
    assert ("Chikyu", "Chikyū") in found
    assert ("Minami-Tori-shima", "Minami-Torishima") in found
    right = ("Fuji TV", "JAMSTEC", "Lynas", "MP Materials", "Yakutia", "Tomtor", "USGS")
    assert not [t for t, _ in found if t in right]
    assert seed("002").name in {Path(f.path).name for f in inconsistent_rendering(ctxs)}


# -- anchored on the source (pairs) ---------------------------------------------------------------


def run_pairs(tmp_path: Path, articles: list[tuple[str, str]]) -> list[tuple[str, str, str | None, str]]:
    from zhen_tools.run import check as run_check

    for i, (zh, en) in enumerate(articles):
        (tmp_path / f"{i:02d}.zh.txt").write_text(zh, encoding="utf-8")
        (tmp_path / f"{i:02d}.en.txt").write_text(en, encoding="utf-8")
    found = run_check([str(tmp_path)], select=("inconsistent-rendering",), config=False)
    return [(Path(f.path).name, f.text, f.suggestion, f.message) for f in found]


KAIXIN = [
    ("陈凯欣表示，项目进展顺利。\n", "Chen Kaixin said the project was going well.\n"),
    ("记者采访了陈凯欣。\n", "The reporter interviewed Chen Kaixin.\n"),
    ("陈凯欣还介绍了明年的计划。\n", "Chen Kaixian also described next year's plans.\n"),
]


def test_one_source_name_two_renderings_should_flag(tmp_path: Path) -> None:
    found = run_pairs(tmp_path, KAIXIN)
    assert [(p, t, s) for p, t, s, _ in found] == [("02.en.txt", "Chen Kaixian", "Chen Kaixin")]
    message = found[0][3]
    assert "陈凯欣" in message and "Chen Kaixin" in message and "00.en.txt:1" in message


def test_known_variants_for_one_source_name_should_flag(tmp_path: Path) -> None:
    found = run_pairs(
        tmp_path,
        [
            ("澳门经济持续恢复。\n", "The economy of Macao continues to recover.\n"),
            ("澳门旅游业回暖。\n", "Tourism in Macao is picking up.\n"),
            ("澳门举行国际烟花比赛。\n", "Macau holds an international fireworks contest.\n"),
        ],
    )
    assert [(p, t, s) for p, t, s, _ in found] == [("02.en.txt", "Macau", "Macao")]


def test_target_only_input_ignores_one_letter_variants_should_pass() -> None:
    # Without the source, Kaixian and Kaixin may be two people: the target-only rule stays quiet.
    ctxs = [DocContext(document_from_text(en, f"{i}.txt")) for i, (_, en) in enumerate(KAIXIN)]
    assert list(inconsistent_rendering(ctxs)) == []


def test_consistent_renderings_of_source_names_should_pass(tmp_path: Path) -> None:
    articles = [
        ("陈凯欣表示，项目进展顺利。\n", "Chen Kaixin said the project was going well.\n"),
        ("陈凯文还介绍了明年的计划。\n", "Chen Kaiwen also described next year's plans.\n"),  # another person
    ]
    assert run_pairs(tmp_path, articles) == []


def test_spacing_variant_is_reported_once_not_twice_should_flag(tmp_path: Path) -> None:
    # `Ma Long` / `MaLong` fold to one key: the target-only clusters report it, the anchored part
    # does not report it again.
    articles = [
        ("马龙赢得了比赛。\n", "Ma Long won the match.\n"),
        ("马龙再次夺冠。\n", "Ma Long won the title again.\n"),
        ("马龙接受了采访。\n", "Ma-Long gave an interview.\n"),
    ]
    found = run_pairs(tmp_path, articles)
    assert [(p, t) for p, t, _, _ in found] == [("02.en.txt", "Ma-Long")]


def _found(tmp_path: Path, articles: list[tuple[str, str]]) -> list[tuple[str, str, str | None]]:
    return [(p, t, s) for p, t, s, _ in run_pairs(tmp_path, articles)]


def test_surname_written_two_ways_should_flag(tmp_path: Path) -> None:
    # Each full name occurs once or twice; the surname 赵 is Zhao twice and Zheo once.
    articles = [
        ("赵立坚说，会谈富有成果。\n", "Zhao Lijian said the talks were fruitful.\n"),
        ("赵立坚表示，双方同意继续沟通。\n", "Zhao Lijian said both sides agreed to keep talking.\n"),
        ("本报通讯员 赵一凡\n", "Reported by Zheo Yifan\n"),
    ]
    found = run_pairs(tmp_path, articles)
    assert [(p, t, s) for p, t, s, _ in found] == [("02.en.txt", "Zheo", "Zhao")]
    assert "赵" in found[0][3] and "00.en.txt:1" in found[0][3]


def test_surname_tie_goes_to_the_pinyin_reading_should_flag(tmp_path: Path) -> None:
    # Once each: the spelling that reads as 商 (shang) is the majority, though seen second.
    articles = [
        ("本报记者 商瑞 报道\n", "Reported by Sheng Rui\n"),
        ("新华社发 商海春 作\n", "Published by Xinhua, author: Shang Haichun\n"),
    ]
    assert _found(tmp_path, articles) == [("00.en.txt", "Sheng", "Shang")]


def test_two_names_in_one_span_should_flag(tmp_path: Path) -> None:
    articles = [
        ("青海湖的水位上升。\n", "The water level of Qinghai Lake rose.\n"),
        ("青海的牧民迁往夏季牧场。\n", "Herders in Qinghai moved to summer pastures.\n"),
        ("公司与青海花宝蜂业签约。\n", "The company signed with Qinghei Huabao Bee Industry.\n"),
    ]
    assert _found(tmp_path, articles) == [("02.en.txt", "Qinghei", "Qinghai")]


def test_name_inside_a_hyphenated_compound_should_flag(tmp_path: Path) -> None:
    articles = [
        ("万州区迎来降雨。\n", "Rain came to Wanzhou District.\n"),
        ("万州的码头重新开放。\n", "The docks of Wanzhou reopened.\n"),
        ("郑万高铁连接郑州和万州。\n", "The Zhengzhou-Wanzhuu railway links the two cities.\n"),
    ]
    assert _found(tmp_path, articles) == [("02.en.txt", "Wanzhuu", "Wanzhou")]


def test_one_character_names_before_generic_words_should_flag(tmp_path: Path) -> None:
    # 沧河: the Cang River; 黄某某: a Mr Huang the source does not name.
    articles = [
        ("滑坡阻断了沧河。\n", "The landslide blocked the Cang River.\n"),
        ("沧河水位上涨。\n", "The Cang River is rising.\n"),
        ("沧河形成堰塞湖。\n", "The Ceng River formed a barrier lake.\n"),
        ("黄某某乘坐出租车离开。\n", "Huang left by taxi.\n"),
        ("黄某某的手机关机。\n", "Huang's phone was switched off.\n"),
        ("黄某某随后失联。\n", "Hueng then lost contact.\n"),
    ]
    assert _found(tmp_path, articles) == [("02.en.txt", "Ceng", "Cang"), ("05.en.txt", "Hueng", "Huang")]


def test_records_are_anchored_on_their_source_should_flag() -> None:
    from zhen_tools import RunOptions, check_pairs

    records = [(i, zh.strip(), en.strip()) for i, (zh, en) in enumerate(KAIXIN)]
    found = list(check_pairs(records, RunOptions(select=("inconsistent-rendering",), config=False)))
    assert [(f.id, f.text, f.suggestion) for f in found] == [(2, "Chen Kaixian", "Chen Kaixin")]


def test_surname_of_a_name_not_read_as_pinyin_should_pass(tmp_path: Path) -> None:
    # Chan Chun-sing's given name is not pinyin: his surname is not compared with Chen's.
    articles = [
        ("陈凯欣表示，项目进展顺利。\n", "Chen Kaixin said the project was going well.\n"),
        ("陈凯欣还介绍了计划。\n", "Chen Kaixin also described the plans.\n"),
        ("陈振声出席了会议。\n", "Chan Chun-sing attended the meeting.\n"),
    ]
    assert _found(tmp_path, articles) == []


def test_same_surname_different_people_same_spelling_should_pass(tmp_path: Path) -> None:
    articles = [
        ("赵立坚说，会谈富有成果。\n", "Zhao Lijian said the talks were fruitful.\n"),
        ("本报通讯员 赵一凡\n", "Reported by Zhao Yifan\n"),
        ("赵一凡报道。\n", "Yifan Zhao reports.\n"),
    ]
    assert _found(tmp_path, articles) == []


def test_one_character_names_only_before_river_lake_mountain_or_mou_should_pass() -> None:
    from zhen_tools.rules.inconsistent_rendering import _SourceNames

    # 造成村道: 成 before 村 is no name (the village word is left out on purpose).
    assert "成" not in _SourceNames("降雨造成村道中断").keys("c").values()
    assert _SourceNames("阻断沿沧河").keys("c")["cang"] == "沧"
    assert _SourceNames("黄某某乘车").keys("h")["huang"] == "黄"


def test_character_read_with_two_first_letters_starts_keys_of_both_should_pass() -> None:
    """长 reads zhang or chang (沙 sha or suo): a name starting with it is found under either
    letter, and only there; 的 (de, di) before it keeps its own letter."""
    from zhen_tools.rules.inconsistent_rendering import _SourceNames

    names = _SourceNames("的长沙")
    assert names.keys("c") == {"changsha": "长沙", "changsuo": "长沙"}
    assert names.keys("z") == {"zhangsha": "长沙", "zhangsuo": "长沙"}
    assert names.keys("s") == {}
    assert list(names.keys("d"))[:4] == ["dezhang", "dechang", "dizhang", "dichang"]


@pytest.mark.parametrize("name", ["pairs.tsv", "pairs.po"])
def test_bilingual_units_are_anchored_on_their_source_should_flag(tmp_path: Path, name: str) -> None:
    """A TSV or PO file is many pairs in one file: each unit's target is anchored on its own
    source, as sibling files are, and one source name rendered two ways across units (or files)
    is reported at the minority rendering."""
    from zhen_tools.run import check as run_check

    path = tmp_path / name
    rows = [(zh.strip(), en.strip()) for zh, en in KAIXIN]
    if name.endswith(".tsv"):
        path.write_text("".join(f"{zh}\t{en}\n" for zh, en in rows), encoding="utf-8")
    else:
        path.write_text("".join(f'msgid "{zh}"\nmsgstr "{en}"\n\n' for zh, en in rows), encoding="utf-8")
    found = run_check([str(path)], select=("inconsistent-rendering",), config=False)
    assert [(f.line, f.text, f.suggestion) for f in found] == [
        (3 if name.endswith(".tsv") else 8, "Chen Kaixian", "Chen Kaixin")
    ]
    assert "陈凯欣" in found[0].message


# -- the record state: counts and a packed, bounded sample of places ---------------------------

SHIP_CID = ("name", "chikyu")


def _partial(doc_line: int, spellings: list[str], sample: int | None = 2) -> dict:
    """The state of one document of records (one record per spelling, at lines doc_line, +1...)."""
    from zhen_tools.rules.inconsistent_rendering import add_mentions, merge_cluster, pack_mentions

    text = " ".join(spellings)
    mentions, a = [], 0
    for s in spellings:
        mentions.append((SHIP_CID, None, a, a + len(s), s.casefold()))
        a += len(s) + 1
    starts = [m[2] for m in mentions]

    def place(idx: int, a: int, b: int) -> tuple:
        i = starts.index(a)
        return ("r.jsonl", doc_line, idx, doc_line + i, f"id{doc_line + i}", 0, b - a, text[a:b], None)

    state = add_mentions({}, pack_mentions(mentions), place, sample)
    return {cid: merge_cluster(None, c) for cid, c in state.items()}


def test_record_state_reports_the_first_sample_places_in_any_merge_order_should_flag() -> None:
    from zhen_tools.rules.inconsistent_rendering import merge_states, minority

    # Five documents (lines 10, 20, ... 50), each with Chikyu twice and Chikyū once (its third
    # record): Chikyu is the majority (10 times), Chikyū the minority, seen at lines 12, 22, ...
    docs = [(10 * k, ["Chikyu", "Chikyu", "Chikyū"]) for k in range(1, 6)]
    expected = [(12, "id12"), (22, "id22")]  # the first two of five, in record order
    for order in ([0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [2, 0, 4, 1, 3]):
        state: dict = {}
        for k in order:
            merge_states(state, _partial(*docs[k]), 2)
        found = minority(state, 2)
        assert [(pl[3], pl[4]) for pl, *_ in found] == expected
        assert found[0][1:] == (
            "Chikyū",
            "'Chikyū' is written 'Chikyu' elsewhere (10 times; first at r.jsonl:10)",
            "Chikyu",
        )


def test_record_state_keeps_no_more_than_the_sample_should_pass() -> None:
    import pickle

    from zhen_tools.rules.inconsistent_rendering import merge_states

    state: dict = {}
    for k in range(1, 101):
        merge_states(state, _partial(10 * k, ["Chikyu", "Chikyū"]), 3)
    spellings = state[SHIP_CID][1]
    assert {s: n for s, (n, _) in spellings.items()} == {"chikyu": 100, "chikyū": 100}
    for _, places in spellings.values():
        assert isinstance(places, bytes)  # packed: one object per spelling
        assert [pl[1] for pl in pickle.loads(places)] == [10, 20, 30]


def test_record_state_packs_each_path_and_surface_once_should_pass() -> None:
    import pickle

    from zhen_tools.rules.inconsistent_rendering import merge_states

    state: dict = {}
    for k in range(1, 101):
        # each document's partial made apart, as by different workers: equal strings, other objects
        merge_states(state, pickle.loads(pickle.dumps(_partial(10 * k, ["Chikyu"]))), 10)
    ((count, places),) = state[SHIP_CID][1].values()
    assert count == 100
    assert [pl[1] for pl in pickle.loads(places)] == list(range(10, 101, 10))  # all ten kept
    assert places.count(b"r.jsonl") == 1  # the path, written once for ten places
    assert places.count(b"Chikyu") == 1  # the surface too


def test_record_state_consumed_gives_the_same_minority_and_is_emptied_should_pass() -> None:
    import pickle

    from zhen_tools.rules.inconsistent_rendering import merge_states, minority

    state: dict = {}
    for k in range(1, 6):
        merge_states(state, _partial(10 * k, ["Chikyu", "Chikyu", "Chikyū"]), 3)
    merge_states(state, {("name", "lynasrare"): [None, {"lynas": [1, pickle.dumps([])]}]}, 3)
    kept = pickle.loads(pickle.dumps(state))
    expected = minority(kept, 3)
    assert [pl[3] for pl, *_ in expected] == [12, 22, 32]
    assert minority(state, 3, consume=True) == expected
    assert state == {}  # the one-spelling cluster too
    assert len(kept) == 2  # without consume the state stays


def test_reduce_by_cluster_id_matches_merge_states_should_pass() -> None:
    """Spark's ``reduceByKey`` on the partials' items: ``merge_cluster`` folds one cluster's
    values as ``merge_states`` folds whole states."""
    from functools import reduce

    from zhen_tools.rules.inconsistent_rendering import merge_cluster, merge_states, minority

    docs = [(10, ["Chikyū", "Chikyu"]), (20, ["Chikyu"]), (30, ["Chikyū", "Chikyū"])]
    whole: dict = {}
    for d in docs:
        merge_states(whole, _partial(*d), 2)
    values = [_partial(*d)[SHIP_CID] for d in docs]
    by_key = {SHIP_CID: reduce(lambda x, y: merge_cluster(x, y, 2), values[1:], values[0])}
    assert minority(by_key, 2) == minority(whole, 2)
    assert [pl[3] for pl, *_ in minority(whole, 2)] == [11, 20]  # Chikyū is the majority, 3 to 2


# -- bilingual files: a mention is spelt as the unit reads it ------------------------------------


def _po(tmp_path: Path, targets: list[str]) -> list[tuple[str, str | None]]:
    from zhen_tools.run import check as run_check

    (tmp_path / "g.toml").write_text('[glossary]\nname = "t"\n' + TOML, encoding="utf-8")
    entries = [
        f'msgid "源{i}"\nmsgstr ""\n' + "\n".join(f'"{x}"' for x in t.split("|")) + "\n"
        for i, t in enumerate(targets)
    ]
    (tmp_path / "a.po").write_text("\n".join(entries), encoding="utf-8")
    found = run_check(
        [str(tmp_path / "a.po")],
        glossary=tmp_path / "g.toml",
        config=False,
        select=["inconsistent-rendering"],
    )
    return [(f.text, f.suggestion) for f in found]


def test_a_name_wrapped_over_two_quoted_po_lines_is_the_same_spelling_should_pass(tmp_path: Path) -> None:
    # `|` marks where each msgstr wraps: the third one wraps inside "Lynas Rare Earths", which
    # read with its quotes and line break was a spelling of its own.
    targets = [
        "Lynas Rare Earths said so.",
        "Then Lynas Rare Earths left.",
        "Shares of Lynas Rare |Earths rose.",
    ]
    assert _po(tmp_path, targets) == []


def test_a_minority_spelling_in_a_po_file_is_named_as_read_should_flag(tmp_path: Path) -> None:
    targets = ["Chikyū left.", "The Chikyū |docked.", "Then Chikyu |sailed."]
    assert _po(tmp_path, targets) == [("Chikyu", "Chikyū")]


def test_the_compact_readings_table_holds_every_reading_of_pypinyins_table() -> None:
    """The folded readings are kept as code points, offsets and one string (fast to load); read
    back, fresh or through pickle (the disk cache), they are pypinyin's, folded, in its order."""
    import pickle

    from zhen_tools.glossary.translit import _pypinyin, pinyin_fold
    from zhen_tools.rules.inconsistent_rendering import _han_readings, _Readings

    table = _pypinyin().pinyin_dict.pinyin_dict
    expected = {
        chr(cp): tuple(dict.fromkeys(pinyin_fold(r) for r in raw.split(","))) for cp, raw in table.items()
    }
    fresh = _Readings(list(expected), list(expected.values()))
    for readings in (fresh, pickle.loads(pickle.dumps(fresh)), _han_readings()):
        assert all(readings.get(ch) == want for ch, want in expected.items())
        assert readings.get("x") is None and readings.get("a", ()) == ()
    assert expected["重"][:2] == ("zhong", "chong")  # most common first
