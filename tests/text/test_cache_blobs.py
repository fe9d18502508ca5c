"""text/cache.py's ``cached_blobs``: blobs come back as stored, each once, from the file a first
run wrote, whether the names are single characters (kept as one string) or longer."""

from __future__ import annotations

import pytest

from zhen_tools.text import cache


@pytest.fixture(autouse=True)
def _folder(monkeypatch, tmp_path):
    monkeypatch.setenv("ZHEN_CACHE_DIR", str(tmp_path))


@pytest.mark.parametrize(
    "blobs",
    [
        {"日": b"\x00sun", "本": b"root", "a": b"", "𠮷": b"x" * 300},  # one character each
        {"ab": b"1", "c": b"22", "": b"333"},  # names of any length
    ],
)
def test_blobs_come_back_from_the_file_each_once(blobs, tmp_path):
    head, fresh = cache.cached_blobs("t", ["k"], lambda: ([1, "h"], dict(blobs)))
    assert head == [1, "h"] and [fresh.pop(n) for n in blobs] == list(blobs.values())
    assert len(list(tmp_path.glob("t-*.mblobs"))) == 1
    head, stored = cache.cached_blobs("t", ["k"], lambda: pytest.fail("computed again"))
    assert head == [1, "h"]
    for name in reversed(list(blobs)):
        assert stored.pop(name) == blobs[name]
        assert stored.pop(name) is None and stored.pop(name, b"d") == b"d"  # each only once
    assert stored.pop("missing") is None and stored.pop("zz") is None


def test_a_truncated_file_means_computing_again(tmp_path):
    cache.cached_blobs("t", ["k"], lambda: ("h", {"a": b"1234", "b": b"5678"}))
    (path,) = tmp_path.glob("t-*.mblobs")
    path.write_bytes(path.read_bytes()[:-3])
    calls = []
    _, blobs = cache.cached_blobs("t", ["k"], lambda: calls.append(1) or ("h", {"a": b"1234", "b": b"5678"}))
    assert calls == [1] and blobs.pop("b") == b"5678"
