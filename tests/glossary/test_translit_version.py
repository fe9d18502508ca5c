"""glossary.translit.package_version: the versions behind disk-cache keys, read from folder names."""

from __future__ import annotations

from importlib.metadata import version

import pytest

from zhen_tools.glossary import translit


@pytest.mark.parametrize("name", ["pypinyin", "confusables", "jieba", "regex", "pytest"])
def test_versions_are_importlib_metadata_s(name):
    assert translit.package_version(name) == version(name)


def test_a_missing_distribution_has_no_version():
    assert translit.package_version("no-such-distribution-zhen") == "?"


def test_the_first_folder_on_the_path_wins_and_odd_names_are_skipped(tmp_path, monkeypatch):
    first, second = tmp_path / "a", tmp_path / "b"
    for folder, names in (
        (first, ["Demo_Pkg-1.0.dist-info", "odd-name-2.0.dist-info", "notes.txt"]),
        (second, ["demo_pkg-9.9.dist-info", "other-3.1.dist-info"]),
    ):
        for n in names:
            (folder / n).mkdir(parents=True)
    monkeypatch.setattr("sys.path", [str(tmp_path / "missing"), str(first), str(second)])
    translit._dist_info_versions.cache_clear()
    try:
        found = translit._dist_info_versions()
    finally:
        translit._dist_info_versions.cache_clear()
    assert found["demo_pkg"] == "1.0"  # a -/_ and case-insensitive name; the first folder's
    assert found["other"] == "3.1"
    assert "odd" not in found and "odd_name" not in found  # "odd-name-2.0": no version to trust
