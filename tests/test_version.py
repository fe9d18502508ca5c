"""zhen_tools._version: installed versions and requirements, read from .dist-info folders as
importlib.metadata would give them, without importing it."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import requires, version

import pytest

from zhen_tools import _version


@pytest.mark.parametrize("name", ["pypinyin", "confusables", "jieba", "regex", "pytest"])
def test_versions_are_importlib_metadata_s(name):
    assert _version.package_version(name) == version(name)


def test_a_missing_distribution_has_no_version_and_no_requirements():
    assert _version.package_version("no-such-distribution-zhen") == "?"
    assert _version.package_requires("no-such-distribution-zhen") is None


@pytest.mark.parametrize("name", ["zhen-tools", "pytest", "jieba", "jsonschema"])
def test_requirements_are_importlib_metadata_s(name):
    assert _version.package_requires(name) == (requires(name) or [])


def _on_path(monkeypatch, *folders):
    monkeypatch.setattr("sys.path", [str(f) for f in folders])
    _version._dist_infos.cache_clear()
    _version.package_version.cache_clear()


@pytest.fixture
def fresh(monkeypatch):
    yield lambda *folders: _on_path(monkeypatch, *folders)
    monkeypatch.undo()
    _version._dist_infos.cache_clear()
    _version.package_version.cache_clear()


def test_the_first_folder_on_the_path_wins_and_odd_names_are_skipped(tmp_path, fresh):
    first, second = tmp_path / "a", tmp_path / "b"
    for folder, names in (
        (first, ["Demo_Pkg-1.0.dist-info", "odd-name-2.0.dist-info", "notes.txt"]),
        (second, ["demo_pkg-9.9.dist-info", "other-3.1.dist-info"]),
    ):
        for n in names:
            (folder / n).mkdir(parents=True)
    fresh(tmp_path / "missing", first, second)
    found = _version._dist_infos()
    assert found["demo_pkg"] == ("1.0", str(first / "Demo_Pkg-1.0.dist-info"))  # any case, - or _
    assert found["other"][0] == "3.1"
    assert "odd" not in found and "odd_name" not in found  # "odd-name-2.0": no version to trust
    assert _version.package_version("Demo-Pkg") == "1.0"


def test_requirements_are_the_headers_lines_folded_lines_joined_and_the_body_ignored(tmp_path, fresh):
    info = tmp_path / "demo-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\n"
        "Name: demo\n"
        "Requires-Dist: alpha>=1.0\n"
        "Summary: a summary that goes on\n"
        "  on a folded line\n"
        "requires-dist: beta; extra == 'dev'\n"
        "Requires-Dist: gamma (>=2.0,\n"
        "        <3.0)\n"
        "\n"
        "Requires-Dist: not-a-header, this is the description\n",
        encoding="utf-8",
    )
    fresh(tmp_path)
    assert _version.package_requires("demo") == ["alpha>=1.0", "beta; extra == 'dev'", "gamma (>=2.0, <3.0)"]
    assert _version.package_requires("other") is None


def test_a_dist_info_without_metadata_has_no_requirements_to_read(tmp_path, fresh):
    (tmp_path / "bare-2.0.dist-info").mkdir()
    fresh(tmp_path)
    assert _version.package_version("bare") == "2.0"
    assert _version.package_requires("bare") is None


def test_a_report_signature_reads_no_importlib_metadata():
    code = (
        "import sys; from zhen_tools.report.signature import signature; s = signature(); "
        "print('importlib.metadata' in sys.modules, s['dependencies']['jieba'])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", version("jieba")]
