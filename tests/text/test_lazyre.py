"""lazyre.py: patterns compiled on first use behave as compiled ones, and stay uncompiled until then."""

from __future__ import annotations

import re
import subprocess
import sys
from array import array

import pytest
import regex
import regex._main

from zhen_tools.text import cache, lazyre
from zhen_tools.text.lazyre import LazyPattern, compile_cached, compile_regex_cached, lazy_compile, lazy_regex

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
import zhen_tools.cli.check, zhen_tools.cli.align, zhen_tools.cli.glossary, zhen_tools.cli.detect
import zhen_tools.cli.segment, zhen_tools.glossary.tbx, zhen_tools.rules.homoglyph
print("\\n".join(hits))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


# Patterns whose programs differ in every way the store keeps: big classes (a bitmap per block),
# named and numbered groups, flags given and inline, case folding over a big class.
CACHED = [
    (r"[\u2e80-\u2fdf\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002fa1f]+", 0),
    (r"(?P<word>[A-Za-z\u00c0-\u024f]+)(?:['\u2019](?P=word))?", 0),
    (r"(?a)\b(?=[bcd])(?=(?:bonin\ islands|cab))", 0),
    (r"[\u0400-\u04ff]+|(\d+)", re.IGNORECASE),
    (r"^\s*\[\s*tool\s*\]", re.M | re.X),
    (r"(?<![\w'-])x(?!y)", 0),
]


def _fresh(monkeypatch: pytest.MonkeyPatch, folder: object) -> None:
    """A store in ``folder``, not yet read, and nothing compiled in memory."""
    monkeypatch.setenv("ZHEN_CACHE_DIR", str(folder))
    monkeypatch.setattr(cache, "_programs", None)
    monkeypatch.setattr(lazyre, "_compiled", {})
    monkeypatch.setattr(cache, "_changed", True)  # no exit hook from a test: _save is called by hand


@pytest.mark.parametrize(("pattern", "flags"), CACHED)
def test_compile_cached_equals_re_compile_cold_and_from_the_store(monkeypatch, tmp_path, pattern, flags):
    _fresh(monkeypatch, tmp_path)
    cold = compile_cached(pattern, flags)
    assert cold == re.compile(pattern, flags)  # source, flags and compiled code all equal
    cache._save()
    assert list(tmp_path.glob("programs-*.marshal"))
    _fresh(monkeypatch, tmp_path)
    compiles: list[str] = []
    real = re._compiler.compile  # type: ignore[attr-defined]
    monkeypatch.setattr(re._compiler, "compile", lambda p, f=0: compiles.append(p) or real(p, f))  # type: ignore[attr-defined]
    warm = compile_cached(pattern, flags)
    assert compiles == []  # built from the stored program, not compiled again
    assert warm == re.compile(pattern, flags) and warm.groupindex == cold.groupindex
    for text in [*TEXTS, "Bonin islands cab (Ростех) x-y 12 xz", "[tool]\n  [ tool ]"]:
        assert [m.span() for m in warm.finditer(text)] == [
            m.span() for m in re.finditer(pattern, text, flags)
        ]


def test_a_damaged_store_or_program_means_compiling_again(monkeypatch, tmp_path):
    pattern = r"[\u4e00-\u9fff]+(?P<n>\d)"
    _fresh(monkeypatch, tmp_path)
    compile_cached(pattern)
    cache._save()
    (path,) = tmp_path.glob("programs-*.marshal")
    # A program whose code CPython rejects when it builds the pattern.
    _fresh(monkeypatch, tmp_path)
    programs = cache.programs()
    flags, code, *rest = programs.get(("re", pattern, 0))
    programs[("re", pattern, 0)] = (flags, array("I", [99999]).tobytes() + code[4:], *rest)
    assert compile_cached(pattern) == re.compile(pattern)
    # A truncated file, and a file of another Python version, are read as an empty store.
    for content in (
        path.read_bytes()[:40],
        __import__("marshal").dumps(("2.7", {(pattern, 0): (0, [], 0, {}, ())})),
    ):
        path.write_bytes(content)
        _fresh(monkeypatch, tmp_path)
        assert len(cache.programs()) == 0
        assert compile_cached(pattern) == re.compile(pattern)


