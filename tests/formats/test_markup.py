"""formats.markup: the prose of Markdown and HTML files, with code, markup and web addresses
blanked; same length and line breaks, so findings point into the file. And through the CLI: no
finding, and no fix, inside code, tags or link targets; the prose around them is still checked."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import run_zhen
from zhen_tools.formats.markup import prose_view


def kept(path: str, text: str) -> str:
    """The view with blanks squeezed, to read what stays prose."""
    view = prose_view(path, text)
    assert len(view) == len(text)
    assert [i for i, c in enumerate(view) if c in "\r\n"] == [i for i, c in enumerate(text) if c in "\r\n"]
    return " ".join(view.split())


# -- Markdown -------------------------------------------------------------------------------------


def test_fenced_code_blocks_are_blanked_with_their_fences():
    text = "Before.\n\n```python\nx = 'a，b'  # the the\n```\n\n~~~~\nSouth Bird Island\n~~~~\nAfter.\n"
    assert kept("a.md", text) == "Before. After."


def test_fences_close_in_a_file_with_crlf_line_ends():
    # The closing fence was not seen before "\r\n": everything after it was taken for code.
    text = "Before.\r\n\r\n```\r\ncode\r\n```\r\n\r\nAfter the end.\r\n"
    assert kept("a.md", text) == "Before. After the end."


def test_an_unclosed_fence_runs_to_the_end_as_commonmark_reads_it():
    assert kept("a.md", "Before.\n```\ncode the the\n") == "Before."


def test_a_fence_needs_its_own_kind_and_length_to_close():
    text = "````\n```\nstill code\n````\nProse.\n"
    assert kept("a.md", text) == "Prose."


def test_code_spans_keep_their_backticks_so_no_space_appears_before_punctuation():
    assert kept("a.md", "Run `zhen check ，`, then ``a ` b`` again.") == "Run ` `, then `` `` again."


def test_a_code_span_does_not_run_across_a_blank_line():
    assert kept("a.md", "One `tick here.\n\nAnother` there.") == "One `tick here. Another` there."
    # the stray tick does not take the opening of the next paragraph's span with it
    assert kept("a.md", "One `tick.\n\nAnother `code` here.") == "One `tick. Another ` ` here."


def test_comments_tags_and_autolinks_keep_only_their_angle_brackets():
    text = 'A <!-- the the --> b <span class="x x">c</span> <https://x.org/稀土> d.'
    assert kept("a.md", text) == "A < > b < >c< > < > d."


def test_link_and_image_targets_and_reference_definitions_are_blanked_not_their_text():
    text = (
        '[Chikyu](https://en.wikipedia.org/wiki/Chiky%C5%AB_(ship) "the ship") and ![the map](img/a.png).\n'
        "[ref]: https://example.com/Chikyū\n"
    )
    assert kept("a.md", text) == '[Chikyu]( "the ship") and ![the map]( ). [ref]:'


def test_bare_web_addresses_are_blanked():
    text = "Source: https://example.com/South-Bird-Island, www.xinhuanet.com/a.\nSee https://x.org/a?b=1!"
    assert kept("a.md", text) == "Source: , . See !"  # trailing punctuation is the sentence's


def test_code_inside_a_fence_is_not_read_for_spans():
    # The backticks in the fence open no code span that would swallow the prose after it.
    text = "```\na ` b\n```\nThe `x` is fine.\n"
    assert kept("a.md", text) == "The ` ` is fine."


# -- HTML -----------------------------------------------------------------------------------------


def test_html_tags_attributes_scripts_styles_and_pre_are_blanked():
    text = (
        '<html><head><style>p { font: "A", "A"; }</style><script>var x = "a，b";</script></head>\n'
        '<body><h1 class="title title">Japan eyes rare earths</h1>\n'
        "<p>Officials said <b>16 million</b> tons.</p><pre>the the</pre><!-- the the --></body></html>\n"
    )
    assert kept("a.html", text) == (
        # <html>, <head>, the style and the script (each blanked whole), </head>; then the body
        "< >< >< >< >< > < >< >Japan eyes rare earths< > < >Officials said < >16 million< > tons.< >< >< >< >< >"
    )


def test_the_attributes_a_reader_sees_stay_prose_unless_in_code_or_a_comment():
    text = (
        '<img class="x x" alt="South Bird Island map" src="a.png" title=\'The the tip\'>'
        '<span aria-label="A label">a</span><!-- <img alt="hidden"> --><pre><b title="no">x</b></pre>'
    )
    assert kept("a.html", text) == "< South Bird Island map The the tip >< A label >a< >< >< >"
    md = 'See <img alt="South Bird Island" src="x"> and `<b title="code">`.'
    assert kept("a.md", md) == "See < South Bird Island > and ` `."


@pytest.mark.parametrize("name", ["a.txt", "a.en.txt", "notes.rst", "a.xlf"])
def test_other_files_lose_only_their_web_addresses(name):
    text = "Use `code` and <b>bold</b>, https://x.org/a.\n```\nfence\n```\n"
    assert kept(name, text) == "Use `code` and <b>bold</b>, . ``` fence ```"
    assert prose_view(name, "No address here.") == "No address here."


def test_a_web_address_is_no_spelling_of_a_name(tmp_path):
    # Each address held a spelling of the name the text writes Minami-Torishima: two
    # inconsistent-rendering findings on a plain text file.
    text = (
        "Minami-Torishima is remote. See https://en.wikipedia.org/wiki/Minami-Tori-shima and "
        "www.example.com/Minamitorishima for maps of Minami-Torishima. Minami-Tori-shima is one.\n"
    )
    (tmp_path / "u.txt").write_text(text, encoding="utf-8")
    proc = run_zhen("check", "--no-config", "--format", "json", "u.txt", cwd=tmp_path)
    assert [(f["rule"], f["column"]) for f in json.loads(proc.stdout)["findings"]] == [
        ("inconsistent-rendering", text.rindex("Minami-Tori-shima") + 1)  # the one in the prose
    ]


# -- through the CLI ------------------------------------------------------------------------------

ARTICLE = """\
---
title: Japan eyes seabed rare earths near South Bird Island
---

