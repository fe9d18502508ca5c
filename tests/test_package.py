"""The package's public names: each loads on first use from the module that defines it, and type
checkers see exactly those names (a name the package does not export is an error to them, not
an ``object``)."""

from __future__ import annotations

import importlib
import os
import subprocess
from pathlib import Path

import pytest

import zhen_tools
from tests.conftest import ROOT, dev_tool


@pytest.mark.parametrize("name", sorted(set(zhen_tools.__all__) - {"__version__"}))
def test_each_public_name_is_the_object_its_module_defines(name: str) -> None:
    value = getattr(zhen_tools, name)
    assert getattr(importlib.import_module(value.__module__), name) is value


def test_a_name_the_package_does_not_export_is_an_import_error() -> None:
    with pytest.raises(ImportError, match="segment"):
        from zhen_tools import segment  # noqa: F401  (the module is zhen_tools.text.segment)


def test_type_checkers_see_the_public_names_and_no_others(tmp_path: Path) -> None:
    mypy = dev_tool("mypy")
    user = tmp_path / "user.py"
    names = ", ".join(sorted(zhen_tools.__all__))
    user.write_text(
        f"from zhen_tools import {names}\nfrom zhen_tools import segment\nreveal_type(tokenize)\n",
        encoding="utf-8",
    )
    # The tree itself on the search path: an editable install's import hook is not one mypy reads.
    env = {**os.environ, "MYPYPATH": str(ROOT)}
    proc = subprocess.run(
        [
            mypy,
            "--no-error-summary",
            "--cache-dir",
            str(tmp_path / "cache"),
            "--follow-imports",
            "silent",
            user.name,
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=600,
        check=False,
    )
    lines = proc.stdout.splitlines()
    assert [line for line in lines if ": error:" in line] == [
        'user.py:2: error: Module "zhen_tools" has no attribute "segment"  [attr-defined]'
    ], proc.stdout + proc.stderr
    assert 'user.py:3: note: Revealed type is "def (text: str, ' in proc.stdout, proc.stdout
