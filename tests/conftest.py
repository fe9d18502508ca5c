"""Shared test helpers: the seed documents and running the installed ``zhen`` as a subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
GLOSSARIES = ROOT / "glossaries"

# Derived-data cache (zhen_tools.text.cache) of this test session, shared with the CLI subprocesses,
# so tests neither read a stale user cache nor write into the user's home.
os.environ.setdefault("ZHEN_CACHE_DIR", tempfile.mkdtemp(prefix="zhen-cache-"))


def seed(prefix: str) -> Path:
    """The seed file whose name starts with ``prefix`` ("000" ... "004")."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


def seed_text(prefix: str) -> str:
    return seed(prefix).read_text(encoding="utf-8")


def zhen_exe() -> str:
    """The installed console script beside this interpreter (what a user runs)."""
    exe = Path(sys.executable).parent / "zhen"
    return str(exe) if exe.exists() else "zhen"


def dev_tool(name: str) -> str:
    """A tool of the dev extra (ruff, mypy) beside this interpreter or on PATH; skips the test
    where it is not installed."""
    exe = Path(sys.executable).parent / name
    found = str(exe) if exe.exists() else shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (pip install '.[dev]')")
    return found


def run_zhen(
    *args: str,
    input: str | bytes | None = None,
    cwd: str | Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """Run ``zhen ARGS`` as a subprocess; stdout/stderr decoded as UTF-8 text."""
    data = input.encode("utf-8") if isinstance(input, str) else input
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    proc = subprocess.run(
        [zhen_exe(), *args], input=data, capture_output=True, cwd=cwd, env=full_env, timeout=timeout
    )
    return subprocess.CompletedProcess(
        proc.args,
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
    )


def zhen_to_a_gone_reader(*args: str, cwd: str | Path) -> tuple[int, bytes]:
    """``zhen ARGS`` with standard output a pipe whose reader went away before the first byte
    (what ``| head`` leaves once it has its lines): (exit status, stderr)."""
    read, write = os.pipe()
    os.close(read)
    try:
        proc = subprocess.run(
            [zhen_exe(), *args], stdout=write, stderr=subprocess.PIPE, cwd=cwd, timeout=120, check=False
        )
    finally:
        os.close(write)
    return proc.returncode, proc.stderr


@pytest.fixture
def zhen():
    return run_zhen
