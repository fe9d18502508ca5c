"""lazyre.py: patterns compiled on first use behave as compiled ones, and stay uncompiled until then."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import regex

from zhen_tools.text.lazyre import LazyPattern, lazy_compile, lazy_regex

TEXTS = ["", "abc 123 def", "Tōkyō, 2027 — 南鸟岛 x", "a.b,c;;d"]


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [(r"\w+", 0), (r"(?P<d>\d)(\d)?", 0), (r"[a-z]+", re.IGNORECASE), (r"[,;]+", 0), (r"^$", re.M)],
)
def test_same_results_as_compiled(pattern: str, flags: int) -> None:
    lazy, eager = lazy_compile(pattern, flags), re.compile(pattern, flags)
    for text in TEXTS:
        assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]
        assert lazy.findall(text) == eager.findall(text)
        assert lazy.sub("#", text) == eager.sub("#", text)
        assert lazy.split(text) == eager.split(text)
        assert bool(lazy.fullmatch(text)) == bool(eager.fullmatch(text))
        assert (lazy.search(text) or re.match("", "")).span() == (
            eager.search(text) or re.match("", "")
        ).span()
    assert (lazy.flags, lazy.groups, dict(lazy.groupindex)) == (
        eager.flags,
        eager.groups,
        dict(eager.groupindex),
    )


def test_not_compiled_before_use() -> None:
    p = lazy_compile(r"[a-z]+\d")
    assert isinstance(p, LazyPattern) and "compiled" not in vars(p)
    assert p.pattern == r"[a-z]+\d"  # the source, without compiling
    assert "compiled" not in vars(p)
    assert p.match("ab1")
    assert isinstance(vars(p)["compiled"], re.Pattern)
    assert vars(p)["match"] == vars(p)["compiled"].match  # later calls go straight to it


def test_lazy_regex_keeps_regex_syntax() -> None:
    p = lazy_regex(r"\p{Han}+", regex.V1)
    assert p.findall("日本 Japan 南鸟岛") == ["日本", "南鸟岛"]
    assert isinstance(vars(p)["compiled"], regex.Pattern)


def test_bad_pattern_fails_on_first_use() -> None:
    p = lazy_compile("(")
    with pytest.raises(re.error):
        p.search("x")


def test_modules_compile_nothing_on_import() -> None:
    # The modules whose patterns were made lazy compile none while they are imported (the
    # others are counted out by file).
    mine = (
        "text/chars.py", "text/spans.py", "text/names.py", "rules/punctuation.py",
        "rules/repeated_text.py", "rules/untranslated.py", "rules/homoglyph.py", "glossary/",
        "report/", "align/aligner.py", "text/numbers.py",
    )  # fmt: skip
    code = f"""
import traceback, re._compiler, regex._main
mine = {mine!r}
hits = []
def spy(orig):
    def wrapped(*args, **kwargs):
        # The caller: the innermost frame outside re, regex and functools' caches.
        callers = [f for f in traceback.extract_stack()[:-1]
                   if not any(p in f.filename.replace("\\\\", "/") for p in ("/re/", "/regex/", "functools"))]
        path = callers[-1].filename.replace("\\\\", "/")
        if any("zhen_tools/" + m in path for m in mine):
            hits.append(f"{{path}}:{{callers[-1].lineno}}")
        return orig(*args, **kwargs)
    return wrapped
re._compiler.compile = spy(re._compiler.compile)
regex._main._compile = spy(regex._main._compile)
import zhen_tools.cli, zhen_tools.glossary.tbx, zhen_tools.rules.homoglyph
print("\\n".join(hits))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