# Japan eyes seabed rare earths

The ship [Chikyu](https://en.wikipedia.org/wiki/Chikyū) left for South Bird Island，on Monday.

```text
Do not write: South Bird Island，the the
```

Our style guide forbids `South Bird Island`, as <!-- the the --> editors know.
"""


def test_findings_and_fixes_in_a_markdown_article_stay_in_its_prose(tmp_path):
    path = tmp_path / "a.en.md"
    path.write_text(ARTICLE, encoding="utf-8")
    proc = run_zhen("check", "--no-config", "--format", "json", "a.en.md", cwd=tmp_path)
    found = [(f["line"], f["rule"], f["text"]) for f in json.loads(proc.stdout)["findings"]]
    assert found == [
        (2, "glossary-forbidden", "South Bird Island"),  # front matter's title is prose
        (7, "glossary-forbidden", "South Bird Island"),
        (7, "punctuation", "，"),
    ], proc.stderr
    fixed = run_zhen("check", "--no-config", "--fix", "a.en.md", cwd=tmp_path)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    lines = ARTICLE.splitlines(keepends=True)
    lines[1] = lines[1].replace("South Bird Island", "Minami-Torishima")
    lines[6] = lines[6].replace("South Bird Island，", "Minami-Torishima, ")
    assert path.read_text(encoding="utf-8") == "".join(lines)  # code, link and comment untouched


def test_an_html_page_is_checked_in_its_text_only(tmp_path):
    (tmp_path / "a.html").write_text(
        '<p class="the the">Officials said the the mud holds 16 million tons.</p>\n'
        '<script>var s = "South Bird Island，";</script>\n',
        encoding="utf-8",
    )
    proc = run_zhen("check", "--no-config", "a.html", cwd=tmp_path)
    assert proc.stdout.startswith("a.html:1:35: warning[repeated-text] doubled word 'the'")
    assert "1 finding " in proc.stdout, proc.stdout


def test_character_references_in_an_html_page_are_read_and_fixed_whole(tmp_path):
    # `&rdquo;.` is a quote before a full stop: it was "';' before a full stop", and --fix
    # turned it into `&rdquo.`; `trip&nbsp;.` is a space before one, fixed as a whole.
    page = "<p>The talks were &ldquo;useful&rdquo;. The 100&nbsp;km trip&nbsp;.</p>\n"
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    proc = run_zhen("check", "--no-config", "--format", "json", "a.html", cwd=tmp_path)
    found = [(f["text"], f["message"]) for f in json.loads(proc.stdout)["findings"]]
    assert found == [("&nbsp;.", "space before '.'")]
    run_zhen("check", "--no-config", "--fix", "a.html", cwd=tmp_path)
    assert (tmp_path / "a.html").read_text(encoding="utf-8") == page.replace("trip&nbsp;.", "trip.")


def test_a_finding_over_blanked_text_holds_the_files_own_characters(tmp_path):
    # The rules read the view, but a finding's text is what the file holds: a dropped number
    # reported on the whole sentence keeps its address ("Source:                   ," before).
    (tmp_path / "a.zh.txt").write_text("来源：人民网 www.people.com.cn 记者19日报道。\n", encoding="utf-8")
    (tmp_path / "a.en.txt").write_text("Source: www.people.com.cn, the reporter said.\n", encoding="utf-8")
    proc = run_zhen("check", "--no-config", "--no-glossary", "--format", "json", ".", cwd=tmp_path)
    [(rule, text)] = [(f["rule"], f["text"]) for f in json.loads(proc.stdout)["findings"]]
    assert (rule, text) == ("number-mismatch", "Source: www.people.com.cn, the reporter said.")


def test_a_space_reference_is_one_that_decodes_to_a_space():
    """Every reference SPACE_REFERENCE takes for a space reads as whitespace, and the spaces of
    news typography (no-break, en, em, thin, hair, narrow no-break) are all taken, named,
    decimal and hex; a non-breaking hyphen (&#8209;) is no space."""
    import html
    import html.entities

    from zhen_tools.formats.markup import SPACE_REFERENCE

    named = [f"&{name}" for name in html.entities.html5 if name.endswith(";")]
    numeric = [form.format(cp) for cp in range(0x3000) for form in ("&#{};", "&#x{:x};", "&#x{:X};")]
    taken = [ref for ref in named + numeric if re.fullmatch(SPACE_REFERENCE, ref)]
    assert all(html.unescape(ref).isspace() for ref in taken)
    spaces = "\u00a0\u2002\u2003\u2009\u200a\u202f"
    assert {html.unescape(ref) for ref in taken} == set(spaces)
    assert {"&nbsp;", "&thinsp;", "&#160;", "&#8239;", "&#x202F;"} <= set(taken)
    assert "&#8209;" not in taken
