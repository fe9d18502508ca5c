"""ruff (lint and format) and mypy pass on the package and its benchmarks, so CI's test command
checks them too (a benchmark is not run by CI: type checking is what catches one left behind by a
move, as ``bench_foundation`` importing ``zhen_tools.segment`` after it moved to ``text``)."""

from __future__ import annotations

import subprocess

from tests.conftest import ROOT, dev_tool


def _run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)


def test_ruff_lint_is_clean():
    proc = _run(dev_tool("ruff"), "check", "zhen_tools", "tests", "bench")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_format_is_clean():
    proc = _run(dev_tool("ruff"), "format", "--check", "zhen_tools", "tests", "bench")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_is_clean():
    proc = _run(dev_tool("mypy"))  # files and settings: [tool.mypy] in pyproject.toml
    assert proc.returncode == 0, proc.stdout + proc.stderr
