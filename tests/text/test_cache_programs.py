"""text/cache.py's program store and ``exec_cached``, which stands for ``exec`` in ``dataclasses``
(set by ``zhen_tools/__init__.py``): this package's classes come out exactly as ``dataclasses``
makes them, from code compiled once and kept; other packages' classes are left alone."""

from __future__ import annotations

import builtins
import dataclasses
import subprocess
import sys
import types

import pytest

import zhen_tools  # noqa: F401  (sets the hook)
from zhen_tools.text import cache


@pytest.fixture
def store(monkeypatch, tmp_path):
    """A program store in ``tmp_path``, not yet read; compiling counted."""
    monkeypatch.setenv("ZHEN_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(cache, "_programs", None)
    monkeypatch.setattr(cache, "_changed", True)  # no exit hook from a test: _save is called by hand
    compiled: list[str] = []
    real = builtins.compile

    def counting(source, *args, **kwargs):
        if isinstance(source, str):
            compiled.append(source)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(cache, "compile", counting, raising=False)  # the name exec_cached calls
    return compiled


def _make(module_name: str) -> type:
    """A frozen dataclass with a default, a factory and a non-init field, made in a module of
    that name (as ``dataclasses`` sees it: by the class's module globals)."""
    mod = types.ModuleType(module_name)
    sys.modules[module_name] = mod
    try:
        source = (
            "from __future__ import annotations\n"
            "from dataclasses import dataclass, field\n"
            "@dataclass(frozen=True, order=True)\n"
            "class Point:\n"
            "    x: int\n"
            "    y: 'str' = 'a'\n"
            "    tags: tuple = field(default_factory=tuple)\n"
            "    note: str = field(default='n', init=False, compare=False)\n"
        )
        exec(compile(source, f"<{module_name}>", "exec"), mod.__dict__)
        return mod.Point
    finally:
        del sys.modules[module_name]


def _behaviour(cls: type) -> tuple[object, ...]:
    p, q = cls(1), cls(1, "b", (2,))
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.x = 3  # type: ignore[attr-defined]
    return (
        repr(p),
        repr(q),
        p == cls(1),
        p < q,
        hash(p) == hash(cls(1)),
        cls.__init__.__annotations__,
        [f.name for f in dataclasses.fields(cls)],
        cls.__match_args__,
    )


def test_package_classes_come_from_the_store_and_behave_as_exec_made_them(store):
    fresh = _behaviour(_make("zhen_tools._demo"))
    assert store, "the methods were compiled on first use"
    cache._save()
    # A later run: the same class is made from the stored code, compiling nothing.
    cache._programs = None
    store.clear()
    again = _make("zhen_tools._demo")
    assert store == []
    assert _behaviour(again) == fresh
    # And both are what plain ``exec`` makes (the hook set aside).
    saved = dataclasses.exec  # type: ignore[attr-defined]
    try:
        del dataclasses.exec  # type: ignore[attr-defined]
        plain = _behaviour(_make("zhen_tools._demo"))
    finally:
        dataclasses.exec = saved  # type: ignore[attr-defined]
    assert plain == fresh
    # The field types themselves (the class's own annotations, strings here), not the names of
    # the locals the generated text uses (what compiling it with future annotations would give).
    assert fresh[5] == {"x": "int", "y": "'str'", "tags": "tuple", "return": None}


def test_other_packages_classes_are_compiled_as_ever(store):
    _make("otherpkg.models")
    assert store == []  # exec compiled them itself: nothing through the store
    assert not any(key[0] == "code" for key in cache.programs())


def test_a_damaged_or_foreign_store_means_compiling_again(store, tmp_path):
    _make("zhen_tools._demo")
    cache._save()
    (path,) = tmp_path.glob("programs-*.marshal")
    for content in (path.read_bytes()[:50], b"", __import__("marshal").dumps(("2.7", {("code", "x"): 1}))):
        path.write_bytes(content)
        cache._programs = None
        store.clear()
        assert _behaviour(_make("zhen_tools._demo"))[0] == "Point(x=1, y='a', tags=(), note='n')"
        assert store  # compiled again
    # An entry that is not code is not run (the store in memory, as the last make left it).
    key = next(k for k in cache.programs() if k[0] == "code")
    cache.programs()[key] = "print('not code')"
    store.clear()
    _make("zhen_tools._demo")
    assert store


def test_each_python_build_has_its_own_store(store):
    mine = cache._store_path()
    with pytest.MonkeyPatch.context() as m:
        m.setattr(cache, "_VERSION", cache._VERSION + " another build")
        assert cache._store_path() != mine and cache._store_path().parent == mine.parent


def test_a_fresh_process_uses_the_store(tmp_path):
    # End to end: the second start of the package compiles none of its dataclasses' methods.
    code = (
        "import builtins, sys\n"
        "calls = []\n"
        "real = builtins.compile\n"
        "import zhen_tools.text.cache as c\n"
        "c.compile = lambda s, *a, **k: calls.append(s) or real(s, *a, **k)\n"
        "import zhen_tools.findings, zhen_tools.run.options\n"
        "print(len(calls))\n"
    )
    env = {"ZHEN_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert int(first.stdout) > 0 and int(second.stdout) == 0, (first.stdout, second.stdout, first.stderr)


def test_an_entry_is_read_only_for_its_own_key(store):
    programs = cache.programs()
    programs[("re", "a", 0)] = (1, b"x")
    assert programs.get(("re", "a", 0)) == (1, b"x") and programs.get(("re", "a", 2)) is None
    # Another key's entry under this key's digest (a collision), and a damaged entry: not used.
    digest = cache._digest(("re", "a", 0))
    programs.raw[digest] = __import__("marshal").dumps((("re", "b", 0), (2, b"y")))
    assert programs.get(("re", "a", 0)) is None
    programs.raw[digest] = b"\xff\x00 not marshal"
    assert programs.get(("re", "a", 0)) is None


def test_the_store_keeps_the_newest_entries(store, monkeypatch):
    monkeypatch.setattr(cache, "STORE_LIMIT", 3)
    programs = cache.programs()
    for i in range(4):
        programs[("re", str(i), 0)] = i
    programs[("re", "1", 0)] = 1  # used again: now the newest
    programs[("re", "4", 0)] = 4
    assert sorted(k[1] for k in programs) == ["1", "3", "4"]
