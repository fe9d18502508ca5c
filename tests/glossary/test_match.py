"""Glossary.find: every accepted, forbidden and source form, in one pass, leftmost-longest."""

from __future__ import annotations

import pytest

from zhen_tools.glossary.model import Entry, Glossary, Match

LYNAS = Entry("lynas", "Lynas Rare Earths", kind="org", variants=("Lynas",), zh=("莱纳斯",))
SOHU = Entry("sohu", "Sohu", kind="org", zh=("搜狐",), forbidden=("Sou Hu",))
SOHU_FIN = Entry(
    "sohu-finance", "Sohu Finance", kind="publication", zh=("搜狐财经",), forbidden=("Sou Hu Cai Jing",)
)
KATO = Entry("kato", "Yasuhiro Kato", kind="person", variants=("Kato",))
MUD = Entry(
    "rare-earth-mud", "rare-earth mud", variants=("rare earth mud",), forbidden=("rare earth slurry",)
)
CHIKYU = Entry(
    "chikyu",
    "Chikyū",
    kind="vessel",
    variants=("Chikyu",),
    zh=("地球号",),
    ja=("ちきゅう",),
    forbidden=(r're:(?:vessel|ship)\s+["“]?(?P<term>Earth)\b',),
)
EARTH = Entry("earth", "Earth", kind="place", zh=("地球",))
NISSAN = Entry("nissan", "Nissan", kind="org", zh=("日产",), ja=("日産",))
ROSTEC = Entry("rostec", "Rostec", kind="org", ru=("Ростех",), forbidden=("PocTex",))
LEE = Entry("lee-jae-myung", "Lee Jae-myung", kind="person", zh=("李在明",), ko=("이재명",))
MINAMI = Entry(
    "minami-torishima",
    "Minami-Torishima",
    kind="place",
    variants=("Minamitorishima",),
    zh=("南鸟岛", "南鳥島"),
    ja=("南鳥島",),
    forbidden=("South Bird Island",),
)

G = Glossary(name="t", entries=(LYNAS, SOHU, SOHU_FIN, KATO, MUD, CHIKYU, EARTH, NISSAN, ROSTEC, LEE, MINAMI))


def found(text: str, glossary: Glossary = G) -> list[tuple[str, str, str]]:
    """(matched text, entry id, status) of every match, checking offsets on the way."""
    out = []
    for m in glossary.find(text):
        assert text[m.start : m.end] == m.text
        out.append((m.text, m.entry_id, m.status))
    return out


# -- should match ------------------------------------------------------------------------------


def test_longest_form_wins_at_a_position() -> None:
    assert found("Lynas Rare Earths and Lynas.") == [
        ("Lynas Rare Earths", "lynas", "accepted"),
        ("Lynas", "lynas", "accepted"),
    ]


def test_longer_forbidden_form_of_another_entry_wins() -> None:
    assert found("per Sou Hu Cai Jing, not Sou Hu.") == [
        ("Sou Hu Cai Jing", "sohu-finance", "forbidden"),
        ("Sou Hu", "sohu", "forbidden"),
    ]


def test_match_fields_and_order() -> None:
    assert G.find("Kato met Sohu") == [
        Match(0, 4, "Kato", "kato", "Kato", "accepted", "en"),
        Match(9, 13, "Sohu", "sohu", "Sohu", "accepted", "en"),
    ]


def test_term_entries_are_case_insensitive() -> None:
    assert found("Rare Earth Slurry and RARE-EARTH MUD") == [
        ("Rare Earth Slurry", "rare-earth-mud", "forbidden"),
        ("RARE-EARTH MUD", "rare-earth-mud", "accepted"),
    ]


def test_source_forms_have_status_source_and_their_language() -> None:
    ms = G.find("南鸟岛、ちきゅう、이재명은, Ростех.")
    assert [(m.text, m.entry_id, m.status, m.lang) for m in ms] == [
        ("南鸟岛", "minami-torishima", "source", "zh"),
        ("ちきゅう", "chikyu", "source", "ja"),
        ("이재명", "lee-jae-myung", "source", "ko"),  # Korean particles attach: no boundary
        ("Ростех", "rostec", "source", "ru"),
    ]


def test_form_in_both_zh_and_ja_lists_is_reported_once() -> None:
    assert [(m.text, m.lang) for m in G.find("南鳥島")] == [("南鳥島", "zh")]