def test_each_python_build_has_its_own_store(monkeypatch, tmp_path):
    # Two interpreters sharing a cache folder must not overwrite each other's store each run.
    _fresh(monkeypatch, tmp_path)
    mine = cache._store_path()
    monkeypatch.setattr(cache, "_VERSION", cache._VERSION + " another build")
    assert cache._store_path() != mine and cache._store_path().parent == mine.parent


def test_compile_cached_keeps_re_errors():
    with pytest.raises(re.error):
        compile_cached("(")


REGEX_CACHED = [
    (r"(?P<word>\p{Lu}[\p{L}\p{M}]*)(?:[ \t]++(?P<word>\p{Lu}[\p{L}\p{M}]*))*", regex.VERBOSE),
    (r"[\p{L}\p{N}_--[\u4e00-\u9fff]]+|(?P<han>[\u4e00-\u9fff]+)", regex.VERSION1),
    (r"(?r)\p{Latin}\p{M}*", 0),
    (r"\b(?:so[- ]called|dubbed)\Z", regex.IGNORECASE),
    (r"(?:vessel|ship){e<=1}", 0),
]


@pytest.mark.parametrize(("pattern", "flags"), REGEX_CACHED)
def test_compile_regex_cached_equals_regex_compile_cold_and_from_the_store(
    monkeypatch, tmp_path, pattern, flags
):
    _fresh(monkeypatch, tmp_path)
    cold = compile_regex_cached(pattern, flags)
    cache._save()
    _fresh(monkeypatch, tmp_path)
    compiles: list[str] = []
    real = regex._main._compile
    monkeypatch.setattr(regex._main, "_compile", lambda p, *a: compiles.append(p) or real(p, *a))
    warm = compile_regex_cached(pattern, flags)
    assert compiles == []  # rebuilt from the store, not compiled again
    monkeypatch.undo()
    fresh = regex.compile(pattern, flags, cache_pattern=False)
    assert (warm.pattern, warm.flags, warm.groupindex) == (fresh.pattern, fresh.flags, fresh.groupindex)
    for text in [*TEXTS, "Sanae Takaichi met Wang  Yi; the so-called vesel, 日本 Chikyū", "ship vessel"]:
        assert [m.spans() for m in warm.finditer(text)] == [m.spans() for m in fresh.finditer(text)]
        assert [m.spans() for m in cold.finditer(text)] == [m.spans() for m in fresh.finditer(text)]


def test_regex_store_is_keyed_by_regex_version_and_ignores_damaged_entries(monkeypatch, tmp_path):
    pattern = r"\p{Lu}\p{Ll}+"
    _fresh(monkeypatch, tmp_path)
    compile_regex_cached(pattern)
    cache._save()
    _fresh(monkeypatch, tmp_path)
    (key,) = [k for k in cache.programs() if k[0] == "regex"]
    assert key[1] == regex.__version__ and key[3:] == (pattern, 0)
    # Damaged code (which ``_regex`` would run and crash on): the checksum does not match, the
    # entry is not used, the pattern is compiled again and works.
    check, args = cache.programs().get(key)
    cache.programs()[key] = (check, (args[0], args[1], b"\xff" * 8, *args[3:]))
    compiles: list[str] = []
    real = regex._main._compile
    monkeypatch.setattr(regex._main, "_compile", lambda p, *a: compiles.append(p) or real(p, *a))
    assert compile_regex_cached(pattern).findall("Tokyo and Osaka") == ["Tokyo", "Osaka"]
    assert compiles == [pattern]
    # Another regex version does not find this entry.
    _fresh(monkeypatch, tmp_path)
    monkeypatch.setattr(regex, "__version__", "0.0.0")
    compiles.clear()
    compile_regex_cached(pattern)
    assert compiles == [pattern]


def test_compile_regex_cached_keeps_regex_errors():
    with pytest.raises(regex.error):
        compile_regex_cached("(?P<x>")
