"""split_sentences and tokenize: the seeds, should-split/should-not-split tables, properties."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT, seed_text
from zhen_tools.text.segment import (
    Sentence,
    Token,
    load_abbreviations,
    split_sentences,
    tokenize,
)


def sentences(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def token_pairs(text: str, user_words: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    return [(t.text, t.kind) for t in tokenize(text, user_words)]


def token_at(tokens: list[Token], start: int) -> Token:
    (found,) = [t for t in tokens if t.start == start]
    return found


# --- sentences on the seeds ------------------------------------------------------------------


def test_seed_000_paragraph_has_three_sentences() -> None:
    text = seed_text("000")
    start = text.index("Shigeki Masahiro stated")
    end = text.index("\n", start)
    expected = [
        (
            "Shigeki Masahiro stated that more than 90% of the global rare earth refining technical "
            "know-how is now controlled by China."
        ),
        (
            "According to data cited by the report, 69% of the world's rare earth production comes "
            "from China, and 72% of Japan's imported rare earths also depend on China."
        ),
        (
            "In particularly critical areas of 10 types of heavy rare earths, China has almost "
            "achieved a 100% supply monopoly."
        ),
    ]
    assert sentences(text[start:end]) == expected
    # The same sentences, with offsets into the whole document.
    found = [s for s in split_sentences(text) if start <= s.start < end]
    assert [s.text for s in found] == expected
    assert found[0].start == start and found[-1].end == end


def test_seed_000_headline_url_and_untranslated_sentence() -> None:
    got = sentences(seed_text("000"))
    headline = "Japanese officials: China restricts the flow of key technologies for rare earth refining."
    assert got[0] == headline
    # A domain with a path is not a sentence break; the line is one sentence.
    assert "Original article: toutiao.com/article/1856380067132483/" in got
    assert (
        "Japan claimed that the rare earth slurry reserves in this area are estimated at 16 "
        'million tons and unilaterally declared its resource scale "third in the world,"'
        "仅次于 China and Brazil."
    ) in got


def test_seed_002_headlines_and_citation_separated_items() -> None:
    text = seed_text("002")
    got = split_sentences(text)
    texts = [s.text for s in got]
    # Headline lines without a terminator are sentences of their own; `!` after Han ends one.
    assert texts[:6] == [
        "稀土国产化",
        "Search documents",
        "盯上6000米深海稀土!",
        "日本派船探查 距中国加强两用物项出口管制不到一周!",
        "高市早苗已决定提前大选",
        "Mei Ri Jing Ji Xin Wen· 2026-01-13 07:26",
    ]
    # `... expected soon [1][25] - Takashi's cabinet ...`: the marker closes the item, the ` - `
    # separator belongs to neither sentence, `[1][25]` is not split.
    end = text.index("[1][25]") + len("[1][25]")
    first = [s for s in got if s.end == end]
    assert len(first) == 1 and first[0].text.startswith("Group 1: Political Developments in Japan - ")
    nxt = text.index("Takashi's cabinet support rate")
    second = [s for s in got if s.start == nxt]
    assert len(second) == 1
    assert second[0].text.endswith("for an early dissolution of the House [1]")


def test_seed_003_stray_period_and_quote_stay_in_their_sentence() -> None:
    got = sentences(seed_text("003"))
    assert "23 Jul,2020" in got
    assert any(s.endswith("southeast of Tokyo, in the next 15 years. .") for s in got)
    last = 'The characteristics of the mineral deposits can help improve its competition. ability."'
    assert got[-1] == last


def test_seed_004_question_in_quotes_ends_sentence() -> None:
    got = sentences(seed_text("004"))
    assert (
        "Subsequently, on February 3rd, during a regular press conference, a Japanese journalist "
        'asked on the spot: "What is China\'s comment on this?"'
    ) in got
    assert "Gao Ge really wants to applaud this sentence." in got


def test_chinese_paragraph_with_closing_quotes() -> None:
    text = "他说：“我们会去南鸟岛。”然后离开了！你知道吗？（这是真的。）最后一句；还有……结束"
    assert sentences(text) == [
        "他说：“我们会去南鸟岛。”",
        "然后离开了！",
        "你知道吗？",
        "（这是真的。）",
        "最后一句；",
        "还有……",
        "结束",
    ]


def test_sentences_exclude_surrounding_whitespace_and_slice_back() -> None:
    text = "  \t First one.   Second one!  \n\n   \n  Third  "
    got = split_sentences(text)
    assert [s.text for s in got] == ["First one.", "Second one!", "Third"]
    assert all(text[s.start : s.end] == s.text for s in got)


@pytest.mark.parametrize("text", ["", " ", "\n\n\r\n", "\t \u3000\u00a0"])
def test_whitespace_only_gives_no_sentences(text: str) -> None:
    assert split_sentences(text) == []


def test_line_breaks_end_sentences() -> None:
    assert sentences("Headline without stop\nBody starts here. And goes on") == [
        "Headline without stop",
        "Body starts here.",
        "And goes on",
    ]
    assert sentences("one\r\ntwo\rthree\n\nfour") == ["one", "two", "three", "four"]


def test_list_bullets_are_not_part_of_sentences() -> None:
    assert sentences("- First item\n• Second item\n-5 degrees\n- ") == [
        "First item",
        "Second item",
        "-5 degrees",
        "-",
    ]


SHOULD_SPLIT = [
    ("He left. She stayed.", ["He left.", "She stayed."]),
    ("Really? Yes!", ["Really?", "Yes!"]),
    ('He said "go." Then he left.', ['He said "go."', "Then he left."]),
    ("He waited... Then he left.", ["He waited...", "Then he left."]),
    ("He waited… Then he left.", ["He waited…", "Then he left."]),
    ("It happened in 2009. China reacted.", ["It happened in 2009.", "China reacted."]),
    ("Tools, cables, etc. The list goes on.", ["Tools, cables, etc.", "The list goes on."]),
    ("It is true.[1] Next sentence.", ["It is true.[1]", "Next sentence."]),
    ("It is true. [2][3] Next sentence.", ["It is true. [2][3]", "Next sentence."]),
    ("First item [1] - Second item [2]", ["First item [1]", "Second item [2]"]),
    ("First item [1][25] Second item", ["First item [1][25]", "Second item"]),
    ("英文 ends here.中文开始。", ["英文 ends here.", "中文开始。"]),
    ("日本!中国?韩国…朝鲜", ["日本!", "中国?", "韩国…", "朝鲜"]),
    ("Done. - next bullet", ["Done.", "next bullet"]),  # ` - ` after a terminator separates
    ("Done. - Next bullet", ["Done.", "Next bullet"]),
    ("(Brackets.) Next.", ["(Brackets.)", "Next."]),
]

SHOULD_NOT_SPLIT = [
    "The U.S. Navy sent Mr. Smith and Dr. Lee to St. Louis.",
    "Prof. Kato met Gov. Abe on Feb. 4 at No. 10.",
    "Mitsui & Co. Ltd. and Toyota Motor Corp. signed, e.g. on paper, i.e. formally.",
    "Tools, cables, etc. and more.",
    "Japan vs. China in a match.",
    "Output fell 2.6 percent to 6,000.5 tons.",
    "J. R. R. Tolkien wrote it.",
    "Fumio K. Smith arrived.",
    "He paused... and then went on.",
    "He paused… and then went on.",
    "See toutiao.com/article/1856380067132483/ for details.",
    "See https://example.com/a.b?x=1 now.",
    "A U.S.-China deal.",
    "Sales (up 3.5%) rose.",
    "1. Background of the case",
    "What? no, it was fine.",
    "expected soon [1][25] and later",
]


@pytest.mark.parametrize(("text", "expected"), SHOULD_SPLIT)
def test_should_split(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize("text", SHOULD_NOT_SPLIT)
def test_should_not_split(text: str) -> None:
    assert sentences(text) == [text]


# --- tokens on the seeds ---------------------------------------------------------------------


def test_seed_002_atoms_are_tokenised_intact() -> None:
    text = seed_text("002")
    tokens = tokenize(text)
    for atom, kind in [
        ("Chikyū", "word"),
        ("Minami-Tori-shima", "word"),
        ("Minami-Torishima", "word"),
        ("[1][25]", "cite"),
        ("Japan's", "word"),
        ("2026-01-13", "number"),
        ("07:26", "number"),
        ("70%", "number"),
    ]:
        i = text.index(atom)
        assert token_at(tokens, i) == Token(i, i + len(atom), atom, kind)
    i = text.index("2.6 trillion")
    assert token_at(tokens, i) == Token(i, i + 3, "2.6", "number")
    assert token_at(tokens, i + 4) == Token(i + 4, i + 12, "trillion", "word")
    # `6000米`: the number stops where the Han measure word starts.
    i = text.index("6000米")
    assert token_at(tokens, i) == Token(i, i + 4, "6000", "number")
    assert token_at(tokens, i + 4).text == "米"


def test_seed_000_url_and_numbers() -> None:
    text = seed_text("000")
    tokens = tokenize(text)
    url = "toutiao.com/article/1856380067132483/"
    i = text.index(url)
    assert token_at(tokens, i) == Token(i, i + len(url), url, "url")
    i = text.index("6,000 meters")
    assert token_at(tokens, i) == Token(i, i + 5, "6,000", "number")
    i = text.index("仅次于")
    assert token_at(tokens, i).kind == "word"


def test_nfd_combining_marks_stay_inside_the_word() -> None:
    text = unicodedata.normalize("NFD", seed_text("002"))
    word = "Chiku\u0304"  # NFD of Chikū's last letters: u + COMBINING MACRON
    i = text.index("Chiky" + "u\u0304")
    tok = token_at(tokenize(text), i)
    assert tok.text == "Chiky" + "u\u0304" and tok.kind == "word" and len(word) == 6


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Japan’s Minami-Torishima", [("Japan’s", "word"), ("Minami-Torishima", "word")]),
        ("４N and 4N grade", [("４N", "word"), ("and", "word"), ("4N", "word"), ("grade", "word")]),
        ("６０００米", [("６０００", "number"), ("米", "word")]),
        ("3.5万吨", [("3.5", "number"), ("万吨", "word")]),
        (
            "70% or 70％ or 5‰",
            [("70%", "number"), ("or", "word"), ("70％", "number"), ("or", "word"), ("5‰", "number")],
        ),
        ("the U.S. and U.K.", [("the", "word"), ("U.S.", "word"), ("and", "word"), ("U.K.", "word")]),
        ("Mr. Abe, etc.", [("Mr.", "word"), ("Abe", "word"), (",", "punct"), ("etc.", "word")]),
        ("COVID-19 10-year 2nd", [("COVID-19", "word"), ("10-year", "word"), ("2nd", "word")]),
        ("$400 million", [("$", "symbol"), ("400", "number"), ("million", "word")]),
        ("wait... what……", [("wait", "word"), ("...", "punct"), ("what", "word"), ("……", "punct")]),
        (
            "[1, 2] [3-5] [a]",
            [("[1, 2]", "cite"), ("[3-5]", "cite"), ("[", "punct"), ("a", "word"), ("]", "punct")],
        ),
        ("see www.xinhua.net.", [("see", "word"), ("www.xinhua.net", "url"), (".", "punct")]),
        (
            "(https://example.com/a?b=1)",
            [("(", "punct"), ("https://example.com/a?b=1", "url"), (")", "punct")],
        ),
        ("mail a.b@sina.com.cn", [("mail", "word"), ("a.b@sina.com.cn", "url")]),
        ("years. .", [("years", "word"), (".", "punct"), (".", "punct")]),
        ("2026/01/13 12:51:07", [("2026/01/13", "number"), ("12:51:07", "number")]),
        ("rock'n'roll countries'", [("rock'n'roll", "word"), ("countries", "word"), ("'", "punct")]),
        ("ちきゅう号", [("ちきゅう", "word"), ("号", "word")]),
        ("😀\u200b", [("😀", "symbol"), ("\u200b", "symbol")]),
    ],
)
def test_token_kinds(text: str, expected: list[tuple[str, str]]) -> None:
    assert token_pairs(text) == expected


# Latin letters against Han, addresses against Han, Chinese digits with a zero: kept whole.
TOKENS_SHOULD_KEEP = [
    ("A股上涨", [("A股", "word"), ("上涨", "word")]),  # jieba's dictionary holds A股
    ("买了T恤。", [("买", "word"), ("了", "word"), ("T恤", "word"), ("。", "punct")]),
    ("做B超", [("做", "word"), ("B超", "word")]),
    ("联系press@xinhua.org。", [("联系", "word"), ("press@xinhua.org", "url"), ("。", "punct")]),
    ("详见toutiao.com/a/1/。", [("详见", "word"), ("toutiao.com/a/1/", "url"), ("。", "punct")]),
    ("见www.xinhua.net", [("见", "word"), ("www.xinhua.net", "url")]),
    ("二○○一年", [("二○○一", "word"), ("年", "word")]),  # U+25CB written for 〇
    ("二〇二六年", [("二〇二六", "word"), ("年", "word")]),
]

# Where the pieces are separate words and must stay apart.
TOKENS_SHOULD_SPLIT = [
    ("HA股", [("HA", "word"), ("股", "word")]),  # no dictionary word HA股: letters stay Latin
    ("iPhone手机", [("iPhone", "word"), ("手机", "word")]),
    ("圆圈○里", [("圆圈", "word"), ("○", "symbol"), ("里", "word")]),  # ○ not between digits
    ("二○年", [("二", "word"), ("○", "symbol"), ("年", "word")]),
    ("零售业", [("零售业", "word")]),  # 零 without 〇/○ is no digit-by-digit numeral
    ("mail:a@b", [("mail", "word"), (":", "punct"), ("a", "word"), ("@", "punct"), ("b", "word")]),
]


@pytest.mark.parametrize(("text", "expected"), TOKENS_SHOULD_KEEP)
def test_tokens_should_keep_whole(text: str, expected: list[tuple[str, str]]) -> None:
    assert token_pairs(text) == expected


@pytest.mark.parametrize(("text", "expected"), TOKENS_SHOULD_SPLIT)
def test_tokens_should_split(text: str, expected: list[tuple[str, str]]) -> None:
    assert token_pairs(text) == expected


def test_letters_glued_to_han_keep_user_words_and_offsets() -> None:
    text = "他买了A股高市早苗"
    tokens = tokenize(text, ("高市早苗",))
    assert [t.text for t in tokens] == ["他", "买", "了", "A股", "高市早苗"]
    assert all(text[t.start : t.end] == t.text for t in tokens)


def test_whitespace_is_never_a_token() -> None:
    assert tokenize(" \t\r\n\u3000\u00a0\u2028\x1c") == []


# --- jieba and user words --------------------------------------------------------------------


def test_user_words_keep_glossary_names_whole() -> None:
    text = "高市早苗已决定在南鸟岛上提前大选"
    plain = [t.text for t in tokenize(text)]
    assert plain[:4] == ["高", "市", "早", "苗"]  # jieba alone breaks the name apart
    words = ("高市早苗", "南鸟岛")
    with_words = [t.text for t in tokenize(text, words)]
    assert with_words[0] == "高市早苗" and "南鸟岛" in with_words
    assert "".join(with_words) == text
    # Idempotent, and no memory of earlier calls: the result depends only on the arguments.
    assert [t.text for t in tokenize(text, words)] == with_words
    assert [t.text for t in tokenize(text, list(words) * 2)] == with_words
    assert [t.text for t in tokenize(text)] == plain


def test_user_word_does_not_break_a_longer_dictionary_word() -> None:
    # `日产` (Nissan) as a glossary form must not be found inside `日产量` (daily output).
    assert tokenize("日产量提高", ("日产",))[0].text == "日产量"
    assert tokenize("日产汽车", ("日产",))[0].text == "日产"


def test_non_han_user_words_are_ignored() -> None:
    assert token_pairs("Minami-Torishima 南鸟岛", ("Minami-Torishima", "南鳥島 x", "ちきゅう")) == [
        ("Minami-Torishima", "word"),
        ("南", "word"),
        ("鸟岛", "word"),
    ]


def _run_python(code: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        check=False,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_english_only_input_never_imports_jieba() -> None:
    proc = _run_python("""
        import sys
        import zhen_tools
        from zhen_tools.text.segment import split_sentences, tokenize
        assert "jieba" not in sys.modules, "import"
        toks = tokenize("Minami-Torishima, 6,000 m: Japan's U.S. deal [1][25] ちきゅう")
        sents = split_sentences("One. Two! 三？")
        assert toks and len(sents) == 3
        assert "jieba" not in sys.modules, "tokenize"
        tokenize("中文")
        assert "jieba" in sys.modules, "Han input loads it"
        print("ok")
    """)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"


def test_jieba_loads_quietly_without_a_usable_temp_dir() -> None:
    # No temporary directory at all: the prefix dictionary is built in memory.
    proc = _run_python("""
        import tempfile
        def broken():
            raise FileNotFoundError("No usable temporary directory found")
        tempfile.gettempdir = broken
        from zhen_tools.text.segment import tokenize
        print(" ".join(t.text for t in tokenize("高市早苗已决定提前大选")))
    """)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "高 市 早 苗 已 决定 提前 大选"
    assert proc.stderr == ""


def test_jieba_loads_quietly_when_the_cache_cannot_be_written(tmp_path) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "does-not-exist"
    proc = _run_python(f"""
        import tempfile
        tempfile.tempdir = {str(missing)!r}  # jieba's cache write fails here
        from zhen_tools.text.segment import tokenize
        print(" ".join(t.text for t in tokenize("高市早苗已决定提前大选")))
    """)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "高 市 早 苗 已 决定 提前 大选"
    assert proc.stderr == ""
    assert not missing.exists()


# Han text beyond the seeds: news sentences with names, numbers words and rare characters.
_MORE_HAN = (
    "日本政府计划在南鸟岛附近海域试采稀土泥，地球号钻探船将于明年一月出发。"
    "中国稀土产量占全球百分之七十，美国众议院议长表示将加强供应链合作。"
    "岌岌可危的矿业公司股价暴跌，鑫淼燚垚等生僻字也会出现在人名里。"
)


def test_sharded_dictionary_cuts_exactly_as_jieba_with_its_whole_dictionary() -> None:
    # Shards are loaded as characters turn up, and user words are applied and undone between
    # calls: every cut must equal that of a jieba Tokenizer holding the whole dictionary (with
    # the same user words added), in any order of calls.
    import jieba
    import regex

    from zhen_tools.text.segment import _USER_WORD_FREQ

    runs = [r for p in ("000", "001", "002", "003", "004") for r in regex.findall(r"\p{Han}+", seed_text(p))]
    runs += regex.findall(r"\p{Han}+", _MORE_HAN)
    assert len(runs) > 20
    reference = jieba.Tokenizer()
    reference.FREQ, reference.total = reference.gen_pfdict(reference.get_dict_file())
    reference.initialized = True
    plain = {run: list(reference.cut(run, HMM=False)) for run in runs}
    names = ("高市早苗", "南鸟岛", "地球号", "鑫淼燚垚")
    for word in names:
        if reference.FREQ.get(word, 0) < _USER_WORD_FREQ:
            reference.add_word(word, freq=_USER_WORD_FREQ)
    named = {run: list(reference.cut(run, HMM=False)) for run in runs}
    assert named != plain  # the user words matter somewhere
    # A fresh instance, so that no shard is loaded yet: user words come first (applied before
    # their characters' shards were ever needed), then plain cuts, then both interleaved.
    from zhen_tools.text.segment import _Jieba

    fresh = _Jieba()
    calls = [
        *((r, names) for r in runs),
        *((r, ()) for r in runs),
        *((r, names if i % 3 else ()) for i, r in enumerate(runs + runs[::-1])),
    ]
    for run, words in calls:
        expected = named if words else plain
        assert fresh.cut(run, frozenset(words)) == expected[run], run
    assert [t.text for t in tokenize(runs[1], names)] == named[runs[1]]


def test_jieba_prefix_dictionary_is_cached_in_our_cache_folder(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # The first load builds jieba's prefix dictionary and stores it (text.cache.cached_blobs) in
    # $ZHEN_CACHE_DIR; a later load reads it; a damaged or truncated file is rebuilt, never an error.
    code = """
        from zhen_tools.text.segment import tokenize
        print(" ".join(t.text for t in tokenize("高市早苗已决定提前大选")))
    """
    env = {"ZHEN_CACHE_DIR": str(tmp_path)}
    first = _run_python(code, env)
    assert first.returncode == 0 and first.stderr == "", first.stderr
    [cached] = tmp_path.glob("jieba-prefix-parts-*.mblobs")
    size = cached.stat().st_size
    assert size > 1_000_000  # ~500k prefixes, not a stub
    second = _run_python(code, env)
    assert second.stdout == first.stdout
    cached.write_bytes(b"not marshal data")
    third = _run_python(code, env)
    assert (third.returncode, third.stdout, third.stderr) == (0, first.stdout, "")
    assert cached.stat().st_size == size
    cached.write_bytes(cached.read_bytes()[: size // 2])  # the index whole, half the blobs
    fourth = _run_python(code, env)
    assert (fourth.returncode, fourth.stdout, fourth.stderr) == (0, first.stdout, "")
    assert cached.stat().st_size == size
    assert first.stdout.strip() == "高 市 早 苗 已 决定 提前 大选"


# --- properties ------------------------------------------------------------------------------

# Text that stresses the tokenizer: the seeds' alphabet plus arbitrary Unicode.
_ALPHABET = st.sampled_from(list("aZ09.,!?'’-:/%@[]()“”。！？；…中文南鸟岛 \n\r\t\u3000\u0301\u0304ūＡ６"))
_TEXT = st.one_of(
    st.text(),
    st.text(_ALPHABET),
    st.lists(
        st.sampled_from(
            [
                "U.S.",
                "Mr.",
                "e.g.",
                "2.6",
                "6,000",
                "[1][25]",
                " - ",
                "toutiao.com/a/1/",
                "Chikyū",
                "高市早苗",
                "。”",
                "...",
                " ",
                "\n",
                "J. ",
                "Abc",
            ]
        ),
        max_size=12,
    ).map("".join),
)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_tokens_slice_back_in_order(text: str) -> None:
    tokens = tokenize(text, ("高市早苗",))
    last = 0
    covered: set[int] = set()
    for t in tokens:
        assert text[t.start : t.end] == t.text
        assert last <= t.start < t.end  # in order, non-overlapping, never empty
        assert t.text == t.text.strip()  # never whitespace, never padded with it
        assert t.kind in {"word", "number", "punct", "cite", "symbol", "url"}
        covered.update(range(t.start, t.end))
        last = t.end
    # Nothing visible is dropped.
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_sentences_slice_back_in_order(text: str) -> None:
    got = split_sentences(text)
    last = 0
    for s in got:
        assert isinstance(s, Sentence)
        assert text[s.start : s.end] == s.text
        assert last <= s.start < s.end
        assert s.text == s.text.strip()
        last = s.end
    if text.strip():
        assert got
    else:
        assert got == []


def test_whitespace_class_matches_str_isspace() -> None:
    import regex

    from zhen_tools.text.segment import _WS

    ws = regex.compile(_WS)
    mismatched = [
        hex(cp)
        for cp in range(0x110000)
        if not 0xD800 <= cp <= 0xDFFF and bool(ws.match(chr(cp))) != chr(cp).isspace()
    ]
    assert mismatched == []


# --- the abbreviation data -------------------------------------------------------------------


def test_abbreviation_file_format() -> None:
    path = ROOT / "zhen_tools" / "data" / "abbreviations.txt"
    sections: list[list[str]] = [[]]
    seen: set[str] = set()
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            if sections[-1]:
                sections.append([])
            continue
        if line.startswith("#"):
            continue
        form, *flags = line.split()
        assert form.endswith("."), form
        assert flags in ([], ["final"]), line
        assert form not in seen, f"duplicate {form}"
        seen.add(form)
        sections[-1].append(form)
    for section in sections:
        assert section == sorted(section, key=str.lower), section
    assert set(load_abbreviations()) == seen
    for required in [
        "U.S.",
        "Mr.",
        "Dr.",
        "Feb.",
        "No.",
        "e.g.",
        "i.e.",
        "etc.",
        "vs.",
        "Inc.",
        "Co.",
        "Ltd.",
        "Jan.",
        "Dec.",
        "St.",
        "Prof.",
    ]:
        assert required in seen