def test_non_ascii_letters_inside_latin_forms() -> None:
    assert found("the vessel Chikyū and Chikyu") == [
        ("Chikyū", "chikyu", "accepted"),
        ("Chikyu", "chikyu", "accepted"),
    ]


def test_forbidden_pattern_flags_context_only() -> None:
    text = 'its deep-sea research vessel "Earth" found rare earth on Earth'
    ms = G.find(text)
    assert [(m.text, m.entry_id, m.status, m.start) for m in ms] == [
        ("Earth", "chikyu", "forbidden", text.index('"Earth"') + 1),
        ("Earth", "earth", "accepted", text.rindex("Earth")),
    ]
    assert ms[0].form.startswith("re:")


def test_forbidden_latin_lookalike() -> None:
    assert found("the state company PocTex") == [("PocTex", "rostec", "forbidden")]


def test_offsets_are_code_points_after_astral_and_expanding_characters() -> None:
    # U+1F600 is one code point; 'İ'.lower() is two, which must not shift offsets.
    text = "😀 İstanbul: Lynas"
    (m,) = G.find(text)
    assert (m.start, m.end) == (12, 17) and text[12:17] == "Lynas"


def test_form_shared_by_two_entries_yields_one_match_each() -> None:
    a = Entry("kato-a", "Kato", kind="person")
    b = Entry("kato-b", "Kato", kind="person", forbidden=())
    g = Glossary(entries=(a, b))
    assert found("Kato said", g) == [("Kato", "kato-a", "accepted"), ("Kato", "kato-b", "accepted")]


def test_many_forms_sharing_a_first_word() -> None:
    entries = tuple(Entry(f"u{i}", f"University of Place{i}", kind="org") for i in range(300))
    entries += (Entry("u", "University", kind="org"),)
    g = Glossary(entries=entries)
    assert found("University of Place7, University of Placeless", g) == [
        ("University of Place7", "u7", "accepted"),
        ("University", "u", "accepted"),
    ]


def test_chinese_forms_on_segmentation_boundaries() -> None:
    # 日产 is Nissan in 日产汽车 but the start of 日产量 (daily output).
    assert found("日产汽车宣布日产量增加") == [("日产", "nissan", "source")]


def test_longest_chinese_form_wins() -> None:
    assert found("地球号从清水港出发，地球上") == [
        ("地球号", "chikyu", "source"),
        ("地球", "earth", "source"),
    ]


def test_chinese_form_between_punctuation_needs_no_segmenter() -> None:
    assert found("（搜狐）") == [("搜狐", "sohu", "source")]


def test_matcher_is_built_once() -> None:
    g = Glossary(entries=(SOHU,))
    assert g.matcher is g.matcher
    assert g.find("Sohu") == g.find("Sohu")


# -- should not match --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Katowice",
        "NotKato",
        "Kato_x",
        "Kato2",  # word boundaries
        "sohu.com",
        "SOHU",  # names are case-sensitive
        "Minami-Tori-shima",
        "Minami Torishima",  # exact forms only; spelling is the near-miss rule's
        "Chikyuu",
        "rare earth muds",
        "the Earth's rare earth",  # "Earth" alone is not the ship
        "地球仪",  # no form inside a longer word
        "",
    ],
)
def test_no_match(text: str) -> None:
    assert [m for m in G.find(text) if m.entry_id != "earth"] == []


def test_empty_glossary_matches_nothing() -> None:
    assert Glossary().find("Sohu 搜狐") == []


# -- a runaway pattern is an error naming its glossary, not a hang ------------------------------


@pytest.mark.parametrize("n_patterns", [1, 40])  # each pattern searched alone / one alternation
def test_a_pattern_that_runs_past_its_time_is_an_error_naming_file_and_line(monkeypatch, n_patterns):
    import zhen_tools.glossary.match as match

    monkeypatch.setattr(match, "pattern_timeout", lambda length: 0.2)
    # (a|a)+$ passes the nested-repeat lint, yet tries 2**n ways on "aaa…ab".
    slow = Entry(id="slow", en="Slow", forbidden=("re:(a|a)+$",), file="g.toml", line=7)
    others = [
        Entry(id=f"e{i}", en=f"E{i}", forbidden=(f"re:zz{i}q",), file="g.toml", line=20 + i)
        for i in range(n_patterns - 1)
    ]
    g = Glossary(entries=(slow, *others), by_id={e.id: e for e in (slow, *others)})
    with pytest.raises(match.PatternTimeoutError, match=r"^g\.toml:7\b.*ran past 0 s on one text") as info:
        g.find("a" * 40 + "b")
    assert "\n" not in str(info.value)
    # A text the pattern matches at once is matched within that time.
    fresh = Glossary(entries=(slow, *others), by_id={e.id: e for e in (slow, *others)})
    assert [(m.start, m.end) for m in fresh.find("a" * 40)][:1] == [(0, 40)]


def test_the_pattern_timeout_grows_with_the_text():
    from zhen_tools.glossary.match import pattern_timeout

    assert pattern_timeout(0) == 5.0 and pattern_timeout(1_000_000) == 15.0


def test_a_pattern_that_timed_out_fails_at_once_on_later_texts(monkeypatch):
    import zhen_tools.glossary.match as match

    monkeypatch.setattr(match, "pattern_timeout", lambda length: 0.5)
    slow = Entry(id="slow", en="Slow", forbidden=("re:(a|a)+$",), file="g.toml", line=7)
    g = Glossary(entries=(slow,), by_id={"slow": slow})
    with pytest.raises(match.PatternTimeoutError):
        g.find("a" * 40 + "b")
    searched = []
    monkeypatch.setattr(match.Matcher, "_scan_patterns_timed", lambda self, text, out: searched.append(text))
    with pytest.raises(match.PatternTimeoutError, match=r"^g\.toml:7: "):
        g.find("Tokyo")
    assert searched == []  # not searched again


def test_lowering_a_long_text_in_pieces_is_lowering_it_whole():
    from zhen_tools.glossary.match import _LOWER_PIECE, _lower_same_length

    # Final sigma (ΟΔΟΣ -> οδος) depends on what follows: pieces are cut at white space only.
    text = ("The ΟΔΟΣ Road, ΣΑΣ and Tokyo\nΛΟΓΟΣ " * (3 * _LOWER_PIECE // 30)) + "ΣΑΣ" * 50_000
    assert len(text) > 3 * _LOWER_PIECE
    assert _lower_same_length(text) == text.lower()
    dotted = "İstanbul " * (_LOWER_PIECE // 4)  # İ lowers to two code points: kept as it is
    assert _lower_same_length(dotted) == "İstanbul " * (_LOWER_PIECE // 4)


# -- a big text is scanned a window of lines at a time -----------------------------------------

# Matches at both ends of lines, forms of two words, a Han form that segmentation must judge
# (日产 in 日产量 is no match), a case-insensitive variant and a forbidden pattern whose span
# crosses a line break (patterns read the whole text, never a window).
WINDOWED = (
    "rare earth mud\n"
    "Lynas Rare Earths said\r\n"
    "\n"
    "日产量 rose; 日产 fell, said Kato\n"
    "the vessel\nEarth and RARE EARTH MUD\n"
    "Kato"
)


def test_windows_find_what_a_scan_of_the_whole_text_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    from zhen_tools.glossary import match

    whole = [(m.start, m.end, m.entry_id, m.status) for m in G.matcher.find(WINDOWED)]
    monkeypatch.setattr(match, "_WINDOW", 1)  # every line its own window
    windowed = [(m.start, m.end, m.entry_id, m.status) for m in G.matcher.find(WINDOWED)]
    assert windowed == whole
    assert found(WINDOWED) == [
        ("rare earth mud", "rare-earth-mud", "accepted"),
        ("Lynas Rare Earths", "lynas", "accepted"),
        ("日产", "nissan", "source"),
        ("Kato", "kato", "accepted"),
        ("Earth", "chikyu", "forbidden"),
        ("RARE EARTH MUD", "rare-earth-mud", "accepted"),
        ("Kato", "kato", "accepted"),
    ]


def test_a_form_with_a_line_break_is_found_across_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    from zhen_tools.glossary import match

    wrapped = Entry("wrapped", "Sohu Finance", kind="publication", variants=("Sohu\nFinance",))
    g = Glossary(name="t", entries=(wrapped,))
    monkeypatch.setattr(match, "_WINDOW", 1)
    assert g.matcher.multiline
    assert found("It said Sohu\nFinance reported\n", g) == [("Sohu\nFinance", "wrapped", "accepted")]
